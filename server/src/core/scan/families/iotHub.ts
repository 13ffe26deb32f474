// The IoT Hub family: device, module and policy keys of IoT Hub and the Device Provisioning
// Service (DPS) in connection strings, and their SharedAccessSignature tokens. They share the
// Service Bus format, so this family is asked first and claims only what names IoT. Field names
// decide first (`DeviceId=`, `ModuleId=`, `HostName=` without `Endpoint=`, `IdScope=`), then the
// policy name (iothubowner, registryRead…, provisioningserviceowner), then the host suffix
// (`*.azure-devices.net`, `*.azure-devices-provisioning.net`, …): real hubs in configs and tests are
// often reached through custom host names. What is left (Endpoint=sb://…, including an IoT hub's
// Event Hubs-compatible endpoint) stays Service Bus.
import { gradeIotKey, gradeIotSas } from '../../assess/grade';
import { iotAllows, isDpsPolicyName, isIotHubPolicyName, type IotIdentity } from '../../assess/iotRights';
import type { ConnectionString, ConnectionStringPair } from '../../parse/connectionString';
import { parseEpochSeconds, toIso } from '../../parse/dates';
import { hostOfEndpoint, iotServiceOfHost, parseIotResource } from '../../parse/iotResource';
import { readSharedAccessKeyAt } from '../../parse/keyAssignment';
import { paramValue, type SasQuery } from '../../parse/sasQuery';
import { shorten } from '../../findings/describe';
import type { FindingContext } from '../../findings/findingContext';
import { secretIdentity } from '../../findings/secretIdentity';
import type { Finding, IotKeyDetails, IotSasDetails, IotService, OffsetRange, RuleId, TokenContainer } from '../../findings/types';
import type { CredentialFamily, SasQueryPlacement, SasToken, ScanState } from './family';
import { readSymmetricKeyCall } from './iotSymmetricKeyCall';
import { epochExpiryPhrase, sasTokenFields } from './sasFindingParts';

export const iotHubFamily: CredentialFamily = {
  name: 'IoT Hub',
  anchorKinds: ['symmetric-key-call'],
  handleAnchor(scan, anchor) {
    const call = readSymmetricKeyCall(scan.text, anchor);
    if (call === undefined) return;
    scan.add(
      buildIotKeyFinding({
        key: call.key,
        identity: { service: 'iot-hub', holder: 'device' },
        range: call.secretRange,
        secretRange: call.secretRange,
        container: 'key-assignment',
        headline: "IoT device key given to SymmetricKeySigningMechanism (a device's or a DPS registration's symmetric key)",
      }),
    );
  },
  claimsSasQuery: isIotSasQuery,
  reportSasToken(scan, token) {
    scan.add(buildIotSasFinding(token, scan.context));
  },
  takeConnectionStringPair(scan, cs, pair) {
    if (pair.key !== 'sharedaccesskey') return false;
    const identity = iotConnectionIdentity(cs);
    if (!identity) return false;
    reportIotKey(scan, cs, pair, identity);
    return true;
  },
};

const SERVICE_WORDS: Record<IotService, string> = { 'iot-hub': 'IoT Hub', 'device-provisioning': 'Device Provisioning Service' };

// ---- connection strings ------------------------------------------------------------------------

interface ConnectionIdentity extends IotIdentity {
  readonly host?: string;
  readonly idScope?: string;
}

function setting(cs: ConnectionString, key: string): string | undefined {
  const value = cs.get(key)?.value.trim();
  return value ? value : undefined;
}

/** Whose key a connection string holds, when it is an IoT one; undefined leaves it to Service Bus. */
export function iotConnectionIdentity(cs: ConnectionString): ConnectionIdentity | undefined {
  if (cs.get('endpoint')) return undefined;
  const hostName = setting(cs, 'hostname');
  const host = hostName !== undefined ? hostOfEndpoint(hostName) : undefined;
  const withHost = host ? { host } : {};
  const deviceId = setting(cs, 'deviceid');
  const moduleId = setting(cs, 'moduleid');
  const keyName = setting(cs, 'sharedaccesskeyname');
  const withKeyName = keyName !== undefined ? { keyName } : {};
  const idScope = setting(cs, 'idscope');
  const registrationId = setting(cs, 'registrationid');
  if (moduleId !== undefined) return { service: 'iot-hub', holder: 'module', ...withHost, ...(deviceId !== undefined ? { deviceId } : {}), moduleId };
  if (deviceId !== undefined) return { service: 'iot-hub', holder: 'device', ...withHost, deviceId };
  if (idScope !== undefined || registrationId !== undefined) {
    return {
      service: 'device-provisioning',
      holder: 'registration',
      ...withHost,
      ...(idScope !== undefined ? { idScope } : {}),
      ...(registrationId !== undefined ? { registrationId } : {}),
    };
  }
  const hostService = iotServiceOfHost(host);
  if (hostService === 'device-provisioning' || isDpsPolicyName(keyName))
    return { service: 'device-provisioning', holder: 'policy', ...withHost, ...withKeyName };
  if (keyName !== undefined && (hostName !== undefined || isIotHubPolicyName(keyName))) return { service: 'iot-hub', holder: 'policy', ...withHost, keyName };
  if (hostService === 'iot-hub') return { service: 'iot-hub', holder: 'unknown', ...withHost };
  return undefined;
}

