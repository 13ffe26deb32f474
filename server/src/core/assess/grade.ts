// Every grade the engine gives, in one place. Storage SAS (docs/detection.md, "Grades"): base
// grade from kind, scope, permissions and time left; then modifiers one step each (clear-text
// protocol, sensitive path, narrow IP range, request-bound, delegated-user-bound), capped between
// low and critical for live tokens. Account keys, Service Bus and IoT Hub keys and tokens: from what
// the key controls and how long the token lives. The grade vocabulary itself is findings/grades.ts.
import { formatDate, relativeTime, WEEK_MS, YEAR_MS } from '../findings/describe';
import { adminLetters, destructiveLetters, writeLetters, type PermissionTable } from './permissions';
import type { SasClassification } from './classify';
import { gradeOfRank, gradeRank, type Grade } from '../findings/grades';
import type { IotHolder, IotService } from '../findings/types';

export interface GradeResult {
  readonly grade: Grade;
  readonly reasons: string[];
}

/** Moves a live token's grade `by` steps, never below low (info is for tokens that cannot be used). */
function step(grade: Grade, by: number): Grade {
  return gradeOfRank(Math.max(gradeRank('low'), gradeRank(grade) + by));
}

const SENSITIVE_EXTENSIONS = ['.vhd', '.vhdx', '.bak', '.bacpac', '.pfx', '.p12', '.pem', '.key', '.kdbx', '.sql', '.tfstate', '.env', '.ckpt'];

export function isSensitivePath(path: string | undefined): boolean {
  if (!path) return false;
  const lower = path.toLowerCase();
  for (const ext of SENSITIVE_EXTENSIONS) if (lower.endsWith(ext)) return true;
  return false;
}

/** True for a single address or a range of at most 256 addresses. */
export function isNarrowIpRange(sip: string | undefined): boolean {
  if (!sip) return false;
  const parts = sip.split('-');
  const from = parseIpv4(parts[0] ?? '');
  if (from === undefined) return false;
  if (parts.length === 1) return true;
  const to = parseIpv4(parts[1] ?? '');
  return parts.length === 2 && to !== undefined && to >= from && to - from < 256;
}

function parseIpv4(ip: string): number | undefined {
  const octets = ip.trim().split('.');
  if (octets.length !== 4) return undefined;
  let n = 0;
  for (const o of octets) {
    if (!/^\d{1,3}$/.test(o) || Number(o) > 255) return undefined;
    n = n * 256 + Number(o);
  }
  return n;
}

export interface SasGradeInput {
  readonly classification: SasClassification;
  readonly permissionLetters: string;
  readonly resourceTypeLetters: string;
  readonly timeLeftMs: number | undefined;
  readonly expired: boolean;
  readonly expiryText?: string;
  readonly emulator: boolean;
  readonly documentationAccount: boolean;
  /** The stored access policy's name is a documentation sample (`mypolicyname`). */
  readonly documentationPolicy?: boolean;
  readonly protocol?: string;
  readonly ipRange?: string;
  readonly path?: string;
  readonly managedDisk: boolean;
  readonly requestBound: boolean;
  readonly delegatedUserBound: boolean;
}

function hasAny(letters: string, set: string): boolean {
  for (const c of letters) if (set.includes(c)) return true;
  return false;
}

