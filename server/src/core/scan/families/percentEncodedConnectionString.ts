// A storage connection string written percent-encoded, as a query parameter's value carries it
// (`…&client_secret=DefaultEndpointsProtocol%3Dhttps%3BAccountName%3Dacct%3BAccountKey%3D…%3D%3D%3B…`:
// an OAuth request in a log, an Airflow connection URI's `extra__wasb__connection_string=`). Its
// `AccountKey` anchor is followed by `%3D`, not `=`: the encoded string around it is decoded, parsed
// like any connection string, and its key reported over the characters as written.
import type { Anchor } from '../anchors';
import { decodeKeyEscapes, encodedAccountKeyEnd, ENCODED_PADDING } from '../../parse/percentEncodedKey';
import { readAccountKeyAt } from '../../parse/keyAssignment';
import type { ScanState } from './family';
import { isPlausibleAccountKey } from './accountKey';
import { reportDecodedConnectionStringKeys } from './decodedConnectionString';

/** How far the encoded string is read before its `AccountKey` and after its key (a constant per anchor). */
const ENCODED_REACH = 512;

/** `%3D` (any case) right after the anchor: the setting's `=`, encoded. */
export function isPercentEncodedSetting(text: string, index: number, length: number): boolean {
  const at = index + length;
  return text.charCodeAt(at) === 37 /* % */ && text.charCodeAt(at + 1) === 51 /* 3 */ && (text.charCodeAt(at + 2) | 0x20) === 0x64; /* d */
}

/**
 * Characters of a percent-encoded connection string: what encodeURIComponent leaves as it is, and
 * `%` of its escapes. `&`, `=`, `?`, quotes and white space end it.
 */
function isEncodedChar(c: number): boolean {
  return (
    (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 37 || c === 45 || c === 46 || c === 95 || c === 126 || c === 33 || c === 42
  );
}

export function handlePercentEncodedConnectionStringKey(scan: ScanState, anchor: Anchor): void {
  const text = scan.text;
  // Cheap first: a percent-encoded key right after `AccountKey%3D`, or nothing is decoded.
  const valueStart = anchor.index + anchor.length + 3;
  const keyEnd = encodedAccountKeyEnd(text, valueStart);
  if (keyEnd < 0) return;
  // Then the key alone: only a plausible one is worth decoding the string around it.
  const alone = readAccountKeyAt(`${decodeKeyEscapes(text.slice(valueStart, keyEnd - ENCODED_PADDING.length))}==`, 0);
  if (!alone || !isPlausibleAccountKey(alone)) return;
  let start = anchor.index;
  const floor = Math.max(0, anchor.index - ENCODED_REACH);
  while (start > floor && isEncodedChar(text.charCodeAt(start - 1))) start--;
  let end = keyEnd;
  const ceiling = Math.min(text.length, end + ENCODED_REACH);
  while (end < ceiling && isEncodedChar(text.charCodeAt(end))) end++;
  const { decoded, sourceAt } = percentDecode(text, start, end);
  reportDecodedConnectionStringKeys(scan, anchor, decoded, sourceAt, keyEnd);
}

/**
 * text[start, end) with each `%XX` below `%80` decoded (what a connection string's characters are;
 * any other escape is kept as written), and for each decoded position, and the end, the source
 * position it came from.
 */
function percentDecode(text: string, start: number, end: number): { decoded: string; sourceAt: number[] } {
  const codes: number[] = [];
  const sourceAt: number[] = [];
  for (let i = start; i < end;) {
    sourceAt.push(i);
    const high = text.charCodeAt(i) === 37 && i + 2 < end ? hexDigit(text.charCodeAt(i + 1)) : -1;
    const low = high >= 0 && high < 8 ? hexDigit(text.charCodeAt(i + 2)) : -1;
    if (low >= 0) {
      codes.push(high * 16 + low);
      i += 3;
    } else {
      codes.push(text.charCodeAt(i));
      i++;
    }
  }
  sourceAt.push(end);
  let decoded = '';
  // In slices: a call takes only so many arguments.
  for (let k = 0; k < codes.length; k += 4096) decoded += String.fromCharCode(...codes.slice(k, k + 4096));
  return { decoded, sourceAt };
}

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const lower = c | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}
