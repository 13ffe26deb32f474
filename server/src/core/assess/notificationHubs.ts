// Notification Hubs keys. A Notification Hubs namespace lives under *.servicebus.windows.net and
// writes Service Bus's connection strings and tokens, so the format alone cannot tell them apart;
// but the commands that revoke a key differ (Service Bus's `az servicebus …` cannot find a
// notification hub). Azure/azure-sdk-for-node's recordings hold 24 real-looking Notification Hubs
// keys that were named Service Bus / Event Hubs keys, with Service Bus commands to revoke them.
//
// The evidence, either of:
//   - the rule is one a notification hub creates itself: DefaultFullSharedAccessSignature,
//     DefaultListenSharedAccessSignature;
//   - "notification hub" (NotificationHubs, notification_hub, …) is written before the credential on
//     its own line, or on the line above when that line holds no connection string of its own (an
//     ARM request path `…/Microsoft.NotificationHubs/namespaces/…/listKeys` above its response; not
//     a `NotificationHubConnectionString` setting right above a Service Bus one).

/** The rules a notification hub is created with. */
const DEFAULT_HUB_RULES: ReadonlySet<string> = new Set(['defaultfullsharedaccesssignature', 'defaultlistensharedaccesssignature']);

const NOTIFICATION_HUB_WORDS = /notification[ _-]?hubs?/i;
/** What a line holding a credential of its own has. */
const CREDENTIAL_ON_LINE = /sharedaccesskey\s*=|sharedaccesssignature\s/i;
/** Longest line read (a minified file has no line to go by). */
const LONGEST_LINE = 4096;

/** What the messages and the hover call the service of a Service Bus-format credential. */
export function serviceBusFormatService(notificationHubs: boolean): string {
  return notificationHubs ? 'Notification Hubs' : 'Service Bus / Event Hubs';
}

/** A rule name a notification hub creates by default. */
export function isDefaultNotificationHubRule(rule: string | undefined): boolean {
  return rule !== undefined && DEFAULT_HUB_RULES.has(rule.toLowerCase());
}

/** Whether the credential starting at `start` (a connection string, a token, a key setting) is a Notification Hubs one. */
export function isNotificationHubsCredential(text: string, start: number, rule: string | undefined): boolean {
  if (isDefaultNotificationHubRule(rule)) return true;
  const lineStart = lineStartBefore(text, start);
  if (lineStart < 0) return false;
  if (NOTIFICATION_HUB_WORDS.test(text.slice(lineStart, start))) return true;
  if (lineStart === 0) return false;
  const aboveStart = lineStartBefore(text, lineStart - 1);
  if (aboveStart < 0) return false;
  const above = text.slice(aboveStart, lineStart - 1);
  return NOTIFICATION_HUB_WORDS.test(above) && !CREDENTIAL_ON_LINE.test(above);
}

/** Start of the line holding `offset`, reading back at most LONGEST_LINE characters; -1 if further. */
function lineStartBefore(text: string, offset: number): number {
  const stop = Math.max(0, offset - LONGEST_LINE);
  for (let i = offset; i > 0; i--) {
    const c = text.charCodeAt(i - 1);
    if (c === 10 || c === 13) return i;
    if (i === stop) return -1;
  }
  return 0;
}