export function gradeSas(input: SasGradeInput): GradeResult {
  const c = input.classification;
  if (input.emulator) return { grade: 'info', reasons: ['storage emulator (Azurite) account or host: not a secret'] };
  if (input.expired) {
    return {
      grade: 'info',
      reasons: [
        `expired${input.expiryText ? ` ${input.expiryText}` : ''}: it can no longer be used, but remove it from the history if the signing key was not rotated`,
      ],
    };
  }
  if (input.documentationAccount) return { grade: 'info', reasons: ['documentation sample account name'] };
  if (input.documentationPolicy === true) return { grade: 'info', reasons: ['documentation sample policy name'] };

  const sp = input.permissionLetters.toLowerCase();
  const table: PermissionTable = c.permissionTable;
  const destructive = hasAny(sp, destructiveLetters(table));
  const write = hasAny(sp, writeLetters(table));
  const admin = hasAny(sp, adminLetters(table)) || (c.kind === 'account' && input.resourceTypeLetters.includes('s') && sp.includes('w'));
  const changes = write || destructive || admin;
  const ttl = input.timeLeftMs;
  // No expiry in a token that is not policy-bound: treat as long-lived (the service rejects it, but
  // a policy-less SAS without se is usually a copy error of a long-lived one).
  const over7Days = ttl === undefined ? c.kind !== 'policy' : ttl > WEEK_MS;
  const overYear = ttl !== undefined && ttl >= YEAR_MS;
  const keySigned = c.kind === 'account' || c.kind === 'service' || c.kind === 'unknown';
  const reasons: string[] = [];
  let grade: Grade;

  const broadScope = c.scope === 'account' || (c.scope === 'container' && !c.queue);
  if (c.kind === 'account' && changes && over7Days) {
    grade = 'critical';
    reasons.push('account SAS with write, delete or admin rights valid for more than 7 days');
  } else if (c.kind === 'account' && input.resourceTypeLetters.includes('s') && sp.includes('w')) {
    grade = 'critical';
    reasons.push('account SAS that can rewrite service properties (srt=s with write)');
  } else if ((write || destructive) && broadScope && overYear) {
    grade = 'critical';
    reasons.push('write or delete rights on a whole container, share or account valid for a year or more');
  } else if (c.kind === 'account') {
    grade = 'high';
    reasons.push('account SAS: reaches every container of the services it names and can only be revoked by rotating the account key');
  } else if ((c.kind === 'service' || c.kind === 'unknown') && (write || destructive) && c.scope === 'container' && !c.queue) {
    grade = 'high';
    reasons.push(`service SAS with write or delete rights on a whole ${c.resource ?? 'container'}`);
  } else if (keySigned && over7Days) {
    grade = 'high';
    reasons.push(
      ttl === undefined
        ? 'account-key-signed SAS without an expiry or stored access policy'
        : 'account-key-signed SAS valid for more than 7 days without a stored access policy',
    );
  } else if (keySigned && hasAny(sp, table === 'blob' || table === 'account' ? 'yi' : '')) {
    grade = 'high';
    reasons.push('permanent delete or immutability rights');
  } else if (c.kind === 'policy') {
    grade = 'medium';
    reasons.push('bound to a stored access policy: revocable by changing the policy, but usable until then');
  } else if (c.kind === 'user-delegation') {
    if (changes) {
      grade = 'medium';
      reasons.push('user delegation SAS with write, delete or admin rights');
    } else {
      grade = 'low';
      reasons.push('read-only user delegation SAS (at most 7 days, revocable)');
    }
  } else if (c.scope === 'container') {
    grade = 'medium';
    reasons.push(
      changes
        ? `service SAS with write rights on a ${c.resource ?? 'container'}`
        : `service SAS with read or list rights on a whole ${c.resource ?? 'container'}`,
    );
  } else if (changes) {
    grade = 'medium';
    reasons.push(`service SAS with write or delete rights on a single ${c.resource ?? 'object'}`);
  } else {
    grade = 'low';
    reasons.push(`read-only SAS on a single ${c.resource ?? 'object'}, valid for 7 days or less`);
  }

  if (input.protocol && /http(?!s)/i.test(input.protocol.replace(/https/gi, ''))) {
    grade = step(grade, +1);
    reasons.push('allows plain HTTP (spr=https,http): the token can travel in clear text');
  }
  if (isSensitivePath(input.path) || input.managedDisk) {
    grade = step(grade, +1);
    reasons.push(input.managedDisk ? 'managed disk export (VHD data)' : 'points at sensitive content (disk image, backup, key or state file)');
  }
  if (isNarrowIpRange(input.ipRange)) {
    grade = step(grade, -1);
    reasons.push(`restricted to a narrow IP range (${input.ipRange})`);
  }
  if (input.requestBound) {
    grade = step(grade, -1);
    reasons.push('bound to specific request headers or query parameters (srh/srq)');
  }
  if (input.delegatedUserBound) {
    grade = step(grade, -1);
    reasons.push('only usable together with an Entra ID token of the delegated user (sduoid)');
  }
  return { grade, reasons };
}

// ---- account keys ------------------------------------------------------------------------------

export interface AccountKeyGradeInput {
  readonly cosmos: boolean;
  /** The key is the public storage emulator (Azurite) key, or one edited from it (then `editedEmulatorKey` too). */
  readonly emulatorKey: boolean;
  /** The key is a public emulator key with one or two characters changed. */
  readonly editedEmulatorKey?: boolean;
  /** Emulator context (UseDevelopmentStorage, devstoreaccount1, emulator endpoints). */
  readonly emulatorContext: boolean;
  /** The account is a documentation sample name. */
  readonly documentationAccount: boolean;
  /** The key is one Azure SDK test suites publish as a sample (placeholders.ts isPublicSampleKey). */
  readonly publicSampleKey?: boolean;
  /** The only evidence is the surroundings (an account name, endpoint or AccountKey= join nearby). */
  readonly inferred: boolean;
  /** New-style identifiable storage key (+ASt marker). */
  readonly identifiable: boolean;
  /** The identifiable key's checksum verifies. */
  readonly checksumVerified: boolean;
}

export function gradeAccountKey(input: AccountKeyGradeInput): GradeResult {
  if (input.emulatorKey || input.emulatorContext) {
    return {
      grade: 'info',
      reasons: [
        input.editedEmulatorKey
          ? 'a public emulator key with one or two characters changed: a test value, not a secret'
          : input.emulatorKey
            ? input.cosmos
              ? 'the public Cosmos DB emulator key: not a secret'
              : 'the public storage emulator (Azurite) key: not a secret'
            : 'storage emulator account: not a secret',
      ],
    };
  }
  if (input.documentationAccount) return { grade: 'info', reasons: ['documentation sample account name'] };
  if (input.publicSampleKey) return { grade: 'info', reasons: ['a key Azure SDK test suites publish as a sample value: public, not a secret'] };
  const kind = input.cosmos ? 'Cosmos DB' : 'storage';
  if (input.inferred) {
    return {
      grade: 'high',
      reasons: [
        `88-character base64 key with ${kind} account evidence around it, not in its own name: a ${kind} account key gives full control of the account and never expires`,
      ],
    };
  }
  const reasons = [`${kind} account key: full control of the whole account, never expires, can mint any SAS`];
  if (input.identifiable && input.checksumVerified && !input.cosmos) reasons.push('identifiable storage key (+ASt marker, checksum verified)');
  return { grade: 'critical', reasons };
}

