// Service Bus / Event Hubs / Relay: SharedAccessSignature tokens and SharedAccessKey= (IoT Hub keys
// and tokens share the format; they are named IoT Hub, and iotHub.test.ts tests them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeSignature, fakeSignatureWithSymbols, percentEncode } from '../../support/fakeSecrets';
import { assertNone, scan, scanOne, slices } from './engineAssertions';

const KEY = fakeSignatureWithSymbols(51);

test('RootManageSharedAccessKey connection string is critical; range is the connection string', () => {
  const cs = `Endpoint=sb://contoso-ns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${KEY}`;
  const text = `"${cs}"`;
  const f = scanOne(text);
  assert.equal(f.ruleId, 'servicebus-key');
  assert.equal(f.grade, 'critical');
  assert.deepEqual(slices(text, f), { token: cs, secret: KEY });
  assert.ok(f.details.type === 'key' && f.details.keyKind === 'servicebus-key' && f.details.keyName === 'RootManageSharedAccessKey');
  assert.equal(f.details.type === 'key' && f.details.endpoint, 'contoso-ns.servicebus.windows.net');
  assert.match(f.message, /RootManageSharedAccessKey for contoso-ns\.servicebus\.windows\.net .* — critical$/);
});

test('iothubowner is critical, other rules and device keys are high (under the IoT Hub rules)', () => {
  const owner = scanOne(`HostName=hub.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=${KEY}`);
  assert.equal(owner.grade, 'critical');
  const send = scanOne(`Endpoint=sb://orders-ns.servicebus.windows.net/;SharedAccessKeyName=SendOnly;SharedAccessKey=${KEY};EntityPath=orders`);
  assert.equal(send.grade, 'high');
  assert.equal(send.details.type === 'key' && send.details.entityPath, 'orders');
  assert.match(send.message, / SendOnly for orders-ns\.servicebus\.windows\.net, entity orders \(never expires\) — high$/);
  const device = scanOne(`HostName=hub.azure-devices.net;DeviceId=dev1;SharedAccessKey=${KEY}`);
  assert.equal(device.grade, 'high');
});

test('SharedAccessKeyName alone, placeholders and wrong lengths are not keys', () => {
  assertNone('Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=<your key>');
  assertNone('Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey={0}');
  assertNone(`Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=x;SharedAccessKey=${KEY.slice(1)}`);
  assertNone('SharedAccessKey=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=');
});

test('a shared access key alone in a setting (JSON, YAML, code) is a high finding on the key itself', () => {
  for (const text of [
    `{ "ServiceBus": { "Namespace": "contoso-ns", "SharedAccessKey": "${KEY}" } }`,
    `serviceBus:\n  sharedAccessKey: ${KEY}\n`,
    `const SharedAccessKey = '${KEY}';`,
  ]) {
    const f = scanOne(text);
    assert.equal(f.ruleId, 'servicebus-key', text);
    assert.equal(f.grade, 'high', text);
    assert.equal(f.container, 'key-assignment', text);
    assert.deepEqual(slices(text, f), { token: KEY, secret: KEY }, text);
  }
});

test('a key setting next to its SharedAccessKeyName takes the rule name: Root… is critical', () => {
  const json = `{\n  "ServiceBus": {\n    "SharedAccessKeyName": "RootManageSharedAccessKey",\n    "SharedAccessKey": "${KEY}"\n  }\n}`;
  const root = scanOne(json);
  assert.equal(root.grade, 'critical');
  assert.ok(root.details.type === 'key' && root.details.keyName === 'RootManageSharedAccessKey');
  assert.equal(slices(json, root).secret, KEY);
  const xml = `<add key="SharedAccessKeyName" value="SendOnly" />\n<add key="SharedAccessKey" value="${KEY}" />`;
  const send = scanOne(xml);
  assert.equal(send.grade, 'high');
  assert.ok(send.details.type === 'key' && send.details.keyName === 'SendOnly');
  const yaml = `serviceBus:\n  sharedAccessKey: ${KEY}\n  sharedAccessKeyName: iothubowner\n`;
  assert.equal(scanOne(yaml).grade, 'critical');
});

