// Reads the parameters of a SAS (or Service Bus token) as they stand in the text, in whatever
// encoding the token uses, so fixes can cut exactly one parameter or the SAS part of a query.
import type { TokenEncoding } from '../findings/types';
import { SAS_PARAMETER_NAMES } from '../parse/sasQuery';

/** A parameter `key=value` as it stands in the text (offsets into the document). */
export interface RawParameter {
  readonly key: string;
  readonly keyStart: number;
  readonly valueStart: number;
  readonly valueEnd: number;
  /** The separator written before this parameter (`&`, `&amp;`, `\u0026`, `^&`, `%26`, …), when there is one. */
  readonly separatorBefore?: { readonly start: number; readonly end: number };
}

// Longest first. `%26` only separates parameters of a query that is itself percent-encoded.
const SEPARATORS = ['&amp;', '&#38;', '&#x26;', '\\u0026', '^&', '\\&', '&'];
const PERCENT_SEPARATOR = '%26';
const KEY_VALUE_SEPARATORS = ['=', '%3d', '\\u003d'];

/** Whether `key` names a storage SAS or Service Bus token parameter. Everything else in a query is kept in code. */
export function isSasKey(key: string): boolean {
  return SAS_PARAMETER_NAMES.has(key.toLowerCase());
}

function separatorsFor(encoding: TokenEncoding): string[] {
  return encoding === 'percent-encoded-query' ? [...SEPARATORS, PERCENT_SEPARATOR] : SEPARATORS;
}

/** Length of the separator that starts at `pos`, or 0. */
export function separatorAt(text: string, pos: number, encoding: TokenEncoding): number {
  for (const s of separatorsFor(encoding)) {
    if (text.length - pos >= s.length && text.slice(pos, pos + s.length).toLowerCase() === s) return s.length;
  }
  return 0;
}

/** Length of the separator that ends at `pos`, or 0. */
export function separatorEndingAt(text: string, pos: number, encoding: TokenEncoding): number {
  for (const s of separatorsFor(encoding)) {
    if (pos >= s.length && text.slice(pos - s.length, pos).toLowerCase() === s) {
      // `&` ending at pos could be the tail of `^&` or `\&`, listed (and so matched) first.
      return s.length;
    }
  }
  return 0;
}

function keyValueSeparatorAt(text: string, pos: number): number {
  for (const s of KEY_VALUE_SEPARATORS) {
    if (text.slice(pos, pos + s.length).toLowerCase() === s) return s.length;
  }
  return 0;
}

const KEY_CHAR = /[A-Za-z0-9_-]/;

/**
 * Parameters in [from, to). Reading stops at the first piece that is not `key=value`
 * (a quote, a space, the end of a literal), so `to` may safely be generous.
 */
export function readParameters(text: string, from: number, to: number, encoding: TokenEncoding): RawParameter[] {
  const out: RawParameter[] = [];
  let pos = from;
  let separatorBefore: { start: number; end: number } | undefined;
  while (pos < to) {
    const keyStart = pos;
    while (pos < to && KEY_CHAR.test(text[pos]!)) pos++;
    if (pos === keyStart) break;
    const kv = keyValueSeparatorAt(text, pos);
    if (kv === 0) break;
    const key = text.slice(keyStart, pos);
    const valueStart = pos + kv;
    pos = valueStart;
    while (pos < to && separatorAt(text, pos, encoding) === 0 && !VALUE_STOP.test(text[pos]!)) pos++;
    out.push({ key, keyStart, valueStart, valueEnd: pos, ...(separatorBefore ? { separatorBefore } : {}) });
    const sep = pos < to ? separatorAt(text, pos, encoding) : 0;
    if (sep === 0) break;
    separatorBefore = { start: pos, end: pos + sep };
    pos += sep;
  }
  return out;
}

// A SAS value never holds these; they end the token (quotes, whitespace, brackets, a connection string's `;`).
const VALUE_STOP = /[\s"'`<>()[\]{};|]/;

/** Where the query starts inside [start, end): just after `?` (or `%3F` when the query is percent-encoded), else `start`. */
export function queryStart(text: string, start: number, end: number, encoding: TokenEncoding): number {
  const q = text.indexOf('?', start);
  if (q >= 0 && q < end) return q + 1;
  if (encoding === 'percent-encoded-query') {
    const lower = text.slice(start, end).toLowerCase();
    const p = lower.indexOf('%3f');
    if (p >= 0) return start + p + 3;
  }
  return start;
}

/** The value a program sees at run time for `raw`, written in `encoding` (separators and escapes undone). */
export function decodeTokenText(raw: string, encoding: TokenEncoding): string {
  switch (encoding) {
    case 'html-entity':
      return raw.replace(/&amp;|&#38;|&#x26;/gi, '&');
    case 'json-unicode':
      return raw.replace(/\\u([0-9a-fA-F]{4})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))).replace(/\\\//g, '/');
    case 'backslash':
      return raw.replace(/\\(.)/g, '$1');
    case 'caret':
      return raw.replace(/\^(.)/g, '$1');
    default:
      return raw;
  }
}
