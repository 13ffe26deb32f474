// Generated string-literal contexts: after "Replace with environment reference" the file still parses
// (JS/TS with the TypeScript parser in process; Python with py_compile, in one batch).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import ts from 'typescript';
import { applyEdits, envReferenceFix } from '../../../server/src/core/fixes';
import { sasFinding } from './helpers';
import { signatureArbitrary } from '../../support/fakeSecrets';

const sig = signatureArbitrary.map(encodeURIComponent);
const urlPrefix = fc.constantFrom('', 'https://contosodata.blob.core.windows.net/c/b.txt?', 'https://{acct}.blob.core.windows.net/?', '?');
const tail = fc.constantFrom('', '&comp=list', '#frag', ' trailing text');
const context = fc.record({ sig, urlPrefix, tail, member: fc.boolean() });

function parseErrors(code: string, kind: ts.ScriptKind): string[] {
  const sf = ts.createSourceFile(kind === ts.ScriptKind.JS ? 'x.js' : 'x.ts', code, ts.ScriptTarget.Latest, true, kind);
  return ((sf as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('env reference output parses (generated contexts)', () => {
  for (const [languageId, kind] of [
    ['javascript', ts.ScriptKind.JS],
    ['typescript', ts.ScriptKind.TS],
  ] as const) {
    it(languageId, () => {
      fc.assert(
        fc.property(context, fc.constantFrom('"', "'", '`'), ({ sig: s, urlPrefix: p, tail: t, member }, q) => {
          const token = `${p}sv=2022-11-02&sp=r&sig=${s}`;
          const text = `const value = ${q}${token}${t}${q}${member ? '.trim()' : ''};\nexport {};\n`;
          const fix = envReferenceFix(text, sasFinding(text, token), { languageId });
          const out = applyEdits(text, fix.edits);
          assert.deepEqual(parseErrors(out, kind), [], out);
          assert.ok(!out.includes(s));
        }),
        { numRuns: 300 },
      );
    });
  }

  it('python (f-strings, raw strings, triple quotes, implicit concatenation)', () => {
    const outputs: string[] = [];
    fc.assert(
      fc.property(
        context,
        fc.constantFrom('"', "'", '"""', "'''"),
        fc.constantFrom('', 'r', 'f', 'u', 'rf', 'R'),
        fc.boolean(),
        ({ sig: s, urlPrefix: p, tail: t }, q, prefix, adjacent) => {
          const token = `${p}sv=2022-11-02&sp=r&sig=${s}`;
          const body = prefix.includes('f') ? token.replace('{acct}', '{acct!r}') : token;
          const lit = `${prefix}${q}${body}${t}${q}`;
          const text = `acct = "a"\nvalue = (${adjacent ? `"x" ${lit} "y"` : lit})\n`;
          const fix = envReferenceFix(text, sasFinding(text, prefix.includes('f') ? body.slice(0, body.indexOf(s) + s.length) : token), {
            languageId: 'python',
          });
          outputs.push(applyEdits(text, fix.edits));
        },
      ),
      { numRuns: 200 },
    );
    const dir = mkdtempSync(join(tmpdir(), 'sas-guard-py-'));
    try {
      const files = outputs.map((o, i) => {
        const f = join(dir, `m${i}.py`);
        writeFileSync(f, o);
        return f;
      });
      const r = spawnSync(
        'python3',
        [
          '-c',
          'import sys, py_compile\nbad = 0\nfor f in sys.argv[1:]:\n    try: py_compile.compile(f, doraise=True)\n    except py_compile.PyCompileError as e: bad += 1; print(open(f).read(), e)\nsys.exit(1 if bad else 0)',
          ...files,
        ],
        { encoding: 'utf8' },
      );
      if (r.error) throw new Error(`parser missing: python3 (${r.error.message})`);
      assert.equal(r.status, 0, r.stdout + r.stderr);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