test('a SharedAccessKey setting holding a key name, a placeholder, a reference or a wrong length is not a key', () => {
  assertNone('{ "SharedAccessKeyName": "RootManageSharedAccessKey" }');
  assertNone('{ "SharedAccessKey": "<your key>" }');
  assertNone('{ "SharedAccessKey": "${SERVICEBUS_KEY}" }');
  assertNone(`{ "SharedAccessKey": "${KEY.slice(1)}" }`);
  assertNone(`{ "SharedAccessKey": "${KEY}A" }`);
  assertNone('{ "SharedAccessKey": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=" }');
});

test('SharedAccessSignature token: sr, sig (lower-case hex), se epoch, skn', () => {
  const sig = percentEncode(fakeSignature(52), true);
  const token = `SharedAccessSignature sr=https%3a%2f%2fcontoso-ns.servicebus.windows.net%2forders&sig=${sig}&se=1924992000&skn=SendOnly`;
  const text = `Authorization: ${token}\n`;
  const f = scanOne(text);
  assert.equal(f.ruleId, 'servicebus-sas');
  assert.equal(f.container, 'servicebus-token');
  assert.deepEqual(slices(text, f), { token, secret: sig });
  const d = f.details;
  assert.ok(d.type === 'servicebus-sas');
  assert.equal(d.resource, 'https://contoso-ns.servicebus.windows.net/orders');
  assert.equal(d.keyName, 'SendOnly');
  assert.equal(d.expiry, '2031-01-01T00:00:00.000Z');
  assert.equal(d.expired, false);
  assert.equal(f.grade, 'high');
});

test('Service Bus token in any field order, without the prefix, and expired ones at info', () => {
  const sig = percentEncode(fakeSignature(53));
  const f = scanOne(`...b84-d7ae&sig=${sig}&se=1514764800&skn=SendAccessPolicy`);
  assert.equal(f.ruleId, 'servicebus-sas');
  assert.equal(f.grade, 'info');
  assert.match(f.message, /expired on 2018-01-01 \(8 years ago\) — info$/);
});

test('IoT device token without skn, short-lived token is medium (named IoT Hub: iotHub.test.ts has the rest)', () => {
  const sig = percentEncode(fakeSignature(54));
  const se = Math.floor(Date.parse('2026-11-30T00:00:00Z') / 1000);
  const f = scanOne(`SharedAccessSignature sr=hub.azure-devices.net%2Fdevices%2Fdev1&sig=${sig}&se=${se}`);
  assert.equal(f.ruleId, 'iothub-sas');
  assert.equal(f.grade, 'medium');
});

test('Service Bus connection string with an embedded token', () => {
  const sig = percentEncode(fakeSignature(55));
  const text = `Endpoint=sb://ns.servicebus.windows.net/;SharedAccessSignature=SharedAccessSignature sr=https%3A%2F%2Fns.servicebus.windows.net%2Fq&sig=${sig}&se=1924992000&skn=Listen`;
  const findings = scan(text);
  assert.equal(findings.length, 1);
  assert.equal(findings[0]!.ruleId, 'servicebus-sas');
});

test('placeholder Service Bus token is not reported', () => {
  assertNone(
    'https://contosohub.servicebus.windows.net/syslogmsgs?sr=contosohub.servicebus.windows.net%2fsyslogmsgs&sig=xxxxxxxxxxxxxxxxxxxxxxxxx&se=1514764800&skn=writer',
  );
});

test('a "key" earlier on the line does not hide the SharedAccessKey that follows', () => {
  for (const text of [
    `<add key="BusConnection" value="Endpoint=sb://keydigest50.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${KEY}" />`,
    `ENV KEY_EVENT="Endpoint=sb://events-ns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${KEY}"`,
    `  "formatItemKey": "Endpoint=sb://format-ns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${KEY}",`,
  ]) {
    const f = scanOne(text);
    assert.equal(f.ruleId, 'servicebus-key', text);
    assert.equal(f.grade, 'critical');
  }
});

test('a SharedAccessKey= whose value is no key and is cut by a backslash, comma, bracket, line break or space is not read; a key cut so still is', () => {
  const cs = (value: string) => `Endpoint=sb://contoso-ns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${value}`;
  for (const stop of ['\\', ',', '|', '}', ')', ']', '>', '\n', ' ']) {
    const f = scanOne(`${cs(KEY)}${stop} more`);
    assert.equal(f.ruleId, 'servicebus-key', stop);
    assert.equal(f.grade, 'critical', stop);
    assertNone(`${cs(KEY.slice(0, 30))}${stop} more`);
  }
});
