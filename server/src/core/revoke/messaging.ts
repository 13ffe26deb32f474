// Revoking Service Bus and Event Hubs credentials: renew both keys of the shared access rule that
// signed them. The rule sits on the namespace or on one entity (queue, topic, event hub). Both
// services live under *.servicebus.windows.net and write the same connection strings and tokens,
// so unless the token shows it (an Event Hubs publisher path), both command forms are given.
// Notification Hubs share the host and the formats too; a key the evidence shows to be one
// (assess/notificationHubs.ts) gets that service's own cmdlets.
import type { KeyDetails, ServiceBusSasDetails } from '../findings/types';
import { firstLabel, RESOURCE_GROUP, shellArgument } from './shellWords';
import type { CommandGroup, Revocation } from './types';

const ROOT_RULE = 'RootManageSharedAccessKey';

interface RuleLocation {
  readonly namespace?: string | undefined;
  readonly rule?: string | undefined;
  /** Queue, topic or event hub named by EntityPath or the token's resource path. */
  readonly entity?: string | undefined;
  /** The token's path shows an Event Hubs publisher or consumer group. */
  readonly eventHubsOnly: boolean;
}

/** Host and path of a token's `sr` ("sb://ns.servicebus.windows.net/queue1", "ns.servicebus.windows.net/hub/publishers/p"). */
export function splitResource(resource: string | undefined): { host?: string; segments: string[] } {
  if (resource === undefined) return { segments: [] };
  const bare = resource.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const [host, ...segments] = bare.split('/');
  return { ...(host ? { host } : {}), segments: segments.filter((s) => s !== '') };
}

function keyLocation(details: KeyDetails | undefined): RuleLocation {
  return {
    ...(details?.endpoint !== undefined ? { namespace: firstLabel(details.endpoint) } : {}),
    ...(details?.keyName !== undefined ? { rule: details.keyName } : {}),
    ...(details?.entityPath !== undefined ? { entity: details.entityPath.split('/')[0] } : {}),
    eventHubsOnly: false,
  };
}

function tokenLocation(details: ServiceBusSasDetails | undefined): RuleLocation {
  const { host, segments } = splitResource(details?.resource);
  return {
    ...(host !== undefined ? { namespace: firstLabel(host) } : {}),
    ...(details?.keyName !== undefined ? { rule: details.keyName } : {}),
    ...(segments[0] !== undefined ? { entity: segments[0] } : {}),
    eventHubsOnly: segments.some((s) => /^(publishers|consumergroups|partitions)$/i.test(s)),
  };
}

function renew(prefix: string, tail: string): string[] {
  return ['PrimaryKey', 'SecondaryKey'].map((key) => `${prefix} --name ${tail} --key ${key}`);
}

function groupsFor(location: RuleLocation): CommandGroup[] {
  const ns = shellArgument(location.namespace, '<namespace>');
  const rule = shellArgument(location.rule, '<rule>');
  const common = `--resource-group ${RESOURCE_GROUP} --namespace-name ${ns}`;
  const namespaceGroups: CommandGroup[] = [
    ...(location.eventHubsOnly
      ? []
      : [{ label: `if ${ns} is a Service Bus namespace`, commands: renew(`az servicebus namespace authorization-rule keys renew ${common}`, rule) }]),
    { label: `if ${ns} is an Event Hubs namespace`, commands: renew(`az eventhubs namespace authorization-rule keys renew ${common}`, rule) },
  ];
  // The root rule, or no entity named: the rule is the namespace's.
  if (location.entity === undefined || location.rule === ROOT_RULE) return unlabelIfAlone(namespaceGroups);
  const entity = shellArgument(location.entity, '<entity>');
  const entityGroups: CommandGroup[] = [
    ...(location.eventHubsOnly
      ? []
      : [
          {
            label: `if ${rule} is a rule of Service Bus queue ${entity}`,
            commands: renew(`az servicebus queue authorization-rule keys renew ${common} --queue-name ${entity}`, rule),
          },
          {
            label: `if ${rule} is a rule of Service Bus topic ${entity}`,
            commands: renew(`az servicebus topic authorization-rule keys renew ${common} --topic-name ${entity}`, rule),
          },
        ]),
    {
      label: `if ${rule} is a rule of event hub ${entity}`,
      commands: renew(`az eventhubs eventhub authorization-rule keys renew ${common} --eventhub-name ${entity}`, rule),
    },
  ];
  // A token or connection string for an entity is often signed with a namespace rule: that form comes last.
  return [...entityGroups, ...namespaceGroups.map((g) => ({ ...g, label: `${g.label ?? ''}, and ${rule} is a namespace rule` }))];
}

