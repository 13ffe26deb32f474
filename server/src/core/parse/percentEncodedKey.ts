// A storage or Cosmos DB account key written percent-encoded, as a URL or a query parameter carries
// it: 86 base64 characters with `+` and `/` as `%2B` and `%2F` (any case), then `==` as `%3D%3D`.
// Read forward from a setting (`AccountKey%3D…`) or backward from a URL's password end (`…%3D%3D@`),
// each in a bounded number of characters.
import { ACCOUNT_KEY_BASE64_RUN } from '../scan/anchorLiterals';
import { startsWithIgnoreCase } from '../util/charClasses';

/** The `%2B`, `%2F` and `%3D` of a percent-encoded key, decoded (any case); nothing else is in one. */
export function decodeKeyEscapes(written: string): string {
  return written.includes('%') ? written.replace(/%2b/gi, '+').replace(/%2f/gi, '/').replace(/%3d/gi, '=') : written;
}

/** An account key's `==`, percent-encoded (lower case; matched in any case). */
export const ENCODED_PADDING = '%3d%3d';
/** An encoded key without `%2B` or `%2F`: 86 letters and digits, then ENCODED_PADDING. */
const PLAIN_ENCODED_KEY = new RegExp(`[A-Za-z0-9]{${ACCOUNT_KEY_BASE64_RUN}}${ENCODED_PADDING}`, 'iy');

/**
 * Where a percent-encoded account key that starts at `from` ends (after its `%3D%3D`): 86 base64
 * characters, `+` and `/` as `%2B` and `%2F`, any case; -1 when there is none (at most 264
 * characters are looked at).
 */
export function encodedAccountKeyEnd(text: string, from: number): number {
  // Most keys hold no `+` or `/`, or a few: letters and digits alone are matched natively.
  if (startsWithIgnoreCase(text, from + ACCOUNT_KEY_BASE64_RUN, ENCODED_PADDING)) {
    PLAIN_ENCODED_KEY.lastIndex = from;
    if (PLAIN_ENCODED_KEY.test(text)) return PLAIN_ENCODED_KEY.lastIndex;
  }
  let j = from;
  for (let decoded = 0; decoded < ACCOUNT_KEY_BASE64_RUN; decoded++) {
    const c = text.charCodeAt(j);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57)) j++;
    else if (c === 37 /* % */ && text.charCodeAt(j + 1) === 50 /* 2 */ && isBOrF(text.charCodeAt(j + 2))) j += 3;
    else return -1;
  }
  return startsWithIgnoreCase(text, j, ENCODED_PADDING) ? j + ENCODED_PADDING.length : -1;
}

function isBOrF(c: number): boolean {
  const lower = c | 0x20;
  return lower === 0x62 || lower === 0x66;
}

/**
 * Where the percent-encoded account key whose padding (`%3D%3D`) starts at `padding` starts: 86
 * base64 characters read backwards, letters and digits as written and `+` and `/` as `%2B` and `%2F` (any
 * case); -1 when fewer stand there. At most 258 characters are looked at.
 */
export function encodedKeyStart(text: string, padding: number): number {
  let j = padding - 1;
  for (let decoded = 0; decoded < ACCOUNT_KEY_BASE64_RUN; decoded++) {
    const c = text.charCodeAt(j);
    const lower = c | 0x20;
    if (lower >= 0x61 && lower <= 0x7a) {
      // A letter, or the B or F that ends `%2B` / `%2F` (an encoded `+` or `/`).
      j -= (lower === 0x62 || lower === 0x66) && text.charCodeAt(j - 1) === 50 /* 2 */ && text.charCodeAt(j - 2) === 37 /* % */ ? 3 : 1;
    } else if (c >= 48 && c <= 57) j--;
    else return -1;
  }
  return j + 1;
}
