// sas-guard-ignore on the finding's line, sas-guard-ignore-next-line on the line before, in any
// comment syntax. Suppressed findings are counted, not dropped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanText } from '../../../server/src/core';
import { NOW } from '../../support/clock';
import { fakeSignature, percentEncode } from '../../support/fakeSecrets';

const TOKEN = `https://contosodata.blob.core.windows.net/c?sv=2022-11-02&sr=c&sp=rl&se=2027-01-01&sig=${percentEncode(fakeSignature(81))}`;

test('same-line marker in every comment syntax', () => {
  for (const comment of [
    '// sas-guard-ignore',
    '# sas-guard-ignore',
    '-- sas-guard-ignore',
    '/* sas-guard-ignore */',
    '<!-- sas-guard-ignore -->',
    '; sas-guard-ignore',
    "' sas-guard-ignore",
    '% sas-guard-ignore',
  ]) {
    const text = `url = "${TOKEN}" ${comment}\nother = 1\n`;
    const result = scanText(text, { now: NOW });
    assert.equal(result.findings.length, 0, comment);
    assert.equal(result.suppressed.length, 1, comment);
  }
  const rem = scanText(`REM sas-guard-ignore\r\nset U=${TOKEN}\r\n`, { now: NOW });
  assert.equal(rem.findings.length, 1, 'a same-line marker does not reach the next line');
  const remSame = scanText(`set U=${TOKEN} & REM sas-guard-ignore\r\n`, { now: NOW });
  assert.equal(remSame.suppressed.length, 1);
});

test('next-line marker silences only the next line', () => {
  const text = `# sas-guard-ignore-next-line\nA=${TOKEN}\nB=${TOKEN.replace('sr=c', 'sr=b')}\n`;
  const result = scanText(text, { now: NOW });
  assert.equal(result.suppressed.length, 1);
  assert.equal(result.findings.length, 1);
  assert.ok(result.findings[0]!.range.start > text.indexOf('B='));
});

test('a next-line marker does not silence its own line', () => {
  const text = `A=${TOKEN} // sas-guard-ignore-next-line\n`;
  const result = scanText(text, { now: NOW });
  assert.equal(result.findings.length, 1);
  assert.equal(result.suppressed.length, 0);
});

test('CRLF and lone CR line breaks', () => {
  const crlf = `<!-- sas-guard-ignore-next-line -->\r\n${TOKEN}\r\n${TOKEN}\r\n`;
  const r1 = scanText(crlf, { now: NOW });
  assert.equal(r1.suppressed.length, 1);
  assert.equal(r1.findings.length, 1);
  const cr = `' sas-guard-ignore-next-line\r${TOKEN}\r${TOKEN}\r`;
  const r2 = scanText(cr, { now: NOW });
  assert.equal(r2.suppressed.length, 1);
  assert.equal(r2.findings.length, 1);
});

test('without markers nothing is suppressed', () => {
  const result = scanText(`${TOKEN}\n${TOKEN}`, { now: NOW });
  assert.equal(result.suppressed.length, 0);
  assert.equal(result.findings.length, 2);
  assert.equal(result.findings[0]!.fingerprint, result.findings[1]!.fingerprint);
});
