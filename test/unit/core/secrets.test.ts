// The secret itself: where it is (secretRange), what identifies it (fingerprint of the decoded
// value, equal across encodings), and that nothing printable carries more than four characters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeAccountKey, fakeSignatureWithSymbols, percentEncode } from '../../support/fakeSecrets';
import { assertNoSecretLeak, scan, scanOne, slices } from './engineAssertions';

const SIG = fakeSignatureWithSymbols(91);

test('one signature in many encodings and containers has one fingerprint', () => {
  const q = (sig: string, amp = '&') => ['sv=2022-11-02', 'sr=c', 'sp=rl', 'se=2027-01-01', `sig=${sig}`].join(amp);
  const forms = [
    `https://contosodata.blob.core.windows.net/c?${q(SIG)}`,
    `https://contosodata.blob.core.windows.net/c?${q(percentEncode(SIG))}`,
    `https://contosodata.blob.core.windows.net/c?${q(percentEncode(SIG, true))}`,
    `<a href="https://contosodata.blob.core.windows.net/c?${q(percentEncode(SIG), '&amp;')}">`,
    `{"u": "https:\\/\\/contosodata.blob.core.windows.net\\/c?${q(SIG.replace(/\//g, '\\/'), '\\u0026')}"}`,
    `set SAS=${q(percentEncode(SIG), '^&')}`,
    `BlobEndpoint=https://contosodata.blob.core.windows.net/;SharedAccessSignature=${q(percentEncode(SIG))}`,
    `https://x.example/?r=${encodeURIComponent(`https://contosodata.blob.core.windows.net/c?${q(percentEncode(SIG))}`)}`,
  ];
  const fingerprints = new Set<string>();
  for (const text of forms) {
    const f = scanOne(text);
    fingerprints.add(f.fingerprint);
    assert.equal(f.redactedSecret, `${SIG.slice(0, 4)}…`, text);
    assertNoSecretLeak(f, SIG);
  }
  assert.equal(fingerprints.size, 1);
});

test('secretRange is the signature as written; range contains it', () => {
  const enc = percentEncode(SIG);
  const text = `a "https://contosodata.blob.core.windows.net/c?sv=2022-11-02&sig=${enc}&sr=c&sp=rl&se=2027-01-01" b`;
  const f = scanOne(text);
  assert.equal(slices(text, f).secret, enc);
  assert.ok(slices(text, f).token.includes(enc));
});

test('different signatures have different fingerprints; the same token repeated is one secret', () => {
  const a = `https://contosodata.blob.core.windows.net/c?sv=2022-11-02&sr=c&sp=rl&se=2027-01-01&sig=${percentEncode(SIG)}`;
  const b = a.replace(percentEncode(SIG), percentEncode(fakeSignatureWithSymbols(92)));
  const findings = scan(`${a}\n${b}\n${a}\n`);
  assert.equal(findings.length, 3);
  assert.equal(findings[0]!.fingerprint, findings[2]!.fingerprint);
  assert.notEqual(findings[0]!.fingerprint, findings[1]!.fingerprint);
});

test('parameters carry the redacted signature only; keys and messages never show the secret', () => {
  const f = scanOne(`https://contosodata.blob.core.windows.net/c?sv=2022-11-02&sr=c&sp=rl&se=2027-01-01&sig=${percentEncode(SIG)}`);
  assert.ok(f.details.type === 'sas');
  assert.equal(f.details.parameters['sig'], `${SIG.slice(0, 4)}…`);
  assertNoSecretLeak(f, SIG);
  const key = fakeAccountKey(93);
  const k = scanOne(`DefaultEndpointsProtocol=https;AccountName=contosodata;AccountKey=${key};EndpointSuffix=core.windows.net`);
  assert.equal(k.redactedSecret, `${key.slice(0, 4)}…`);
  assertNoSecretLeak(k, key);
  const sb = scanOne(`Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${SIG}`);
  assertNoSecretLeak(sb, SIG);
});
