import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'node:test';
import { SECURITY_SEVERITY } from '../../../server/src/core/findings/grades';
import { RULES } from '../../../server/src/core/findings/rules';
import type { Finding, RuleId } from '../../../server/src/core/findings/types';
import {
  buildJsonReport,
  buildSarifLog,
  FINGERPRINT_KEY,
  formatText,
  LineIndex,
  summarize,
  type ReportedFinding,
  type ScanReport,
} from '../../../server/src/report';
import { textFromPieces } from '../../support/textFromPieces';
import { fakeFinding } from './fakeFindings';
import { sarifSchemaErrors } from './sarifSchema';

function reported(path: string, line: number, column: number, overrides: Parameters<typeof fakeFinding>[0] = {}): ReportedFinding {
  return { path, absolutePath: `/repo/${path}`, finding: fakeFinding(overrides), start: { line, column }, end: { line, column: column + 10 } };
}

function sampleReport(overrides: Partial<ScanReport> = {}): ScanReport {
  return {
    tool: { name: 'sas-guard', version: '0.1.0' },
    cwd: '/repo',
    roots: ['.'],
    findings: [
      reported('src/app.ts', 3, 15),
      reported('src/app.ts', 9, 1, { grade: 'medium', ruleId: 'policy-sas', message: 'Policy SAS (medium)', fingerprint: 'aa' }),
      reported('docs/read me.md', 1, 2, {
        grade: 'info',
        ruleId: 'unknown-sas',
        message: 'Expired SAS (info)',
        details: { ...fakeFinding().details, expired: true } as Finding['details'],
      }),
    ],
    suppressed: [reported('test/fixture.ts', 4, 7, { grade: 'high', ruleId: 'service-sas', fingerprint: 'bb' })],
    skipped: [
      { path: 'logo.png', absolutePath: '/repo/logo.png', reason: 'binary' },
      { path: 'dist/app.js', absolutePath: '/repo/dist/app.js', reason: 'too-large', detail: '3 MiB > limit 1 MiB' },
      { path: '../outside/x', absolutePath: '/outside/x', reason: 'unreadable', detail: 'permission denied (EACCES)' },
    ],
    filesScanned: 12,
    filesWithInvalidUtf8: 1,
    durationMs: 42,
    failOn: 'high',
    ...overrides,
  };
}

