// The other wrappers of issue 9 item 3, which the decoders before the base64 one already undo: a SAS
// URL percent-encoded (once or twice) inside another URL's parameter, a signature printed raw with
// its `+`, `/` and `=`, lower-case percent hex, and JSON inside a JSON string (with `\"` and
// `\\u0026`). Each is found with the rule, grade and fingerprint of the plain URL, and its secret
// range covers the signature as written. Fabricated signatures only (fabricate.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scanText, type Finding } from '../../../server/src/core';
import { fakeSignatureWithSymbols } from '../../support/fakeSecrets';
import { NOW } from '../../support/clock';

const SIG = fakeSignatureWithSymbols(7);
const URL_TEXT = `https://acct.blob.core.windows.net/c?sv=2022-11-02&ss=b&srt=sco&sp=rwdl&se=2030-01-01T00:00:00Z&sig=${encodeURIComponent(SIG)}`;
const lowerHex = (text: string): string => text.replace(/%([0-9A-F]{2})/g, (_, hex: string) => `%${hex.toLowerCase()}`);
const only = (text: string): Finding => {
  const { findings } = scanText(text, { now: NOW });
  assert.equal(findings.length, 1, text);
  return findings[0]!;
};
const PLAIN = only(URL_TEXT);

const CASES: ReadonlyArray<readonly [name: string, text: string, signatureAsWritten: string]> = [
  [
    'percent-encoded once in a redirect parameter',
    `https://example.org/redirect?target=${encodeURIComponent(URL_TEXT)}`,
    encodeURIComponent(encodeURIComponent(SIG)),
  ],
  [
    'percent-encoded twice in a redirect parameter',
    `https://example.org/r?target=${encodeURIComponent(encodeURIComponent(URL_TEXT))}`,
    encodeURIComponent(encodeURIComponent(encodeURIComponent(SIG))),
  ],
  ['a raw base64 signature with + / =', URL_TEXT.replace(encodeURIComponent(SIG), SIG), SIG],
  ['lower-case percent hex', lowerHex(URL_TEXT), lowerHex(encodeURIComponent(SIG))],
  [
    'lower-case hex, percent-encoded in a parameter',
    `https://example.org/r?t=${lowerHex(encodeURIComponent(URL_TEXT))}`,
    lowerHex(encodeURIComponent(encodeURIComponent(SIG))),
  ],
  ['JSON inside a JSON string', JSON.stringify({ payload: JSON.stringify({ url: URL_TEXT }) }), encodeURIComponent(SIG)],
  [
    'JSON inside a JSON string, with \\\\u0026 separators',
    JSON.stringify({ payload: JSON.stringify({ url: URL_TEXT }).replace(/&/g, '\\u0026') }),
    encodeURIComponent(SIG),
  ],
];

describe('nested encodings of a SAS URL', () => {
  for (const [name, text, written] of CASES) {
    it(`${name}: the same rule, grade and fingerprint as the plain URL`, () => {
      const found = only(text);
      assert.equal(found.ruleId, PLAIN.ruleId);
      assert.equal(found.grade, PLAIN.grade);
      assert.equal(found.fingerprint, PLAIN.fingerprint);
      assert.equal(text.slice(found.secretRange.start, found.secretRange.end), written);
    });
  }
});
