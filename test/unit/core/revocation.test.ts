// Revocation plans: per kind of credential, the exact Azure CLI commands with the names the token
// gives filled in and placeholders otherwise, and never the secret. Findings come from the real
// engine, so the plans are checked against the details it actually produces.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeAccountKey, fakeServiceBusKey, fakeSignature, percentEncode } from '../../support/fakeSecrets';
import { FABRIKAM_NAMESPACE_RENEW_SCRIPT } from '../../support/expectedRevocation';
import { scanOne } from './engineAssertions';
import { revocationFor, revokeCommands, revokeScript, ruleRevocation } from '../../../server/src/core/revoke/revocation';
import { shellArgument } from '../../../server/src/core/revoke/shellWords';
import { RULES, type RuleId } from '../../../server/src/core';

const RG = '--resource-group <resource-group>';

function assertNoSecret(script: string, secret: string): void {
  assert.ok(!script.includes(secret.slice(0, 8)), 'the secret is in the revoke commands');
  assert.ok(!script.includes(percentEncode(secret).slice(0, 8)), 'the encoded secret is in the revoke commands');
}

test('account SAS: renew both keys of the account the host names', () => {
  const sig = fakeSignature();
  const f = scanOne(`https://fabrikamdata.blob.core.windows.net/?sv=2022-11-02&ss=b&srt=sco&sp=rwdl&se=2090-01-01T00:00:00Z&sig=${percentEncode(sig)}`);
  assert.equal(f.ruleId, 'account-sas');
  const plan = revocationFor(f);
  assert.equal(plan.needed, true);
  assert.deepEqual(revokeCommands(plan), [
    `az storage account keys renew ${RG} --account-name fabrikamdata --key primary`,
    `az storage account keys renew ${RG} --account-name fabrikamdata --key secondary`,
  ]);
  assert.equal(plan.prevention[0]?.command, `az storage account update --name fabrikamdata ${RG} --allow-shared-key-access false`);
  assert.equal(plan.prevention[1]?.command, `az storage account update --name fabrikamdata ${RG} --sas-expiration-period 7.00:00:00`);
  assert.equal(plan.saferSharing.length, 3);
  assertNoSecret(revokeScript(plan), sig);
});

test('service SAS without an account name: placeholders', () => {
  const f = scanOne(`sas = "sv=2022-11-02&sr=c&sp=rwl&se=2090-01-01T00:00:00Z&sig=${percentEncode(fakeSignature())}"`);
  assert.equal(revokeCommands(revocationFor(f))[0], `az storage account keys renew ${RG} --account-name <account> --key primary`);
});

test('policy SAS: delete the policy on the container, share, queue or table the token targets', () => {
  const sig = percentEncode(fakeSignature());
  const container = revocationFor(scanOne(`https://fabrikamdata.blob.core.windows.net/exports/a.csv?sv=2022-11-02&sr=b&si=nightly-export&sig=${sig}`));
  assert.deepEqual(revokeCommands(container), [
    'az storage container policy delete --container-name exports --name nightly-export --account-name fabrikamdata',
  ]);
  assert.ok(
    container.notes.some((n) => /same name/.test(n)),
    'no warning about re-creating the policy',
  );
  const share = revocationFor(scanOne(`https://fabrikamdata.file.core.windows.net/team/doc.txt?sv=2022-11-02&sr=f&si=p1&sig=${sig}`));
  assert.deepEqual(revokeCommands(share), ['az storage share policy delete --share-name team --name p1 --account-name fabrikamdata']);
  const queue = revocationFor(scanOne(`https://fabrikamdata.queue.core.windows.net/jobs?sv=2022-11-02&si=p2&sig=${sig}`));
  assert.deepEqual(revokeCommands(queue), ['az storage queue policy delete --queue-name jobs --name p2 --account-name fabrikamdata']);
  const table = revocationFor(scanOne(`https://fabrikamdata.table.core.windows.net/Orders?sv=2022-11-02&tn=Orders&si=p3&sig=${sig}`));
  assert.deepEqual(revokeCommands(table), ['az storage table policy delete --table-name Orders --name p3 --account-name fabrikamdata']);
});