describe('report: LineIndex', () => {
  it('maps offsets to 1-based lines and UTF-16 columns across LF, CRLF and lone CR', () => {
    const text = 'ab\ncd\r\nef\rgh';
    const index = new LineIndex(text);
    assert.equal(index.lineCount, 4);
    assert.deepEqual(index.position(0), { line: 1, column: 1 });
    assert.deepEqual(index.position(2), { line: 1, column: 3 }, 'the LF belongs to line 1');
    assert.deepEqual(index.position(3), { line: 2, column: 1 });
    assert.deepEqual(index.position(5), { line: 2, column: 3 }, 'CR of CRLF');
    assert.deepEqual(index.position(7), { line: 3, column: 1 });
    assert.deepEqual(index.position(10), { line: 4, column: 1 });
    assert.deepEqual(index.position(12), { line: 4, column: 3 }, 'end of text');
    assert.deepEqual(index.position(99), { line: 4, column: 3 }, 'clamped');
  });

  it('gives the positions a character-by-character count gives, for any text and offsets asked in any order', () => {
    const reference = (text: string, offset: number): { line: number; column: number } => {
      const clamped = Math.max(0, Math.min(offset, text.length));
      let line = 1;
      let lineStart = 0;
      for (let i = 0; i < clamped; i++) {
        const c = text[i];
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) {
          line++;
          lineStart = i + 1;
        }
      }
      return { line, column: clamped - lineStart + 1 };
    };
    fc.assert(
      fc.property(
        textFromPieces(['a', 'b', '\n', '\r', '\r\n', '😀'], 60),
        fc.array(fc.integer({ min: -2, max: 130 }), { minLength: 1, maxLength: 12 }),
        (text, offsets) => {
          const index = new LineIndex(text);
          for (const offset of offsets) assert.deepEqual(index.position(offset), reference(text, offset), `${JSON.stringify(text)} @ ${offset}`);
          const breaks = text.match(/\r\n|\r|\n/g)?.length ?? 0;
          assert.equal(index.lineCount, breaks + 1);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('counts astral characters as two UTF-16 units', () => {
    const index = new LineIndex('😀x');
    assert.deepEqual(index.position(2), { line: 1, column: 3 });
  });
});

describe('report: text', () => {
  it('prints one line a finding, then the summary', () => {
    const text = formatText(sampleReport());
    const lines = text.split('\n');
    assert.equal(lines[0], 'src/app.ts:3:15: error account-sas Account SAS: read, write, delete on blob, file until 2099-01-01 (critical)');
    // Under each finding that still works, the commands that revoke it; none for an expired token.
    assert.equal(lines[1], '  revoke: az storage account keys renew --resource-group <resource-group> --account-name <account> --key primary');
    assert.equal(lines[2], '  revoke: az storage account keys renew --resource-group <resource-group> --account-name <account> --key secondary');
    assert.equal(lines[3], 'src/app.ts:9:1: warning policy-sas Policy SAS (medium)');
    assert.equal(lines[4], '  revoke: az storage container policy delete --container-name <container> --name <policy-id> --account-name <account>');
    assert.equal(lines[5], 'docs/read me.md:1:2: info unknown-sas Expired SAS (info)');
    assert.equal(lines[6], '');
    assert.match(text, /3 findings in 2 files \(1 critical, 1 medium, 1 info\), 2 distinct secrets\./);
    assert.match(text, /1 finding suppressed/);
    assert.match(text, /Scanned 12 files in 42 ms\./);
    assert.match(text, /Skipped 3 files:\n {2}binary: 1 — logo\.png\n {2}too-large: 1 — dist\/app\.js \(3 MiB > limit 1 MiB\)/);
    assert.match(text, /1 finding at or above --fail-on high\./);
    // eslint-disable-next-line no-control-regex -- ESC starts an ANSI colour code
    assert.doesNotMatch(text, /\u001b\[/, 'no colour unless asked');
  });

  it('points back to the first finding whose revoke commands are the same, and names the account and service', () => {
    const sas = (account: string) => ({ details: { ...fakeFinding().details, account } as Finding['details'] });
    const sb = fakeFinding({
      ruleId: 'servicebus-key',
      message: 'Service Bus key (critical)',
      details: {
        type: 'key',
        keyKind: 'servicebus-key',
        endpoint: 'ns1.servicebus.windows.net',
        keyName: 'RootManageSharedAccessKey',
        identifiable: false,
        emulator: false,
      },
    });
    const report = sampleReport({
      findings: [
        reported('a.ts', 1, 1, sas('acct1')),
        reported('b.ts', 2, 1, sas('acct1')),
        reported('c.ts', 3, 1, sas('acct2')),
        { ...reported('d.cs', 4, 1), finding: sb },
      ],
    });
    const lines = formatText(report).split('\n');
    assert.deepEqual(lines.slice(0, 16), [
      'a.ts:1:1: error account-sas Account SAS: read, write, delete on blob, file until 2099-01-01 (critical)',
      '  revoke: az storage account keys renew --resource-group <resource-group> --account-name acct1 --key primary',
      '  revoke: az storage account keys renew --resource-group <resource-group> --account-name acct1 --key secondary',
      'b.ts:2:1: error account-sas Account SAS: read, write, delete on blob, file until 2099-01-01 (critical)',
      '  revoke: as for a.ts:1:1',
      'c.ts:3:1: error account-sas Account SAS: read, write, delete on blob, file until 2099-01-01 (critical)',
      '  revoke: az storage account keys renew --resource-group <resource-group> --account-name acct2 --key primary',
      '  revoke: az storage account keys renew --resource-group <resource-group> --account-name acct2 --key secondary',
      'd.cs:4:1: error servicebus-key Service Bus key (critical)',
      '  revoke: # if ns1 is a Service Bus namespace',
      '  revoke: az servicebus namespace authorization-rule keys renew --resource-group <resource-group> --namespace-name ns1 --name RootManageSharedAccessKey --key PrimaryKey',
      '  revoke: az servicebus namespace authorization-rule keys renew --resource-group <resource-group> --namespace-name ns1 --name RootManageSharedAccessKey --key SecondaryKey',
      '  revoke: # if ns1 is an Event Hubs namespace',
      '  revoke: az eventhubs namespace authorization-rule keys renew --resource-group <resource-group> --namespace-name ns1 --name RootManageSharedAccessKey --key PrimaryKey',
      '  revoke: az eventhubs namespace authorization-rule keys renew --resource-group <resource-group> --namespace-name ns1 --name RootManageSharedAccessKey --key SecondaryKey',
      '',
    ]);
  });

  it('says so when nothing was found, and colours only on request', () => {
    const empty = sampleReport({ findings: [], suppressed: [], skipped: [] });
    assert.match(formatText(empty), /^No findings\.\nScanned 12 files/);
    // eslint-disable-next-line no-control-regex -- ESC starts an ANSI colour code
    assert.match(formatText(sampleReport(), { color: true }), /\u001b\[31merror\u001b\[0m/);
  });
});

describe('report: summary', () => {
  it('counts grades, distinct secrets and skips by reason, and failing findings by threshold', () => {
    const summary = summarize(sampleReport());
    assert.deepEqual(summary.findingsByGrade, { critical: 1, high: 0, medium: 1, low: 0, info: 1 });
    assert.equal(summary.distinctSecrets, 2);
    assert.equal(summary.filesWithFindings, 2);
    assert.deepEqual(summary.skippedByReason, { binary: 1, 'too-large': 1, unreadable: 1 });
    assert.equal(summary.failing, 1);
    assert.equal(summarize(sampleReport({ failOn: 'info' })).failing, 3);
    assert.equal(summarize(sampleReport({ failOn: 'none' })).failing, 0);
  });
});

describe('report: JSON', () => {
  it('has the documented stable shape', () => {
    const json = buildJsonReport(sampleReport());
    assert.equal(json.version, 1);
    assert.deepEqual(json.tool, { name: 'sas-guard', version: '0.1.0' });
    assert.deepEqual(Object.keys(json), ['version', 'tool', 'findings', 'suppressed', 'skipped', 'errors', 'summary']);
    const first = json.findings[0]!;
    assert.deepEqual(
      {
        path: first.path,
        line: first.line,
        column: first.column,
        endLine: first.endLine,
        endColumn: first.endColumn,
        rule: first.rule,
        grade: first.grade,
        level: first.level,
      },
      { path: 'src/app.ts', line: 3, column: 15, endLine: 3, endColumn: 25, rule: 'account-sas', grade: 'critical', level: 'error' },
    );
    assert.equal(first.redactedSecret, 'AbCd…');
    assert.deepEqual(first.revoke?.commands, [
      'az storage account keys renew --resource-group <resource-group> --account-name <account> --key primary',
      'az storage account keys renew --resource-group <resource-group> --account-name <account> --key secondary',
    ]);
    assert.equal(json.findings[2]!.revoke, undefined, 'an expired token needs no revoking');
    assert.equal(json.suppressed.length, 1);
    assert.deepEqual(json.skipped[1], { path: 'dist/app.js', reason: 'too-large', detail: '3 MiB > limit 1 MiB' });
    assert.equal(json.summary.failOn, 'high');
    assert.equal(json.summary.findings, 3);
  });
});

describe('report: SARIF', () => {
  const log = buildSarifLog(sampleReport());
  const run = log.runs[0]!;

  it('validates against the SARIF 2.1.0 schema', () => {
    assert.deepEqual(sarifSchemaErrors(JSON.parse(JSON.stringify(log))), []);
  });

  it('describes every rule with what code scanning reads', () => {
    const rules = run.tool.driver.rules!;
    assert.deepEqual(
      rules.map((r) => r.id),
      Object.keys(RULES),
    );
    for (const rule of rules) {
      const info = RULES[rule.id as RuleId];
      assert.equal(rule.shortDescription?.text, info.title);
      assert.equal(rule.fullDescription?.text, info.description);
      assert.ok(rule.help?.text && rule.help.markdown?.includes(info.fix));
      // Code scanning shows the rule help: it names the revoke command, placeholders for the names.
      assert.match(rule.help.markdown ?? '', /\*\*How to revoke:\*\* [^\n]+\n\n```sh\n(# [^\n]+\n)?az /, rule.id);
      assert.match(rule.help.text, /\nHow to revoke: .*\n(# .*\n)?az /, rule.id);
      assert.match(rule.help.markdown ?? '', /docs\/revoking\.md#[a-z-]+\)/);
      assert.equal(rule.helpUri, `https://github.com/sas-guard/sas-guard/blob/main/README.md#${rule.id}`);
      assert.ok(rule.properties?.['tags']?.includes('security'));
      assert.ok(['very-high', 'high', 'medium', 'low'].includes(rule.properties?.['precision']));
      assert.ok(Object.values(SECURITY_SEVERITY).includes(rule.properties?.['security-severity']));
      assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration!.level!));
    }
    assert.equal(run.tool.driver.name, 'SAS Guard');
    assert.equal(run.tool.driver.semanticVersion, '0.1.0');
  });

  it('gives each result that still works its own revoke commands; none for an expired one', () => {
    const [first, second, third] = run.results!;
    assert.deepEqual(first!.properties?.['revoke'], {
      action: 'Renew both keys of storage account <account>: the token was signed with one of them and does not say which',
      commands: [
        'az storage account keys renew --resource-group <resource-group> --account-name <account> --key primary',
        'az storage account keys renew --resource-group <resource-group> --account-name <account> --key secondary',
      ],
      docs: 'https://github.com/sas-guard/sas-guard/blob/main/docs/revoking.md#account-sas-and-service-sas',
    });
    assert.deepEqual((second!.properties?.['revoke'] as { commands: string[] }).commands, [
      'az storage container policy delete --container-name <container> --name <policy-id> --account-name <account>',
    ]);
    assert.equal(third!.properties?.['revoke'], undefined);
    const policyRule = run.tool.driver.rules!.find((r) => r.id === 'policy-sas')!;
    assert.ok(
      policyRule.help!.markdown!.includes(
        '```sh\naz storage container policy delete --container-name <container> --name <policy-id> --account-name <account>\n```',
      ),
    );
  });

  it('locates results relative to %SRCROOT% with ruleIndex, level, fingerprints and per-result severity', () => {
    const [first, second, third] = run.results!;
    assert.equal(first!.ruleId, 'account-sas');
    assert.equal(run.tool.driver.rules![first!.ruleIndex!]!.id, 'account-sas');
    assert.equal(first!.level, 'error');
    assert.equal(second!.level, 'warning');
    assert.equal(third!.level, 'note');
    assert.deepEqual(first!.locations![0]!.physicalLocation, {
      artifactLocation: { uri: 'src/app.ts', uriBaseId: '%SRCROOT%' },
      region: { startLine: 3, startColumn: 15, endLine: 3, endColumn: 25 },
    });
    assert.equal(third!.locations![0]!.physicalLocation!.artifactLocation!.uri, 'docs/read%20me.md');
    assert.deepEqual(first!.partialFingerprints, { [FINGERPRINT_KEY]: '0f1e2d3c4b5a69788796a5b4c3d2e1f0' });
    assert.equal(first!.properties!['security-severity'], '9.5');
    assert.equal(second!.properties!['grade'], 'medium');
    assert.equal(run.originalUriBaseIds!['%SRCROOT%']!.uri, 'file:///repo/');
    assert.equal(run.columnKind, 'utf16CodeUnits');
  });

  it('keeps suppressed findings as results with an inSource suppression', () => {
    const suppressed = run.results!.filter((r) => r.suppressions);
    assert.equal(suppressed.length, 1);
    assert.equal(suppressed[0]!.suppressions![0]!.kind, 'inSource');
    assert.equal(run.results!.length, 4);
  });

  it('reports skipped files as tool execution notifications', () => {
    const invocation = run.invocations![0]!;
    assert.equal(invocation.executionSuccessful, true);
    const notes = invocation.toolExecutionNotifications!;
    assert.deepEqual(
      notes.map((n) => n.level),
      ['note', 'warning', 'warning'],
    );
    assert.match(notes[1]!.message.text!, /dist\/app\.js \(3 MiB > limit 1 MiB\)/);
    assert.equal(notes[2]!.locations![0]!.physicalLocation!.artifactLocation!.uri, 'file:///outside/x');
  });

  it('an empty scan is a valid log too', () => {
    const empty = buildSarifLog(sampleReport({ findings: [], suppressed: [], skipped: [] }));
    assert.deepEqual(sarifSchemaErrors(JSON.parse(JSON.stringify(empty))), []);
    assert.deepEqual(empty.runs[0]!.results, []);
  });

  it('marks the run unsuccessful and notes each internal error', () => {
    const failed = buildSarifLog(sampleReport({ errors: [{ path: 'src/odd.ts', absolutePath: '/repo/src/odd.ts', message: 'engine bug' }] }));
    assert.deepEqual(sarifSchemaErrors(JSON.parse(JSON.stringify(failed))), []);
    const invocation = failed.runs[0]!.invocations![0]!;
    assert.equal(invocation.executionSuccessful, false);
    const last = invocation.toolExecutionNotifications!.at(-1)!;
    assert.equal(last.level, 'error');
    assert.equal(last.descriptor!.id, 'internal-error');
    assert.equal(failed.runs[0]!.tool.driver.notifications![last.descriptor!.index!]!.id, 'internal-error');
    assert.match(
      formatText(sampleReport({ errors: [{ path: 'src/odd.ts', message: 'engine bug' }] })),
      /Internal error while scanning src\/odd\.ts: engine bug/,
    );
  });

  it('the schema check catches a broken log', () => {
    assert.notDeepEqual(sarifSchemaErrors({ version: '2.1.0', runs: [{ tool: {} }] }), []);
  });
});
