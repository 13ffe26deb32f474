// Every fix on every token of the real-world corpus (test/fixtures/corpus/realworld.jsonl, fabricated
// secret bytes): edits in bounds and non-overlapping, the token gone after strip and env reference,
// no secret in any title.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scanText } from '../../../server/src/core';
import { applyEdits, editsOverlap, envReferenceFix, stripSignatureFix, suppressionFix } from '../../../server/src/core/fixes';
import { readCorpusRows } from '../../support/corpus';

const LANGUAGE_IDS: Readonly<Record<string, string>> = {
  md: 'markdown',
  py: 'python',
  js: 'javascript',
  ts: 'typescript',
  cs: 'csharp',
  java: 'java',
  go: 'go',
  sh: 'shellscript',
  ps1: 'powershell',
  yml: 'yaml',
  json: 'json',
  tf: 'terraform',
  php: 'php',
  xml: 'xml',
  html: 'html',
  bicep: 'bicep',
  Dockerfile: 'dockerfile',
  env: 'dotenv',
  ipynb: 'json',
};

const rows = readCorpusRows();

describe('fixes on the real-world corpus', () => {
  const NOW = new Date('2025-06-01T00:00:00Z');
  let total = 0;
  for (const row of rows) {
    const languageId = LANGUAGE_IDS[row.filetype] ?? 'plaintext';
    const fileName = row.path ?? `file.${row.filetype}`;
    const text = `${row.text}\n`;
    const options = { now: NOW, languageId, fileName };
    const findings = scanText(text, options).findings;
    if (findings.length === 0) continue;
    it(`${row.id} (${row.filetype}, ${findings.length} finding${findings.length > 1 ? 's' : ''})`, () => {
      for (const f of findings) {
        total++;
        const secret = text.slice(f.secretRange.start, f.secretRange.end);
        const count = (t: string): number => scanText(t, options).findings.filter((x) => x.fingerprint === f.fingerprint).length;
        const before = count(text);
        const strip = stripSignatureFix(text, f);
        assert.equal(editsOverlap(strip), false);
        assert.equal(count(applyEdits(text, strip)), before - 1, 'strip left the token');
        const env = envReferenceFix(text, f, { languageId, fileName });
        assert.equal(editsOverlap(env.edits), false);
        for (const e of env.edits) assert.ok(e.start >= 0 && e.end <= text.length && e.start <= e.end);
        assert.ok(!env.title.includes(secret), 'secret in the title');
        let decoded = secret;
        try {
          decoded = decodeURIComponent(secret);
        } catch {
          // not percent-encoded
        }
        assert.ok(!env.title.includes(decoded), 'secret in the title');
        assert.equal(count(applyEdits(text, env.edits)), before - 1, 'env reference left the token');
        const sup = suppressionFix(text, f, languageId, fileName);
        if (sup) {
          assert.equal(count(applyEdits(text, [sup])), before - 1, 'still reported after the suppression comment');
        }
      }
    });
  }
  it('the corpus gave findings to fix', () => assert.ok(total > 30, `only ${total} findings`));
});
