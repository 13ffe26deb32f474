// IoT Hub and Device Provisioning Service credentials, named as what they are: device and module
// keys, hub and DPS policy keys, and their SAS tokens, each form once; the W3/W4/W6 regression rows
// of the precision research (pr-013 … pr-018, pr-020); and the Service Bus and Event Hubs forms
// that must keep their old rule ids.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../../../server/src/core';
import { fakeSignature, fakeSignatureWithSymbols, percentEncode, seededBytes } from '../../support/fakeSecrets';
import { assertNoSecretLeak, scan, scanOne, slices } from './engineAssertions';
import { envReferenceFix } from '../../../server/src/core/fixes/envReference';
import { applyEdits } from '../../../server/src/core/fixes/edits';

const KEY = fakeSignatureWithSymbols(901);
/** An hour after the test clock (NOW = 2026-11-29): a live, short-lived token. */
const SOON = Math.floor(Date.parse('2026-11-29T01:00:00Z') / 1000);
/** 2100-01-01: a live, long-lived token. */
const LATER = 4102444800;

function iotKey(f: Finding) {
  assert.equal(f.details.type, 'iot-key', `details of ${f.message}`);
  return f.details.type === 'iot-key' ? f.details : assert.fail('not an IoT key');
}

function iotSas(f: Finding) {
  assert.equal(f.details.type, 'iot-sas', `details of ${f.message}`);
  return f.details.type === 'iot-sas' ? f.details : assert.fail('not an IoT token');
}