function keyRuleId(identity: IotIdentity): RuleId {
  if (identity.holder === 'device' || identity.holder === 'module' || identity.holder === 'registration') return 'iothub-device-key';
  return identity.service === 'device-provisioning' ? 'dps-policy-key' : 'iothub-policy-key';
}

function reportIotKey(scan: ScanState, cs: ConnectionString, pair: ConnectionStringPair, identity: ConnectionIdentity): void {
  const text = scan.text;
  let valueStart = pair.valueStart;
  while (valueStart < pair.valueEnd && text.charCodeAt(valueStart) === 32) valueStart++;
  const key = readSharedAccessKeyAt(text, valueStart);
  if (key === undefined) return;
  scan.add(buildIotKeyFinding({ key, identity, range: { start: cs.start, end: cs.end }, secretRange: { start: valueStart, end: valueStart + 44 } }));
}

export interface IotKeyInput {
  readonly key: string;
  readonly identity: ConnectionIdentity;
  readonly range: OffsetRange;
  readonly secretRange: OffsetRange;
  /** Where the key was written (default: a connection string). */
  readonly container?: TokenContainer;
  /** What the key is, when the surroundings say it better than the identity (no device named). */
  readonly headline?: string;
}

export function buildIotKeyFinding(input: IotKeyInput): Finding {
  const { identity } = input;
  const { grade, reasons } = gradeIotKey(identity);
  const allows = iotAllows(identity);
  const details: IotKeyDetails = {
    type: 'iot-key',
    service: identity.service,
    holder: identity.holder,
    ...whereabouts(identity),
    ...(identity.keyName !== undefined ? { keyName: identity.keyName } : {}),
    ...(identity.idScope !== undefined ? { idScope: identity.idScope } : {}),
    ...(identity.registrationId !== undefined ? { registrationId: identity.registrationId } : {}),
    allows,
  };
  return {
    ruleId: keyRuleId(identity),
    grade,
    reasons,
    message: `${input.headline ?? keyHeadline(details)} (${allows}; never expires) — ${grade}`,
    range: input.range,
    secretRange: input.secretRange,
    ...secretIdentity(input.key),
    container: input.container ?? 'connection-string',
    encoding: 'plain',
    details,
  };
}

/** The host, device and module an identity names, as the details list them (absent ones left out). */
function whereabouts(identity: SasIdentity): Pick<IotKeyDetails, 'host' | 'deviceId' | 'moduleId'> {
  return {
    ...(identity.host !== undefined ? { host: identity.host } : {}),
    ...(identity.deviceId !== undefined ? { deviceId: identity.deviceId } : {}),
    ...(identity.moduleId !== undefined ? { moduleId: identity.moduleId } : {}),
  };
}

function keyHeadline(d: IotKeyDetails): string {
  const service = SERVICE_WORDS[d.service];
  const where = d.host ? ` on ${d.host}` : '';
  switch (d.holder) {
    case 'device':
      return `${service} device key for ${shorten(d.deviceId ?? '?', 60)}${where}`;
    case 'module':
      return `${service} module key for ${shorten(d.moduleId ?? '?', 60)} of device ${shorten(d.deviceId ?? '?', 60)}${where}`;
    case 'registration': {
      const scope = d.idScope ? ` in scope ${shorten(d.idScope, 40)}` : '';
      return `${service} registration key${d.registrationId ? ` for ${shorten(d.registrationId, 60)}` : ''}${scope}${where}`;
    }
    case 'policy':
      return `${service} policy key${d.keyName ? ` ${shorten(d.keyName, 60)}` : ''}${where}`;
    case 'unknown':
      return `${service} shared access key (no policy or device named)${where}`;
  }
}

