// What makes a 64-byte base64 value a storage (or Cosmos DB) account key rather than any other
// 64-byte secret (a JWT signing key, an HMAC key, a hash): issue 9's "evidence before a claim".
// The account key family asks, in this order:
//   - is it an identifiable storage key whose checksum verifies (assess/identifiableKey.ts)?
//   - does its setting's name say storage or account key (`storageAccountKey`, `AZURE_STORAGE_KEY`)?
//   - is it the key argument of a storage SDK call or constructor?
//   - is an account name, a storage or Cosmos DB endpoint, or an `AccountKey=` join in the same
//     object, block or call (parse/enclosingBlock.ts)?
// A name that says the value is something else (`jwtKey`, `SigningKey`, `HmacKey`, `publicKey`,
// `EncryptionKey`, …) is never overruled by surroundings. A connection string is evidence on its
// own and does not come here. Every check is bounded; the regular expressions have bounded
// quantifiers only, so nothing can backtrack far.
import { enclosingBlock, parentFieldName } from '../parse/enclosingBlock';
import { enclosingCall } from '../parse/enclosingCall';
import type { OffsetRange } from '../findings/types';

/** What a setting's name says about the 64-byte value it holds. */
export type KeyNameVerdict = 'storage' | 'cosmos' | 'access' | 'generic' | 'other-purpose';

/** Words that say a key is for something other than a storage account. */
const OTHER_PURPOSE_WORDS: ReadonlySet<string> = new Set([
  'jwt',
  'jws',
  'jwk',
  'signing',
  'sign',
  'signer',
  'hmac',
  'public',
  'pub',
  'private',
  'encryption',
  'encrypt',
  'decryption',
  'decrypt',
  'aes',
  'rsa',
  'ecdsa',
  'cipher',
  'crypto',
  'session',
  'cookie',
  'csrf',
  'xsrf',
  'machine',
  'validation',
  'license',
  'licence',
  'integrity',
  'hash',
  'salt',
  'nonce',
  'otp',
  'totp',
  'webhook',
  'pepper',
]);

/** Words that say storage on their own. */
const STORAGE_WORDS: ReadonlySet<string> = new Set(['storage', 'azure', 'az', 'blob', 'stor', 'sto', 'acc', 'accountkey', 'storagekey', 'sa']);

/** Splits `storageAccountKey`, `AZURE_STORAGE_KEY`, `test-account.key` into lower-case words. */
export function identifierWords(identifier: string): string[] {
  const words: string[] = [];
  let current = '';
  for (let i = 0; i < identifier.length; i++) {
    const ch = identifier[i]!;
    const c = ch.charCodeAt(0);
    const upper = c >= 65 && c <= 90;
    const lower = c >= 97 && c <= 122;
    const digit = c >= 48 && c <= 57;
    if (!upper && !lower && !digit) {
      if (current) words.push(current);
      current = '';
      continue;
    }
    // A capital after a lower-case letter starts a word (camelCase); runs of capitals stay together.
    const prev = i > 0 ? identifier.charCodeAt(i - 1) : 0;
    if (upper && current && prev >= 97 && prev <= 122) {
      words.push(current);
      current = '';
    }
    current += ch.toLowerCase();
  }
  if (current) words.push(current);
  return words;
}

/** What a setting's (or variable's) name says about the 64-byte value under it. */
export function keyNameVerdict(identifier: string): KeyNameVerdict {
  const words = identifierWords(identifier);
  if (words.some((w) => OTHER_PURPOSE_WORDS.has(w))) return 'other-purpose';
  if (words.some((w) => w.includes('cosmos') || w === 'documentdb')) return 'cosmos';
  if (words.some((w) => STORAGE_WORDS.has(w) || w.startsWith('account'))) return 'storage';
  if (words.includes('access')) return 'access';
  return 'generic';
}

/** Callees whose key argument is a storage account key. */
const STORAGE_KEY_CALLS: ReadonlySet<string> = new Set([
  'storagesharedkeycredential',
  'storagecredentials',
  'storage_credentials',
  'cloudstorageaccount',
  'newsharedkeycredential',
  'sharedkeycredential',
  'tablesharedkeycredential',
  'blobserviceclient',
  'queueserviceclient',
  'shareserviceclient',
  'datalakeserviceclient',
  'blockblobservice',
  'pageblobservice',
  'appendblobservice',
  'fileservice',
  'queueservice',
  'tableservice',
  'createblobservice',
  'createqueueservice',
  'createtableservice',
  'createfileservice',
  'new-azstoragecontext',
]);

