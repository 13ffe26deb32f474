// The storage SAS family: account, service, policy-bound and user delegation SAS tokens of Azure
// Storage. It claims the SAS queries that name a storage service version or resource, and builds
// their finding: kind, account, services, permissions in words, dates, grade (assess/grade.ts),
// message, ranges, fingerprint. Only real signatures get here.
import { classifySas } from '../../assess/classify';
import { parseSasDate, isSignedVersion, toIso } from '../../parse/dates';
import { formatDate, joinWords, relativeTime, shorten, splitLiteralNote } from '../../findings/describe';
import type { FindingContext } from '../../findings/findingContext';
import { gradeSas } from '../../assess/grade';
import { permissionsInWords } from '../../assess/permissions';
import { isDocumentationAccount, isDocumentationPolicy } from '../../assess/placeholders';
import { paramValue, SAS_PARAMETER_NAMES, type SasQuery } from '../../parse/sasQuery';
import type { Finding, Permission, RuleId, SasDetails, SasKind } from '../../findings/types';
import { redactSecret } from '../../findings/redact';
import type { CredentialFamily, SasToken } from './family';
import { secretIdentity } from '../../findings/secretIdentity';

export const storageSasFamily: CredentialFamily = {
  name: 'storage SAS',
  claimsSasQuery: isStorageSas,
  reportSasToken(scan, token) {
    scan.add(buildStorageSasFinding(token, scan.context));
  },
};

/** sv is a service version date, or (without sv) the query names a storage resource. */
export function isStorageSas(query: SasQuery): boolean {
  const sv = query.params.get('sv');
  if (sv) return isSignedVersion(sv.value);
  const p = query.params;
  return p.has('sr') || p.has('ss') || p.has('srt') || p.has('si') || p.has('tn');
}

/** A storage SAS token as the signature reader placed it. */
export type StorageSasInput = SasToken;

const RULE_BY_KIND: Record<SasKind, RuleId> = {
  account: 'account-sas',
  service: 'service-sas',
  policy: 'policy-sas',
  'user-delegation': 'user-delegation-sas',
  unknown: 'unknown-sas',
};

const TITLE_BY_KIND: Record<SasKind, string> = {
  account: 'Account SAS',
  service: 'Service SAS',
  policy: 'Policy-bound SAS',
  'user-delegation': 'User delegation SAS',
  unknown: 'Storage SAS of unknown kind',
};

/** What a storage SAS finding says about its token, apart from where the token stands. */
type StorageSasVerdict = Omit<Finding, 'range' | 'secretRange' | 'queryRange' | 'container' | 'encoding'>;

export function buildStorageSasFinding(input: StorageSasInput, context: FindingContext): Finding {
  const { memo } = context;
  const key = memo !== undefined ? verdictKey(input, context.nowMs) : undefined;
  let verdict = key !== undefined ? (memo!.get(key) as StorageSasVerdict | undefined) : undefined;
  if (verdict === undefined) {
    verdict = storageSasVerdict(input, context);
    if (key !== undefined) memo!.set(key, verdict);
  }
  // The same fields in the same order as every SAS finding (sasTokenFields).
  const { ruleId, grade, reasons, message, fingerprint, redactedSecret, literalCount, details } = verdict;
  return {
    ruleId,
    grade,
    reasons,
    message,
    range: input.range,
    secretRange: input.secretRange,
    queryRange: input.queryRange,
    fingerprint,
    redactedSecret,
    container: input.container,
    encoding: input.encoding,
    ...(literalCount !== undefined ? { literalCount } : {}),
    details,
  };
}

/**
 * Everything storageSasVerdict reads, as one string: the clock, the signature, the literal count,
 * the surrounding account, the path, the host, and each parameter's key and value in order.
 */
function verdictKey(input: StorageSasInput, nowMs: number): string {
  const host = input.host;
  let key = `storage-sas\u0000${nowMs}\u0000${input.signature}\u0000${input.literalCount ?? ''}\u0000${input.connectionAccount ?? '\u0001'}\u0000${input.path ?? '\u0001'}\u0000`;
  key += host === undefined ? '\u0001' : JSON.stringify(host);
  for (const [name, pair] of input.query.params) key += `\u0000${name}=${pair.value ?? pair.rawValue}`;
  return key;
}

