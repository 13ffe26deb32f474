// "Replace with environment reference", per language: exact output, the language's own parser on the
// result (where this machine has one), and for JS/TS/Python/bash the fixed program run with the
// variable set prints what the original printed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scanText } from '../../../server/src/core';
import { applyEdits, editsOverlap, envReferenceFix } from '../../../server/src/core/fixes';
import { ENV_CASES } from './envReferenceCases';
import { KEY, SB_KEY, SIG, SIG_ENC, sasFinding } from './helpers';
import { parse, runProgram } from './parsers';

const SECRETS = [SIG, SIG_ENC, KEY, SB_KEY];

describe('envReferenceFix per language', () => {
  for (const c of ENV_CASES) {
    it(c.name, () => {
      const finding = c.finding(c.text);
      const fix = envReferenceFix(c.text, finding, {
        languageId: c.languageId,
        fileName: c.fileName,
        ...(c.setting ? { variableName: c.setting } : {}),
      });
      assert.equal(editsOverlap(fix.edits), false, 'edits overlap');
      const out = applyEdits(c.text, fix.edits);
      assert.equal(out, c.expected);
      assert.equal(fix.variableName, c.variableName);
      for (const secret of SECRETS) assert.ok(!fix.title.includes(secret), 'secret in title');
      const secret = c.text.slice(finding.secretRange.start, finding.secretRange.end);
      assert.equal(out.split(secret).length, c.text.split(secret).length - 1, 'the secret is still in the file');
      assert.ok(fix.secretValue.length > 0);
      assert.ok(!/&amp;|\\u0026|\^&/.test(fix.secretValue), 'secretValue keeps its encoding');
      if (c.hasReferenceSyntax !== undefined) assert.equal(fix.hasReferenceSyntax, c.hasReferenceSyntax);
      for (const part of c.titleIncludes ?? []) assert.ok(fix.title.includes(part), `title "${fix.title}" lacks "${part}"`);
      if (c.parser) {
        const before = parse(c.parser, c.text);
        assert.ok(before.ok, `the case's own input does not parse:\n${before.output}`);
        const after = parse(c.parser, out);
        assert.ok(after.ok, `fixed ${c.parser} does not parse:\n${after.output}\n---\n${out}`);
      }
      if (c.run) {
        const original = runProgram(c.run, c.text);
        const fixed = runProgram(c.run, out, { [fix.variableName]: fix.secretValue });
        assert.equal(fixed, original, 'the fixed program computes another value');
      }
    });
  }
});

describe('envReferenceFix details', () => {
  it('secretValue is the runtime value of the replaced part (encoding undone)', () => {
    const c = ENV_CASES.find((x) => x.name.startsWith('json: \\u0026'))!;
    const fix = envReferenceFix(c.text, c.finding(c.text), { languageId: 'json', fileName: 'appsettings.json' });
    assert.ok(fix.secretValue.startsWith('sv=2022-11-02&ss=b&'));
    assert.ok(fix.secretValue.endsWith(`&sig=${SIG_ENC}`));
  });

  it('.env files are not offered the move to .env; other files are', () => {
    const env = ENV_CASES.find((x) => x.fileName === '.env.production')!;
    assert.equal(envReferenceFix(env.text, env.finding(env.text), { fileName: env.fileName }).offerEnvFileMove, false);
    const js = ENV_CASES[0]!;
    assert.equal(envReferenceFix(js.text, js.finding(js.text), { languageId: 'javascript' }).offerEnvFileMove, true);
  });

  it('an invalid setting is turned into a valid environment name', () => {
    const js = ENV_CASES[0]!;
    const fix = envReferenceFix(js.text, js.finding(js.text), { languageId: 'javascript', variableName: 'my sas-token' });
    assert.equal(fix.variableName, 'MY_SAS_TOKEN');
  });

  it('CRLF files get CRLF import lines', () => {
    const text = `"""Doc."""\r\nimport sys\r\nurl = "https://contosodata.blob.core.windows.net/c?sv=2022-11-02&sp=r&sig=${SIG_ENC}"\r\n`;
    const fix = envReferenceFix(text, sasFinding(text, `https://contosodata.blob.core.windows.net/c?sv=2022-11-02&sp=r&sig=${SIG_ENC}`), {
      languageId: 'python',
    });
    const out = applyEdits(text, fix.edits);
    assert.ok(out.includes('import os\r\nimport sys\r\n'));
    assert.ok(!/[^\r]\n/.test(out), 'a bare LF was written');
    assert.ok(parse('python', out).ok);
  });
});

describe('envReferenceFix on the detector’s findings', () => {
  const NOW = new Date('2025-06-01T00:00:00Z');
  for (const c of ENV_CASES) {
    it(`${c.name}: same output, and a re-scan no longer reports the token`, () => {
      const options = { now: NOW, fileName: c.fileName, languageId: c.languageId };
      const mine = c.finding(c.text);
      const before = scanText(c.text, options).findings;
      const found = before.find((f) => f.secretRange.start === mine.secretRange.start);
      assert.ok(found, 'the detector does not report this token');
      const fix = envReferenceFix(c.text, found, { languageId: c.languageId, fileName: c.fileName, ...(c.setting ? { variableName: c.setting } : {}) });
      const out = applyEdits(c.text, fix.edits);
      assert.equal(out, c.expected);
      const count = (fs: readonly { fingerprint: string }[]): number => fs.filter((f) => f.fingerprint === found.fingerprint).length;
      assert.equal(count(scanText(out, options).findings), count(before) - 1);
    });
  }
});

describe('envReferenceFix on a stale finding', () => {
  it('ranges outside the text give no edits', () => {
    const c = ENV_CASES[0]!;
    const finding = c.finding(c.text);
    const short = c.text.slice(0, finding.range.start + 10);
    const fix = envReferenceFix(short, finding, { languageId: c.languageId });
    assert.deepEqual(fix.edits, []);
    assert.equal(fix.secretValue, '');
  });
});