// ---- SAS tokens --------------------------------------------------------------------------------

/**
 * An IoT token: the Service Bus format (no `sv`; an epoch `se` or the `SharedAccessSignature `
 * prefix) whose `sr` names an IoT identity or host, or whose `skn` is a policy name only IoT uses.
 */
export function isIotSasQuery(query: SasQuery, placement: SasQueryPlacement): boolean {
  if (query.params.has('sv')) return false;
  const se = query.params.get('se');
  if (!placement.serviceBusPrefix && (se === undefined || parseEpochSeconds(se.value) === undefined)) return false;
  return iotSasIdentity(query) !== undefined;
}

interface SasIdentity extends IotIdentity {
  readonly host?: string;
}

function iotSasIdentity(query: SasQuery): SasIdentity | undefined {
  const keyName = paramValue(query, 'skn');
  const resource = parseIotResource(paramValue(query, 'sr'));
  const withKeyName = keyName !== undefined && keyName !== '' ? { keyName } : {};
  if (resource) {
    const { service, holder, host, deviceId, moduleId, registrationId } = resource;
    return {
      service,
      // A token signed with a policy key (skn) is the policy's, whatever identity it is scoped to.
      holder: withKeyName.keyName !== undefined ? 'policy' : holder,
      ...(host !== undefined ? { host } : {}),
      ...(deviceId !== undefined ? { deviceId } : {}),
      ...(moduleId !== undefined ? { moduleId } : {}),
      ...(registrationId !== undefined ? { registrationId } : {}),
      ...withKeyName,
    };
  }
  if (isDpsPolicyName(keyName)) return { service: 'device-provisioning', holder: 'policy', ...withKeyName };
  if (isIotHubPolicyName(keyName)) return { service: 'iot-hub', holder: 'policy', ...withKeyName };
  return undefined;
}

export function buildIotSasFinding(input: SasToken, context: FindingContext): Finding {
  const identity = iotSasIdentity(input.query) ?? { service: 'iot-hub', holder: 'unknown' };
  const resource = paramValue(input.query, 'sr');
  const expiryMs = parseEpochSeconds(paramValue(input.query, 'se'));
  const expired = expiryMs !== undefined && expiryMs < context.nowMs;
  const timeLeftMs = expiryMs !== undefined ? expiryMs - context.nowMs : undefined;
  const { grade, reasons } = gradeIotSas({ expiryMs, nowMs: context.nowMs, keyName: identity.keyName });
  const allows = iotAllows(identity);
  const details: IotSasDetails = {
    type: 'iot-sas',
    service: identity.service,
    holder: identity.holder,
    ...(resource !== undefined ? { resource } : {}),
    ...whereabouts(identity),
    ...(identity.registrationId !== undefined ? { registrationId: identity.registrationId } : {}),
    ...(identity.keyName !== undefined ? { keyName: identity.keyName } : {}),
    allows,
    ...(expiryMs !== undefined ? { expiry: toIso(expiryMs) } : {}),
    expired,
    ...(timeLeftMs !== undefined ? { timeLeftMs } : {}),
  };
  const when = epochExpiryPhrase(expiryMs, expired, context.nowMs);
  const usable = expiryMs !== undefined && !expired ? ` (${allows})` : '';
  return {
    ruleId: 'iothub-sas',
    grade,
    reasons,
    message: `${sasHeadline(details)}${usable}${when} — ${grade}`,
    ...sasTokenFields(input),
    details,
  };
}

function sasHeadline(d: IotSasDetails): string {
  const service = SERVICE_WORDS[d.service];
  const on = d.host ? ` on ${shorten(d.host, 60)}` : '';
  const signedBy = d.keyName ? ` signed by policy ${shorten(d.keyName, 60)}` : '';
  if (d.moduleId !== undefined) return `${service} SAS token for module ${shorten(d.moduleId, 60)} of device ${shorten(d.deviceId ?? '?', 60)}${on}${signedBy}`;
  if (d.deviceId !== undefined) return `${service} SAS token for device ${shorten(d.deviceId, 60)}${on}${signedBy}`;
  if (d.registrationId !== undefined) return `${service} SAS token for registration ${shorten(d.registrationId, 60)}${signedBy}`;
  return `${service} SAS token${on}${signedBy}`;
}
