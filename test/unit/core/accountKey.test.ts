// Storage and Cosmos DB account keys: connection strings, obvious key settings, identifiable keys,
// emulator and sample keys.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeAccountKey, seededBytes } from '../../support/fakeSecrets';
import { fabricateIdentifiableKey, IDENTIFIABLE_FORMATS } from '../../support/fabricateIdentifiable';
import { assertNone, scan, scanOne, slices } from './engineAssertions';

const KEY = fakeAccountKey(61);
const AZURITE = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

test('AccountKey= in a storage connection string is critical; range is the connection string', () => {
  const cs = `DefaultEndpointsProtocol=https;AccountName=contosodata;AccountKey=${KEY};EndpointSuffix=core.windows.net`;
  const text = `const s = "${cs}";`;
  const f = scanOne(text);
  assert.equal(f.ruleId, 'storage-account-key');
  assert.equal(f.grade, 'critical');
  assert.equal(f.container, 'connection-string');
  assert.deepEqual(slices(text, f), { token: cs, secret: KEY });
  assert.ok(f.details.type === 'key' && f.details.keyKind === 'storage-account-key' && f.details.account === 'contosodata');
  assert.equal(f.message, 'Storage account key for contosodata (full control of the account, never expires) — critical');
});

test('the setting name in front of an unquoted connection string is not part of the range', () => {
  const cs = `DefaultEndpointsProtocol=https;AccountName=contosodata;AccountKey=${KEY};EndpointSuffix=core.windows.net`;
  const text = `AZURE_STORAGE_CONNECTION_STRING=${cs}\n`;
  assert.equal(slices(text, scanOne(text)).token, cs);
});

test('Cosmos DB AccountEndpoint=…documents.azure.com…;AccountKey=', () => {
  const f = scanOne(`AccountEndpoint=https://mbd-database.documents.azure.com:443/;AccountKey=${KEY};`);
  assert.equal(f.ruleId, 'storage-account-key');
  assert.ok(f.details.type === 'key' && f.details.keyKind === 'cosmos-account-key');
  assert.match(f.message, /^Cosmos DB account key/);
});

test('identifiable keys (+ASt at offset 76) with a valid checksum are flagged anywhere', () => {
  const key = fabricateIdentifiableKey(seededBytes(62, 64), IDENTIFIABLE_FORMATS.storage);
  const f = scanOne(`value: ${key}\n`);
  assert.equal(f.ruleId, 'storage-account-key');
  assert.ok(f.details.type === 'key' && f.details.identifiable);
  assert.equal(f.grade, 'critical');
  const inCs = scanOne(`AccountName=a1;AccountKey=${key}`);
  assert.ok(inCs.details.type === 'key' && inCs.details.identifiable);
});

test('key settings: env, code, JSON, PowerShell, shell, across a line break', () => {
  const cases = [
    `AZURE_STORAGE_KEY=${KEY}`,
    `AZURE_STORAGE_ACCOUNT_KEY="${KEY}"`,
    `accountKey = "${KEY}"`,
    `"accountKey": "${KEY}"`,
    `string accountKey = "${KEY}";`,
    `AZ_CLI_KEY='${KEY}'`,
    `$script:AzKey     = '${KEY}'`,
    `storage_key: ${KEY}`,
    `export const STORAGE_ACCOUNT_KEY =\n  "${KEY}",`,
    `var storageKey = @"${KEY}";`,
  ];
  for (const text of cases) {
    const f = scanOne(text);
    assert.equal(f.ruleId, 'storage-account-key', text);
    assert.equal(f.container, 'key-assignment', text);
    assert.equal(slices(text, f).secret, KEY, text);
    assert.equal(f.grade, 'critical', text);
  }
});

