// Notification Hubs keys and tokens (server/src/core/assess/notificationHubs.ts): Service Bus's
// formats under the same host, named Notification Hubs only on evidence (a rule a hub is created
// with, or "notification hub" before the credential on its line or on a line above that holds no
// credential of its own), with that service's cmdlets to revoke them. Everything else stays a
// Service Bus / Event Hubs credential. Fabricated keys only.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scanText } from '../../../server/src/core';
import { revocationFor } from '../../../server/src/core/revoke/revocation';
import { hoverMarkdown } from '../../../server/src/lsp/hover';
import { fakeServiceBusKey } from '../../support/fakeSecrets';
import { NOW } from '../../support/clock';

const connectionString = (rule: string, seed: number): string =>
  `Endpoint=sb://contoso-push.servicebus.windows.net/;SharedAccessKeyName=${rule};SharedAccessKey=${fakeServiceBusKey(seed)}`;

function only(text: string, fileName = 'settings.json') {
  const findings = scanText(text, { now: NOW, fileName }).findings;
  assert.equal(findings.length, 1, JSON.stringify(findings.map((f) => f.message)));
  return findings[0]!;
}

describe('Notification Hubs', () => {
  it('names a key of a default hub rule a Notification Hubs key, with the hub cmdlets only', () => {
    const finding = only(`{ "hub": "${connectionString('DefaultFullSharedAccessSignature', 1)}" }\n`);
    assert.equal(finding.ruleId, 'servicebus-key');
    assert.match(
      finding.message,
      /^Notification Hubs shared access key DefaultFullSharedAccessSignature for contoso-push\.servicebus\.windows\.net \(never expires\) — high$/,
    );
    const plan = revocationFor(finding);
    assert.equal(plan.docsAnchor, 'notification-hubs');
    assert.equal(plan.groups.length, 1);
    assert.match(
      plan.groups[0]!.commands[0]!,
      /^New-AzNotificationHubKey -ResourceGroup <resource-group> -Namespace contoso-push -NotificationHub <notification-hub> -AuthorizationRule DefaultFullSharedAccessSignature -PolicyKey PrimaryKey$/,
    );
    assert.match(plan.groups[0]!.commands[1]!, /-PolicyKey SecondaryKey$/);
    const hover = hoverMarkdown(finding);
    assert.match(hover, /Notification Hubs shared access key/);
    assert.match(hover, /New-AzNotificationHubKey/);
    assert.doesNotMatch(hover, /Service Bus \/ Event Hubs|az servicebus/);
  });

  it('reads "notification hub" before the credential on its line, or on the line above an ARM listKeys response', () => {
    const sameLine = only(`NotificationHubConnectionString=${connectionString('backend', 2)}\n`, 'app.env');
    assert.match(sameLine.message, /^Notification Hubs shared access key backend /);
    const recording = only(
      `nock('https://management.azure.com:443')\n` +
        `  .post('/subscriptions/x/resourceGroups/rg/providers/Microsoft.NotificationHubs/namespaces/contoso-push/notificationHubs/hub1/AuthorizationRules/backend/listKeys')\n` +
        `  .reply(200, "{\\"primaryConnectionString\\":\\"${connectionString('backend', 3)}\\"}");\n`,
      'recording.nock.js',
    );
    assert.match(recording.message, /^Notification Hubs shared access key backend /);
    // A rule of its own name: either a hub's rule or the namespace's, both forms given.
    assert.deepEqual(
      revocationFor(recording).groups.map((g) => g.label),
      ['if backend is a rule of notification hub <notification-hub>', 'if backend is a rule of namespace contoso-push'],
    );
  });

  it('keeps a Service Bus key a Service Bus key below a Notification Hubs setting, and without evidence', () => {
    const text =
      `{\n  "NotificationHubConnectionString": "${connectionString('DefaultFullSharedAccessSignature', 4)}",\n` +
      `  "ServiceBusConnectionString": "${connectionString('sender', 5).replace('contoso-push', 'contoso-orders')}"\n}\n`;
    const findings = scanText(text, { now: NOW, fileName: 'appsettings.json' }).findings;
    assert.deepEqual(
      findings.map((f) => f.message.split(' shared access key')[0]),
      ['Notification Hubs', 'Service Bus / Event Hubs'],
    );
    const plain = only(`ServiceBus=${connectionString('sender', 6)}\n`, 'app.env');
    assert.match(plain.message, /^Service Bus \/ Event Hubs shared access key sender /);
    assert.equal(revocationFor(plain).docsAnchor, 'service-bus-and-event-hubs');
  });

  it('names a token signed by a default hub rule a Notification Hubs token', () => {
    const expiry = Math.floor(NOW.getTime() / 1000) + 3600;
    const sig = encodeURIComponent(fakeServiceBusKey(7));
    const finding = only(
      `Authorization: SharedAccessSignature sr=https%3a%2f%2fcontoso-push.servicebus.windows.net%2fhub1&sig=${sig}&se=${expiry}&skn=DefaultListenSharedAccessSignature\n`,
      'request.http',
    );
    assert.equal(finding.ruleId, 'servicebus-sas');
    assert.match(
      finding.message,
      /^Notification Hubs SAS token for https:\/\/contoso-push\.servicebus\.windows\.net\/hub1 signed by DefaultListenSharedAccessSignature/,
    );
    const plan = revocationFor(finding);
    assert.match(plan.groups[0]!.commands[0]!, /-NotificationHub hub1 -AuthorizationRule DefaultListenSharedAccessSignature -PolicyKey PrimaryKey$/);
  });
});
