// Service Bus / Event Hubs / Relay / IoT Hub credentials: SharedAccessSignature tokens
// (sr, sig, se = Unix epoch seconds, skn) and SharedAccessKey= in connection strings.
import { parseEpochSeconds, toIso } from '../../parse/dates';
import { formatDate, relativeTime, WEEK_MS } from '../../findings/describe';
import type { FindingContext } from '../../findings/findingContext';
import { paramValue, type SasQuery } from '../../parse/sasQuery';
import type { Finding, Grade, KeyDetails, OffsetRange, ServiceBusSasDetails, TokenContainer, TokenEncoding } from '../../findings/types';
import { secretIdentity } from '../../findings/secretIdentity';

/** Rules whose key manages the whole namespace or hub. */
const ROOT_KEY_NAMES: ReadonlySet<string> = new Set(['rootmanagesharedaccesskey', 'iothubowner']);

export function isRootKeyName(name: string | undefined): boolean {
  return name !== undefined && ROOT_KEY_NAMES.has(name.toLowerCase());
}

/** A query is a Service Bus token when it has no storage `sv`, an epoch `se`, and `skn` or `sr`. */
export function isServiceBusQuery(query: SasQuery): boolean {
  if (query.params.has('sv')) return false;
  const se = query.params.get('se');
  if (!se || parseEpochSeconds(se.value) === undefined) return false;
  return query.params.has('skn') || query.params.has('sr');
}

export interface ServiceBusSasInput {
  readonly query: SasQuery;
  readonly signature: string;
  readonly range: OffsetRange;
  readonly secretRange: OffsetRange;
  readonly queryRange: OffsetRange;
  readonly container: TokenContainer;
  readonly encoding: TokenEncoding;
}

export function buildServiceBusSasFinding(input: ServiceBusSasInput, context: FindingContext): Finding {
  const resource = paramValue(input.query, 'sr');
  const keyName = paramValue(input.query, 'skn');
  const expiryMs = parseEpochSeconds(paramValue(input.query, 'se'));
  const expired = expiryMs !== undefined && expiryMs < context.nowMs;
  const timeLeftMs = expiryMs !== undefined ? expiryMs - context.nowMs : undefined;
  let grade: Grade;
  const reasons: string[] = [];
  if (expired) {
    grade = 'info';
    reasons.push(`expired on ${formatDate(expiryMs!, context.nowMs)} (${relativeTime(expiryMs!, context.nowMs)}): it can no longer be used`);
  } else if (isRootKeyName(keyName)) {
    grade = 'high';
    reasons.push(`signed with the ${keyName} rule, which manages the whole namespace`);
  } else if (timeLeftMs === undefined || timeLeftMs > WEEK_MS) {
    grade = 'high';
    reasons.push('valid for more than 7 days: anyone holding it can send or listen until then');
  } else {
    grade = 'medium';
    reasons.push('short-lived token: usable until it expires');
  }
  const details: ServiceBusSasDetails = {
    type: 'servicebus-sas',
    ...(resource !== undefined ? { resource } : {}),
    ...(keyName !== undefined ? { keyName } : {}),
    ...(expiryMs !== undefined ? { expiry: toIso(expiryMs) } : {}),
    expired,
    ...(timeLeftMs !== undefined ? { timeLeftMs } : {}),
  };
  const target = resource ? ` for ${resource}` : '';
  const signedBy = keyName ? ` signed by ${keyName}` : '';
  const when =
    expiryMs === undefined
      ? ' with no readable expiry'
      : expired
        ? `; expired on ${formatDate(expiryMs, context.nowMs)} (${relativeTime(expiryMs, context.nowMs)})`
        : ` until ${formatDate(expiryMs, context.nowMs)} (${relativeTime(expiryMs, context.nowMs)})`;
  return {
    ruleId: 'servicebus-sas',
    grade,
    reasons,
    message: `Service Bus / Event Hubs SAS token${target}${signedBy}${when} — ${grade}`,
    range: input.range,
    secretRange: input.secretRange,
    queryRange: input.queryRange,
    ...secretIdentity(input.signature),
    container: input.container,
    encoding: input.encoding,
    details,
  };
}

export interface ServiceBusKeyInput {
  readonly key: string;
  readonly keyName?: string;
  readonly endpoint?: string;
  readonly entityPath?: string;
  readonly range: OffsetRange;
  readonly secretRange: OffsetRange;
  /** Where the key stands: in a connection string (the default) or alone in a setting. */
  readonly container?: 'connection-string' | 'key-assignment';
}

export function buildServiceBusKeyFinding(input: ServiceBusKeyInput): Finding {
  const root = isRootKeyName(input.keyName);
  const grade: Grade = root ? 'critical' : 'high';
  const reasons = root
    ? [`${input.keyName} key: manage, send and listen on the whole namespace or hub; never expires`]
    : ['shared access key: signs any number of tokens and never expires'];
  const details: KeyDetails = {
    type: 'key',
    keyKind: 'servicebus-key',
    ...(input.endpoint !== undefined ? { endpoint: input.endpoint } : {}),
    ...(input.keyName !== undefined ? { keyName: input.keyName } : {}),
    ...(input.entityPath !== undefined ? { entityPath: input.entityPath } : {}),
    identifiable: false,
    emulator: false,
  };
  const name = input.keyName ? ` ${input.keyName}` : '';
  const where = input.endpoint ? ` for ${input.endpoint}` : '';
  const scope = root ? ' (manage, send and listen on the whole namespace; never expires)' : ' (never expires)';
  return {
    ruleId: 'servicebus-key',
    grade,
    reasons,
    message: `Service Bus / Event Hubs shared access key${name}${where}${scope} — ${grade}`,
    range: input.range,
    secretRange: input.secretRange,
    ...secretIdentity(input.key),
    container: input.container ?? 'connection-string',
    encoding: 'plain',
    details,
  };
}
