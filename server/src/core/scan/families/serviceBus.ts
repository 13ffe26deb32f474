// The Service Bus / Event Hubs / Relay family: SharedAccessSignature tokens (sr, sig, se = Unix
// epoch seconds, skn), SharedAccessKey= in connection strings, and a SharedAccessKey standing alone
// in a setting. IoT Hub shares the format; the IoT Hub family (iotHub.ts), asked first, takes what
// names IoT and leaves the rest here. Everything that is Service Bus-specific in the scan lives
// here; the grades are assess/grade.ts's.
import type { Anchor } from '../anchors';
import { isBase64Char } from '../../util/charClasses';
import { gradeServiceBusKey, gradeServiceBusSas, isRootKeyName } from '../../assess/grade';
import { isConnectionStringSetting, isStop, parseConnectionString, type ConnectionString, type ConnectionStringPair } from '../../parse/connectionString';
import { EscapedKeyJudge, escapedSlashLength, settingValueStart, unescapedStringAround } from '../../parse/escapedSlashes';
import { isNotificationHubsCredential, serviceBusFormatService } from '../../assess/notificationHubs';
import { sampleNamespace, sampleNamespaceWords } from '../../assess/placeholders';
import { parseEpochSeconds, toIso } from '../../parse/dates';
import { parseKeyAssignment, readSharedAccessKeyAt } from '../../parse/keyAssignment';
import { paramValue, type SasQuery } from '../../parse/sasQuery';
import { splitLiteralNote } from '../../findings/describe';
import type { FindingContext } from '../../findings/findingContext';
import { secretIdentity } from '../../findings/secretIdentity';
import type { Finding, KeyDetails, OffsetRange, ServiceBusSasDetails } from '../../findings/types';
import type { CredentialFamily, SasQueryPlacement, SasToken, ScanState } from './family';
import { buildIotKeyFinding, iotConnectionIdentity } from './iotHub';
import { joinedConnectionStringBefore } from './joinedConnectionString';
import { epochExpiryPhrase, sasTokenFields, type SasTokenPlacement } from './sasFindingParts';

export const serviceBusFamily: CredentialFamily = {
  name: 'Service Bus',
  anchorKinds: ['shared-access-key'],
  handleAnchor(scan, anchor) {
    if (anchor.index < scan.keyExaminedEnd) return;
    if (isConnectionStringSetting(scan.text, anchor.index, anchor.length)) {
      const text = scan.text;
      const stop = noKeyValueStop(text, anchor);
      // A value cut by an escaped slash, or starting with one, may be a key written so.
      const escapeAt = stop >= 0 ? stop : settingValueStart(text, anchor.index + anchor.length);
      if (escapedSlashLength(text, escapeAt) > 0 && handleSlashEscapedKey(scan, anchor)) return;
      if (stop < 0) scan.reportConnectionStringKeys(anchor);
    } else handleSharedAccessKeySetting(scan, anchor);
  },
  claimsSasQuery: isServiceBusQuery,
  reportSasToken(scan, token) {
    const notificationHubs = isNotificationHubsCredential(scan.text, token.range.start, paramValue(token.query, 'skn'));
    scan.add(buildServiceBusSasFinding(notificationHubs ? { ...token, notificationHubs } : token, scan.context));
  },
  takeConnectionStringPair(scan, cs, pair) {
    if (pair.key !== 'sharedaccesskey') return false;
    reportServiceBusKey(scan, cs, pair);
    return true;
  },
};

/**
 * Where the value of the connection string setting `SharedAccessKey=` at `anchor` (not
 * `SharedAccessKeyName=`) stops, when it holds no key and ends the connection string right after
 * base64 characters (a line break, a space, a backslash, a comma, a bracket: parse/connectionString.ts
 * `isStop`), not at a quote (a key split over joined literals goes on after one); -1 otherwise.
 * Nothing else in that string is this anchor's to report (other settings have anchors of their
 * own), so it is not read: the string read around each such anchor ends at the next one, and line
 * after line of them cost up to 4.4-5.0x ordinary text when each was read (bench/lib/data.ts,
 * "SharedAccessKey= + escaped slashes, no key"). A value that runs on to `;` or `=` is read as
 * before: one read covers the anchors after it. A value cut by an escaped slash (`\/`) may be a key
 * written with escaped slashes (handleSlashEscapedKey).
 */
function noKeyValueStop(text: string, anchor: Anchor): number {
  let valueStart = anchor.index + anchor.length;
  if (text.charCodeAt(valueStart) !== 61) return -1;
  valueStart++;
  while (text.charCodeAt(valueStart) === 32) valueStart++;
  let end = valueStart;
  while (end - valueStart <= 44 && isBase64Char(text.charCodeAt(end))) end++;
  if (end === valueStart || !isStop(text, end)) return -1;
  const stop = text.charCodeAt(end);
  return stop !== 34 && stop !== 39 && stop !== 96 && readSharedAccessKeyAt(text, valueStart) === undefined ? end : -1;
}

