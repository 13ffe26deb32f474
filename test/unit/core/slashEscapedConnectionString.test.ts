// A storage connection string in a JSON string whose writer escaped its slashes (`\/`: PHP's
// json_encode, some serializers and HTTP recorders). A backslash ends a connection string, so its
// key was cut at the first slash and went unreported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeAccountKey, fakeServiceBusKey as fakeSharedKey } from '../../support/fakeSecrets';
import { assertNone, scan, scanOne, slices } from './engineAssertions';

/** A fabricated key with at least two slashes (so that escaping changes it), found from `seed` on. */
function keyWithSlashes(seed: number): string {
  for (let s = seed; ; s++) {
    const key = fakeAccountKey(s);
    if (key.split('/').length > 2) return key;
  }
}

const KEY = keyWithSlashes(4101);
const escape = (value: string): string => value.replace(/\//g, '\\/');

test('AccountKey= with escaped slashes in a JSON string: the key as written, for the account the string names', () => {
  const escapedKey = escape(KEY);
  const cs = `DefaultEndpointsProtocol=https;AccountName=storagetesttest;AccountKey=${escapedKey};EndpointSuffix=core.windows.net`;
  const text = `{"name":"AzureWebJobsStorage","value":"${cs}","type":"Custom"}`;
  const f = scanOne(text);
  assert.equal(f.ruleId, 'storage-account-key');
  assert.equal(f.grade, 'critical');
  assert.equal(f.container, 'connection-string');
  assert.deepEqual(slices(text, f), { token: cs, secret: escapedKey });
  assert.ok(f.details.type === 'key' && f.details.account === 'storagetesttest', f.message);
  // The same key unescaped is the same secret (one fingerprint).
  const plain = scanOne(`"${cs.replace(escapedKey, KEY)}"`);
  assert.equal(plain.fingerprint, f.fingerprint);
});

test('escaped slashes at the very start and end of the key, and endpoints written with escaped slashes', () => {
  const base = fakeAccountKey(4102);
  // (A 64-byte key's last character before "==" holds 4 bits only: a slash can stand just before it.)
  for (const key of [`/${base.slice(1)}`, `${base.slice(0, 84)}/${base.slice(85)}`]) {
    const cs = `BlobEndpoint=https:\\/\\/contosodata.blob.core.windows.net\\/;AccountName=contosodata;AccountKey=${escape(key)}`;
    const text = `"${cs}"`;
    const f = scanOne(text);
    assert.equal(slices(text, f).secret, escape(key), key);
    assert.equal(f.grade, 'critical');
  }
});

test('slashes escaped twice (JSON in a string literal: a nock recording body) are read too', () => {
  const escapedTwice = KEY.replace(/\//g, '\\\\/');
  const cs = `AccountName=storagetesttest;AccountKey=${escapedTwice};BlobEndpoint=https:\\\\/\\\\/storagetesttest.blob.core.windows.net\\\\/`;
  const text = `.reply(200, "{\\"ConnectionStrings\\":[{\\"ConnectionString\\":\\"${cs}\\",\\"Name\\":\\"CUSTOMCONNSTR_x\\"}]}");`;
  const f = scanOne(text);
  assert.equal(slices(text, f).secret, escapedTwice);
  assert.equal(f.grade, 'critical');
  assert.ok(f.details.type === 'key' && f.details.account === 'storagetesttest', f.message);
});

test('two escaped strings on one line each report their own key', () => {
  const other = keyWithSlashes(4200);
  const line = [KEY, other].map((k, i) => `"AccountName=acct${i}xyz;AccountKey=${escape(k)};EndpointSuffix=core.windows.net"`).join(', ');
  assert.deepEqual(
    scan(line).map((f) => [slices(line, f).secret, f.details.type === 'key' ? f.details.account : undefined]),
    [
      [escape(KEY), 'acct0xyz'],
      [escape(other), 'acct1xyz'],
    ],
  );
});

test('escaped values that are no key are not reported', () => {
  const escapedKey = escape(KEY);
  for (const value of [
    escapedKey.replace('==', '='), // wrong padding
    escapedKey.slice(2), // too short
    `${escapedKey.slice(0, -2)}A==`, // too long
    escapedKey.replace(/\\\//, '\\\\\\/'), // three backslashes before a slash are no escaped slash
  ]) {
    assertNone(`"DefaultEndpointsProtocol=https;AccountName=contosodata;AccountKey=${value};EndpointSuffix=core.windows.net"`);
  }
});

test('property: any 64 random bytes, slashes escaped, in a connection string are reported over exactly the escaped key', () => {
  for (let seed = 0; seed < 300; seed++) {
    const key = fakeAccountKey(90_000 + seed);
    const escapedKey = escape(key);
    const text = `{"cs": "DefaultEndpointsProtocol=https;AccountName=acct${seed}x;AccountKey=${escapedKey};EndpointSuffix=core.windows.net"}`;
    const found = scan(text);
    assert.equal(found.length, 1, `seed ${seed}: ${found.map((f) => f.message).join('; ')}`);
    assert.equal(slices(text, found[0]!).secret, escapedKey, `seed ${seed}`);
  }
});

/** A fabricated 32-byte key (Service Bus, Event Hubs, IoT Hub) with at least one slash, found from `seed` on. */
function sharedKeyWithSlash(seed: number): string {
  for (let s = seed; ; s++) {
    const key = fakeSharedKey(s);
    if (key.includes('/')) return key;
  }
}

test('SharedAccessKey= with escaped slashes: a Service Bus key for its namespace and rule, an IoT Hub key for its hub', () => {
  const key = sharedKeyWithSlash(4300);
  const escapedKey = escape(key);
  const sb = `Endpoint=sb:\\/\\/contoso-ns.servicebus.windows.net\\/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${escapedKey}`;
  const text = `{"ConnectionStrings":{"Bus":"${sb}"}}`;
  const f = scanOne(text);
  assert.equal(f.ruleId, 'servicebus-key');
  assert.equal(f.grade, 'critical');
  assert.deepEqual(slices(text, f), { token: sb, secret: escapedKey });
  assert.ok(
    f.details.type === 'key' && f.details.keyName === 'RootManageSharedAccessKey' && f.details.endpoint === 'contoso-ns.servicebus.windows.net',
    f.message,
  );
  // The same key unescaped is the same secret.
  assert.equal(scanOne(`"${sb.replace(escapedKey, key).replace(/\\\//g, '/')}"`).fingerprint, f.fingerprint);

  const iot = `HostName=contoso-hub.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=${escapedKey}`;
  const iotText = `.reply(200, "{\\"connectionString\\":\\"${iot.replace(/\\\//g, '\\\\/')}\\"}");`;
  const g = scanOne(iotText);
  assert.match(g.ruleId, /^iot/);
  assert.equal(slices(iotText, g).secret, escapedKey.replace(/\\\//g, '\\\\/'));
});

test('SharedAccessKey= values with escaped slashes that are no key are not reported', () => {
  const escapedKey = escape(sharedKeyWithSlash(4400));
  for (const value of [escapedKey.slice(0, -1), `${escapedKey.slice(0, -1)}A=`, `${escapedKey}=`, escapedKey.replace(/\\\//, '\\\\\\/')]) {
    assertNone(`"Endpoint=sb:\\/\\/contoso-ns.servicebus.windows.net\\/;SharedAccessKeyName=send;SharedAccessKey=${value}"`);
  }
});
