// Properties over generated files: every fix keeps every character outside its edits, edits never
// overlap and stay inside the text, titles never hold the secret, and after a strip or an env
// reference the detector no longer reports that token there.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { scanText } from '../../../server/src/core';
import { applyEdits, editsOverlap, envReferenceFix, fixAllStripSignatures, stripSignatureFix, suppressionFix } from '../../../server/src/core/fixes';
import type { FixEdit } from '../../../server/src/core/findings/types';
import { signatureArbitrary } from '../../support/fakeSecrets';

const NOW = new Date('2025-06-01T00:00:00Z');

const FILES: readonly [string, string][] = [
  ['javascript', 'a.js'],
  ['typescript', 'a.ts'],
  ['python', 'a.py'],
  ['csharp', 'a.cs'],
  ['java', 'A.java'],
  ['kotlin', 'a.kt'],
  ['go', 'a.go'],
  ['rust', 'a.rs'],
  ['ruby', 'a.rb'],
  ['php', 'a.php'],
  ['powershell', 'a.ps1'],
  ['shellscript', 'a.sh'],
  ['bat', 'a.cmd'],
  ['yaml', '.github/workflows/x.yml'],
  ['yaml', 'azure-pipelines.yml'],
  ['yaml', 'compose.yml'],
  ['plaintext', 'Dockerfile'],
  ['terraform', 'main.tf'],
  ['bicep', 'main.bicep'],
  ['plaintext', '.env'],
  ['json', 'a.json'],
  ['xml', 'web.config'],
  ['markdown', 'README.md'],
  ['plaintext', 'x.txt'],
];

