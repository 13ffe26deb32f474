// What an IoT Hub or Device Provisioning Service credential allows, in words, and which policy
// names are the services' built-in ones. The built-in hub policies carry fixed permissions
// (RegistryRead, RegistryReadWrite, ServiceConnect, DeviceConnect); a policy of any other name
// carries what its owner gave it, which the text cannot tell.
import type { IotHolder, IotService } from '../findings/types';

const REGISTRY_READ = 'read the identity registry and its device keys';
const REGISTRY_WRITE = 'create, change and delete devices';
const SERVICE_CONNECT = 'send cloud-to-device messages, call direct methods, update twins';
const DEVICE_CONNECT = 'connect as any device';

/** Built-in IoT Hub policies (lower case) and their rights. */
const HUB_POLICY_RIGHTS: ReadonlyMap<string, string> = new Map([
  ['iothubowner', 'full control of the hub: registry read and write (every device key), service connect and device connect'],
  ['service', SERVICE_CONNECT],
  ['device', DEVICE_CONNECT],
  ['registryread', REGISTRY_READ],
  ['registryreadwrite', `${REGISTRY_READ}; ${REGISTRY_WRITE}`],
]);

/** Built-in Device Provisioning Service policies (lower case) and their rights. */
const DPS_POLICY_RIGHTS: ReadonlyMap<string, string> = new Map([
  ['provisioningserviceowner', 'full control of the provisioning service: its configuration, enrollments (with their keys) and registrations'],
]);

/** Policy names only IoT Hub uses: evidence of IoT Hub without a host. `service` and `device` are too common to count. */
const HUB_ONLY_POLICY_NAMES: ReadonlySet<string> = new Set(['iothubowner', 'registryread', 'registryreadwrite']);

export function isIotHubPolicyName(name: string | undefined): boolean {
  return name !== undefined && HUB_ONLY_POLICY_NAMES.has(name.toLowerCase());
}

export function isDpsPolicyName(name: string | undefined): boolean {
  return name !== undefined && DPS_POLICY_RIGHTS.has(name.toLowerCase());
}

export interface IotIdentity {
  readonly service: IotService;
  readonly holder: IotHolder;
  readonly deviceId?: string;
  readonly moduleId?: string;
  readonly registrationId?: string;
  readonly keyName?: string;
}

/** What a key of this identity (or a token signed with it) lets its holder do. */
export function iotAllows(identity: IotIdentity): string {
  const { service, holder, deviceId, moduleId, registrationId, keyName } = identity;
  switch (holder) {
    case 'device':
      return `connect as device ${deviceId ?? '(unnamed)'}: send telemetry, receive cloud-to-device messages, update its twin and answer direct methods`;
    case 'module':
      return `connect as module ${moduleId ?? '(unnamed)'} of device ${deviceId ?? '(unnamed)'}: send and receive its messages, update its module twin and answer direct methods`;
    case 'registration':
      return `register as ${registrationId ?? 'the device'} with the provisioning service and learn its assigned hub`;
    case 'policy': {
      const rights = (service === 'device-provisioning' ? DPS_POLICY_RIGHTS : HUB_POLICY_RIGHTS).get((keyName ?? '').toLowerCase());
      if (rights) return rights;
      return service === 'device-provisioning'
        ? 'the rights given to this provisioning service policy (not a built-in name: check them in the portal)'
        : 'the rights given to this hub policy (not a built-in name: check them in the portal)';
    }
    case 'unknown':
      return service === 'device-provisioning' ? 'access to the provisioning service' : 'access to the hub';
  }
}
