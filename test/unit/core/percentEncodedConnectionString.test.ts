// A storage connection string written percent-encoded, as a query parameter's value (an OAuth
// request in a log, an Airflow connection URI): its key is reported over the characters as written,
// with the account the decoded string names; placeholders and the emulator are not claims.
// Fabricated keys only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gradeLevel } from '../../../server/src/core';
import { stripSignatureFix } from '../../../server/src/core/fixes/stripSignature';
import { fakeAccountKey } from '../../support/fakeSecrets';
import { scan, scanOne } from './engineAssertions';

/** A key with `+` and `/` in it, so that its encoded form holds `%2B` and `%2F`. */
function keyWithSigns(seed: number): string {
  let key = fakeAccountKey(seed);
  while (!key.includes('+') || !key.includes('/')) key = fakeAccountKey(++seed);
  return key;
}

const KEY = keyWithSigns(811);
const connection = (account: string, key: string): string =>
  `DefaultEndpointsProtocol=https;AccountName=${account};AccountKey=${key};EndpointSuffix=core.windows.net`;

test('a percent-encoded connection string in a query parameter: the key, as written, for the account it names', () => {
  const encoded = encodeURIComponent(connection('contosodiag465', KEY));
  const lowerEscapes = encoded.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
  for (const written of [encoded, lowerEscapes]) {
    const text = `INFO token request: grant_type=client_credentials&client_secret=${written}&scope=x\n`;
    const f = scanOne(text);
    assert.equal(f.ruleId, 'storage-account-key');
    assert.equal(gradeLevel(f.grade), 'error', f.message);
    assert.match(f.message, /^Storage account key for contosodiag465 /);
    assert.equal(f.container, 'connection-string');
    // The key as written (escapes and padding), the whole encoded string as the range.
    const writtenKey = written === encoded ? encodeURIComponent(KEY) : encodeURIComponent(KEY).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
    assert.equal(text.slice(f.secretRange.start, f.secretRange.end), writtenKey);
    assert.equal(text.slice(f.range.start, f.range.end), written);
    // The same identity as the key written plainly.
    assert.equal(f.fingerprint, scanOne(`${connection('contosodiag465', KEY)}\n`).fingerprint);
    assert.ok(!f.message.includes(KEY.slice(4, 14)) && !f.message.includes(encodeURIComponent(KEY).slice(4, 14)), 'the message holds no part of the key');
    // Stripping empties the key as written: the encoded string stays well formed.
    const [edit] = stripSignatureFix(text, f);
    const stripped = text.slice(0, edit!.start) + edit!.newText + text.slice(edit!.end);
    assert.match(decodeURIComponent(stripped.split('client_secret=')[1]!.split('&')[0]!), /;AccountKey=;EndpointSuffix=core\.windows\.net$/);
  }
});

test('two encoded connection strings in one run of encoded text: each key once, over its own characters', () => {
  const second = keyWithSigns(813);
  const text = `c=${encodeURIComponent(connection('contosofirst', KEY))}%3B${encodeURIComponent(connection('contososecond', second))}\n`;
  const findings = scan(text).filter((f) => f.ruleId === 'storage-account-key');
  assert.deepEqual(
    findings.map((f) => text.slice(f.secretRange.start, f.secretRange.end)),
    [encodeURIComponent(KEY), encodeURIComponent(second)],
  );
  assert.equal(new Set(findings.map((f) => f.fingerprint)).size, 2);
});

test('an Airflow connection URI, the connection string as its extra: the key and the account', () => {
  const uri = `wasb://azureuser@?extra__wasb__connection_string=${encodeURIComponent(connection('contosoairflow', KEY))}`;
  const f = scanOne(`export AIRFLOW_CONN_WASB_DEFAULT='${uri}'\n`);
  assert.equal(f.ruleId, 'storage-account-key');
  assert.match(f.message, /for contosoairflow /);
});

test('placeholders, the emulator and an encoded string with no key are not claims', () => {
  const loud = (text: string) => scan(text).filter((f) => gradeLevel(f.grade) !== 'info');
  assert.deepEqual(loud(`connectionString=${encodeURIComponent(connection('acct', 'x'.repeat(86) + '=='))}\n`), []);
  assert.deepEqual(loud(`c=DefaultEndpointsProtocol%3Dhttps%3BAccountName%3Dacct%3BAccountKey%3DACCOUNT_KEY%3BEndpointSuffix%3Dcore.windows.net\n`), []);
  assert.deepEqual(loud(`c=${encodeURIComponent(connection('devstoreaccount1', keyWithSigns(812)))}\n`), []);
  assert.deepEqual(scan('//## Attribute: AccountKey%3D7E0A800068\n'), []);
});
