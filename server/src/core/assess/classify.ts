// Which kind of storage SAS a query is (docs/detection.md, "Rules"), what it reaches (services, resource
// types, resource) and which permission table its `sp` letters are read with.
import type { HostInfo } from '../parse/hosts';
import type { PermissionTable } from './permissions';
import type { SasKind } from '../findings/types';

export interface SasClassification {
  readonly kind: SasKind;
  readonly services: string[];
  readonly resourceTypes: string[];
  readonly resource?: string;
  readonly permissionTable: PermissionTable;
  /** account > container (container, directory, share, whole table, queue) > object (blob, file, table range). */
  readonly scope: 'account' | 'container' | 'object';
  readonly queue: boolean;
}

const SERVICE_NAMES: Record<string, string> = { b: 'blob', f: 'file', q: 'queue', t: 'table' };
const RESOURCE_TYPE_NAMES: Record<string, string> = { s: 'service', c: 'container', o: 'object' };
const RESOURCE_NAMES: Record<string, string> = {
  b: 'blob',
  bv: 'blob version',
  bs: 'blob snapshot',
  c: 'container',
  d: 'directory',
  f: 'file',
  s: 'share',
};

export function classifySas(params: ReadonlyMap<string, string | undefined>, host: HostInfo | undefined): SasClassification {
  const sr = params.get('sr')?.toLowerCase();
  const hostService = host?.service;
  const queueHost = hostService === 'queue' || host?.port === 10001;
  const tableHost = hostService === 'table' || host?.port === 10002;
  const fileHost = hostService === 'file';
  const tn = params.get('tn');
  const hasTableRange = params.has('spk') || params.has('srk') || params.has('epk') || params.has('erk');
  const target = serviceTarget(sr, tn, tableHost, queueHost, fileHost, hostService);

  if (params.has('skoid')) {
    const { table, services } = target;
    const resource = sr !== undefined ? RESOURCE_NAMES[sr] : undefined;
    return {
      kind: 'user-delegation',
      services,
      resourceTypes: [],
      ...(resource ? { resource } : {}),
      permissionTable: table,
      scope: resourceScope(sr, tn, hasTableRange, queueHost),
      queue: table === 'queue',
    };
  }
  if (params.has('ss') || params.has('srt')) {
    const services = lettersToWords(params.get('ss') ?? '', SERVICE_NAMES);
    const resourceTypes = lettersToWords(params.get('srt') ?? '', RESOURCE_TYPE_NAMES);
    return { kind: 'account', services, resourceTypes, permissionTable: 'account', scope: 'account', queue: false };
  }
  const policy = params.has('si');
  const known = (sr !== undefined && RESOURCE_NAMES[sr] !== undefined) || tn !== undefined || queueHost;
  const { table, services } = target;
  let resource: string | undefined = sr !== undefined ? RESOURCE_NAMES[sr] : undefined;
  if (!resource && tn !== undefined) resource = 'table';
  if (!resource && queueHost) resource = 'queue';
  const kind: SasKind = policy ? 'policy' : known ? 'service' : 'unknown';
  return {
    kind,
    services,
    resourceTypes: [],
    ...(resource ? { resource } : {}),
    permissionTable: table,
    scope: known ? resourceScope(sr, tn, hasTableRange, queueHost) : 'container',
    queue: table === 'queue',
  };
}

/** Which service a non-account token targets, from sr / tn and the host. */
function serviceTarget(
  sr: string | undefined,
  tn: string | undefined,
  tableHost: boolean,
  queueHost: boolean,
  fileHost: boolean,
  hostService: string | undefined,
): { table: PermissionTable; services: string[] } {
  if (sr === 'f' || sr === 's') return { table: 'file', services: ['file'] };
  if (tn !== undefined || tableHost) return { table: 'table', services: ['table'] };
  if (queueHost) return { table: 'queue', services: ['queue'] };
  if (fileHost) return { table: 'file', services: ['file'] };
  if (hostService === 'blob' || hostService === 'dfs' || hostService === 'web' || (sr !== undefined && BLOB_RESOURCES.has(sr))) {
    return { table: 'blob', services: [hostService === 'dfs' ? 'dfs' : 'blob'] };
  }
  // Nothing names the service (no sr, tn or storage host): the letters are read with the blob
  // table, the broadest, but no service is claimed.
  return { table: 'blob', services: [] };
}

/** `sr` values that only the blob (and Data Lake) service uses. */
const BLOB_RESOURCES: ReadonlySet<string> = new Set(['b', 'bv', 'bs', 'c', 'd']);

function resourceScope(sr: string | undefined, tn: string | undefined, hasTableRange: boolean, queue: boolean): 'container' | 'object' {
  if (sr === 'b' || sr === 'bv' || sr === 'bs' || sr === 'f') return 'object';
  if (tn !== undefined && hasTableRange) return 'object';
  if (sr === 'c' || sr === 'd' || sr === 's' || tn !== undefined || queue) return 'container';
  return 'container';
}

function lettersToWords(letters: string, names: Record<string, string>): string[] {
  const out: string[] = [];
  for (const letter of letters.toLowerCase()) {
    const name = names[letter] ?? `unknown "${letter}"`;
    if (!out.includes(name)) out.push(name);
  }
  return out;
}