/** Callees whose key argument is a Cosmos DB account key: `new CosmosClient(endpoint, "…")`. */
const COSMOS_KEY_CALLS: ReadonlySet<string> = new Set(['cosmosclient', 'documentclient']);

export type StorageEvidence =
  | { readonly kind: 'identifiable' }
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'call'; readonly callee: string }
  | { readonly kind: 'emulator' }
  /** A storage account's listKeys response: `{"keyName": "key1", "value": …}`. */
  | { readonly kind: 'list-keys' }
  | {
      readonly kind: 'nearby';
      readonly what: 'account-name' | 'endpoint' | 'cosmos-endpoint' | 'connection-string' | 'used-as-key';
      readonly setting?: string;
    };

export interface CallEvidence {
  readonly evidence?: StorageEvidence;
  /** The callee when it is a name (C++ direct-initialisation): judged like a setting's name. */
  readonly calleeName?: string;
  readonly account?: string;
  /** The call is a Cosmos DB client's: the key is a Cosmos DB account key. */
  readonly cosmos?: boolean;
}

/** Storage account names: 3 to 24 lower-case letters and digits. */
export function isAccountNameShape(name: string): boolean {
  return /^[a-z0-9]{3,24}$/.test(name);
}

/** The storage SDK call (or the direct-initialised variable) the value at `valueStart` is passed to. */
export function callEvidence(text: string, valueStart: number): CallEvidence | undefined {
  // The value's own opening quote (and prefix) is not part of the call's text before it.
  let start = valueStart;
  for (let guard = 0; guard < 2 && start > 0; guard++) {
    const c = text.charCodeAt(start - 1);
    if (c === 34 || c === 39 || c === 64 || c === 36) start--;
  }
  const call = enclosingCall(text, start);
  if (!call) return undefined;
  const account = call.firstStringArgument !== undefined && isAccountNameShape(call.firstStringArgument) ? call.firstStringArgument : undefined;
  const lower = call.callee.toLowerCase();
  // `storage_credentials creds(…)`: a C++ declaration, whose type is the call that counts.
  if (call.declaredType !== undefined && STORAGE_KEY_CALLS.has(call.declaredType.toLowerCase())) {
    return { evidence: { kind: 'call', callee: call.declaredType }, ...(account ? { account } : {}) };
  }
  if (STORAGE_KEY_CALLS.has(lower)) return { evidence: { kind: 'call', callee: call.callee }, ...(account ? { account } : {}) };
  // A Cosmos DB client's first argument is its endpoint, never an account name.
  if (COSMOS_KEY_CALLS.has(lower)) return { evidence: { kind: 'call', callee: call.callee }, cosmos: true };
  return { calleeName: call.callee };
}

export interface NearbyEvidence {
  readonly evidence: StorageEvidence;
  readonly account?: string;
  readonly endpoint?: string;
  readonly cosmos: boolean;
}

const STORAGE_SUFFIX = String.raw`core\.(?:windows\.net|chinacloudapi\.cn|usgovcloudapi\.net|cloudapi\.de)`;
/** `contosodata.blob.core.windows.net`: the account is the host's first label. */
const STORAGE_ENDPOINT = new RegExp(String.raw`(?<![A-Za-z0-9-])([a-z0-9]{3,24})\.(?:blob|queue|table|file|dfs|web)\.${STORAGE_SUFFIX}`, 'gi');
/** `contoso-db.documents.azure.com`, `AccountEndpoint=`. */
const COSMOS_ENDPOINT = /(?<![A-Za-z0-9-])([a-z0-9-]{3,44})\.(?:documents|mongo\.cosmos)\.azure\.(?:com|cn|us)|AccountEndpoint\s{0,4}=/i;
/** `AccountName=contosodata` in a connection string. */
const CONNECTION_ACCOUNT = /AccountName\s{0,4}=\s{0,4}([a-z0-9]{3,24})(?![A-Za-z0-9])/gi;
/** `AccountKey=` written into a string the key is joined to. */
const ACCOUNT_KEY_JOIN = /AccountKey\s{0,4}=/i;
/**
 * An account-name setting holding a literal: `accountName = "…"`, `"account_name": "…"`,
 * `STORAGE_ACCOUNT='…'`, `process.env['AZURE_STORAGE_ACCOUNT'] = '…'` (`os.environ[…]`, `ENV[…]`), `{"name": "accountName", "value": "…"}`, `--account-name …`,
 * `-StorageAccountName …`, `<AccountName>…</AccountName>`.
 */