const signature = signatureArbitrary;
const sasParams = fc.shuffledSubarray(['sv=2022-11-02', 'ss=b', 'srt=sco', 'sp=rl', 'se=2026-01-01T00:00:00Z', 'spr=https', 'st=2025-01-01'], { minLength: 0 });
const separator = fc.constantFrom('&', '&amp;', '\\u0026', '^&');
const quote = fc.constantFrom('"', "'", '`', '');
const filler = fc.stringMatching(/^[ a-zA-Z0-9_=:;,.(){}[\]+#$@!\n"'`-]{0,30}$/);

const token = fc
  .record({ sig: signature, params: sasParams, sep: separator, sigAt: fc.nat(), encode: fc.boolean(), host: fc.boolean(), tail: fc.boolean() })
  .map(({ sig, params, sep, sigAt, encode, host, tail }) => {
    const all = ['sv=2022-11-02', ...params.filter((p) => !p.startsWith('sv='))];
    all.splice(sigAt % (all.length + 1), 0, `sig=${encode ? encodeURIComponent(sig) : sig}`);
    const query = all.join(sep) + (tail ? `${sep}comp=list` : '');
    return { sig, text: host ? `https://contosodata.blob.core.windows.net/c/b.txt?${query}` : query };
  });

const file = fc.record({
  lang: fc.constantFrom(...FILES),
  before: filler,
  after: filler,
  q: quote,
  token,
  name: fc.constantFrom('url', 'blobSasUrl', 'AZURE_STORAGE_SAS_TOKEN', 'x', '"SasUri"'),
  assign: fc.constantFrom(' = ', ': ', '=', '('),
});

function checkEdits(text: string, edits: readonly FixEdit[]): string {
  for (const e of edits) assert.ok(e.start >= 0 && e.start <= e.end && e.end <= text.length, 'edit out of bounds');
  assert.equal(editsOverlap(edits), false, 'edits overlap');
  const out = applyEdits(text, edits);
  if (edits.length > 0) {
    const first = Math.min(...edits.map((e) => e.start));
    const last = Math.max(...edits.map((e) => e.end));
    assert.ok(out.startsWith(text.slice(0, first)), 'text before the edits changed');
    assert.ok(out.endsWith(text.slice(last)), 'text after the edits changed');
  }
  return out;
}

describe('fix properties', () => {
  it('every fix on every detected token: bounded, non-overlapping, outside bytes kept, secret gone, no secret in titles', () => {
    let detected = 0;
    let runs = 0;
    fc.assert(
      fc.property(file, ({ lang: [languageId, fileName], before, after, q, token: tok, name, assign }) => {
        const text = `${before}\n${name}${assign}${q}${tok.text}${q}${assign === '(' ? ')' : ''}\n${after}`;
        const options = { now: NOW, languageId, fileName };
        const findings = scanText(text, options).findings;
        runs++;
        if (findings.length > 0) detected++;
        const secrets = [tok.sig, encodeURIComponent(tok.sig)];
        for (const f of findings) {
          const count = (t: string): number => scanText(t, options).findings.filter((x) => x.fingerprint === f.fingerprint).length;
          const n = count(text);
          const strip = stripSignatureFix(text, f);
          for (const e of strip) assert.ok(e.start >= f.range.start && e.end <= f.range.end, 'strip edit outside the token');
          assert.equal(count(checkEdits(text, strip)), n - 1, 'still reported after strip');
          const env = envReferenceFix(text, f, { languageId, fileName });
          for (const s of secrets) assert.ok(!env.title.includes(s), 'secret in the title');
          assert.equal(count(checkEdits(text, env.edits)), n - 1, 'still reported after env reference');
          const sup = suppressionFix(text, f, languageId, fileName);
          if (sup) checkEdits(text, [sup]);
        }
        const all = fixAllStripSignatures(text, findings);
        const stripped = checkEdits(text, all);
        assert.equal(scanText(stripped, options).findings.length, 0, 'fix-all left a finding');
      }),
      { numRuns: 400 },
    );
    // The property means something only if the generated files hold tokens the detector reports.
    assert.ok(detected > runs / 2, `only ${detected} of ${runs} generated files had a finding`);
  });

  // Seed 1483448814 of the property above (CI, 2026-12-04): an unclosed `"` on the first line was
  // read as a module docstring closing at the URL's opening quote, so `import os` was placed at the
  // start of the third line, inside the literal the env fix replaces (the second line's literal and
  // the third line's `"="` joined).
  it('regression: the import never lands inside the replaced text', () => {
    const text = `"\nurl = "sig=AAAABAAAABAAAABAAAABAAAABAAhBwB/CAEouxDijQU=&sv=2022-11-02&comp=list"\n"="`;
    const options = { now: NOW, languageId: 'python', fileName: 'a.py' };
    const findings = scanText(text, options).findings;
    assert.equal(findings.length, 1);
    const env = envReferenceFix(text, findings[0]!, { languageId: 'python', fileName: 'a.py' });
    assert.ok(
      env.edits.some((e) => e.newText.includes('import os')),
      'no import added',
    );
    const out = checkEdits(text, env.edits);
    assert.equal(scanText(out, options).findings.length, 0);
    assert.ok(out.indexOf('import os') < out.indexOf('os.environ'), out);
  });

  it('hand-placed tokens in arbitrary text never make a fix throw or overlap', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FILES), fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), token, ([languageId, fileName], a, b, tok) => {
        const text = `${a}${tok.text}${b}`;
        const start = a.length;
        const m = /sig=/.exec(tok.text)!;
        let end = start + m.index + 4;
        while (end < start + tok.text.length && !/[&^\\]/.test(text[end]!)) end++;
        const finding = {
          ruleId: 'account-sas' as const,
          grade: 'high' as const,
          reasons: [],
          message: '',
          fingerprint: 'f',
          redactedSecret: '',
          range: { start, end: start + tok.text.length },
          secretRange: { start: start + m.index + 4, end },
          container: tok.text.startsWith('https') ? ('url' as const) : ('query' as const),
          encoding: 'plain' as const,
          details: {
            type: 'sas' as const,
            kind: 'account' as const,
            services: [],
            resourceTypes: [],
            permissions: [],
            expired: false,
            requestBound: false,
            emulator: false,
            parameters: {},
          },
        };
        checkEdits(text, stripSignatureFix(text, finding));
        checkEdits(text, envReferenceFix(text, finding, { languageId, fileName }).edits);
        const sup = suppressionFix(text, finding, languageId, fileName);
        if (sup) checkEdits(text, [sup]);
      }),
      { numRuns: 1000 },
    );
  });
});