function unlabelIfAlone(groups: CommandGroup[]): CommandGroup[] {
  return groups.length === 1 ? [{ commands: groups[0]!.commands }] : groups;
}

function revocation(location: RuleLocation): Revocation {
  const ns = shellArgument(location.namespace, '<namespace>');
  const rule = shellArgument(location.rule, '<rule>');
  return {
    needed: true,
    action: `Renew both keys of shared access rule ${rule} (namespace ${ns})`,
    groups: groupsFor(location),
    breaks: `every client and every SAS token that uses rule ${rule}'s keys; other rules keep working`,
    notes: [
      'Renewing both keys invalidates every token signed with the old keys. Renew the key clients do not use first, move them over, then the other.',
      'Event Hubs can also block one publisher without renewing keys (Revoke Publisher, REST API).',
    ],
    prevention: [
      {
        text: 'Turn off SAS keys for the namespace (disableLocalAuth) and use Microsoft Entra ID',
        command: `az servicebus namespace update --resource-group ${RESOURCE_GROUP} --name ${ns} --disable-local-auth true`,
      },
      {
        text: 'The same for an Event Hubs namespace',
        command: `az eventhubs namespace update --resource-group ${RESOURCE_GROUP} --name ${ns} --disable-local-auth true`,
      },
    ],
    saferSharing: [
      'a managed identity or Microsoft Entra ID role (Azure Service Bus / Event Hubs Data Sender or Receiver) instead of a key',
      'a short-lived SAS token signed by a Send-only or Listen-only rule on the one entity, never RootManageSharedAccessKey',
    ],
    docsAnchor: 'service-bus-and-event-hubs',
  };
}

export function serviceBusKeyRevocation(details: KeyDetails | undefined): Revocation {
  return details?.service === 'notification-hubs' ? notificationHubsRevocation(keyLocation(details)) : revocation(keyLocation(details));
}

export function serviceBusSasRevocation(details: ServiceBusSasDetails | undefined): Revocation {
  return details?.service === 'notification-hubs' ? notificationHubsRevocation(tokenLocation(details)) : revocation(tokenLocation(details));
}

/** The rules a notification hub is created with: they are the hub's, never the namespace's. */
const HUB_DEFAULT_RULES = /^Default(?:Full|Listen)SharedAccessSignature$/i;

/**
 * A Notification Hubs key: regenerate both keys of its rule with the Az.NotificationHubs cmdlets
 * (the Azure CLI's notification-hub commands are an extension). A hub's own rule or a namespace
 * rule: both forms unless the rule's name or RootManageSharedAccessKey tells.
 */
function notificationHubsRevocation(location: RuleLocation): Revocation {
  const ns = shellArgument(location.namespace, '<namespace>');
  const rule = shellArgument(location.rule, '<rule>');
  const hub = shellArgument(location.entity, '<notification-hub>');
  const regenerate = (command: string): string[] => ['PrimaryKey', 'SecondaryKey'].map((key) => `${command} -PolicyKey ${key}`);
  const hubGroup: CommandGroup = {
    label: `if ${rule} is a rule of notification hub ${hub}`,
    commands: regenerate(`New-AzNotificationHubKey -ResourceGroup ${RESOURCE_GROUP} -Namespace ${ns} -NotificationHub ${hub} -AuthorizationRule ${rule}`),
  };
  const namespaceGroup: CommandGroup = {
    label: `if ${rule} is a rule of namespace ${ns}`,
    commands: regenerate(`New-AzNotificationHubsNamespaceKey -ResourceGroup ${RESOURCE_GROUP} -Namespace ${ns} -AuthorizationRule ${rule}`),
  };
  const groups =
    location.rule !== undefined && HUB_DEFAULT_RULES.test(location.rule)
      ? [{ commands: hubGroup.commands }]
      : location.rule === ROOT_RULE
        ? [{ commands: namespaceGroup.commands }]
        : [hubGroup, namespaceGroup];
  return {
    needed: true,
    action: `Regenerate both keys of Notification Hubs rule ${rule} (namespace ${ns})`,
    groups,
    breaks: `every app back end and every device registration that uses rule ${rule}'s keys; other rules keep working`,
    notes: [
      'Regenerating both keys invalidates every token signed with the old keys. Regenerate the key clients do not use first, move them over, then the other.',
      'PowerShell (Az.NotificationHubs); the Azure CLI has the same under its notification-hub extension.',
    ],
    prevention: [],
    saferSharing: [
      'a Listen-only rule (DefaultListenSharedAccessSignature) in apps on devices, and the Full rule only on the back end, kept in a secret store',
    ],
    docsAnchor: 'notification-hubs',
  };
}
