// Character-class predicates on UTF-16 code units for code that runs once per candidate. Loops that
// run once per character keep local copies instead: under per-file transpilation (tsx) every
// imported call costs a property lookup.

export function isBase64Char(c: number): boolean {
  return (
    (c >= 65 && c <= 90) || // A-Z
    (c >= 97 && c <= 122) || // a-z
    (c >= 48 && c <= 57) || // 0-9
    c === 43 || // +
    c === 47 // /
  );
}

/** Each standard base64 character's value by character code below 128; -1 for any other character. */
export const BASE64_VALUES: Int8Array = (() => {
  const table = new Int8Array(128).fill(-1);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  return table;
})();

/** Letters, digits and `_`: the characters of an identifier (a setting's, a callee's or an argument's name). */
export function isIdentifierChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95;
}

export function isWhitespace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12 || c === 0xa0 || c === 0xfeff;
}

/** ASCII-only, case-insensitive comparison of `text` at `index` with a lower-case `lowerNeedle`. */
export function startsWithIgnoreCase(text: string, index: number, lowerNeedle: string): boolean {
  if (index < 0 || index + lowerNeedle.length > text.length) return false;
  for (let k = 0; k < lowerNeedle.length; k++) {
    let c = text.charCodeAt(index + k);
    if (c >= 65 && c <= 90) c += 32;
    if (c !== lowerNeedle.charCodeAt(k)) return false;
  }
  return true;
}

/** True when `text` ends (just before `end`) with `lowerNeedle`, ignoring ASCII case. */
export function endsWithIgnoreCase(text: string, end: number, lowerNeedle: string): boolean {
  return startsWithIgnoreCase(text, end - lowerNeedle.length, lowerNeedle);
}