const ACCOUNT_SETTING =
  /(?:account[_-]?name|storage[_-]?account|storage[_-]?name)(?:["']{0,2}\]?[ \t]{0,8}(?::=|=>|[:=,])[ \t\r\n]{0,16}(?:\{[ \t\r\n]{0,16})?(?:["']value["'][ \t]{0,8}:[ \t]{0,8})?[@$]?["'`]|\([ \t]{0,4}(?:[A-Za-z_]{1,12}\()?["']|>[ \t]{0,8}|[ \t]{1,8}["']?)([a-z0-9]{3,24})(?![A-Za-z0-9_.-])/gi;

/** `accountName: contosodata` (YAML, .env): an unquoted account name that ends its line. */
const BARE_ACCOUNT_SETTING = /(?:account[_-]?name|storage[_-]?account|storage[_-]?name)[ \t]{0,8}[:=][ \t]{0,8}([a-z0-9]{3,24})[ \t]{0,8}(?:\r?\n|$)/gim;

/** Storage evidence in the object, block or call around `value`, with the account when named. */
export function nearbyStorageEvidence(text: string, value: OffsetRange, outer = 0, variable?: string): NearbyEvidence | undefined {
  const block = enclosingBlock(text, value, outer);
  // The value itself is left out: a key's own characters are no evidence.
  const before = text.slice(block.start, value.start);
  const around = `${before}\n${text.slice(value.end, block.end)}`;
  // Literal checks first (native, on a lower-cased copy of the window): the regular expressions run
  // only where their literal part is present, so a file of generic keys costs a few scans per key.
  const lower = around.toLowerCase();
  const has = (literal: string): boolean => lower.includes(literal);
  const usedAs = variable !== undefined && occursTwice(around, variable) ? storageSettingTakingVariable(around, variable) : undefined;
  const cosmos = has('documents.azure.') || has('mongo.cosmos.azure.') || has('accountendpoint') ? COSMOS_ENDPOINT.exec(around) : null;
  if (cosmos) {
    return {
      evidence: { kind: 'nearby', what: 'cosmos-endpoint' },
      cosmos: true,
      // The endpoint as written (its cloud's domain kept); its first label is the Cosmos DB account
      // (the revoke plan's --name).
      ...(cosmos[1] ? { endpoint: cosmos[0].toLowerCase(), account: cosmos[1].toLowerCase() } : {}),
    };
  }
  const accountIn = (m: RegExpExecArray | null): string | undefined => (m && isAccountNameShape(m[1]!) ? m[1]! : undefined);
  // Where a block names several accounts (STORAGE_ACCOUNT_NAME, then REMOTE_STORAGE_ACCOUNT_NAME, each
  // before its key), the key's account is the one named closest before it, else the first after it.
  const nearest = (pattern: RegExp): RegExpExecArray | null => nearestMatch(pattern, around, before.length);
  const csAccount = has('accountname') ? accountIn(nearest(CONNECTION_ACCOUNT)) : undefined;
  const joined = has('accountkey') && ACCOUNT_KEY_JOIN.test(around);
  const settingAccount = has('account') || has('storage') ? (accountIn(nearest(ACCOUNT_SETTING)) ?? accountIn(nearest(BARE_ACCOUNT_SETTING))) : undefined;
  const endpoint = has('.core.') ? nearest(STORAGE_ENDPOINT) : null;
  const endpointAccount = accountIn(endpoint);
  const account = csAccount ?? settingAccount ?? endpointAccount;
  const accountPart = account !== undefined ? { account } : {};
  if (usedAs !== undefined) return { evidence: { kind: 'nearby', what: 'used-as-key', setting: usedAs }, cosmos: false, ...accountPart };
  if (joined || csAccount !== undefined) return { evidence: { kind: 'nearby', what: 'connection-string' }, cosmos: false, ...accountPart };
  if (settingAccount !== undefined) return { evidence: { kind: 'nearby', what: 'account-name' }, cosmos: false, ...accountPart };
  if (endpoint) return { evidence: { kind: 'nearby', what: 'endpoint' }, cosmos: false, endpoint: endpoint[0].toLowerCase(), ...accountPart };
  return undefined;
}