// ---- Service Bus / Event Hubs / Relay (and the IoT Hub owner policy) --------------------------------------------

/** Rules whose key manages the whole namespace or hub. */
const ROOT_KEY_NAMES: ReadonlySet<string> = new Set(['rootmanagesharedaccesskey', 'iothubowner']);

export function isRootKeyName(name: string | undefined): boolean {
  return name !== undefined && ROOT_KEY_NAMES.has(name.toLowerCase());
}

export interface ServiceBusSasGradeInput {
  /** `se` in milliseconds, when readable. */
  readonly expiryMs: number | undefined;
  readonly nowMs: number;
  /** `skn`: the rule that signed the token. */
  readonly keyName: string | undefined;
}

/**
 * A token lives until `se`; one without a readable `se` is rejected by the service (the expiry is
 * part of what is signed), so it is reported for information only.
 */
export function gradeServiceBusSas(input: ServiceBusSasGradeInput): GradeResult {
  return gradeEpochToken(input, 'rule, which manages the whole namespace', 'send or listen');
}

/** A shared access key never expires; a root rule's key manages the whole namespace. */
export function gradeServiceBusKey(keyName: string | undefined): GradeResult {
  return isRootKeyName(keyName)
    ? { grade: 'critical', reasons: [`${keyName} key: manage, send and listen on the whole namespace or hub; never expires`] }
    : { grade: 'high', reasons: ['shared access key: signs any number of tokens and never expires'] };
}

// ---- IoT Hub and Device Provisioning Service ---------------------------------------------------

export interface IotKeyGradeInput {
  readonly service: IotService;
  readonly holder: IotHolder;
  readonly keyName?: string;
}

/**
 * A device or module key connects as that identity and never expires: high. A hub policy key
 * follows the Service Bus rule: the owner policy (iothubowner) controls the whole registry and
 * service side, critical; any other policy, high. A provisioning service policy key is high, the
 * owner's too: it controls enrollments, not a hub's registry or messages directly.
 */
export function gradeIotKey(input: IotKeyGradeInput): GradeResult {
  const { service, holder, keyName } = input;
  if (holder === 'device' || holder === 'module' || holder === 'registration') {
    const who = holder === 'module' ? 'module' : 'device';
    return { grade: 'high', reasons: [`${who} key: anyone holding it can connect as that ${who} and sign tokens for it; never expires`] };
  }
  if (service === 'device-provisioning') {
    return {
      grade: 'high',
      reasons: [`provisioning service policy key${keyName ? ` ${keyName}` : ''}: signs service tokens for enrollments and registrations; never expires`],
    };
  }
  if (isRootKeyName(keyName)) {
    return { grade: 'critical', reasons: [`${keyName} key: full control of the hub's device registry and service endpoints; never expires`] };
  }
  return { grade: 'high', reasons: ['hub shared access policy key: signs any number of tokens and never expires'] };
}

export interface IotSasGradeInput {
  readonly expiryMs: number | undefined;
  readonly nowMs: number;
  readonly keyName?: string | undefined;
}

/** Graded like a Service Bus token: no readable expiry or expired, info; owner-signed or over 7 days, high; else medium. */
export function gradeIotSas(input: IotSasGradeInput): GradeResult {
  return gradeEpochToken(input, 'policy, which controls the whole hub', 'use it');
}

/**
 * The grade shared by the tokens with an epoch expiry (Service Bus, IoT): only the words for the
 * root signer (`rootSigner`, after its name) and for what a holder can do (`holderCan`) differ.
 */
function gradeEpochToken(input: IotSasGradeInput, rootSigner: string, holderCan: string): GradeResult {
  const { expiryMs, nowMs, keyName } = input;
  if (expiryMs === undefined) return { grade: 'info', reasons: ['no expiry (se): not a valid token, the service rejects it'] };
  if (expiryMs < nowMs) {
    return { grade: 'info', reasons: [`expired on ${formatDate(expiryMs, nowMs)} (${relativeTime(expiryMs, nowMs)}): it can no longer be used`] };
  }
  if (isRootKeyName(keyName)) return { grade: 'high', reasons: [`signed with the ${keyName} ${rootSigner}`] };
  if (expiryMs - nowMs > WEEK_MS) {
    return { grade: 'high', reasons: [`valid for more than 7 days: anyone holding it can ${holderCan} until then`] };
  }
  return { grade: 'medium', reasons: ['short-lived token: usable until it expires'] };
}
