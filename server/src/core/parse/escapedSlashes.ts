// Slashes JSON-escaped inside a connection string: `\/` (PHP's json_encode, some serializers and
// HTTP recorders escape every `/`), or `\\/` where that JSON sits in a string literal (a nock
// recording's body). A backslash ends a connection string (connectionString.ts: `\"`, `\n` and `\\`
// end the literal that holds it), so a string written so is read here, around an anchor, from a copy
// with each escaped slash taken as `/` and a map back to the characters as written.
import { isStop } from './connectionString';
import { isBase64Char } from '../util/charClasses';
import { ownCopy } from '../util/ownCopy';

/** How far such a string is read before its anchor and after its key (a constant per anchor). */
const ESCAPED_REACH = 512;

/** Length of the escaped slash at `i`: 2 for `\/`, 3 for `\\/`, 0 when none starts there. */
export function escapedSlashLength(text: string, i: number): number {
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

/** Each escaped slash of a value as written, for `replace`. */
const ESCAPED_SLASHES = /\\{1,2}\//g;

/** Where the value of the setting whose name ends at `nameEnd` starts: after spaces and its `=` (which the caller checked). */
export function settingValueStart(text: string, nameEnd: number): number {
  let i = nameEnd;
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  return i + 1;
}

/**
 * End of a base64 value written with at least one escaped slash at `valueStart`: `length` base64
 * characters, each escaped slash counting as one, then `padding` (`=` characters), and after it
 * neither a base64 character nor `=`; -1 when there is none.
 */
export function escapedBase64End(text: string, valueStart: number, length: number, padding: number): number {
  if (valueStart > 0 && isBase64Char(text.charCodeAt(valueStart - 1))) return -1;
  let i = valueStart;
  let escaped = false;
  for (let count = 0; count < length; count++) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */) {
      const slash = escapedSlashLength(text, i);
      if (slash === 0) return -1;
      escaped = true;
      i += slash;
    } else if (isBase64Char(c)) i++;
    else return -1;
  }
  for (let p = 0; p < padding; p++, i++) if (text.charCodeAt(i) !== 61) return -1;
  const after = text.charCodeAt(i);
  return escaped && after !== 61 && !isBase64Char(after) ? i : -1;
}

/**
 * Finds and judges a key written with escaped slashes (`length` base64 characters and `padding`),
 * remembering the last one as written: a line of copies is read and judged once, and each copy after
 * the first is one comparison. The one remembered is a copy of its own (util/ownCopy.ts), not a
 * slice that would keep the whole text alive.
 */
export class EscapedKeyJudge {
  private last: { readonly written: string; readonly key: string | undefined } | undefined;

  /** `read(decoded)`: the key, when the value read with its slashes is a plausible one. */
  constructor(
    private readonly length: number,
    private readonly padding: number,
    private readonly read: (decoded: string) => string | undefined,
  ) {}

  /** The escaped value at `valueStart`: where it ends as written, and the key it is (undefined: none); undefined when no such value stands there. */
  at(text: string, valueStart: number): { readonly end: number; readonly key: string | undefined } | undefined {
    const last = this.last;
    if (last !== undefined && text.startsWith(last.written, valueStart)) {
      const end = valueStart + last.written.length;
      const after = text.charCodeAt(end);
      const before = valueStart > 0 ? text.charCodeAt(valueStart - 1) : 0;
      if (after !== 61 && !isBase64Char(after) && !isBase64Char(before)) return { end, key: last.key };
    }
    const end = escapedBase64End(text, valueStart, this.length, this.padding);
    if (end < 0) return undefined;
    const written = text.slice(valueStart, end);
    const key = this.read(written.replace(ESCAPED_SLASHES, '/'));
    this.last = { written: ownCopy(written), key: key === undefined ? undefined : ownCopy(key) };
    return { end, key };
  }
}

/** The connection string around `anchor`, up to `valueEnd` and on, read with its escaped slashes taken as `/`. */
export interface UnescapedString {
  readonly decoded: string;
  /** For each position of `decoded`, and its end, the position it came from. */
  readonly sourceAt: readonly number[];
}

/** The escaped connection string around `anchor` whose value (written so) ends at `valueEnd`. */
export function unescapedStringAround(text: string, anchor: number, valueEnd: number): UnescapedString {
  let start = anchor;
  const floor = Math.max(0, anchor - ESCAPED_REACH);
  while (start > floor) {
    const escape = escapedSlashLengthBefore(text, start);
    if (escape > 0 && start - escape >= floor) start -= escape;
    else if (isStop(text, start - 1)) break;
    else start--;
  }
  let end = valueEnd;
  const ceiling = Math.min(text.length, valueEnd + ESCAPED_REACH);
  while (end < ceiling) {
    const escape = escapedSlashLength(text, end);
    if (escape > 0) end += escape;
    else if (isStop(text, end)) break;
    else end++;
  }
  return unescapeSlashes(text, start, end);
}

/** text[start, end) with each escaped slash read as `/`, and the source position of each decoded one. */
function unescapeSlashes(text: string, start: number, end: number): UnescapedString {
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
