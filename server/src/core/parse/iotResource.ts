// What an IoT Hub or Device Provisioning Service name says: the service of a host (by its DNS
// suffix in each cloud) and the identity a SAS token's resource URI (`sr`) names. Hosts are the
// weaker evidence: real hubs are often reached through custom names (`*.cloudapp.azure.com`,
// gateways, test doubles), so the path shape (`/devices/…`, `/registrations/…`) counts on its own.
import type { IotService } from '../findings/types';

/** IoT Hub host suffixes: public, China, US Government, Germany (retired, still in old configs). */
const IOT_HUB_SUFFIXES = ['.azure-devices.net', '.azure-devices.cn', '.azure-devices.us', '.azure-devices.de'];
const DPS_SUFFIXES = ['.azure-devices-provisioning.net', '.azure-devices-provisioning.cn', '.azure-devices-provisioning.us', '.azure-devices-provisioning.de'];

/** The IoT service a host name belongs to by its suffix, or undefined. */
export function iotServiceOfHost(host: string | undefined): IotService | undefined {
  if (!host) return undefined;
  const lower = host
    .toLowerCase()
    .replace(/:\d{1,5}$/, '')
    .replace(/\.$/, '');
  if (DPS_SUFFIXES.some((suffix) => lower.endsWith(suffix))) return 'device-provisioning';
  if (IOT_HUB_SUFFIXES.some((suffix) => lower.endsWith(suffix))) return 'iot-hub';
  return undefined;
}

/** The host of `HostName=` or of an endpoint URL: no scheme, no path. */
export function hostOfEndpoint(value: string): string {
  const trimmed = value.trim();
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]+)/i.exec(trimmed);
  return m ? m[1]! : trimmed.replace(/\/.*$/, '');
}

export interface IotResource {
  readonly service: IotService;
  /** The identity the path names; `unknown` when the URI names only the hub or service. */
  readonly holder: 'device' | 'module' | 'registration' | 'unknown';
  /** The host part, when the URI starts with one (it may be an ID scope for DPS registrations). */
  readonly host?: string;
  readonly deviceId?: string;
  readonly moduleId?: string;
  readonly registrationId?: string;
  readonly idScope?: string;
}

/** Hosts of the messaging services whose tokens share the format: never IoT by their path. */
const MESSAGING_HOST = /\.servicebus\.|\.servicebus$/i;

/**
 * The IoT identity named by a decoded `sr`: `{hub}/devices/{id}[/modules/{mid}]`,
 * `{idScope}/registrations/{id}`, or a bare IoT host. Undefined when nothing in it is IoT.
 */
export function parseIotResource(sr: string | undefined): IotResource | undefined {
  if (!sr) return undefined;
  let rest = sr.trim();
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(rest);
  if (scheme) {
    if (/^sb:/i.test(rest)) return undefined;
    rest = rest.slice(scheme[0].length);
  }
  const slash = rest.indexOf('/');
  const host = slash < 0 ? rest : rest.slice(0, slash);
  if (MESSAGING_HOST.test(host)) return undefined;
  const segments = (slash < 0 ? '' : rest.slice(slash + 1)).split('/').filter((s) => s !== '');
  const hostService = iotServiceOfHost(host);
  const withHost = host !== '' ? { host } : {};
  if (segments[0]?.toLowerCase() === 'devices' && segments[1]) {
    const deviceId = segments[1];
    if (segments[2]?.toLowerCase() === 'modules' && segments[3]) {
      return { service: 'iot-hub', holder: 'module', ...withHost, deviceId, moduleId: segments[3] };
    }
    return { service: 'iot-hub', holder: 'device', ...withHost, deviceId };
  }
  if (segments[0]?.toLowerCase() === 'registrations' && segments[1]) {
    return { service: 'device-provisioning', holder: 'registration', ...(host !== '' ? { idScope: host } : {}), registrationId: segments[1] };
  }
  if (hostService !== undefined) return { service: hostService, holder: 'unknown', host };
  return undefined;
}
