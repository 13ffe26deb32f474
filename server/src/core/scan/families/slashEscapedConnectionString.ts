// A storage connection string inside a JSON string whose writer escaped its slashes (`\/`: PHP's
// json_encode, some serializers and HTTP recorders): `"…;AccountKey=abc\/def…==;EndpointSuffix=…"`,
// or that JSON in turn inside a string literal (`\\/`: a nock recording's body). A backslash ends a
// connection string (parse/connectionString.ts: `\"`, `\n` and `\\` end the literal that holds it),
// so such a key would be cut at its first slash and go unreported. Here the string around an
// `AccountKey=` whose value is a key with escaped slashes is read with each escaped slash taken as
// `/`, parsed like any connection string, and its key reported over the characters as written.
import type { Anchor } from '../anchors';
import { ACCOUNT_KEY_BASE64_RUN } from '../anchorLiterals';
import { isStop } from '../../parse/connectionString';
import { readAccountKeyAt } from '../../parse/keyAssignment';
import { isLastCharOfSixtyFourBytes } from '../../assess/placeholders';
import { isBase64Char } from '../../util/charClasses';
import { ownCopy } from '../../util/ownCopy';
import type { ScanState } from './family';
import { isPlausibleAccountKey } from './accountKey';
import { reportDecodedConnectionStringKeys } from './decodedConnectionString';

/** How far the string is read before its `AccountKey` and after its key (a constant per anchor). */
const ESCAPED_REACH = 512;

/** Length of the escaped slash at `i`: 2 for `\/`, 3 for `\\/`, 0 when none starts there. */
function escapedSlashLength(text: string, i: number): number {
  if (text.charCodeAt(i) !== 92) return 0;
  const next = text.charCodeAt(i + 1);
  if (next === 47) return 2;
  return next === 92 && text.charCodeAt(i + 2) === 47 ? 3 : 0;
}

/** The escaped slash that ends at `end` (exclusive): its length, or 0. */
function escapedSlashLengthBefore(text: string, end: number): number {
  if (text.charCodeAt(end - 1) !== 47 || text.charCodeAt(end - 2) !== 92) return 0;
  return text.charCodeAt(end - 3) === 92 ? 3 : 2;
}

/** Each escaped slash of a key as written, for `replace`. */
const ESCAPED_SLASHES = /\\{1,2}\//g;

/** Where the value of the `AccountKey =` setting at `anchor` starts (its `=` is checked by the caller). */
function valueStartAfter(text: string, anchor: Anchor): number {
  let i = anchor.index + anchor.length;
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  return i + 1;
}

/**
 * End of an account key written with at least one escaped slash at `valueStart` (86 base64
 * characters, each `\/` counting as one, then "=="), or -1.
 */
function escapedKeyEnd(text: string, valueStart: number): number {
  if (valueStart > 0 && isBase64Char(text.charCodeAt(valueStart - 1))) return -1;
  let i = valueStart;
  let escaped = false;
  for (let count = 0; count < ACCOUNT_KEY_BASE64_RUN; count++) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */) {
      const length = escapedSlashLength(text, i);
      if (length === 0) return -1;
      escaped = true;
      i += length;
    } else if (isBase64Char(c)) i++;
    else return -1;
  }
  if (!escaped || text.charCodeAt(i) !== 61 || text.charCodeAt(i + 1) !== 61 || text.charCodeAt(i + 2) === 61) return -1;
  return i + 2;
}

/**
 * The last key judged as written (escapes, padding and all) and its verdict: a line of copies is
 * read and judged once, and each copy after the first is one comparison. Kept as a copy of its own
 * (ownCopy.ts), not a slice that would keep the whole text.
 */
let lastJudged: { readonly written: string; readonly plausible: boolean } | undefined;

/**
 * The end of the escaped key at `valueStart` and whether it is a plausible account key once its
 * slashes are read; undefined when no escaped key stands there.
 */
function judgeEscapedKey(text: string, valueStart: number): { readonly end: number; readonly plausible: boolean } | undefined {
  const last = lastJudged;
  if (
    last !== undefined &&
    text.startsWith(last.written, valueStart) &&
    text.charCodeAt(valueStart + last.written.length) !== 61 &&
    !(valueStart > 0 && isBase64Char(text.charCodeAt(valueStart - 1)))
  ) {
    return { end: valueStart + last.written.length, plausible: last.plausible };
  }
  const end = escapedKeyEnd(text, valueStart);
  if (end < 0) return undefined;
  // Its last character before the padding holds the last 4 bits of a 64-byte key (so it is never
  // an escaped slash): checked as written before anything is decoded.
  const written = text.slice(valueStart, end);
  const key = isLastCharOfSixtyFourBytes(text.charAt(end - 3)) ? readAccountKeyAt(written.replace(ESCAPED_SLASHES, '/'), 0) : undefined;
  lastJudged = { written: ownCopy(written), plausible: key !== undefined && isPlausibleAccountKey(key) };
  return { end, plausible: lastJudged.plausible };
}

export function handleSlashEscapedConnectionStringKey(scan: ScanState, anchor: Anchor): boolean {
  const text = scan.text;
  const judged = judgeEscapedKey(text, valueStartAfter(text, anchor));
  if (judged === undefined) return false;
  const keyEnd = judged.end;
  if (!judged.plausible) {
    scan.keyExaminedEnd = Math.max(scan.keyExaminedEnd, keyEnd);
    return true;
  }
  let start = anchor.index;
  const floor = Math.max(0, anchor.index - ESCAPED_REACH);
  while (start > floor) {
    const escape = escapedSlashLengthBefore(text, start);
    if (escape > 0 && start - escape >= floor) start -= escape;
    else if (isStop(text, start - 1)) break;
    else start--;
  }
  let end = keyEnd;
  const ceiling = Math.min(text.length, keyEnd + ESCAPED_REACH);
  while (end < ceiling) {
    const escape = escapedSlashLength(text, end);
    if (escape > 0) end += escape;
    else if (isStop(text, end)) break;
    else end++;
  }
  const { decoded, sourceAt } = unescapeSlashes(text, start, end);
  reportDecodedConnectionStringKeys(scan, anchor, decoded, sourceAt, keyEnd);
  return true;
}

/** text[start, end) with each escaped slash read as `/`, and for each decoded position, and the end, the source position it came from. */
function unescapeSlashes(text: string, start: number, end: number): { decoded: string; sourceAt: number[] } {
  const pieces: string[] = [];
  const sourceAt: number[] = [];
  let from = start;
  for (let i = text.indexOf('\\', start); i >= 0 && i < end; i = text.indexOf('\\', i + 1)) {
    const length = escapedSlashLength(text, i);
    if (length === 0 || i + length > end) continue;
    pieces.push(text.slice(from, i), '/');
    for (let j = from; j <= i; j++) sourceAt.push(j); // the slash stands at its escape's first backslash
    from = i + length;
    i = from - 1;
  }
  pieces.push(text.slice(from, end));
  for (let j = from; j < end; j++) sourceAt.push(j);
  sourceAt.push(end);
  return { decoded: pieces.join(''), sourceAt };
}