test('key settings in .NET appSettings (<add key=… value=…/>) and as command-line flags', () => {
  for (const text of [
    `<add key="StorageAccountKey" value="${KEY}" />`,
    `<add key='AzureStorageKey' value='${KEY}'/>`,
    `az storage blob upload --account-name contosodata --account-key ${KEY} --container-name c`,
    `az storage blob list --account-key "${KEY}"`,
    `New-AzStorageContext -StorageAccountName contosodata -StorageAccountKey '${KEY}'`,
  ]) {
    const f = scanOne(text);
    assert.equal(f.ruleId, 'storage-account-key', text);
    assert.equal(f.grade, 'critical', text);
    assert.equal(slices(text, f).secret, KEY, text);
  }
});

test('flags and value attributes without a key in them are not reported', () => {
  assertNone('az storage blob list --account-key $AZURE_STORAGE_KEY');
  assertNone('az storage blob list --account-key "<account key>"');
  assertNone(`<add key="StorageAccountKey" value="${KEY.slice(2)}" />`);
  assertNone(`az storage blob list --account-key\n${'x'.repeat(10)}`);
});

test('a key setting whose name says another purpose is no account key (storageEvidence.test.ts has the rest)', () => {
  assertNone(`signingKey = "${KEY}"`);
});

test('the Azurite key is info everywhere; devstoreaccount1 connection strings too', () => {
  const f1 = scanOne(`DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${AZURITE};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;`);
  assert.equal(f1.grade, 'info');
  assert.ok(f1.details.type === 'key' && f1.details.emulator);
  const f2 = scanOne(`AZ_CLI_KEY='${AZURITE}'`);
  assert.equal(f2.grade, 'info');
  const f3 = scanOne(`AccountName=devstoreaccount1;AccountKey=${KEY}`);
  assert.equal(f3.grade, 'info');
});

test('a key that runs into the next setting without ";" stops at "=="', () => {
  const text = `AccountName=contosodata;AccountKey=${KEY}EndpointSuffix=core.windows.net`;
  const f = scanOne(text);
  assert.equal(slices(text, f).secret, KEY);
});

test('documentation sample accounts are info', () => {
  const f = scanOne(`DefaultEndpointsProtocol=https;AccountName=storagesample;AccountKey=${KEY}`);
  assert.equal(f.grade, 'info');
});

test('placeholders, interpolations, wrong lengths and fake keys are not reported', () => {
  for (const value of [
    '<AccountKey>',
    '<YOUR_KEY_HERE>',
    'mykey',
    '***',
    'your_azure_storage_key',
    '$storageKey',
    '{1}',
    '{key}',
    '${storageAccount.listKeys().keys[0].value}',
    'SuperSecret==',
    'abc==',
    KEY.slice(2),
    `${KEY.slice(0, 86)}=`,
    'A'.repeat(86) + '==',
    'abcd'.repeat(21) + 'ab==',
    'KWwkdfmskOIS240jnBOeeXVGHT9QgKS4kIQ3wWVKzOYkfjdsjfkjdsaf+sddfwwfw+sdffsdafda/w==',
  ]) {
    assertNone(`DefaultEndpointsProtocol=https;AccountName=contosodata;AccountKey=${value};EndpointSuffix=core.windows.net`);
    assertNone(`accountKey = "${value}"`);
  }
});

test('placeholder and real key on the same line: only the real one', () => {
  const text = `"AzureWebJobsStorage": "DefaultEndpointsProtocol=https;AccountName=jpodefault;AccountKey=<YOUR_KEY_HERE>;EndpointSuffix=core.usgovcloudapi.net", //DefaultEndpointsProtocol=https;AccountName=rcdev1;AccountKey=${KEY};BlobEndpoint=https://rcdev1.blob.core.windows.net/`;
  const findings = scan(text);
  assert.equal(findings.length, 1);
  assert.ok(findings[0]!.details.type === 'key' && findings[0]!.details.account === 'rcdev1');
});

test('many "key" words before and after a key do not hide it', () => {
  const text = `keyboard key monkey keys; <add key="a" value="b" />\nconst storageKey = "${KEY}"; // key rotation key\n${'key '.repeat(500)}AccountName=a2;AccountKey=${fakeAccountKey(63)}`;
  const findings = scan(text);
  assert.equal(findings.length, 2);
  assert.ok(findings.every((f) => f.ruleId === 'storage-account-key'));
});