test('device connection string: iothub-device-key, high, names the hub and the device, never "Service Bus"', () => {
  const cs = `HostName=contoso-hub.azure-devices.net;DeviceId=thermostat-7;SharedAccessKey=${KEY}`;
  const text = `const conn = "${cs}";`;
  const f = scanOne(text);
  assert.equal(f.ruleId, 'iothub-device-key');
  assert.equal(f.grade, 'high');
  assert.deepEqual(slices(text, f), { token: cs, secret: KEY });
  const d = iotKey(f);
  assert.deepEqual([d.service, d.holder, d.host, d.deviceId], ['iot-hub', 'device', 'contoso-hub.azure-devices.net', 'thermostat-7']);
  assert.match(d.allows, /connect as device thermostat-7: send telemetry, receive cloud-to-device messages, update its twin/);
  assert.match(f.message, /^IoT Hub device key for thermostat-7 on contoso-hub\.azure-devices\.net \(connect as device/);
  assert.doesNotMatch(f.message, /Service Bus|Event Hubs/);
  assertNoSecretLeak(f, KEY);
});

test('module connection string: iothub-device-key naming the module and its device', () => {
  const f = scanOne(`HostName=contoso-hub.azure-devices.net;DeviceId=edge-1;ModuleId=filter;SharedAccessKey=${KEY}`);
  assert.equal(f.ruleId, 'iothub-device-key');
  assert.equal(f.grade, 'high');
  const d = iotKey(f);
  assert.deepEqual([d.holder, d.deviceId, d.moduleId], ['module', 'edge-1', 'filter']);
  assert.match(f.message, /^IoT Hub module key for filter of device edge-1 /);
});

test('DeviceId= decides even on a custom host; a gateway setting changes nothing', () => {
  const f = scanOne(`HostName=lab-hub.westus.cloudapp.azure.com;DeviceId=dev1;SharedAccessKey=${KEY};GatewayHostName=edge.local`);
  assert.equal(f.ruleId, 'iothub-device-key');
  assert.equal(iotKey(f).host, 'lab-hub.westus.cloudapp.azure.com');
});

test('hub policy keys: iothubowner critical, service and the other built-in policies high, with their rights', () => {
  const owner = scanOne(`HostName=contoso-hub.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=${KEY}`);
  assert.equal(owner.ruleId, 'iothub-policy-key');
  assert.equal(owner.grade, 'critical');
  assert.equal(iotKey(owner).keyName, 'iothubowner');
  assert.match(iotKey(owner).allows, /^full control of the hub/);
  assert.match(owner.message, /^IoT Hub policy key iothubowner on contoso-hub\.azure-devices\.net/);
  const rights: Record<string, RegExp> = {
    service: /cloud-to-device messages/,
    device: /connect as any device/,
    registryRead: /read the identity registry/,
    registryReadWrite: /create, change and delete devices/,
    telemetryReader: /not a built-in name/,
  };
  for (const [name, allows] of Object.entries(rights)) {
    const f = scanOne(`HostName=contoso-hub.azure-devices.net;SharedAccessKeyName=${name};SharedAccessKey=${KEY}`);
    assert.equal(f.ruleId, 'iothub-policy-key', name);
    assert.equal(f.grade, 'high', name);
    assert.match(iotKey(f).allows, allows, name);
  }
});

test('a hub-only policy name is IoT Hub without a host; a bare IoT host without a name is still IoT Hub', () => {
  assert.equal(scanOne(`SharedAccessKeyName=iothubowner;SharedAccessKey=${KEY}`).ruleId, 'iothub-policy-key');
  const bare = scanOne(`HostName=contoso-hub.azure-devices.cn;SharedAccessKey=${KEY}`);
  assert.equal(bare.ruleId, 'iothub-policy-key');
  assert.equal(iotKey(bare).holder, 'unknown');
  assert.match(bare.message, /no policy or device named/);
});

test('DPS policy key: dps-policy-key by host or by provisioningserviceowner, high', () => {
  for (const cs of [
    `HostName=contoso-dps.azure-devices-provisioning.net;SharedAccessKeyName=provisioningserviceowner;SharedAccessKey=${KEY}`,
    `HostName=lab-dps.westus.cloudapp.azure.com;SharedAccessKeyName=provisioningserviceowner;SharedAccessKey=${KEY}`,
    `HostName=contoso-dps.azure-devices-provisioning.net;SharedAccessKeyName=enrollmentReader;SharedAccessKey=${KEY}`,
  ]) {
    const f = scanOne(cs);
    assert.equal(f.ruleId, 'dps-policy-key', cs);
    assert.equal(f.grade, 'high', cs);
    assert.equal(iotKey(f).service, 'device-provisioning');
    assert.match(f.message, /^Device Provisioning Service policy key /);
  }
});

test('DPS registration settings (IdScope, RegistrationId) make a device registration key', () => {
  const f = scanOne(`HostName=global.azure-devices-provisioning.net;IdScope=0ne00ABCDEF;RegistrationId=sensor-4;SharedAccessKey=${KEY}`);
  assert.equal(f.ruleId, 'iothub-device-key');
  assert.equal(f.grade, 'high');
  const d = iotKey(f);
  assert.deepEqual([d.service, d.holder, d.idScope, d.registrationId], ['device-provisioning', 'registration', '0ne00ABCDEF', 'sensor-4']);
});

test('device SAS token without skn: iothub-sas for the device; short-lived medium, long-lived high, expired info', () => {
  const sig = percentEncode(fakeSignatureWithSymbols(902));
  const token = (se: number) => `SharedAccessSignature sr=contoso-hub.azure-devices.net%2Fdevices%2Fdev1&sig=${sig}&se=${se}`;
  const short = scanOne(`"${token(SOON)}"`);
  assert.equal(short.ruleId, 'iothub-sas');
  assert.equal(short.grade, 'medium');
  assert.equal(short.container, 'servicebus-token');
  const d = iotSas(short);
  assert.deepEqual([d.service, d.holder, d.host, d.deviceId, d.keyName], ['iot-hub', 'device', 'contoso-hub.azure-devices.net', 'dev1', undefined]);
  assert.match(short.message, /^IoT Hub SAS token for device dev1 on contoso-hub\.azure-devices\.net \(connect as device dev1/);
  assert.equal(scanOne(token(LATER)).grade, 'high');
  const expired = scanOne(token(1514764800));
  assert.equal(expired.grade, 'info');
  assert.match(expired.message, /expired on 2018-01-01/);
});

test('device SAS token with skn: signed by a policy; iothubowner-signed is high even when short-lived', () => {
  const sig = percentEncode(fakeSignature(903));
  const f = scanOne(`SharedAccessSignature sr=contoso-hub.azure-devices.net%2Fdevices%2Fdev1&sig=${sig}&se=${SOON}&skn=iothubowner`);
  assert.equal(f.ruleId, 'iothub-sas');
  assert.equal(f.grade, 'high');
  const d = iotSas(f);
  assert.deepEqual([d.holder, d.deviceId, d.keyName], ['policy', 'dev1', 'iothubowner']);
  assert.match(f.message, /signed by policy iothubowner/);
});

test('module SAS token and hub-level SAS token', () => {
  const sig = percentEncode(fakeSignature(904));
  const module = scanOne(`SharedAccessSignature sr=contoso-hub.azure-devices.net%2Fdevices%2Fedge-1%2Fmodules%2Ffilter&sig=${sig}&se=${SOON}`);
  assert.equal(module.ruleId, 'iothub-sas');
  assert.deepEqual([iotSas(module).holder, iotSas(module).deviceId, iotSas(module).moduleId], ['module', 'edge-1', 'filter']);
  const hub = scanOne(`SharedAccessSignature sr=contoso-hub.azure-devices.net&sig=${sig}&se=${SOON}&skn=service`);
  assert.equal(hub.ruleId, 'iothub-sas');
  assert.deepEqual([iotSas(hub).holder, iotSas(hub).keyName, iotSas(hub).host], ['policy', 'service', 'contoso-hub.azure-devices.net']);
  assert.equal(hub.grade, 'medium');
});

test('a device path names IoT Hub on a custom host; a DPS registration token names DPS', () => {
  const sig = percentEncode(fakeSignature(905));
  const custom = scanOne(`SharedAccessSignature sr=fake.host.name%2Fdevices%2FfakeDeviceId&sig=${sig}&se=${SOON}`);
  assert.equal(custom.ruleId, 'iothub-sas');
  const registration = scanOne(`SharedAccessSignature sr=0ne00ABCDEF%2Fregistrations%2Fsensor-4&sig=${sig}&se=${SOON}`);
  assert.equal(registration.ruleId, 'iothub-sas');
  assert.deepEqual([iotSas(registration).service, iotSas(registration).registrationId], ['device-provisioning', 'sensor-4']);
  assert.match(registration.message, /^Device Provisioning Service SAS token for registration sensor-4/);
});

test('a device SAS token inside a device connection string is one iothub-sas finding', () => {
  const sig = percentEncode(fakeSignature(906));
  const text = `HostName=contoso-hub.azure-devices.net;DeviceId=dev1;SharedAccessSignature=SharedAccessSignature sr=contoso-hub.azure-devices.net%2Fdevices%2Fdev1&sig=${sig}&se=${LATER}`;
  const findings = scan(text);
  assert.deepEqual(
    findings.map((f) => f.ruleId),
    ['iothub-sas'],
  );
});

test("Service Bus and Event Hubs keep their rule ids, an IoT hub's Event Hubs-compatible endpoint too", () => {
  const sb = scanOne(`Endpoint=sb://contoso-ns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${KEY}`);
  assert.deepEqual([sb.ruleId, sb.grade], ['servicebus-key', 'critical']);
  const eh = scanOne(`Endpoint=sb://contoso-eh.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${KEY};EntityPath=telemetry`);
  assert.deepEqual([eh.ruleId, eh.grade], ['servicebus-key', 'high']);
  const compatible = scanOne(
    `Endpoint=sb://iothub-ns-contoso-123.servicebus.windows.net/;SharedAccessKeyName=iothubowner;SharedAccessKey=${KEY};EntityPath=contoso-hub`,
  );
  assert.equal(compatible.ruleId, 'servicebus-key');
  const sig = percentEncode(fakeSignature(907));
  const token = scanOne(`SharedAccessSignature sr=https%3A%2F%2Fcontoso-ns.servicebus.windows.net%2Fdevices&sig=${sig}&se=${LATER}&skn=Send`);
  assert.equal(token.ruleId, 'servicebus-sas');
  const bare = scanOne(`sr=sb%3A%2F%2Fcontoso-ns.servicebus.windows.net%2Fq&sig=${sig}&se=${LATER}&skn=Listen`);
  assert.equal(bare.ruleId, 'servicebus-sas');
});

test('W4: a SharedAccessSignature token with no se is never a storage SAS: info, "not a valid token"', () => {
  const sig = percentEncode(fakeSignature(908));
  const other = scanOne(`"SharedAccessSignature sr=some%2Fresource%2Flocation&sig=${sig}",`);
  assert.deepEqual([other.ruleId, other.grade], ['servicebus-sas', 'info']);
  assert.match(other.message, /no expiry \(se\): not a valid token — info$/);
  const device = scanOne(`SharedAccessSignature sr=contoso-hub.azure-devices.net%2Fdevices%2Fdev1&sig=${sig}`);
  assert.deepEqual([device.ruleId, device.grade], ['iothub-sas', 'info']);
  assert.match(device.message, /not a valid token/);
  // With a storage version it stays what it was: a storage SAS.
  const storage = scanOne(`SharedAccessSignature sv=2022-11-02&sr=b&sp=r&se=2090-01-01&sig=${sig}`);
  assert.equal(storage.details.type, 'sas');
});

test('W6: a storage query with no sr, ss, tn or storage host names no service', () => {
  const sig = percentEncode(fakeSignature(909));
  const f = scanOne(`'se=2090-10-12T11%3A53%3A40Z&sp=r&spr=https&sv=2018-03-28&sig=${sig}'`);
  assert.equal(f.ruleId, 'unknown-sas');
  assert.match(f.message, /read on an unknown service/);
  assert.ok(f.details.type === 'sas' && f.details.services.length === 0);
  // A storage host or a blob resource still names blob.
  const hosted = scanOne(`https://contosodata.blob.core.windows.net/c/x.txt?sv=2018-03-28&sp=r&se=2090-01-01&sig=${sig}`);
  assert.match(hosted.message, /on blob/);
  const blob = scanOne(`sv=2018-03-28&sr=b&sp=r&se=2090-01-01&sig=${sig}`);
  assert.match(blob.message, / on blob/);
});

// The precision regression rows pr-013/014/015/018/020 (IoT Hub naming, a SAS naming no service)
// are scored with the rest of test/fixtures/corpus/precision-regression.jsonl by precisionCorpus.test.ts.

// pr-016 (`#define TEST_PRIMARY_DEVICE_KEY "…"`) is a miss: a 44-character key with no
// SharedAccessKey anchor or SDK call is not read yet (docs/detection.md). Until it is, nothing may
// call it anything else; pr-017 (`SymmetricKeySigningMechanism("…")`) is the IoT device key below.
test('regression pr-016, pr-017: a bare device key is never named Service Bus or storage', () => {
  for (const text of [
    '#define TEST_PRIMARY_DEVICE_KEY                           "5SKtH/Gpq2EmDGcInFD9Kt9wnUKs9WNy2/BWUaWpws0="',
    '    return SymmetricKeySigningMechanism("a1hyo8VW79lloimZQiH2GBZPWaxlpToEAfLpMrFjS4c=")',
  ]) {
    for (const f of scan(text)) assert.ok(f.ruleId.startsWith('iothub-'), `${f.ruleId}: ${f.message}`);
  }
});

/** A fabricated symmetric key of `bytes` random bytes, base64. */
function symmetricKey(seed: number, bytes = 32): string {
  return seededBytes(seed, bytes).toString('base64');
}

test('SymmetricKeySigningMechanism("…"): the IoT device key rule, high, on the quoted key alone', () => {
  const key = symmetricKey(31);
  for (const text of [
    `    return SymmetricKeySigningMechanism("${key}")`,
    `signer = SymmetricKeySigningMechanism(key='${key}')`,
    `signer = SymmetricKeySigningMechanism(\n    key = "${key}",\n)`,
  ]) {
    const f = scanOne(text, { fileName: 'auth.py' });
    assert.equal(f.ruleId, 'iothub-device-key', text);
    assert.equal(f.grade, 'high');
    assert.equal(f.container, 'key-assignment');
    assert.deepEqual(slices(text, f), { token: key, secret: key });
    assert.deepEqual([iotKey(f).service, iotKey(f).holder], ['iot-hub', 'device']);
    assert.match(f.message, /^IoT device key given to SymmetricKeySigningMechanism/);
    assert.doesNotMatch(f.message, /Service Bus|Event Hubs|storage/i);
    assertNoSecretLeak(f, key);
  }
});

test('SymmetricKeySigningMechanism: the environment fix puts a device-key variable where the key was', () => {
  const key = symmetricKey(37);
  const text = `signer = SymmetricKeySigningMechanism(key="${key}")\n`;
  const fix = envReferenceFix(text, scanOne(text, { fileName: 'auth.py' }), { fileName: 'auth.py' });
  assert.equal(fix.variableName, 'IOTHUB_DEVICE_KEY');
  assert.match(fix.title, /device key/);
  assert.equal(applyEdits(text, fix.edits), 'import os\n\nsigner = SymmetricKeySigningMechanism(key=os.environ["IOTHUB_DEVICE_KEY"])\n');
});

test('SymmetricKeySigningMechanism: 16- and 64-byte keys count; 8 or 96 bytes, bad padding, placeholders and variables do not', () => {
  assert.equal(scanOne(`SymmetricKeySigningMechanism("${symmetricKey(32, 16)}")`).ruleId, 'iothub-device-key');
  assert.equal(scanOne(`SymmetricKeySigningMechanism("${symmetricKey(33, 64)}")`).ruleId, 'iothub-device-key');
  const key = symmetricKey(34);
  // The last character before `=` with its padding bits set: no encoder writes it.
  const badPadding = `${key.slice(0, 42)}${key.charAt(42) === 'B' ? 'C' : 'B'}=`;
  for (const argument of [
    `"${symmetricKey(35, 8)}"`,
    `"${symmetricKey(36, 96)}"`,
    `"${badPadding}"`,
    '"<your device key>"',
    '"YOUR_DEVICE_PRIMARY_KEY"',
    `"${'A'.repeat(43)}="`,
    `"${key.slice(0, 20)}-${key.slice(21)}"`,
    'device_key',
    `os.environ["KEY"] or "${key}"`,
  ]) {
    const text = `signer = SymmetricKeySigningMechanism(${argument})`;
    assert.deepEqual(
      scan(text, { fileName: 'auth.py' }).map((f) => f.ruleId),
      [],
      argument.slice(0, 5),
    );
  }
  // Another class's argument is not this one's.
  assert.deepEqual(scan(`SymmetricKeySigning("${key}")`).length, 0);
});

test('a connection string split over string literals, the key in a literal of its own, is named by the literals joined before it', () => {
  // Python's adjacent literals (azure-iot-cli-extension's test files write the hub's owner key so).
  const policy = scanOne(`target = {\n    "cs": "HostName=CoolIoTHub.azure-devices.net;SharedAccessKeyName=iothubowner;"\n    "SharedAccessKey=${KEY}",\n}\n`, {
    fileName: 'test_discovery.py',
  });
  assert.deepEqual([policy.ruleId, policy.grade], ['iothub-policy-key', 'critical']);
  assert.equal(iotKey(policy).host, 'CoolIoTHub.azure-devices.net');
  assert.equal(iotKey(policy).keyName, 'iothubowner');
  assertNoSecretLeak(policy, KEY);
  // C#'s `+`: a device's key, and a Service Bus namespace's rule.
  const device = scanOne(`var cs = "HostName=hub.azure-devices.net;DeviceId=dev1;" +\n    "SharedAccessKey=${KEY}";\n`, { fileName: 'Device.cs' });
  assert.deepEqual([device.ruleId, device.grade, iotKey(device).deviceId], ['iothub-device-key', 'high', 'dev1']);
  const sb = scanOne(`var cs = "Endpoint=sb://orders-ns.servicebus.windows.net/;SharedAccessKeyName=SendOnly;" +\n    "SharedAccessKey=${KEY}";\n`, {
    fileName: 'Bus.cs',
  });
  assert.equal(sb.ruleId, 'servicebus-key');
  assert.match(sb.message, /SendOnly for orders-ns\.servicebus\.windows\.net \(never expires\) — high$/);
  // A literal that sets a key ends the walk back: the next key is named by what follows that one.
  const two = scan(`cs = ("HostName=hub.azure-devices.net;SharedAccessKeyName=iothubowner;"\n  "SharedAccessKey=${KEY}"\n  "SharedAccessKey=${KEY}")\n`, {
    fileName: 'two.py',
  });
  assert.deepEqual(
    two.map((f) => f.ruleId),
    ['iothub-policy-key', 'servicebus-key'],
  );
  // Only literals join: a variable between them, or a language that joins none, leaves the key alone.
  for (const [text, fileName] of [
    [`var cs = "HostName=hub.azure-devices.net;SharedAccessKeyName=iothubowner;" + suffix + "SharedAccessKey=${KEY}";\n`, 'Bus.cs'],
    [`"HostName=hub.azure-devices.net;SharedAccessKeyName=iothubowner;"\n"SharedAccessKey=${KEY}"\n`, 'notes.txt'],
  ] as const) {
    const alone = scanOne(text, { fileName });
    assert.equal(alone.ruleId, 'servicebus-key', `${fileName}: ${alone.message}`);
    assert.doesNotMatch(alone.message, /hub\.azure-devices\.net|iothubowner/);
  }
});