/**
 * The match of `pattern` (global: its lastIndex is reset here) that ends last at or before `split`
 * (the value's place in `text`), else the first one after it. Each match is looked for once, left to
 * right, so the cost stays linear.
 */
function nearestMatch(pattern: RegExp, text: string, split: number): RegExpExecArray | null {
  pattern.lastIndex = 0;
  let closestBefore: RegExpExecArray | null = null;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    if (m.index + m[0].length > split) return closestBefore ?? m;
    closestBefore = m;
    if (m[0].length === 0) pattern.lastIndex++;
  }
  return closestBefore;
}

/**
 * `keyName: key1` (or `key2`) in the object around a value named `value`: the shape of a storage
 * account's listKeys response (`{"keys": [{"keyName": "key1", "value": …, "permissions": "FULL"}]}`
 * from ARM, `az storage account keys list` as JSON or YAML), as test recordings (nock, azure-sdk
 * and VCR recordings), scripts and notes keep it. A recording's body is JSON inside a string, so a
 * quote may be escaped once or twice. No other Azure service names its keys so: Cosmos DB says
 * primaryMasterKey, Service Bus and Event Hubs primaryKey, Cognitive Services key1 as the field's name.
 */
const LIST_KEYS_KEY_NAME = /keyName(?:\\{0,2}["'])?[ \t]{0,8}:[ \t\r\n]{0,16}(?:\\{0,2}["'])?key([12])(?![A-Za-z0-9_])/gi;
/** `"value": "` (its quotes escaped or not; YAML's `value: `) right before the key. */
const LIST_KEYS_VALUE_NAME = /(?<![A-Za-z0-9_])value(?:\\{0,2}["'])?[ \t]{0,8}:[ \t]{0,8}(?:\\{0,2}["'])?$/i;
/**
 * `[/resourceGroups/<group>]/providers/Microsoft.Storage/storageAccounts/<name>`: an ARM request's
 * account (and its resource group), in a recording. A group's name is up to 90 letters, digits,
 * `-`, `_`, `.` and parentheses.
 */
const ARM_STORAGE_ACCOUNT_PATH =
  /(?:\/resourceGroups\/([A-Za-z0-9_().-]{1,90}))?\/providers\/Microsoft\.Storage\/storageAccounts\/([a-z0-9]{3,24})(?![A-Za-z0-9_-])/gi;

/** How far before a listKeys response its request (and the account in its path) is looked for. */
const LIST_KEYS_REQUEST_REACH = 8192;

/** A key of a storage account's listKeys response: which one, and the account and group of the request before it. */
export interface ListKeysEntry {
  /** `key1` or `key2`: the `keyName` closest before the key (else after it). */
  readonly keyName: 'key1' | 'key2';
  readonly account?: string;
  readonly resourceGroup?: string;
}

/**
 * Whether the 64-byte value at `value` is a key of a storage account's listKeys response; with its
 * name, and the account and resource group when the request's ARM path stands before it (a
 * recording's request line, the `az` command's `--ids`). The value's own name is read here, escaped
 * quotes and all: the key anchor that found it may be the `key1` before it.
 */
export function listKeysResponse(text: string, value: OffsetRange): ListKeysEntry | undefined {
  if (!LIST_KEYS_VALUE_NAME.test(text.slice(Math.max(0, value.start - 32), value.start))) return undefined;
  const block = enclosingBlock(text, value, 0);
  const before = lastMatch(LIST_KEYS_KEY_NAME, text.slice(block.start, value.start));
  const after = before === undefined ? firstMatch(LIST_KEYS_KEY_NAME, text.slice(value.end, block.end)) : undefined;
  // The key's own name: the closest `keyName` before it (every listKeys writer puts it first), else the first after.
  const own = before ?? after;
  if (own === undefined) return undefined;
  const request = lastMatch(ARM_STORAGE_ACCOUNT_PATH, text.slice(Math.max(0, value.start - LIST_KEYS_REQUEST_REACH), value.start));
  return {
    keyName: own[1] === '1' ? 'key1' : 'key2',
    ...(request !== undefined ? { account: request[2]!.toLowerCase() } : {}),
    ...(request?.[1] !== undefined ? { resourceGroup: request[1] } : {}),
  };
}

/** The first match of a global pattern in `text` (its lastIndex reset). */
function firstMatch(pattern: RegExp, text: string): RegExpExecArray | undefined {
  pattern.lastIndex = 0;
  return pattern.exec(text) ?? undefined;
}

/** The last match of a global pattern in `text` (its lastIndex reset). */
function lastMatch(pattern: RegExp, text: string): RegExpExecArray | undefined {
  pattern.lastIndex = 0;
  let last: RegExpExecArray | undefined;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) last = m;
  return last;
}

/** Whether `word` occurs at least twice (its declaration and a use). */
function occursTwice(text: string, word: string): boolean {
  if (word.length < 2) return false;
  const first = text.indexOf(word);
  return first >= 0 && text.indexOf(word, first + word.length) >= 0;
}

/**
 * The storage-named setting the variable holding the value is given to in the same block:
 * `AZURE_STORAGE_ACCESS_KEY: expectedKey`, `accountKey = key`, `StorageKey => k`.
 */
function storageSettingTakingVariable(around: string, variable: string): string | undefined {
  for (let at = around.indexOf(variable), n = 0; at >= 0 && n < 16; at = around.indexOf(variable, at + variable.length), n++) {
    const after = around.charCodeAt(at + variable.length);
    if (isWordChar(after) || isWordChar(around.charCodeAt(at - 1))) continue;
    const name = nameAssignedFrom(around, at);
    if (name === undefined || name === variable || !/key/i.test(name)) continue;
    const verdict = keyNameVerdict(name);
    if (verdict === 'storage' || verdict === 'access') return name;
  }
  return undefined;
}

function isWordChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 36;
}

/** `name: <at>`, `name = <at>`, `"name": <at>`, `name => <at>`: the name, read backwards (bounded). */
function nameAssignedFrom(text: string, at: number): string | undefined {
  let i = at;
  const stop = Math.max(0, at - 16);
  while (i > stop && (text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 9)) i--;
  const op = text.charCodeAt(i - 1);
  if (op === 62 && text.charCodeAt(i - 2) === 61)
    i -= 2; // =>
  else if (op === 58 || op === 61)
    i -= text.charCodeAt(i - 2) === 58 ? 2 : 1; // : = :=
  else return undefined;
  while (i > stop - 8 && i > 0 && (text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 9)) i--;
  if (text.charCodeAt(i - 1) === 34 || text.charCodeAt(i - 1) === 39 || text.charCodeAt(i - 1) === 93) i--;
  const end = i;
  while (i > 0 && end - i < 48 && isWordChar(text.charCodeAt(i - 1))) i--;
  return i < end ? text.slice(i, end) : undefined;
}

/** The evidence in words, for messages and the hover ("the setting is named storageAccountKey"). */
export function describeEvidence(evidence: StorageEvidence): string {
  switch (evidence.kind) {
    case 'identifiable':
      return 'identifiable storage key, checksum verified';
    case 'emulator':
      return 'the public storage emulator key';
    case 'list-keys':
      return "a storage account's listKeys response";
    case 'name':
      return `the setting is named ${evidence.name}`;
    case 'call':
      return `the key argument of ${evidence.callee}`;
    case 'nearby':
      switch (evidence.what) {
        case 'connection-string':
          return 'joined into an AccountKey= connection string nearby';
        case 'used-as-key':
          return `given to ${evidence.setting ?? 'a storage key setting'} nearby`;
        case 'account-name':
          return 'account name set nearby';
        case 'endpoint':
          return 'storage endpoint nearby';
        case 'cosmos-endpoint':
          return 'Cosmos DB endpoint nearby';
      }
  }
}

/** What the name of the object around the value says (`"Jwt": { "Key": … }` says JWT). */
export function parentNameVerdict(text: string, value: OffsetRange): { name: string; verdict: KeyNameVerdict } | undefined {
  const name = parentFieldName(text, value);
  return name !== undefined ? { name, verdict: keyNameVerdict(name) } : undefined;
}
