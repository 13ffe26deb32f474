// Hand-built findings for fix tests, shaped as the detector reports them. Every signature and key is
// fabricated from a fixed label (test/support/fakeSecrets.ts), never a real one.
import type { Finding, FindingDetails, RuleId, TokenContainer, TokenEncoding } from '../../../server/src/core/findings/types';
import { fakeAccountKey, fakeServiceBusKey, fakeSignature } from '../../support/fakeSecrets';

export const SIG = fakeSignature('one');
export const SIG_ENC = encodeURIComponent(SIG);
export const SIG2 = fakeSignature('two');
export const SIG2_ENC = encodeURIComponent(SIG2);
export const KEY = fakeAccountKey('key');
export const SB_KEY = fakeServiceBusKey('servicebus');

export const ACCOUNT_SAS = `sv=2022-11-02&ss=b&srt=sco&sp=rl&se=2026-01-01T00:00:00Z&spr=https&sig=${SIG_ENC}`;
export const BLOB_URL = 'https://contosodata.blob.core.windows.net/reports/q1.csv';
export const SAS_URL = `${BLOB_URL}?${ACCOUNT_SAS}`;
export const CONN = `DefaultEndpointsProtocol=https;AccountName=contosodata;AccountKey=${KEY};EndpointSuffix=core.windows.net`;
export const SB_CONN = `Endpoint=sb://contoso-ns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${SB_KEY}`;
export const IOT_KEY = fakeSignature('iothub');
export const IOT_DEVICE_CONN = `HostName=contoso-hub.azure-devices.net;DeviceId=thermostat-7;SharedAccessKey=${IOT_KEY}`;
export const IOT_POLICY_CONN = `HostName=contoso-hub.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=${IOT_KEY}`;
/** A device token valid until 2026-01-01 (the fix tests' clock is 2025-06-01). */
export const IOT_DEVICE_TOKEN = `SharedAccessSignature sr=contoso-hub.azure-devices.net%2Fdevices%2Fthermostat-7&sig=${SIG2_ENC}&se=1767225600`;

function sasDetails(account: string | undefined): FindingDetails {
  return {
    type: 'sas',
    kind: 'account',
    ...(account ? { account } : {}),
    services: ['blob'],
    resourceTypes: ['service', 'container', 'object'],
    permissions: [{ letter: 'r', name: 'read' }],
    expired: false,
    requestBound: false,
    emulator: false,
    parameters: {},
  };
}

/** The account as the detector reads it: the first label of a `*.core.windows.net` host, if any. */
function accountFromHost(token: string): string | undefined {
  return /^https?:\/\/([^./?]+)\.(?:blob|file|queue|table|dfs)\.core\.windows\.net/.exec(token)?.[1];
}

function base(
  ruleId: RuleId,
  start: number,
  end: number,
  secretStart: number,
  secretEnd: number,
  container: TokenContainer,
  encoding: TokenEncoding,
  details: FindingDetails,
): Finding {
  return {
    ruleId,
    grade: 'high',
    reasons: [],
    message: 'fabricated finding',
    range: { start, end },
    secretRange: { start: secretStart, end: secretEnd },
    fingerprint: 'ff',
    redactedSecret: 'abcd…',
    container,
    encoding,
    details,
  };
}

function locate(text: string, token: string, occurrence = 0): number {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(token, at + 1);
    if (at < 0) throw new Error(`token not found in text: ${token.slice(0, 30)}`);
  }
  return at;
}

export interface SasOptions {
  readonly container?: TokenContainer;
  readonly encoding?: TokenEncoding;
  readonly ruleId?: RuleId;
  readonly account?: string;
  readonly occurrence?: number;
}

/** A SAS finding for `token` (URL, query or connection string) as it stands in `text`. */
export function sasFinding(text: string, token: string, opts: SasOptions = {}): Finding {
  const start = locate(text, token, opts.occurrence);
  const end = start + token.length;
  const m = /sig(=|%3D|\\u003d)/i.exec(token);
  if (!m) throw new Error('no sig in token');
  const secretStart = start + m.index + m[0].length;
  let secretEnd = secretStart;
  while (secretEnd < end && !/[&;\s"'^\\]/.test(text[secretEnd]!) && !text.startsWith('%26', secretEnd)) secretEnd++;
  const container = opts.container ?? (token.includes('://') && !token.includes(';') ? 'url' : token.includes(';') ? 'connection-string' : 'query');
  const ruleId = opts.ruleId ?? 'account-sas';
  const details: FindingDetails =
    ruleId === 'servicebus-sas'
      ? { type: 'servicebus-sas', expired: false }
      : ruleId === 'iothub-sas'
        ? {
            type: 'iot-sas',
            service: 'iot-hub',
            holder: 'device',
            host: 'contoso-hub.azure-devices.net',
            deviceId: 'thermostat-7',
            allows: 'connect as device thermostat-7',
            expired: false,
          }
        : sasDetails('account' in opts ? opts.account : accountFromHost(token));
  return base(ruleId, start, end, secretStart, secretEnd, container, opts.encoding ?? 'plain', details);
}

/** A key finding: `key` inside `token` (a connection string, or the key itself for a key assignment). */
export function keyFinding(text: string, token: string, key: string, opts: { container?: TokenContainer; ruleId?: RuleId; occurrence?: number } = {}): Finding {
  const start = locate(text, token, opts.occurrence);
  const keyAt = start + token.indexOf(key);
  const ruleId = opts.ruleId ?? 'storage-account-key';
  const details: FindingDetails =
    ruleId === 'servicebus-key'
      ? { type: 'key', keyKind: 'servicebus-key', endpoint: 'contoso-ns.servicebus.windows.net', identifiable: false, emulator: false }
      : ruleId === 'iothub-device-key'
        ? {
            type: 'iot-key',
            service: 'iot-hub',
            holder: 'device',
            host: 'contoso-hub.azure-devices.net',
            deviceId: 'thermostat-7',
            allows: 'connect as device thermostat-7',
          }
        : ruleId === 'iothub-policy-key'
          ? {
              type: 'iot-key',
              service: 'iot-hub',
              holder: 'policy',
              host: 'contoso-hub.azure-devices.net',
              keyName: 'iothubowner',
              allows: 'full control of the hub',
            }
          : { type: 'key', keyKind: 'storage-account-key', account: 'contosodata', identifiable: false, emulator: false };
  return base(
    ruleId,
    start,
    start + token.length,
    keyAt,
    keyAt + key.length,
    opts.container ?? (token === key ? 'key-assignment' : 'connection-string'),
    'plain',
    details,
  );
}

/**
 * The finding of each fabricated credential above wherever `text` holds it (its first occurrence),
 * as the detector reports it: the credential, its secret and its rule.
 */
export const findingOf = {
  storageConnectionString: (text: string): Finding => keyFinding(text, CONN, KEY),
  accountKey: (text: string): Finding => keyFinding(text, KEY, KEY),
  serviceBusConnectionString: (text: string): Finding => keyFinding(text, SB_CONN, SB_KEY, { ruleId: 'servicebus-key' }),
  iotDeviceConnectionString: (text: string): Finding => keyFinding(text, IOT_DEVICE_CONN, IOT_KEY, { ruleId: 'iothub-device-key' }),
  iotPolicyConnectionString: (text: string): Finding => keyFinding(text, IOT_POLICY_CONN, IOT_KEY, { ruleId: 'iothub-policy-key' }),
  iotDeviceToken: (text: string): Finding => sasFinding(text, IOT_DEVICE_TOKEN, { ruleId: 'iothub-sas', container: 'servicebus-token' }),
};