function storageSasVerdict(input: StorageSasInput, context: FindingContext): StorageSasVerdict {
  const { query } = input;
  const decodedParams = new Map<string, string | undefined>();
  for (const [key, pair] of query.params) decodedParams.set(key, pair.value ?? pair.rawValue);
  const classification = classifySas(decodedParams, input.host);
  const kind = classification.kind;

  const account = input.host?.account ?? input.connectionAccount;
  const startMs = parseSasDate(paramValue(query, 'st'));
  const expiryMs = parseSasDate(paramValue(query, 'se'));
  const keyStartMs = parseSasDate(paramValue(query, 'skt'));
  const keyExpiryMs = parseSasDate(paramValue(query, 'ske'));
  let effectiveMs = expiryMs;
  if (kind === 'user-delegation' && keyExpiryMs !== undefined) {
    effectiveMs = effectiveMs === undefined ? keyExpiryMs : Math.min(effectiveMs, keyExpiryMs);
  }
  const expired = effectiveMs !== undefined && effectiveMs < context.nowMs;
  const timeLeftMs = effectiveMs !== undefined ? effectiveMs - context.nowMs : undefined;
  const letters = paramValue(query, 'sp') ?? '';
  const permissions = /^[A-Za-z]*$/.test(letters) ? permissionsInWords(letters, classification.permissionTable) : [];
  const emulator = input.host?.emulator === true || account === 'devstoreaccount1';
  const documentationAccount = isDocumentationAccount(account);
  const documentationPolicy = kind === 'policy' && isDocumentationPolicy(paramValue(query, 'si'));
  const protocol = paramValue(query, 'spr');
  const ipRange = paramValue(query, 'sip');
  const requestBound = query.params.has('srh') || query.params.has('srq');
  const expiryText = effectiveMs !== undefined ? `on ${formatDate(effectiveMs, context.nowMs)} (${relativeTime(effectiveMs, context.nowMs)})` : undefined;

  const { grade, reasons } = gradeSas({
    classification,
    permissionLetters: permissions.length > 0 ? letters : '',
    resourceTypeLetters: (paramValue(query, 'srt') ?? '').toLowerCase(),
    timeLeftMs,
    expired,
    ...(expiryText !== undefined ? { expiryText } : {}),
    emulator,
    documentationAccount,
    documentationPolicy,
    ...(protocol !== undefined ? { protocol } : {}),
    ...(ipRange !== undefined ? { ipRange } : {}),
    ...(input.path !== undefined ? { path: input.path } : {}),
    managedDisk: input.host?.managedDisk === true,
    requestBound,
    delegatedUserBound: query.params.has('sduoid'),
  });

  const parameters: Record<string, string> = {};
  for (const [key, pair] of query.params) {
    if (!SAS_PARAMETER_NAMES.has(key)) continue;
    parameters[key] = key === 'sig' ? redactSecret(input.signature) : (pair.value ?? pair.rawValue);
  }

  const sdd = paramValue(query, 'sdd');
  const userDelegation =
    kind === 'user-delegation'
      ? {
          ...optional('objectId', paramValue(query, 'skoid')),
          ...optional('tenantId', paramValue(query, 'sktid')),
          ...optional('keyStart', keyStartMs !== undefined ? toIso(keyStartMs) : undefined),
          ...optional('keyExpiry', keyExpiryMs !== undefined ? toIso(keyExpiryMs) : undefined),
          ...optional('keyService', paramValue(query, 'sks')),
          ...optional('keyVersion', paramValue(query, 'skv')),
          ...optional('delegatedUserObjectId', paramValue(query, 'sduoid')),
        }
      : undefined;

  const details: SasDetails = {
    type: 'sas',
    kind,
    ...optional('account', account),
    ...optional('host', input.host?.host),
    ...optional('path', input.path),
    services: classification.services,
    resourceTypes: classification.resourceTypes,
    ...optional('resource', classification.resource),
    permissions,
    ...optional('permissionLetters', paramValue(query, 'sp')),
    ...optional('start', startMs !== undefined ? toIso(startMs) : undefined),
    ...optional('expiry', expiryMs !== undefined ? toIso(expiryMs) : undefined),
    ...optional('effectiveExpiry', effectiveMs !== undefined ? toIso(effectiveMs) : undefined),
    expired,
    ...optional('timeLeftMs', timeLeftMs),
    ...optional('protocol', protocol),
    ...optional('ipRange', ipRange),
    ...optional('signedVersion', paramValue(query, 'sv')),
    ...optional('policyId', paramValue(query, 'si')),
    ...optional('tableName', paramValue(query, 'tn')),
    ...optional('directoryDepth', sdd !== undefined && /^\d{1,4}$/.test(sdd) ? Number(sdd) : undefined),
    ...optional('encryptionScope', paramValue(query, 'ses')),
    ...(userDelegation ? { userDelegation } : {}),
    requestBound,
    emulator,
    parameters,
  };

  const message = describeStorageSas(
    details,
    classification.scope,
    grade,
    effectiveMs,
    context.nowMs,
    documentationAccount,
    documentationPolicy,
    input.literalCount,
  );
  return {
    ruleId: RULE_BY_KIND[kind],
    grade,
    reasons,
    message,
    ...secretIdentity(input.signature),
    ...(input.literalCount !== undefined ? { literalCount: input.literalCount } : {}),
    details,
  };
}

