// Storage (and Cosmos DB) account keys: 64 random bytes, 88 base64 characters ending "==".
// Found in connection strings (AccountKey=), in obvious settings (AZURE_STORAGE_KEY=,
// accountKey = "…", "accountKey": "…"), or anywhere when they carry the "+ASt" marker of
// identifiable storage keys.
import { isDocumentationAccount, isEmulatorKey, isRealAccountKeyShape, looksMadeUp } from '../../assess/placeholders';
import type { Finding, Grade, KeyDetails, OffsetRange, TokenContainer } from '../../findings/types';
import { secretIdentity } from '../../findings/secretIdentity';

export const ACCOUNT_KEY_LENGTH = 88;

// Local character tests: this module runs once per "key" anchor, so its loops stay free of
// cross-module calls.
function isBase64Char(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47;
}

function isIdentifierChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95;
}

function isWhitespace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12 || c === 0xa0;
}
/** Offset of the "+ASt" marker in identifiable storage keys. */
export const IDENTIFIABLE_MARKER_OFFSET = 76;

export function isIdentifiableStorageKey(key: string): boolean {
  return key.length === ACCOUNT_KEY_LENGTH && key.startsWith('+ASt', IDENTIFIABLE_MARKER_OFFSET);
}

/**
 * Reads an 88-character key at `index`: 86 base64 characters and "==", not followed by more
 * base64 or padding. Returns the key or undefined.
 */
export function readAccountKeyAt(text: string, index: number): string | undefined {
  if (index < 0 || index + ACCOUNT_KEY_LENGTH > text.length) return undefined;
  if (index > 0 && isBase64Char(text.charCodeAt(index - 1))) return undefined;
  for (let i = index; i < index + 86; i++) if (!isBase64Char(text.charCodeAt(i))) return undefined;
  if (text.charCodeAt(index + 86) !== 61 || text.charCodeAt(index + 87) !== 61) return undefined;
  const after = text.charCodeAt(index + 88);
  if (after === 61) return undefined;
  const key = text.slice(index, index + ACCOUNT_KEY_LENGTH);
  return isRealAccountKeyShape(key) ? key : undefined;
}

/** A key that is real-shaped and not an obvious fake. */
export function isPlausibleAccountKey(key: string): boolean {
  return isRealAccountKeyShape(key) && (isEmulatorKey(key) || !looksMadeUp(key));
}

export interface KeyAssignment {
  readonly identifierStart: number;
  readonly identifier: string;
  readonly valueStart: number;
  readonly key?: string;
  /** Everything up to here was examined; later anchors before it need no second look. */
  readonly examinedEnd: number;
}

const MAX_IDENTIFIER = 48;
const MAX_GAP = 160;

/**
 * Parses `<identifier containing "key"> <quote?> <ws> (= | : | := | => | ,) <ws> <prefix?> <quote?> <value>`
 * around an anchor at `anchor` (the "key" literal). Bounded work per call.
 */
export function parseKeyAssignment(text: string, anchor: number, anchorLength: number, lowerBound = 0): KeyAssignment {
  let identifierStart = anchor;
  while (identifierStart > lowerBound && anchor - identifierStart < MAX_IDENTIFIER) {
    const c = text.charCodeAt(identifierStart - 1);
    if (isIdentifierChar(c) || c === 36 /* $ */ || c === 46 /* . */ || c === 45 /* - */ || c === 58 /* : */) identifierStart--;
    else break;
  }
  let i = anchor + anchorLength;
  while (i < text.length && i - anchor < MAX_IDENTIFIER && (isIdentifierChar(text.charCodeAt(i)) || text.charCodeAt(i) === 45)) i++;
  const identifier = text.slice(identifierStart, i);
  const examinedIdentifierEnd = i;
  // closing quote / bracket of a key name: "accountKey": …, ['accountKey'] = …
  let guard = 0;
  while (i < text.length && guard++ < 3 && (text.charCodeAt(i) === 34 || text.charCodeAt(i) === 39 || text.charCodeAt(i) === 93)) i++;
  const gapStart = i;
  while (i < text.length && i - gapStart < MAX_GAP && isWhitespace(text.charCodeAt(i))) i++;
  const c = text.charCodeAt(i);
  if (c === 58 && text.charCodeAt(i + 1) === 61) i += 2; // :=
  else if (c === 61 && text.charCodeAt(i + 1) === 62) i += 2; // =>
  else if (c === 61 && text.charCodeAt(i + 1) !== 61) i += 1; // =
  else if (c === 58 || c === 44) i += 1; // : ,
  else if (isXmlValueAttribute(text, i)) i = text.indexOf('=', i) + 1; // <add key="StorageKey" value="…"/>
  else if (isFlagValue(text, identifier, gapStart, i)) {
    // --account-key KEY, -StorageAccountKey "KEY": the value follows the flag directly.
  } else return { identifierStart, identifier, valueStart: i, examinedEnd: examinedIdentifierEnd };
  const gap2 = i;
  while (i < text.length && i - gap2 < MAX_GAP && isWhitespace(text.charCodeAt(i))) i++;
  // string prefixes and quotes: @"…", $'…', r"…", \"…\", "…"
  guard = 0;
  while (i < text.length && guard++ < 3) {
    const q = text.charCodeAt(i);
    if (q === 34 || q === 39 || q === 96 || q === 64 || q === 92 || ((q === 114 || q === 82 || q === 36) && (text.charCodeAt(i + 1) === 34 || text.charCodeAt(i + 1) === 39))) i++;
    else break;
  }
  const key = readAccountKeyAt(text, i);
  return {
    identifierStart,
    identifier,
    valueStart: i,
    ...(key !== undefined ? { key } : {}),
    examinedEnd: key !== undefined ? i + ACCOUNT_KEY_LENGTH : examinedIdentifierEnd,
  };
}

