// The two readers of a key written in a setting: where the value of `<name containing "key"> = …`
// starts (parseKeyAssignment, for every syntax a setting is written in: code, JSON, YAML, .env,
// XML appSettings, command-line flags), and an 88-character account key read at an offset
// (readAccountKeyAt), and a 44-character shared access key (readSharedAccessKeyAt). All do bounded
// work per call. The account key, Service Bus and IoT Hub families use them.
import { isRealAccountKeyShape, isRealSignatureShape, looksMadeUp } from '../assess/placeholders';
import { isBase64Char, isWhitespace } from '../util/charClasses';

export const ACCOUNT_KEY_LENGTH = 88;

/** Letters, digits and `_`: the characters of a setting's name. */
function isIdentifierChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95;
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

/**
 * A shared access key at `index` (Service Bus, Event Hubs, Relay, IoT Hub, DPS): 44 base64
 * characters (32 random bytes), nothing base64 on either side, not a placeholder.
 */
export function readSharedAccessKeyAt(text: string, index: number): string | undefined {
  if (index > 0 && isBase64Char(text.charCodeAt(index - 1))) return undefined;
  const key = text.slice(index, index + 44);
  if (!isRealSignatureShape(key) || looksMadeUp(key)) return undefined;
  const after = text.charCodeAt(index + 44);
  return isBase64Char(after) || after === 61 ? undefined : key;
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
