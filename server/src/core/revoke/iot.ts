// Revoking IoT Hub and Device Provisioning Service credentials: renew the device's (or module's)
// keys, or the shared access policy's. The IoT Hub family describes its findings with `iot-key` and
// `iot-sas` details; this file reads them through a structural view so that it does not depend on
// when that family lands, and also reads the Service Bus shapes IoT credentials had before it
// (HostName=….azure-devices.net, sr=…/devices/…).
import { RESOURCE_GROUP, firstLabel, shellArgument } from './shellWords';
import type { Revocation } from './types';

/** The fields of the IoT Hub family's `iot-key` / `iot-sas` details this file reads. */
export interface IotCredentialView {
  readonly service?: 'iot-hub' | 'device-provisioning';
  readonly holder?: 'device' | 'module' | 'policy' | 'registration' | 'unknown';
  readonly host?: string;
  readonly deviceId?: string;
  readonly moduleId?: string;
  readonly keyName?: string;
  readonly registrationId?: string;
}

/** IoT host suffixes: hubs, and the provisioning service. */
export function isIotHubHost(host: string | undefined): boolean {
  return host !== undefined && /\.azure-devices\.(?:net|cn|us|de)(?:$|[/:])/i.test(host.replace(/^[a-z]+:\/\//i, ''));
}
export function isProvisioningHost(host: string | undefined): boolean {
  return host !== undefined && /\.azure-devices-provisioning\.(?:net|cn|us|de)(?:$|[/:])/i.test(host.replace(/^[a-z]+:\/\//i, ''));
}

/** A token's `sr` read as an IoT resource: host, then devices/<d>[/modules/<m>] or registrations/<r>. */
export function iotViewOfResource(resource: string | undefined, keyName: string | undefined): IotCredentialView {
  const bare = (resource ?? '').replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const [host, ...rest] = bare.split('/').map((s) => safeDecode(s));
  const segments = rest.filter((s) => s !== '');
  const at = (name: string): string | undefined => {
    const i = segments.findIndex((s) => s.toLowerCase() === name);
    return i >= 0 ? segments[i + 1] : undefined;
  };
  const deviceId = at('devices');
  const moduleId = at('modules');
  const registrationId = at('registrations');
  const provisioning = isProvisioningHost(host) || registrationId !== undefined;
  const holder =
    keyName !== undefined
      ? 'policy'
      : moduleId !== undefined
        ? 'module'
        : deviceId !== undefined
          ? 'device'
          : registrationId !== undefined
            ? 'registration'
            : 'unknown';
  return {
    service: provisioning ? 'device-provisioning' : 'iot-hub',
    holder,
    ...(host ? { host } : {}),
    ...(deviceId !== undefined ? { deviceId } : {}),
    ...(moduleId !== undefined ? { moduleId } : {}),
    ...(keyName !== undefined ? { keyName } : {}),
    ...(registrationId !== undefined ? { registrationId } : {}),
  };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

const IOT_PREVENTION = (hub: string) => [
  {
    text: 'Turn off SAS keys for the hub (disableLocalAuth): hub-scoped SAS keys stop working; use Microsoft Entra ID for service access',
    command: `az iot hub update --name ${hub} --resource-group ${RESOURCE_GROUP} --set properties.disableLocalAuth=true`,
  },
];

const IOT_SAFER = [
  'X.509 certificates (or the Device Provisioning Service with attestation) for devices, instead of symmetric keys in code',
  'Microsoft Entra ID and a managed identity for back-end services, instead of a policy key',
  'a policy with only the rights needed (service connect, registry read), never iothubowner',
];

/** The parts every IoT plan has: something to revoke, the safer ways to share, its section of docs/revoking.md. */
function iotPlan(docsAnchor: 'iot-hub' | 'device-provisioning-service', plan: Omit<Revocation, 'needed' | 'saferSharing' | 'docsAnchor'>): Revocation {
  return { needed: true, ...plan, saferSharing: IOT_SAFER, docsAnchor };
}

/** The provisioning service does not generate keys: its `update` commands take two new ones. */
function dpsKeyUpdate(dps: string, subcommand: string, which: string): string {
  return `az iot dps ${subcommand} update --dps-name ${dps} --resource-group ${RESOURCE_GROUP} ${which} --primary-key <new-key> --secondary-key <new-key-2>`;
}

export function iotPolicyRevocation(view: IotCredentialView | undefined): Revocation {
  const hub = shellArgument(firstLabel(view?.host), '<hub>');
  const policy = shellArgument(view?.keyName, '<policy>');
  return iotPlan('iot-hub', {
    action: `Renew both keys of shared access policy ${policy} of IoT hub ${hub}`,
    groups: [{ commands: ['primary', 'secondary'].map((key) => `az iot hub policy renew-key --hub-name ${hub} --name ${policy} --renew-key ${key}`) }],
    breaks: `every service and SAS token that uses policy ${policy}'s keys (iothubowner: every back end that manages the hub)`,
    notes: ['Tokens are HMACs over the policy key: renewing the key invalidates them. Renew the key clients do not use first, move them, then the other.'],
    prevention: IOT_PREVENTION(hub),
  });
}

export function iotDeviceRevocation(view: IotCredentialView | undefined): Revocation {
  const hub = shellArgument(firstLabel(view?.host), '<hub>');
  const device = shellArgument(view?.deviceId, '<device-id>');
  const module = view?.holder === 'module' || view?.moduleId !== undefined;
  const command = module
    ? `az iot hub module-identity renew-key --hub-name ${hub} --device-id ${device} --module-id ${shellArgument(view?.moduleId, '<module-id>')} --key-type both`
    : `az iot hub device-identity renew-key --hub-name ${hub} --device-id ${device} --key-type both`;
  return iotPlan('iot-hub', {
    action: module
      ? `Renew both keys of module ${shellArgument(view?.moduleId, '<module-id>')} of device ${device}`
      : `Renew both keys of device ${device} of IoT hub ${hub}`,
    groups: [{ commands: [command] }],
    breaks: `the ${module ? 'module' : 'device'} itself until it gets the new key, and every SAS token made from the old one`,
    notes: [
      'device-identity and module-identity commands come from the azure-iot CLI extension (installed on first use).',
      `To cut the device off at once instead: az iot hub device-identity update --hub-name ${hub} --device-id ${device} --status disabled.`,
    ],
    prevention: IOT_PREVENTION(hub),
  });
}

export function dpsPolicyRevocation(view: IotCredentialView | undefined): Revocation {
  const dps = shellArgument(firstLabel(view?.host), '<dps-name>');
  const policy = shellArgument(view?.keyName, '<policy>');
  return iotPlan('device-provisioning-service', {
    action: `Replace both keys of shared access policy ${policy} of provisioning service ${dps}`,
    groups: [{ commands: [dpsKeyUpdate(dps, 'policy', `--policy-name ${policy}`)] }],
    breaks: `every service and SAS token that uses policy ${policy}'s keys`,
    notes: ['The provisioning service does not generate the new keys for you: pass two fresh random 32-byte base64 values (openssl rand -base64 32).'],
    prevention: [{ text: 'Use Microsoft Entra ID for the service APIs instead of a policy key' }],
  });
}

export function dpsRegistrationRevocation(view: IotCredentialView | undefined): Revocation {
  const dps = shellArgument(firstLabel(view?.host), '<dps-name>');
  const enrollment = shellArgument(view?.registrationId, '<enrollment-id>');
  return iotPlan('device-provisioning-service', {
    action: `Replace the keys of enrollment ${enrollment} in provisioning service ${dps}`,
    groups: [
      { label: 'an individual enrollment', commands: [dpsKeyUpdate(dps, 'enrollment', `--enrollment-id ${enrollment}`)] },
      { label: 'a device key derived from an enrollment group key', commands: [dpsKeyUpdate(dps, 'enrollment-group', '--enrollment-id <group-id>')] },
    ],
    breaks: 'the devices registering with those keys (for a group: every device of the group) until they get the new keys',
    notes: ['A device already registered keeps its hub identity: renew its key in the hub too (az iot hub device-identity renew-key).'],
    prevention: [],
  });
}

/** The IoT plan for a view: device or module key, policy key, DPS registration or policy. */
export function iotRevocation(view: IotCredentialView | undefined): Revocation {
  if (view?.service === 'device-provisioning' || isProvisioningHost(view?.host)) {
    const policy = view?.holder === 'policy' || (view?.holder !== 'registration' && view?.keyName !== undefined);
    return policy ? dpsPolicyRevocation(view) : dpsRegistrationRevocation(view);
  }
  if (view?.holder === 'device' || view?.holder === 'module') return iotDeviceRevocation(view);
  if (view?.holder === 'policy' || view?.keyName !== undefined) return iotPolicyRevocation(view);
  return view?.deviceId !== undefined ? iotDeviceRevocation(view) : iotPolicyRevocation(view);
}