/** A shared access key read with its slashes: 43 characters and "=". */
const escapedKeyJudge = new EscapedKeyJudge(43, 1, (decoded) => readSharedAccessKeyAt(decoded, 0));

/**
 * `SharedAccessKey=` whose value is a key written with escaped slashes (parse/escapedSlashes.ts: a
 * connection string in JSON that escapes `/`, or in a recorded body): the string around it is read
 * with each escaped slash taken as `/`, and the key reported over the characters as written, as an
 * IoT Hub key when the string's settings name a hub, else as this family's. False when the value is
 * no such key, for the ordinary reading.
 */
function handleSlashEscapedKey(scan: ScanState, anchor: Anchor): boolean {
  const text = scan.text;
  const valueStart = settingValueStart(text, anchor.index + anchor.length);
  const judged = escapedKeyJudge.at(text, valueStart);
  if (judged === undefined) return false;
  scan.keyExaminedEnd = Math.max(scan.keyExaminedEnd, judged.end);
  const key = judged.key;
  if (key === undefined) return true;
  const { decoded, sourceAt } = unescapedStringAround(text, anchor.index, judged.end);
  const cs = parseConnectionString(decoded, 0, decoded.length);
  const pair = cs.pairs.find((p) => p.key === 'sharedaccesskey' && sourceAt[p.keyStart] === anchor.index);
  if (pair === undefined || readSharedAccessKeyAt(decoded, pair.valueStart) !== key) return true;
  const range = { start: sourceAt[cs.start]!, end: sourceAt[cs.end]! };
  const secretRange = { start: valueStart, end: judged.end };
  const identity = iotConnectionIdentity(cs);
  scan.add(
    identity !== undefined
      ? buildIotKeyFinding({ key, identity, range, secretRange, container: 'connection-string' })
      : keyOfSettings(scan, cs, key, range.start, range, secretRange, 'connection-string'),
  );
  return true;
}

/**
 * A query is a Service Bus token when it has no storage `sv`, `skn` or `sr`, and an epoch `se` or
 * the `SharedAccessSignature ` prefix. With the prefix but no readable `se` it is still this
 * format, only invalid (graded info), and never a storage SAS.
 */
export function isServiceBusQuery(query: SasQuery, placement: SasQueryPlacement): boolean {
  if (query.params.has('sv')) return false;
  if (!query.params.has('skn') && !query.params.has('sr')) return false;
  const se = query.params.get('se');
  return placement.serviceBusPrefix || (se !== undefined && parseEpochSeconds(se.value) !== undefined);
}

/**
 * A shared access key standing alone in a setting: `"SharedAccessKey": "…"` in JSON,
 * `sharedAccessKey: …` in YAML, `SharedAccessKey = "…"` in code. Not `SharedAccessKeyName`.
 */
function handleSharedAccessKeySetting(scan: ScanState, anchor: Anchor): void {
  const text = scan.text;
  const assignment = parseKeyAssignment(text, anchor.index, anchor.length, scan.keyExaminedEnd);
  if (assignment.identifier.toLowerCase().includes('keyname')) return;
  const key = readSharedAccessKeyAt(text, assignment.valueStart);
  if (key === undefined) return;
  const secretRange = { start: assignment.valueStart, end: assignment.valueStart + key.length };
  scan.keyExaminedEnd = Math.max(scan.keyExaminedEnd, secretRange.end);
  const joined = joinedConnectionStringBefore(scan, anchor.index, secretRange.end);
  if (joined !== undefined) {
    reportJoinedKey(scan, joined, key, anchor.index, secretRange, secretRange, 'key-assignment');
    return;
  }
  const keyName = nearbyKeyName(text, secretRange);
  const nearbyHost = onlyServiceBusHostNearby(text, secretRange);
  scan.add(
    buildServiceBusKeyFinding({
      key,
      ...(keyName !== undefined ? { keyName } : {}),
      ...(nearbyHost !== undefined ? { nearbyHost } : {}),
      notificationHubs: isNotificationHubsCredential(text, anchor.index, keyName),
      range: secretRange,
      secretRange,
      container: 'key-assignment',
    }),
  );
}

