// What a URL's host says about a storage token: account, service, cloud, and whether it is the
// emulator, a private link, a secondary endpoint, a static website, a managed-disk export, an IP,
// a CDN or a custom domain. Hosts never make a token safe except the emulator's.

export type StorageService = 'blob' | 'file' | 'queue' | 'table' | 'dfs' | 'web';

export interface HostInfo {
  /** Lower-cased host name without port or user info. */
  readonly host: string;
  readonly port?: number;
  readonly account?: string;
  readonly service?: StorageService;
  /** Public, China, US Government, Germany, Azure DNS zone, or other (stack, custom, CDN, IP). */
  readonly cloud?: 'public' | 'china' | 'usgov' | 'germany' | 'dns-zone';
  readonly secondary: boolean;
  readonly privateLink: boolean;
  readonly staticWebsite: boolean;
  readonly managedDisk: boolean;
  readonly ip: boolean;
  readonly emulator: boolean;
  readonly cdn: boolean;
}

const SERVICES: ReadonlySet<string> = new Set(['blob', 'file', 'queue', 'table', 'dfs', 'web']);

const SUFFIXES: ReadonlyArray<readonly [string, HostInfo['cloud']]> = [
  ['core.windows.net', 'public'],
  ['core.chinacloudapi.cn', 'china'],
  ['core.usgovcloudapi.net', 'usgov'],
  ['core.cloudapi.de', 'germany'],
  ['storage.azure.net', 'dns-zone'],
];

const EMULATOR_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', 'host.docker.internal', 'azurite', '0.0.0.0', '[::1]', '::1']);

export const EMULATOR_ACCOUNT = 'devstoreaccount1';

function isZoneLabel(label: string): boolean {
  return /^z\d{1,2}$/.test(label);
}

/**
 * Analyses `authority` (host[:port], maybe with user info) and the URL path (decoded, starting with
 * `/` or empty).
 */
export function analyzeHost(authority: string, path: string): HostInfo {
  let hostPort = authority;
  const at = hostPort.lastIndexOf('@');
  if (at >= 0) hostPort = hostPort.slice(at + 1);
  let host = hostPort.toLowerCase();
  let port: number | undefined;
  const portMatch = /^(.*?):(\d{1,5})$/.exec(host);
  if (portMatch && !host.startsWith('[')) {
    host = portMatch[1]!;
    port = Number(portMatch[2]);
  } else if (host.startsWith('[')) {
    const close = host.indexOf(']');
    if (close > 0 && host.charCodeAt(close + 1) === 58) {
      port = Number(host.slice(close + 2)) || undefined;
      host = host.slice(0, close + 1);
    }
  }
  const ip = /^\d{1,3}(?:\.\d{1,3}){3}$/.test(host) || host.startsWith('[');
  const labels = host.split('.');
  let account: string | undefined;
  let service: StorageService | undefined;
  let cloud: HostInfo['cloud'];
  let secondary = false;
  let privateLink = false;
  let staticWebsite = false;
  let managedDisk = false;

  for (let s = 1; s < labels.length && !service; s++) {
    const label = labels[s]!;
    if (!SERVICES.has(label)) continue;
    let rest = labels.slice(s + 1);
    if (rest.length > 0 && isZoneLabel(rest[0]!)) rest = rest.slice(1);
    const suffix = rest.join('.');
    let known: (typeof SUFFIXES)[number] | undefined;
    for (const entry of SUFFIXES) if (entry[0] === suffix) known = entry;
    const before = labels.slice(0, s);
    if (known) {
      cloud = known[1];
    } else if (!(s === 1 && rest.length >= 1)) {
      continue; // `<account>.blob.<anything>` (Azure Stack, `.blob.localhost`) only right after the account
    }
    if (before.length === 2 && before[1] === 'privatelink') privateLink = true;
    else if (before.length === 2 && isZoneLabel(before[1]!)) staticWebsite = label === 'web';
    else if (before.length !== 1) continue;
    service = label as StorageService;
    account = before[0]!;
    if (account.endsWith('-secondary')) {
      secondary = true;
      account = account.slice(0, -'-secondary'.length);
    }
    if (cloud === 'dns-zone' && /^md-/.test(account)) managedDisk = true;
  }
  if (!service && labels.length >= 4 && SERVICES.has(labels[2]!) && isZoneLabel(labels[1]!)) {
    // <account>.zNN.blob.storage.azure.net and <account>.zNN.web.core.windows.net
    service = labels[2] as StorageService;
    account = labels[0];
    staticWebsite = service === 'web';
    cloud = 'dns-zone';
    managedDisk = /^md-/.test(account ?? '');
  }

  const firstPathSegment = path.replace(/^\/+/, '').split('/')[0] ?? '';
  const emulatorHost = EMULATOR_HOSTS.has(host) || host.endsWith('.localhost') || host === 'azurite';
  const emulatorPort = port !== undefined && port >= 10000 && port <= 10002;
  let emulator = false;
  if (emulatorHost && (emulatorPort || firstPathSegment === EMULATOR_ACCOUNT || host === 'azurite' || account === EMULATOR_ACCOUNT)) {
    emulator = true;
  }
  if (account === EMULATOR_ACCOUNT) emulator = true;
  if ((emulatorHost || ip) && !account && firstPathSegment.length > 0 && /^[a-z0-9]{3,24}$/.test(firstPathSegment) && (emulator || emulatorPort)) {
    account = firstPathSegment; // path-style emulator URL: http://127.0.0.1:10000/devstoreaccount1/…
  }
  if (firstPathSegment === EMULATOR_ACCOUNT && (emulatorHost || ip)) {
    emulator = true;
    account = EMULATOR_ACCOUNT;
  }
  const cdn = host.endsWith('.azureedge.net') || host.endsWith('.azurefd.net');
  const info: HostInfo = {
    host,
    secondary,
    privateLink,
    staticWebsite,
    managedDisk,
    ip,
    emulator,
    cdn,
    ...(port !== undefined ? { port } : {}),
    ...(account !== undefined ? { account } : {}),
    ...(service !== undefined ? { service } : {}),
    ...(cloud !== undefined ? { cloud } : {}),
  };
  return info;
}
