// From a finding to its revocation plan (reference/history-and-revocation.md §D). Removing a token
// from code revokes nothing: it still works and still sits in every clone. This is the one place
// that says, per kind of credential, which Azure CLI command makes it worthless. Plans are keyed by
// rule id, with a fallback on the shape of the details for rule ids added later.
import type { Finding, FindingDetails, KeyDetails, RuleId, SasDetails, ServiceBusSasDetails } from '../findings/types';
import { iotRevocation, iotViewOfResource, isIotHubHost, isProvisioningHost, type IotCredentialView } from './iot';
import { serviceBusKeyRevocation, serviceBusSasRevocation, splitResource } from './messaging';
import { accountKeyRevocation, keySignedSasRevocation, policySasRevocation, userDelegationRevocation } from './storage';
import type { Revocation } from './types';

export type { CommandGroup, Prevention, Revocation } from './types';

export const REVOKING_DOC_URL = 'https://github.com/sas-guard/sas-guard/blob/main/docs/revoking.md';

/** What a plan reads from a finding: its rule and details (absent for a rule-level plan). */
export interface RevocationSubject {
  readonly ruleId: string;
  readonly details?: FindingDetails | { readonly type: string };
}

/**
 * Rule ids of the IoT Hub family. They may not be in RuleId yet (the family lands separately); the
 * table below is typed so that it compiles either way.
 */
type IotRuleId = 'iothub-device-key' | 'iothub-policy-key' | 'iothub-sas' | 'dps-policy-key';

type Planner = (details: FindingDetails | { readonly type: string } | undefined) => Revocation;

const asSas = (d: Parameters<Planner>[0]): SasDetails | undefined => (d?.type === 'sas' ? (d as SasDetails) : undefined);
const asKey = (d: Parameters<Planner>[0]): KeyDetails | undefined => (d?.type === 'key' ? (d as KeyDetails) : undefined);
const asBusSas = (d: Parameters<Planner>[0]): ServiceBusSasDetails | undefined => (d?.type === 'servicebus-sas' ? (d as ServiceBusSasDetails) : undefined);

/** The IoT family's `iot-key` / `iot-sas` details, or the Service Bus shapes IoT credentials had before it. */
function iotView(details: Parameters<Planner>[0]): IotCredentialView | undefined {
  if (details === undefined) return undefined;
  if (details.type === 'iot-key' || details.type === 'iot-sas') return details as IotCredentialView;
  const key = asKey(details);
  if (key !== undefined) {
    return {
      ...(key.endpoint !== undefined ? { host: key.endpoint } : {}),
      ...(key.keyName !== undefined ? { keyName: key.keyName, holder: 'policy' as const } : { holder: 'device' as const }),
      ...(isProvisioningHost(key.endpoint) ? { service: 'device-provisioning' as const } : { service: 'iot-hub' as const }),
    };
  }
  const token = asBusSas(details);
  return token !== undefined ? iotViewOfResource(token.resource, token.keyName) : undefined;
}

function storageSas(details: Parameters<Planner>[0]): Revocation {
  const sas = asSas(details);
  switch (sas?.kind) {
    case 'policy':
      return policySasRevocation(sas);
    case 'user-delegation':
      return userDelegationRevocation(sas);
    default:
      return keySignedSasRevocation(sas);
  }
}

/** A Service Bus-shaped finding whose host is an IoT hub or provisioning service is an IoT credential. */
function isIotShaped(details: Parameters<Planner>[0]): boolean {
  const key = asKey(details);
  if (key !== undefined) return isIotHubHost(key.endpoint) || isProvisioningHost(key.endpoint);
  const host = splitResource(asBusSas(details)?.resource).host;
  return isIotHubHost(host) || isProvisioningHost(host);
}

const PLANNERS: Readonly<Record<RuleId | IotRuleId, Planner>> = {
  'account-sas': (d) => keySignedSasRevocation(asSas(d)),
  'service-sas': (d) => keySignedSasRevocation(asSas(d)),
  'unknown-sas': (d) => keySignedSasRevocation(asSas(d)),
  'policy-sas': (d) => policySasRevocation(asSas(d)),
  'user-delegation-sas': (d) => userDelegationRevocation(asSas(d)),
  'storage-account-key': (d) => accountKeyRevocation(asKey(d)),
  'servicebus-key': (d) => (isIotShaped(d) ? iotRevocation(iotView(d)) : serviceBusKeyRevocation(asKey(d))),
  'servicebus-sas': (d) => (isIotShaped(d) ? iotRevocation(iotView(d)) : serviceBusSasRevocation(asBusSas(d))),
  'iothub-device-key': (d) => iotRevocation({ holder: 'device', ...iotView(d) }),
  'iothub-policy-key': (d) => iotRevocation({ holder: 'policy', ...iotView(d) }),
  'iothub-sas': (d) => iotRevocation(iotView(d)),
  'dps-policy-key': (d) => iotRevocation({ service: 'device-provisioning', holder: 'policy', ...iotView(d) }),
};

/** For a rule id no table entry knows: by the details' shape. */
function fallback(details: Parameters<Planner>[0]): Revocation {
  switch (details?.type) {
    case 'sas':
      return storageSas(details);
    case 'key':
      return asKey(details)?.keyKind === 'servicebus-key' ? PLANNERS['servicebus-key'](details) : accountKeyRevocation(asKey(details));
    case 'servicebus-sas':
      return PLANNERS['servicebus-sas'](details);
    case 'iot-key':
    case 'iot-sas':
      return iotRevocation(iotView(details));
    default:
      return keySignedSasRevocation(undefined);
  }
}

function notNeeded(plan: Revocation, reason: string): Revocation {
  return { ...plan, needed: false, reason };
}

/** The plan for one finding: commands filled in with what the token names, placeholders otherwise. */
export function revocationFor(finding: RevocationSubject | Finding): Revocation {
  const planner = (PLANNERS as Readonly<Record<string, Planner>>)[finding.ruleId] ?? fallback;
  const details = finding.details;
  const plan = planner(details);
  const d = details as { emulator?: boolean; expired?: boolean; effectiveExpiry?: string; expiry?: string } | undefined;
  if (d?.emulator === true) {
    return { ...notNeeded(plan, 'This is the public storage emulator (Azurite) key or account: there is nothing to revoke.'), groups: [], prevention: [] };
  }
  if (d?.expired === true) {
    const when = d.effectiveExpiry ?? d.expiry;
    return notNeeded(
      plan,
      `The token expired${when !== undefined ? ` (${when})` : ''}: it no longer works, so there is nothing to revoke. The commands below are for a token you still doubt.`,
    );
  }
  return plan;
}

/** The plan for a rule as such, every name a placeholder: SARIF rule help, README. */
export function ruleRevocation(ruleId: RuleId | string): Revocation {
  return revocationFor({ ruleId });
}

/**
 * The commands as a shell script: alternatives as `#` comment lines above their commands, so that
 * the whole text can be copied, read and edited before it is run.
 */
export function revokeScript(plan: Revocation): string {
  const lines: string[] = [];
  for (const group of plan.groups) {
    if (group.label !== undefined) lines.push(`# ${group.label}`);
    lines.push(...group.commands);
  }
  return lines.join('\n');
}

/** The commands, one a line, without the alternatives' labels. */
export function revokeCommands(plan: Revocation): string[] {
  return plan.groups.flatMap((g) => g.commands);
}

export function revokingDocUri(plan: Revocation): string {
  return `${REVOKING_DOC_URL}#${plan.docsAnchor}`;
}