function reportServiceBusKey(scan: ScanState, cs: ConnectionString, pair: ConnectionStringPair): void {
  const text = scan.text;
  let valueStart = pair.valueStart;
  while (valueStart < pair.valueEnd && text.charCodeAt(valueStart) === 32) valueStart++;
  const key = readSharedAccessKeyAt(text, valueStart);
  if (key === undefined) return;
  const secretRange = { start: valueStart, end: valueStart + 44 };
  const range = { start: cs.start, end: cs.end };
  // The key alone in its connection string (`"SharedAccessKey=…"`): the literals joined before it may
  // hold the rest.
  const joined = cs.pairs.length === 1 ? joinedConnectionStringBefore(scan, cs.start, secretRange.end) : undefined;
  if (joined !== undefined) reportJoinedKey(scan, joined, key, cs.start, range, secretRange, 'connection-string');
  else scan.add(keyOfSettings(scan, cs, key, cs.start, range, secretRange, 'connection-string'));
}

/**
 * A `SharedAccessKey=…` that starts a literal (at `keyStart`) which others join from before, with the
 * connection string they spell together (`joined`): it names the key as it would written on one
 * line. An IoT hub's goes to the IoT Hub family's builder (the family asked first about a whole
 * connection string; a joined one only reaches here).
 */
function reportJoinedKey(
  scan: ScanState,
  joined: ConnectionString,
  key: string,
  keyStart: number,
  range: OffsetRange,
  secretRange: OffsetRange,
  container: 'connection-string' | 'key-assignment',
): void {
  const identity = iotConnectionIdentity(joined);
  scan.add(
    identity !== undefined
      ? buildIotKeyFinding({ key, identity, range, secretRange, container })
      : keyOfSettings(scan, joined, key, keyStart, range, secretRange, container),
  );
}

/** The Service Bus-format key of a connection string's settings (starting at `start`): its rule, namespace and entity. */
function keyOfSettings(
  scan: ScanState,
  settings: ConnectionString,
  key: string,
  start: number,
  range: OffsetRange,
  secretRange: OffsetRange,
  container: 'connection-string' | 'key-assignment',
): Finding {
  const keyName = settings.get('sharedaccesskeyname')?.value.trim();
  const endpoint = (settings.get('endpoint') ?? settings.get('hostname'))?.value.trim();
  const entityPath = settings.get('entitypath')?.value.trim();
  return buildServiceBusKeyFinding({
    key,
    ...(keyName ? { keyName } : {}),
    ...(endpoint ? { endpoint: endpointHost(endpoint) } : {}),
    ...(entityPath ? { entityPath } : {}),
    notificationHubs: isNotificationHubsCredential(scan.text, start, keyName),
    range,
    secretRange,
    container,
  });
}

/** How far around a key setting its `SharedAccessKeyName` sibling is looked for. */
const KEY_NAME_REACH = 400;

/**
 * `SharedAccessKeyName: "…"`, `"SharedAccessKeyName": "…"`, `SharedAccessKeyName = …` or
 * `<add key="SharedAccessKeyName" value="…"/>`: the rule name set next to a key.
 */
const KEY_NAME_SETTING = /sharedaccesskeyname(?:["']?\s*[:=]\s*|["']\s+value\s*=\s*)["']?([A-Za-z0-9_.-]{1,64})/i;

/**
 * The rule name of a key that stands alone in a setting, when a `SharedAccessKeyName` setting sits
 * next to it (the same JSON object, YAML mapping or appSettings block, as far as a bounded window
 * can tell): it decides whether the key manages the whole namespace.
 */
function nearbyKeyName(text: string, secret: OffsetRange): string | undefined {
  const window = text.slice(Math.max(0, secret.start - KEY_NAME_REACH), Math.min(text.length, secret.end + KEY_NAME_REACH));
  return KEY_NAME_SETTING.exec(window)?.[1];
}

const SERVICE_BUS_HOSTS = /\b[a-z0-9][a-z0-9-]{0,49}\.servicebus\.(?:windows\.net|chinacloudapi\.cn|usgovcloudapi\.net|cloudapi\.de)\b/gi;

/**
 * The one Service Bus host near a key that stands alone (`pingpong.exe myns.servicebus.windows.net
 * hyco RootManageSharedAccessKey <key>` in Azure/azure-relay's READMEs), if there is exactly one:
 * only to tell a sample namespace (the message does not name it as the key's).
 */
function onlyServiceBusHostNearby(text: string, secret: OffsetRange): string | undefined {
  const window = text.slice(Math.max(0, secret.start - KEY_NAME_REACH), Math.min(text.length, secret.end + KEY_NAME_REACH));
  const hosts = new Set((window.match(SERVICE_BUS_HOSTS) ?? []).map((host) => host.toLowerCase()));
  return hosts.size === 1 ? [...hosts][0] : undefined;
}

function endpointHost(endpoint: string): string {
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/]+)/i.exec(endpoint);
  return m ? m[1]! : endpoint;
}