function describeStorageSas(
  details: SasDetails,
  scope: string,
  grade: string,
  effectiveMs: number | undefined,
  nowMs: number,
  documentationAccount: boolean,
  documentationPolicy: boolean,
  literalCount: number | undefined,
): string {
  let head = TITLE_BY_KIND[details.kind];
  if (details.kind === 'policy' && details.policyId) head += ` (policy ${shorten(details.policyId, 40)})`;
  if (details.account) head += ` for ${details.account}`;
  const rights =
    details.permissions.length > 0
      ? permissionNames(details.permissions)
      : details.kind === 'policy'
        ? 'rights set by the stored access policy'
        : 'unstated rights';
  let target: string;
  if (details.kind === 'account') {
    target = details.services.length > 0 ? joinWords(details.services) : 'the account';
  } else {
    const resource = details.resource ?? (scope === 'object' ? 'object' : (details.services[0] ?? 'an unknown service'));
    const name = grantedResourceName(details);
    target = name ? `${resource} ${shorten(name)}` : resource;
  }
  let when: string;
  if (effectiveMs === undefined) {
    when = details.kind === 'policy' ? ', expiry set by the policy' : ' with no expiry in the token';
  } else if (details.expired) {
    when = ` expired on ${formatDate(effectiveMs, nowMs)} (${relativeTime(effectiveMs, nowMs)})`;
  } else {
    when = ` until ${formatDate(effectiveMs, nowMs)} (${relativeTime(effectiveMs, nowMs)})`;
  }
  let note = '';
  if (details.emulator) note = ' (storage emulator, not a secret)';
  else if (documentationAccount) note = ' (documentation sample account)';
  else if (documentationPolicy) note = ' (documentation sample policy name)';
  const separator = details.expired ? ';' : '';
  return `${head}: ${rights} on ${target}${separator}${when}${note}${splitLiteralNote(literalCount)} — ${grade}`;
}

function permissionNames(permissions: readonly Permission[]): string {
  let out = '';
  for (const p of permissions) out += out ? `, ${p.name}` : p.name;
  return out;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/**
 * The name of what the token grants, from the URL. A container (`sr=c`) or share (`sr=s`) SAS grants
 * the whole container or share, its first path segment, whatever blob or file the URL then names;
 * a path-style emulator URL puts the account before it.
 */
function grantedResourceName(details: SasDetails): string {
  if (details.tableName !== undefined) return details.tableName;
  let segments = (details.path ?? '').split('/').filter((segment) => segment !== '');
  if (details.emulator && details.account !== undefined && segments[0] === details.account) segments = segments.slice(1);
  const sr = details.parameters.sr?.toLowerCase();
  if (sr === 'c' || sr === 's') segments = segments.slice(0, 1);
  return segments.join('/');
}
