// The two readers of a key written in a setting: where the value of `<name containing "key"> = …`
// starts (parseKeyAssignment, for every syntax a setting is written in: code, JSON, YAML, .env,
// XML appSettings, command-line flags), and an 88-character account key read at an offset
// (readAccountKeyAt), and a 44-character shared access key (readSharedAccessKeyAt). All do bounded
// work per call. The account key, Service Bus and IoT Hub families use them.
import { endsLikeSixtyFourBytes, isRealSignatureShape, looksMadeUp } from '../assess/placeholders';
import { isBase64Char, isIdentifierChar, isWhitespace } from '../util/charClasses';

export const ACCOUNT_KEY_LENGTH = 88;

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
  // The 86 characters and the padding are checked above: isRealAccountKeyShape's last test is left.
  const key = text.slice(index, index + ACCOUNT_KEY_LENGTH);
  return endsLikeSixtyFourBytes(key) ? key : undefined;
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
  const quotedName = identifierStart > 0 && (text.charCodeAt(identifierStart - 1) === 34 || text.charCodeAt(identifierStart - 1) === 39);
  if (c === 58 && text.charCodeAt(i + 1) === 61)
    i += 2; // :=
  else if (c === 61 && text.charCodeAt(i + 1) === 62)
    i += 2; // =>
  else if (c === 61 && text.charCodeAt(i + 1) !== 61)
    i += 1; // =
  else if (c === 58 || c === 44)
    i += 1; // : ,
  else if (isXmlValueAttribute(text, i))
    i = text.indexOf('=', i) + 1; // <add key="StorageKey" value="…"/>
  else if (c === 62 && i === examinedIdentifierEnd && text.charCodeAt(identifierStart - 1) === 60)
    i += 1; // <AccountKey>…</AccountKey>
  else if (quotedName && isSettingNameAttribute(text, identifierStart - 1)) {
    // <Setting Name="StorageAccountKey" …><Value Profile="(Default)">…</Value>, <setting name="…"><value>…
    const valueStart = settingElementValue(text, i);
    if (valueStart < 0) return { identifierStart, identifier, valueStart: i, examinedEnd: examinedIdentifierEnd };
    i = valueStart;
  } else if (isFlagValue(text, identifier, gapStart, i) || (isDefineName(text, identifierStart) && i > gapStart)) {
    // --account-key KEY, -StorageAccountKey "KEY", #define TEST_STORAGE_KEY "KEY": the value follows the name directly.
  } else return { identifierStart, identifier, valueStart: i, examinedEnd: examinedIdentifierEnd };
  const gap2 = i;
  while (i < text.length && i - gap2 < MAX_GAP && isWhitespace(text.charCodeAt(i))) i++;
  if (quotedName && c === 44) {
    // {"name": "accessKey", "value": "…"}: the key is named by a sibling field's value.
    const sibling = siblingValueField(text, i);
    if (sibling >= 0) i = sibling;
  } else if (c === 58 && text.charCodeAt(i) === 123) {
    // ARM: "storageAccountKey": {"value": "…"} (parameter files), {"type": …, "defaultValue": "…"} (templates).
    const field = objectValueField(text, i + 1);
    if (field >= 0) i = field;
  }
  // string prefixes and quotes: @"…", $'…', r"…", \"…\", "…"
  guard = 0;
  while (i < text.length && guard++ < 3) {
    const q = text.charCodeAt(i);
    if (
      q === 34 ||
      q === 39 ||
      q === 96 ||
      q === 64 ||
      q === 92 ||
      ((q === 114 || q === 82 || q === 36) && (text.charCodeAt(i + 1) === 34 || text.charCodeAt(i + 1) === 39))
    )
      i++;
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

/** How far a sibling or nested `value` field, or a Settings element's `<Value>`, is looked for. */
const FIELD_REACH = 400;

/** Whether `name` (any case) is written at `i`. */
function wordAt(text: string, i: number, word: string): boolean {
  return text.slice(i, i + word.length).toLowerCase() === word;
}

/**
 * At `i`: `"value": ` (or `'value' =`, `value:`), the field that holds what a name/value pair's
 * `"name"` names. Returns where its value starts (after the colon and spaces), or -1.
 */
function siblingValueField(text: string, i: number): number {
  let j = i;
  const quote = text.charCodeAt(j);
  if (quote === 34 || quote === 39) j++;
  if (!wordAt(text, j, 'value')) return -1;
  j += 5;
  if (quote === 34 || quote === 39) {
    if (text.charCodeAt(j) !== quote) return -1;
    j++;
  }
  const gap = j;
  while (j < text.length && j - gap < 16 && isWhitespace(text.charCodeAt(j))) j++;
  if (text.charCodeAt(j) !== 58 && text.charCodeAt(j) !== 61) return -1;
  j++;
  const gap2 = j;
  while (j < text.length && j - gap2 < 16 && isWhitespace(text.charCodeAt(j))) j++;
  return j;
}

/**
 * Inside a JSON object starting at `i` (just after its `{`): the `"value"` or `"defaultValue"`
 * field of an ARM parameter. Returns where its value starts, or -1. Stops at the object's `}`.
 */
function objectValueField(text: string, i: number): number {
  const end = Math.min(text.length, i + FIELD_REACH);
  for (let j = i; j < end; j++) {
    const c = text.charCodeAt(j);
    if (c === 125 || c === 123) return -1;
    if (c !== 34) continue;
    let k: number;
    if (wordAt(text, j + 1, 'value"')) k = j + 7;
    else if (wordAt(text, j + 1, 'defaultvalue"')) k = j + 14;
    else continue;
    while (k < end && isWhitespace(text.charCodeAt(k))) k++;
    if (text.charCodeAt(k) !== 58) continue;
    k++;
    while (k < end && isWhitespace(text.charCodeAt(k))) k++;
    return k;
  }
  return -1;
}

/**
 * The name a value at `valueStart` is assigned to, read backwards: `name = "…"`, `"name": "…"`,
 * `name := …`, `name => '…'`. Bounded; undefined when no assignment stands before the value.
 */
export function settingNameBefore(text: string, valueStart: number): string | undefined {
  let i = valueStart;
  for (let guard = 0; guard < 3 && i > 0; guard++) {
    const q = text.charCodeAt(i - 1);
    if (q === 34 || q === 39 || q === 96 || q === 64 || q === 36) i--;
    else break;
  }
  const stop = Math.max(0, i - MAX_GAP);
  while (i > stop && isWhitespace(text.charCodeAt(i - 1))) i--;
  const op = text.charCodeAt(i - 1);
  if (op === 61 || op === 58) {
    i--;
    const before = text.charCodeAt(i - 1);
    if ((op === 61 && (before === 58 || before === 61 || before === 33 || before === 60)) || (op === 58 && before === 58)) {
      if (op === 61 && before === 58)
        i--; // :=
      else return undefined; // ==, !=, <=, ::
    }
  } else if (op === 62 && text.charCodeAt(i - 2) === 61)
    i -= 2; // =>
  else return undefined;
  const gapStop = Math.max(0, i - MAX_GAP);
  while (i > gapStop && isWhitespace(text.charCodeAt(i - 1))) i--;
  for (let guard = 0; guard < 2 && i > 0; guard++) {
    const q = text.charCodeAt(i - 1);
    if (q === 34 || q === 39 || q === 93) i--;
    else break;
  }
  const end = i;
  while (i > 0 && end - i < MAX_IDENTIFIER && (isIdentifierChar(text.charCodeAt(i - 1)) || text.charCodeAt(i - 1) === 45 || text.charCodeAt(i - 1) === 46)) i--;
  return i < end ? text.slice(i, end) : undefined;
}

/** `name="` (any case) ends at the quote at `quote`: the name attribute of a Settings element. */
function isSettingNameAttribute(text: string, quote: number): boolean {
  let j = quote - 1;
  while (j >= 0 && quote - j < 8 && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j--;
  if (text.charCodeAt(j) !== 61) return false;
  j--;
  while (j >= 0 && quote - j < 16 && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j--;
  if (j < 4 || !wordAt(text, j - 3, 'name')) return false;
  const before = text.charCodeAt(j - 4);
  return before === 32 || before === 9 || before === 10 || before === 13;
}

/**
 * After a Settings element's name attribute: the end of its start tag, then `<Value …>` or
 * `<value>`. Returns where the element's text starts, or -1.
 */
function settingElementValue(text: string, i: number): number {
  const end = Math.min(text.length, i + FIELD_REACH);
  let j = i;
  while (j < end && text.charCodeAt(j) !== 62) {
    if (text.charCodeAt(j) === 60) return -1;
    j++;
  }
  if (j >= end || text.charCodeAt(j - 1) === 47) return -1; // no start tag end, or <… />
  j++;
  while (j < end && isWhitespace(text.charCodeAt(j))) j++;
  // A comment between the two tags (a suppression comment, a note) is skipped.
  for (let guard = 0; guard < 2 && text.startsWith('<!--', j); guard++) {
    const close = text.slice(j + 4, end).indexOf('-->');
    if (close < 0) return -1;
    j = j + 4 + close + 3;
    while (j < end && isWhitespace(text.charCodeAt(j))) j++;
  }
  if (text.charCodeAt(j) !== 60 || !wordAt(text, j + 1, 'value')) return -1;
  const after = text.charCodeAt(j + 6);
  if (after !== 62 && after !== 32 && after !== 9) return -1;
  const close = text.slice(j, end).indexOf('>');
  if (close < 0) return -1;
  return j + close + 1;
}

/** `#define NAME` (C and C++): the value follows the name after spaces. */
function isDefineName(text: string, identifierStart: number): boolean {
  let j = identifierStart - 1;
  const stop = Math.max(0, identifierStart - 24);
  while (j >= stop && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j--;
  if (j < 6 || !wordAt(text, j - 5, 'define')) return false;
  j -= 6;
  while (j >= stop && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j--;
  return text.charCodeAt(j) === 35;
}
