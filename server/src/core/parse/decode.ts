// Decoding of the container a token sits in (HTML entities, JSON \u escapes, escaped slashes,
// shell backslashes, cmd carets) and of percent-encoding. Every decoder keeps the offset map so a
// finding can point at the original text.
import { startsWithIgnoreCase } from '../util/charClasses';
import { identityMapped, MappedStringBuilder, type MappedString } from './mappedString';
import type { TokenEncoding } from '../findings/types';

// Local hex helpers: percent-decoding runs per character.
function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

function isHexDigit(c: number): boolean {
  return hexValue(c) >= 0;
}

interface EscapeMatch {
  readonly char: string;
  readonly length: number;
  readonly encoding: TokenEncoding;
}

const ENTITY_ESCAPES: ReadonlyArray<readonly [string, string]> = [
  ['&amp;', '&'],
  ['&#38;', '&'],
  ['&#x26;', '&'],
  ['&#61;', '='],
  ['&#x3d;', '='],
];

const JSON_UNICODE_ESCAPES: ReadonlyArray<readonly [string, string]> = [
  ['\\u0026', '&'],
  ['\\u003d', '='],
  ['\\u002f', '/'],
  ['\\u003f', '?'],
  ['\\u003a', ':'],
  ['\\u002b', '+'],
  ['\\u0025', '%'],
];

/** Characters a backslash may escape inside a token without ending it (`\/`, `\&`, `\$`, …). */
const BACKSLASH_ESCAPABLE = '/&$?=+';

/**
 * The escape sequence starting at `index` that stands for a token character, or undefined.
 * Used by both the extent scanner and the decoder so they always agree.
 */
export function escapeAt(text: string, index: number): EscapeMatch | undefined {
  const c = text.charCodeAt(index);
  if (c === 38 /* & */) {
    for (const [seq, char] of ENTITY_ESCAPES) {
      if (startsWithIgnoreCase(text, index, seq)) return { char, length: seq.length, encoding: 'html-entity' };
    }
    return undefined;
  }
  if (c === 92 /* \ */) {
    const next = text.charCodeAt(index + 1);
    if (next === 117 /* u */ || next === 85 /* U */) {
      for (const [seq, char] of JSON_UNICODE_ESCAPES) {
        if (startsWithIgnoreCase(text, index, seq)) return { char, length: 6, encoding: 'json-unicode' };
      }
      return undefined;
    }
    if (index + 1 < text.length && BACKSLASH_ESCAPABLE.includes(text.charAt(index + 1))) {
      return { char: text.charAt(index + 1), length: 2, encoding: 'backslash' };
    }
    if (next === 92) {
      // JSON inside a JSON string: the escape's own backslash is escaped ("\\u0026", "\\/").
      const inner = escapeAt(text, index + 1);
      if (inner && (inner.encoding === 'json-unicode' || inner.char === '/')) {
        return { char: inner.char, length: inner.length + 1, encoding: inner.encoding };
      }
    }
    return undefined;
  }
  if (c === 94 /* ^ */ && text.charCodeAt(index + 1) === 38) {
    return { char: '&', length: 2, encoding: 'caret' };
  }
  return undefined;
}

/**
 * The escape sequence that ends just before `end`, for scanning backwards. Only sequences that
 * `escapeAt` accepts are recognised; the longest wins, so a double-escaped `\\u0026` is not read as `\u0026`.
 */
export function escapeEndingAt(text: string, end: number): EscapeMatch | undefined {
  for (const length of [7, 6, 5, 3, 2]) {
    const start = end - length;
    if (start < 0) continue;
    const match = escapeAt(text, start);
    if (match && match.length === length) return match;
  }
  return undefined;
}

export interface ContainerDecoded {
  readonly mapped: MappedString;
  /** The first container escape seen, or 'plain'. */
  readonly encoding: TokenEncoding;
}

/** Entities that need decoding (with `\\` and `^&`, the sequences that do); a plain `&` needs none. */
const NEEDS_ENTITY_DECODING = /&(?:amp;|#)/i;

/**
 * `text` holds `&amp;` (any case), `&#`, `\\` or `^&`. The two case-free literals go to the native
 * `indexOf`; the pattern left starts with one fixed character, which the regular expression engine
 * skips to (a pattern of three alternatives with different first characters tried every position).
 */
function needsContainerDecoding(text: string): boolean {
  return text.indexOf('\\') >= 0 || text.indexOf('^&') >= 0 || NEEDS_ENTITY_DECODING.test(text);
}

/** Decodes container escapes in text[start, end). */
export function decodeContainerEscapes(text: string, start: number, end: number): ContainerDecoded {
  const slice = text.slice(start, end);
  if (!needsContainerDecoding(slice)) {
    return { mapped: identityMapped(slice, start), encoding: 'plain' };
  }
  const builder = new MappedStringBuilder(end - start);
  let encoding: TokenEncoding = 'plain';
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    const escape = c === 38 || c === 92 || c === 94 ? escapeAt(text, i) : undefined;
    if (escape && i + escape.length <= end) {
      if (encoding === 'plain') encoding = escape.encoding;
      builder.push(escape.char.charCodeAt(0), i, i + escape.length);
      i += escape.length;
    } else {
      builder.push(c, i, i + 1);
      i += 1;
    }
  }
  return { mapped: builder.build(), encoding };
}

/**
 * One round of percent-decoding over a whole mapped string (for queries that are themselves
 * percent-encoded inside another URL). Invalid sequences are kept as they are.
 */
export function percentDecodeMapped(mapped: MappedString): MappedString {
  const s = mapped.value;
  if (!s.includes('%')) return mapped;
  const builder = new MappedStringBuilder(s.length);
  let i = 0;
  while (i < s.length) {
    if (s.charCodeAt(i) === 37 && isHexDigit(s.charCodeAt(i + 1)) && isHexDigit(s.charCodeAt(i + 2))) {
      const code = hexValue(s.charCodeAt(i + 1)) * 16 + hexValue(s.charCodeAt(i + 2));
      if (code < 0x80) {
        builder.push(code, mapped.startOf(i), mapped.endOf(i + 2));
        i += 3;
        continue;
      }
    }
    builder.push(s.charCodeAt(i), mapped.startOf(i), mapped.endOf(i));
    i += 1;
  }
  return builder.build();
}

/**
 * Strict percent-decoding of one parameter value. `+` stays a plus (SAS signatures are base64, not
 * form data). Returns undefined when the value holds an invalid `%` sequence or invalid UTF-8.
 */
export function percentDecodeValue(value: string): string | undefined {
  if (!value.includes('%')) return value;
  const bytes: number[] = [];
  let ascii = true;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 37) {
      const hi = hexValue(value.charCodeAt(i + 1));
      const lo = hexValue(value.charCodeAt(i + 2));
      if (hi < 0 || lo < 0) return undefined;
      const b = hi * 16 + lo;
      if (b >= 0x80) ascii = false;
      bytes.push(b);
      i += 2;
    } else if (c < 0x80) {
      bytes.push(c);
    } else {
      return undefined;
    }
  }
  if (ascii) {
    let out = '';
    for (const b of bytes) out += String.fromCharCode(b);
    return out;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes));
  } catch {
    return undefined;
  }
}