test('user delegation SAS: revoke-delegation-keys, and the role route names skoid', () => {
  const f = scanOne(
    'https://fabrikamdata.blob.core.windows.net/data/r.csv?sv=2022-11-02&sr=b&sp=r&se=2090-01-01T00:00:00Z' +
      '&skoid=11111111-2222-3333-4444-555555555555&sktid=66666666-7777-8888-9999-000000000000&skt=2089-12-30T00:00:00Z' +
      `&ske=2090-01-01T00:00:00Z&sks=b&skv=2022-11-02&sig=${percentEncode(fakeSignature())}`,
  );
  assert.equal(f.ruleId, 'user-delegation-sas');
  const plan = revocationFor(f);
  assert.deepEqual(revokeCommands(plan), [`az storage account revoke-delegation-keys --name fabrikamdata ${RG}`]);
  assert.ok(plan.notes.some((n) => n.includes('--assignee 11111111-2222-3333-4444-555555555555')));
});

test('account key: renew both keys; Cosmos DB keys are regenerated with cosmosdb', () => {
  const key = fakeAccountKey();
  const plan = revocationFor(scanOne(`DefaultEndpointsProtocol=https;AccountName=contosostore;AccountKey=${key};EndpointSuffix=core.windows.net`));
  assert.deepEqual(revokeCommands(plan), [
    `az storage account keys renew ${RG} --account-name contosostore --key primary`,
    `az storage account keys renew ${RG} --account-name contosostore --key secondary`,
  ]);
  assertNoSecret(revokeScript(plan), key);
  const cosmos = revocationFor(scanOne(`AccountEndpoint=https://contosodb.documents.azure.com:443/;AccountKey=${fakeAccountKey()};`));
  assert.match(revokeCommands(cosmos)[0] ?? '', /^az cosmosdb keys regenerate --resource-group <resource-group> --name .* --key-kind primary$/);
});

test('Service Bus / Event Hubs namespace key: both services, both keys of the rule', () => {
  const key = fakeServiceBusKey();
  const plan = revocationFor(scanOne(`Endpoint=sb://fabrikam-ns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${key}`));
  assert.equal(revokeScript(plan), FABRIKAM_NAMESPACE_RENEW_SCRIPT);
  assert.ok(plan.prevention.some((p) => p.command === `az servicebus namespace update ${RG} --name fabrikam-ns --disable-local-auth true`));
  assertNoSecret(revokeScript(plan), key);
});

test('Service Bus key with EntityPath: entity rule forms first, the namespace form last', () => {
  const plan = revocationFor(
    scanOne(`Endpoint=sb://ns1.servicebus.windows.net/;SharedAccessKeyName=SendOnly;SharedAccessKey=${fakeServiceBusKey()};EntityPath=orders`),
  );
  const commands = revokeCommands(plan);
  assert.equal(
    commands[0],
    `az servicebus queue authorization-rule keys renew ${RG} --namespace-name ns1 --queue-name orders --name SendOnly --key PrimaryKey`,
  );
  assert.ok(
    commands.includes(`az servicebus topic authorization-rule keys renew ${RG} --namespace-name ns1 --topic-name orders --name SendOnly --key SecondaryKey`),
  );
  assert.ok(
    commands.includes(`az eventhubs eventhub authorization-rule keys renew ${RG} --namespace-name ns1 --eventhub-name orders --name SendOnly --key PrimaryKey`),
  );
  assert.equal(commands.at(-1), `az eventhubs namespace authorization-rule keys renew ${RG} --namespace-name ns1 --name SendOnly --key SecondaryKey`);
});

test('Event Hubs publisher token: only the Event Hubs forms', () => {
  const se = 4102444800; // 2100-01-01
  const f = scanOne(
    `SharedAccessSignature sr=sb%3A%2F%2Fns2.servicebus.windows.net%2Ftelemetry%2Fpublishers%2Fdev7&sig=${percentEncode(fakeSignature())}&se=${se}&skn=send`,
  );
  assert.equal(f.ruleId, 'servicebus-sas');
  const commands = revokeCommands(revocationFor(f));
  assert.ok(
    commands.every((c) => c.startsWith('az eventhubs ')),
    commands.join('\n'),
  );
  assert.equal(
    commands[0],
    `az eventhubs eventhub authorization-rule keys renew ${RG} --namespace-name ns2 --eventhub-name telemetry --name send --key PrimaryKey`,
  );
});