/** What the Service Bus SAS finding reads of a token. */
export type ServiceBusSasInput = SasTokenPlacement & Pick<SasToken, 'query' | 'literalCount'> & { readonly notificationHubs?: boolean };

export function buildServiceBusSasFinding(input: ServiceBusSasInput, context: FindingContext): Finding {
  const resource = paramValue(input.query, 'sr');
  const keyName = paramValue(input.query, 'skn');
  const expiryMs = parseEpochSeconds(paramValue(input.query, 'se'));
  const expired = expiryMs !== undefined && expiryMs < context.nowMs;
  const timeLeftMs = expiryMs !== undefined ? expiryMs - context.nowMs : undefined;
  const { grade, reasons } = gradeServiceBusSas({ expiryMs, nowMs: context.nowMs, keyName });
  const details: ServiceBusSasDetails = {
    type: 'servicebus-sas',
    ...(resource !== undefined ? { resource } : {}),
    ...(keyName !== undefined ? { keyName } : {}),
    ...(expiryMs !== undefined ? { expiry: toIso(expiryMs) } : {}),
    expired,
    ...(timeLeftMs !== undefined ? { timeLeftMs } : {}),
    ...(input.notificationHubs === true ? { service: 'notification-hubs' as const } : {}),
  };
  const target = resource ? ` for ${resource}` : '';
  const signedBy = keyName ? ` signed by ${keyName}` : '';
  const when = epochExpiryPhrase(expiryMs, expired, context.nowMs);
  return {
    ruleId: 'servicebus-sas',
    grade,
    reasons,
    message: `${serviceBusFormatService(input.notificationHubs === true)} SAS token${target}${signedBy}${when}${splitLiteralNote(input.literalCount)} — ${grade}`,
    ...sasTokenFields(input),
    ...(input.literalCount !== undefined ? { literalCount: input.literalCount } : {}),
    details,
  };
}

export interface ServiceBusKeyInput {
  readonly key: string;
  readonly keyName?: string;
  readonly endpoint?: string;
  /** For a key standing alone: the one Service Bus host near it, told apart only as a sample namespace. */
  readonly nearbyHost?: string;
  readonly entityPath?: string;
  /** The evidence shows a Notification Hubs key (assess/notificationHubs.ts). */
  readonly notificationHubs?: boolean;
  readonly range: OffsetRange;
  readonly secretRange: OffsetRange;
  /** Where the key stands: in a connection string (the default) or alone in a setting. */
  readonly container?: 'connection-string' | 'key-assignment';
}

export function buildServiceBusKeyFinding(input: ServiceBusKeyInput): Finding {
  const root = isRootKeyName(input.keyName);
  const ownSample = sampleNamespace(input.endpoint);
  const nearbySample = input.endpoint === undefined ? sampleNamespace(input.nearbyHost) : undefined;
  const sample =
    ownSample !== undefined ? sampleNamespaceWords(ownSample, false) : nearbySample !== undefined ? sampleNamespaceWords(nearbySample, true) : undefined;
  const { grade, reasons } = sample !== undefined ? { grade: 'info' as const, reasons: [sample] } : gradeServiceBusKey(input.keyName);
  const details: KeyDetails = {
    type: 'key',
    keyKind: 'servicebus-key',
    ...(input.endpoint !== undefined ? { endpoint: input.endpoint } : {}),
    ...(input.keyName !== undefined ? { keyName: input.keyName } : {}),
    ...(input.entityPath !== undefined ? { entityPath: input.entityPath } : {}),
    ...(input.notificationHubs === true ? { service: 'notification-hubs' as const } : {}),
    identifiable: false,
    emulator: false,
  };
  const name = input.keyName ? ` ${input.keyName}` : '';
  // The entity the connection string points at (EntityPath) is named with the namespace: an
  // entity-level rule's key works on that queue, topic or event hub only.
  const entity = input.entityPath !== undefined ? `entity ${input.entityPath}` : undefined;
  const where = input.endpoint ? ` for ${input.endpoint}${entity !== undefined ? `, ${entity}` : ''}` : entity !== undefined ? ` for ${entity}` : '';
  const scope = sample !== undefined ? ` (${sample})` : root ? ' (manage, send and listen on the whole namespace; never expires)' : ' (never expires)';
  return {
    ruleId: 'servicebus-key',
    grade,
    reasons,
    message: `${serviceBusFormatService(input.notificationHubs === true)} shared access key${name}${where}${scope} — ${grade}`,
    range: input.range,
    secretRange: input.secretRange,
    ...secretIdentity(input.key),
    container: input.container ?? 'connection-string',
    encoding: 'plain',
    details,
  };
}
