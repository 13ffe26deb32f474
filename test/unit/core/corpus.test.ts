// The labelled real-world corpus (test/fixtures/corpus/realworld.jsonl): every live credential is
// reported, nothing that is not a live secret is reported at warning or error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanText, gradeLevel, type Finding } from '../../../server/src/core';
import { NOW } from '../../support/clock';
import { readCorpusRows } from '../../support/corpus';

const rows = readCorpusRows();

const MUST_REPORT = new Set([
  'live-sas-url',
  'live-sas-query',
  'sas-connection-string',
  'account-key-connection-string',
  'user-delegation-sas',
  'servicebus-sas',
]);
const MUST_NOT_WARN = new Set([
  'sanitized/placeholder',
  'runtime-generated (no literal)',
  'other-cloud (not Azure)',
  'no-sig (not secret)',
  'azurite-dev (not secret)',
]);
const NOT_SCORED = new Set(['truncated (not scored)']);

/** Rows whose token is not on the first line: the Dockerfile RUN instruction continues onto line 2. */
const TOKEN_LINE: Record<string, number> = { 'rw-148': 1 };

/** Per-row expectations beyond "reported". */
const EXPECTED_RULES: Record<string, (findings: readonly Finding[], text: string) => void> = {
  'rw-001': (f) => assert.ok(f.some((x) => x.ruleId === 'account-sas')),
  'rw-003': (f) => assert.equal(f.filter((x) => x.ruleId === 'account-sas').length, 2, 'both URLs of the table row'),
  'rw-005': (f) => assert.ok(f.some((x) => x.ruleId === 'account-sas' && x.grade === 'critical')),
  'rw-006': (f) => assert.ok(f.some((x) => x.ruleId === 'storage-account-key')),
  'rw-037': (f) => assert.ok(f.some((x) => x.ruleId === 'user-delegation-sas')),
  'rw-060': (f) => assert.ok(f.some((x) => x.ruleId === 'account-sas' && x.container === 'connection-string' && x.encoding === 'json-unicode')),
  'rw-063': (f) => {
    const key = f.find((x) => x.ruleId === 'storage-account-key');
    assert.ok(key && key.details.type === 'key' && key.details.keyKind === 'cosmos-account-key', 'Cosmos key typed as Cosmos');
  },
  'rw-062': (f) => {
    const key = f.find((x) => x.ruleId === 'storage-account-key');
    assert.ok(key && key.details.type === 'key' && key.details.keyKind === 'storage-account-key' && key.details.identifiable);
  },
  'rw-080': (f, text) => {
    assert.equal(f.length, 1, 'only the real key in the comment, not the <YOUR_KEY_HERE> placeholder');
    assert.ok(text.slice(f[0]!.range.start, f[0]!.range.end).includes('rcdev1'));
  },
  'rw-101': (f) => assert.ok(f.some((x) => x.ruleId === 'service-sas' && x.grade === 'critical')),
  'rw-102': (f) => assert.ok(f.some((x) => x.ruleId === 'servicebus-sas')),
  'rw-110': (f) => assert.ok(f.some((x) => x.ruleId === 'policy-sas')),
  'rw-165': (f) => assert.ok(f.some((x) => x.ruleId === 'user-delegation-sas' && x.container === 'query')),
};

function lineOf(text: string, offset: number): number {
  let line = 0;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

test('corpus: every labelled row behaves as its label says', () => {
  assert.ok(rows.length >= 100, `corpus has ${rows.length} rows`);
  const dir = mkdtempSync(join(tmpdir(), 'sas-guard-corpus-'));
  const tally = new Map<string, { rows: number; reported: number; warnOrError: number; pass: number }>();
  const failures: string[] = [];
  try {
    for (const row of rows) {
      // Write the row to a file with its type's extension and scan what was read back, as the
      // CLI would (the engine only sees the text and the file name).
      const file = join(dir, `${row.id}.${row.filetype}`);
      writeFileSync(file, row.text, 'utf8');
      const text = readFileSync(file, 'utf8');
      const result = scanText(text, { now: NOW, fileName: file });
      const findings = result.findings;
      const warnOrError = findings.filter((f) => gradeLevel(f.grade) !== 'info');
      const entry = tally.get(row.label) ?? { rows: 0, reported: 0, warnOrError: 0, pass: 0 };
      tally.set(row.label, entry);
      entry.rows++;
      if (findings.length > 0) entry.reported++;
      if (warnOrError.length > 0) entry.warnOrError++;
      let ok = true;
      try {
        if (MUST_REPORT.has(row.label)) {
          assert.ok(findings.length > 0, 'not reported');
          const expectedLine = TOKEN_LINE[row.id] ?? 0;
          assert.ok(
            findings.some((f) => lineOf(text, f.secretRange.start) === expectedLine),
            `no finding on line ${expectedLine + 1}`,
          );
          EXPECTED_RULES[row.id]?.(findings, text);
        } else if (MUST_NOT_WARN.has(row.label)) {
          assert.equal(warnOrError.length, 0, `reported at ${warnOrError.map((f) => `${f.ruleId}/${f.grade}`).join(', ')}`);
        } else {
          assert.ok(NOT_SCORED.has(row.label), `unknown label ${row.label}`);
        }
      } catch (error) {
        ok = false;
        failures.push(`${row.id} (${row.label}): ${(error as Error).message}`);
      }
      if (ok) entry.pass++;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const lines = [...tally.entries()]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(
      ([label, t]) =>
        `  ${label.padEnd(32)} rows ${String(t.rows).padStart(3)}  reported ${String(t.reported).padStart(3)}  warning/error ${String(t.warnOrError).padStart(3)}  pass ${t.pass}/${t.rows}`,
    );
  console.log(`corpus tally (clock ${NOW.toISOString()}):\n${lines.join('\n')}`);
  assert.deepEqual(failures, []);
});