test('IoT Hub policy and device keys: policy renew-key, device-identity renew-key', () => {
  const policy = revocationFor(scanOne(`HostName=hub1.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=${fakeServiceBusKey()}`));
  assert.deepEqual(revokeCommands(policy), [
    'az iot hub policy renew-key --hub-name hub1 --name iothubowner --renew-key primary',
    'az iot hub policy renew-key --hub-name hub1 --name iothubowner --renew-key secondary',
  ]);
  assert.equal(policy.prevention[0]?.command, `az iot hub update --name hub1 ${RG} --set properties.disableLocalAuth=true`);
  const device = revocationFor(scanOne(`HostName=hub1.azure-devices.net;DeviceId=dev1;SharedAccessKey=${fakeServiceBusKey()}`));
  const command = revokeCommands(device)[0] ?? '';
  // The device id comes from the IoT Hub family's details; before that family, the Service Bus shape has none.
  assert.match(command, /^az iot hub device-identity renew-key --hub-name hub1 --device-id (dev1|<device-id>) --key-type both$/);
});

test('IoT Hub device SAS token: the device named in sr', () => {
  const f = scanOne(`SharedAccessSignature sr=hub1.azure-devices.net%2Fdevices%2Fsensor-9&sig=${percentEncode(fakeSignature())}&se=4102444800`);
  assert.deepEqual(revokeCommands(revocationFor(f)), ['az iot hub device-identity renew-key --hub-name hub1 --device-id sensor-9 --key-type both']);
});

test('IoT Hub family details (iot-key / iot-sas) and DPS are planned by rule id', () => {
  const module = revocationFor({
    ruleId: 'iothub-device-key',
    details: { type: 'iot-key', service: 'iot-hub', holder: 'module', host: 'hub2.azure-devices.net', deviceId: 'gw', moduleId: 'edge' } as never,
  });
  assert.deepEqual(revokeCommands(module), ['az iot hub module-identity renew-key --hub-name hub2 --device-id gw --module-id edge --key-type both']);
  const dps = revocationFor({
    ruleId: 'dps-policy-key',
    details: {
      type: 'iot-key',
      service: 'device-provisioning',
      holder: 'policy',
      host: 'dps1.azure-devices-provisioning.net',
      keyName: 'provisioningserviceowner',
    } as never,
  });
  assert.match(
    revokeCommands(dps)[0] ?? '',
    /^az iot dps policy update --dps-name dps1 --resource-group <resource-group> --policy-name provisioningserviceowner /,
  );
  const token = revocationFor({
    ruleId: 'iothub-sas',
    details: { type: 'iot-sas', service: 'iot-hub', holder: 'policy', host: 'hub3.azure-devices.net', keyName: 'service' } as never,
  });
  assert.equal(revokeCommands(token)[0], 'az iot hub policy renew-key --hub-name hub3 --name service --renew-key primary');
});

test('expired tokens and the emulator key need no revocation, and say why', () => {
  const expired = revocationFor(
    scanOne(`https://fabrikamdata.blob.core.windows.net/c/b?sv=2021-08-06&sr=b&sp=r&se=2023-01-02T00:00:00Z&sig=${percentEncode(fakeSignature())}`),
  );
  assert.equal(expired.needed, false);
  assert.match(expired.reason ?? '', /^The token expired \(2023-01-02/);
  const azurite = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
  const emulator = revocationFor(
    scanOne(`DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${azurite};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;`),
  );
  assert.equal(emulator.needed, false);
  assert.match(emulator.reason ?? '', /emulator/);
  assert.deepEqual(revokeCommands(emulator), []);
});

test('every rule has a plan with commands and a section in docs/revoking.md; rule-level plans use placeholders', () => {
  const guide = readFileSync(path.join(__dirname, '..', '..', '..', 'docs', 'revoking.md'), 'utf8');
  const ids = [...Object.keys(RULES), 'iothub-device-key', 'iothub-policy-key', 'iothub-sas', 'dps-policy-key'];
  for (const id of ids) {
    const plan = ruleRevocation(id as RuleId);
    assert.ok(plan.groups.length > 0 && revokeCommands(plan).every((c) => c.startsWith('az ')), id);
    assert.ok(guide.includes(`<a id="${plan.docsAnchor}"></a>`), `docs/revoking.md has no section #${plan.docsAnchor} (${id})`);
  }
  assert.deepEqual(revokeCommands(ruleRevocation('policy-sas')), [
    'az storage container policy delete --container-name <container> --name <policy-id> --account-name <account>',
  ]);
});

test('names are quoted for the shell when they hold anything unusual', () => {
  assert.equal(shellArgument('nightly-export', '<p>'), 'nightly-export');
  assert.equal(shellArgument(undefined, '<p>'), '<p>');
  assert.equal(shellArgument("a b'c", '<p>'), `'a b'\\''c'`);
  assert.equal(shellArgument('$root', '<p>'), `'$root'`);
});