/** ` value =` after a quoted name: .NET appSettings (`<add key="StorageKey" value="…" />`). */
function isXmlValueAttribute(text: string, i: number): boolean {
  if (text.slice(i, i + 5).toLowerCase() !== 'value') return false;
  let j = i + 5;
  while (j < text.length && j - i < 16 && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j++;
  return text.charCodeAt(j) === 61;
}

/**
 * A command-line flag (`--account-key`, PowerShell's `-StorageAccountKey`) followed on the same
 * line by its value, with no `=` between them.
 */
function isFlagValue(text: string, identifier: string, gapStart: number, valueStart: number): boolean {
  if (identifier.charCodeAt(0) !== 45 || valueStart === gapStart) return false;
  for (let k = gapStart; k < valueStart; k++) if (text.charCodeAt(k) === 10 || text.charCodeAt(k) === 13) return false;
  const v = text.charCodeAt(valueStart);
  return isBase64Char(v) || v === 34 || v === 39;
}

export interface AccountKeyInput {
  readonly key: string;
  readonly cosmos: boolean;
  readonly account?: string;
  readonly endpoint?: string;
  readonly range: OffsetRange;
  readonly secretRange: OffsetRange;
  readonly container: TokenContainer;
  /** Emulator context (UseDevelopmentStorage, devstoreaccount1, emulator endpoints). */
  readonly emulatorContext: boolean;
  /** The setting's name says little about storage: grade one step lower. */
  readonly weakContext?: boolean;
}

export function buildAccountKeyFinding(input: AccountKeyInput): Finding {
  const emulator = isEmulatorKey(input.key) || input.emulatorContext;
  const identifiable = isIdentifiableStorageKey(input.key);
  const documentation = isDocumentationAccount(input.account);
  const kindWords = input.cosmos ? 'Cosmos DB account key' : 'Storage account key';
  let grade: Grade;
  const reasons: string[] = [];
  if (emulator) {
    grade = 'info';
    reasons.push(isEmulatorKey(input.key) ? 'the public storage emulator (Azurite) key: not a secret' : 'storage emulator account: not a secret');
  } else if (documentation) {
    grade = 'info';
    reasons.push('documentation sample account name');
  } else if (input.weakContext && !identifiable) {
    grade = 'high';
    reasons.push('88-character base64 key in a key setting: probably a storage or Cosmos DB account key (full control, never expires)');
  } else {
    grade = 'critical';
    reasons.push(`${input.cosmos ? 'Cosmos DB' : 'storage'} account key: full control of the whole account, never expires, can mint any SAS`);
    if (identifiable && !input.cosmos) reasons.push('identifiable storage key (+ASt marker)');
  }
  const details: KeyDetails = {
    type: 'key',
    keyKind: input.cosmos ? 'cosmos-account-key' : 'storage-account-key',
    ...(input.account !== undefined ? { account: input.account } : {}),
    ...(input.endpoint !== undefined ? { endpoint: input.endpoint } : {}),
    identifiable,
    emulator,
  };
  const forAccount = input.account ? ` for ${input.account}` : '';
  const note = emulator
    ? ' (public emulator key, not a secret)'
    : documentation
      ? ' (documentation sample account)'
      : ' (full control of the account, never expires)';
  return {
    ruleId: 'storage-account-key',
    grade,
    reasons,
    message: `${kindWords}${forAccount}${note} — ${grade}`,
    range: input.range,
    secretRange: input.secretRange,
    ...secretIdentity(input.key),
    container: input.container,
    encoding: 'plain',
    details,
  };
}
