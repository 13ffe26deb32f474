// Reading a base64 value out of text: the run of base64 characters around a position, and its
// decoding to text when (and only when) it decodes to mostly printable UTF-8. The base64 decoder
// (scan/base64Wrapped.ts) uses it around each base64 anchor. Every function reads each character of
// the run a bounded number of times; one regular expression, a single character class.

/** Standard base64 characters: A-Z a-z 0-9 + / (base64url's - and _ are not read). */
function isBase64(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47;
}

/** Value of each base64 character by code (the caller checked it is one). */
const SEXTET = (() => {
  const table = new Uint8Array(128);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  return table;
})();

/** A run of base64 characters, possibly empty (sticky: read from `lastIndex`). */
const BASE64_CHARS = /[A-Za-z0-9+/]*/y;

export interface Base64Run {
  /** First base64 character. */
  readonly start: number;
  /** End of the base64 characters (the padding is after). */
  readonly dataEnd: number;
  /** End of the run with its `=` padding (at most two). */
  readonly end: number;
}

/**
 * The maximal run of base64 characters around `index` (which is one), not reaching below `floor`,
 * with the `=` padding after it; [index, knownEnd) are base64 characters already checked. Reads the
 * whole run, however long: the caller resumes after it.
 */
export function base64RunAround(text: string, index: number, floor: number, knownEnd = index): Base64Run {
  let start = index;
  while (start > floor && isBase64(text.charCodeAt(start - 1))) start--;
  // Forward, where a run may go on for megabytes, the regular expression engine steps faster than a loop.
  BASE64_CHARS.lastIndex = knownEnd;
  BASE64_CHARS.test(text);
  const dataEnd = BASE64_CHARS.lastIndex;
  let end = dataEnd;
  while (end < text.length && end - dataEnd < 2 && text.charCodeAt(end) === 61) end++;
  return { start, dataEnd, end };
}

/**
 * The bytes of text[from, to) decoded as base64 from `from` (a group boundary) on; a trailing group
 * of 2 or 3 characters gives its 1 or 2 whole bytes, a single trailing character nothing.
 */
export function decodeBase64Bytes(text: string, from: number, to: number, scratch?: Uint8Array): Uint8Array {
  const size = Math.floor(((to - from) * 3) / 4);
  const bytes = scratch !== undefined && scratch.length >= size ? scratch : new Uint8Array(size);
  return bytes.subarray(0, decodeBase64Into(text, from, to, bytes));
}

/**
 * decodeBase64Bytes into `bytes` (long enough), returning how many there are: no view is made per
 * value (a subarray costs as much as decoding a short value).
 */
function decodeBase64Into(text: string, from: number, to: number, bytes: Uint8Array): number {
  const sextet = SEXTET;
  let n = 0;
  let i = from;
  for (; i + 4 <= to; i += 4) {
    const v =
      (sextet[text.charCodeAt(i)]! << 18) | (sextet[text.charCodeAt(i + 1)]! << 12) | (sextet[text.charCodeAt(i + 2)]! << 6) | sextet[text.charCodeAt(i + 3)]!;
    bytes[n++] = v >> 16;
    bytes[n++] = (v >> 8) & 255;
    bytes[n++] = v & 255;
  }
  const rest = to - i;
  if (rest >= 2) {
    const v = (sextet[text.charCodeAt(i)]! << 18) | (sextet[text.charCodeAt(i + 1)]! << 12) | (rest === 3 ? sextet[text.charCodeAt(i + 2)]! << 6 : 0);
    bytes[n++] = v >> 16;
    if (rest === 3) bytes[n++] = (v >> 8) & 255;
  }
  return n;
}

/**
 * Share of characters that may be neither printable nor whitespace (control bytes, U+FFFD for
 * invalid UTF-8) in decoded text: a credential inside a JSON, YAML, .env or connection string is all
 * printable; an image, a certificate's DER or compressed data is mostly not.
 */
const MAX_UNPRINTABLE_SHARE = 0.02;

const utf8 = new TextDecoder('utf-8');

/**
 * Node's Buffer, when the engine runs in Node (the server and the CLI do): its native base64 decoder
 * is several times faster than the loop above on long values. Looked up, not imported, so that the
 * engine still runs where there is none (the loop is the fallback and the reference: the tests
 * compare them).
 */
const NATIVE_BUFFER = (globalThis as unknown as { Buffer?: NodeBufferClass }).Buffer;

/** What the engine uses of Node's Buffer. */
interface NodeBufferClass {
  from(text: string, encoding: 'base64'): Uint8Array;
  from(memory: ArrayBuffer): Uint8Array;
  allocUnsafeSlow(size: number): NodeBuffer;
}
interface NodeBuffer extends Uint8Array {
  write(text: string, offset: number, encoding: 'base64'): number;
  toString(encoding?: 'latin1', start?: number, end?: number): string;
}

/**
 * Decoded bytes of a long value, reused from one value to the next (made on first use, grown up to
 * LONG_SCRATCH_MAX): a new buffer per value cost several times the decoding itself (fresh memory).
 */
let longScratch: NodeBuffer | undefined;
/** Longest value whose bytes are kept between calls (3/4 of the decoder's 1 MiB cap on a run); longer ones get their own buffer. */
const LONG_SCRATCH_MAX = 3 << 18;
/** Any character but a tab, a line break or printable ASCII (one class: nothing to backtrack into). */
const NOT_PRINTABLE_ASCII = /[^\t\n\r\x20-\x7e]/;
/** Leading bytes of a long value checked for NUL or non-ASCII before any text is made of it (binary shows at once). */
const LEADING_BYTES_CHECKED = 256;
/** Below this many characters the loop is faster than a call into the runtime. */
const NATIVE_FROM = 256;
/** Decoded bytes of a short value: only read before the next call. */
const SCRATCH = new Uint8Array(1024);
/**
 * SCRATCH's memory as a Node Buffer, whose latin1Slice makes a one-character-per-byte string of it
 * ~8x faster than a decoder call on short values.
 */
const SCRATCH_BUFFER = NATIVE_BUFFER?.from(SCRATCH.buffer) as { latin1Slice?: (start: number, end: number) => string } | undefined;

/** The first `length` bytes of SCRATCH as text, one character per byte. */
function scratchAsLatin1(length: number): string {
  if (SCRATCH_BUFFER?.latin1Slice !== undefined) return SCRATCH_BUFFER.latin1Slice(0, length);
  return String.fromCharCode.apply(null, SCRATCH.subarray(0, length) as unknown as number[]);
}

/**
 * text[from, to) decoded as base64 (decodeBase64Bytes), one character per byte (bytes over 0x7f
 * become no ASCII character, as in UTF-8), for short windows.
 */
export function decodeBase64Latin1(text: string, from: number, to: number): string {
  if (Math.floor(((to - from) * 3) / 4) > SCRATCH.length) return String.fromCharCode.apply(null, decodeBase64Bytes(text, from, to) as unknown as number[]);
  return scratchAsLatin1(decodeBase64Into(text, from, to, SCRATCH));
}

/**
 * text[from, to) decoded as base64 (decodeBase64Bytes) as text, when it is mostly printable UTF-8
 * (no NUL at all); undefined otherwise. ASCII, the common case, is checked while decoding and made
 * into a string without a decoder call.
 */
export function decodeBase64Text(text: string, from: number, to: number): string | undefined {
  const native = NATIVE_BUFFER !== undefined && to - from >= NATIVE_FROM;
  // Short values (most of them) are decoded into one reused buffer: no allocation per value.
  let bytes: Uint8Array;
  let length: number;
  if (native) {
    const encoded = text.slice(from, to - ((to - from) % 4 === 1 ? 1 : 0));
    const size = Math.floor((encoded.length * 3) / 4);
    if (size > LONG_SCRATCH_MAX) {
      bytes = NATIVE_BUFFER!.from(encoded, 'base64');
      length = bytes.length;
    } else {
      if (longScratch === undefined || longScratch.length < size)
        longScratch = NATIVE_BUFFER!.allocUnsafeSlow(Math.min(LONG_SCRATCH_MAX, Math.max(size, 2 * (longScratch?.length ?? 4096))));
      return nativeJudgedText(longScratch, longScratch.write(encoded, 0, 'base64'));
    }
  } else if (Math.floor(((to - from) * 3) / 4) <= SCRATCH.length) {
    return decodeShortBase64Text(text, from, to);
  } else {
    bytes = decodeBase64Bytes(text, from, to);
    length = bytes.length;
  }
  return judgedText(bytes, length, native);
}

/** A long value's decoded bytes, kept while its text is made a window at a time (scan/decodedWindows.ts). */
export interface KeptBytes {
  readonly length: number;
  /** The bytes [start, end) as text, one character per byte. */
  latin1(start: number, end: number): string;
}

/**
 * The buffers of KeptBytes, one per level of values decoded inside each other (the scan of one
 * value's windows decodes the values inside it while the outer bytes are still read). Made on first
 * use and kept: a fresh buffer per value costs more than the decoding.
 */
const KEPT_BUFFERS: NodeBuffer[] = [];

/**
 * text[from, to) (base64 characters) decoded as base64 into the buffer of nesting `level`, as
 * decodeBase64Text decodes it before judging the bytes; undefined where there is no Node Buffer or
 * the value decodes to more than LONG_SCRATCH_MAX bytes. The bytes stay until the next call with
 * the same level.
 */
export function decodeBase64Kept(text: string, from: number, to: number, level: number): KeptBytes | undefined {
  if (NATIVE_BUFFER === undefined) return undefined;
  const encoded = text.slice(from, to - ((to - from) % 4 === 1 ? 1 : 0));
  if (Math.floor((encoded.length * 3) / 4) > LONG_SCRATCH_MAX) return undefined;
  const buffer = (KEPT_BUFFERS[level] ??= NATIVE_BUFFER.allocUnsafeSlow(LONG_SCRATCH_MAX));
  const length = buffer.write(encoded, 0, 'base64');
  return { length, latin1: (start, end) => buffer.toString('latin1', start, end) };
}

/**
 * judgedText of a Node buffer's first `length` bytes: when they are all printable ASCII, tabs or line
 * breaks (a long credential value), that text, checked by one pattern over it instead of a loop over
 * the bytes; otherwise the bytes are judged one by one.
 */
function nativeJudgedText(bytes: NodeBuffer, length: number): string | undefined {
  const leading = Math.min(length, LEADING_BYTES_CHECKED);
  for (let i = 0; i < leading; i++) {
    const b = bytes[i]!;
    if (b === 0 || b >= 128) return judgedText(bytes.subarray(0, length), length, true);
  }
  const decoded = bytes.toString('latin1', 0, length);
  if (!NOT_PRINTABLE_ASCII.test(decoded)) return decoded;
  return judgedText(bytes.subarray(0, length), length, true);
}

/**
 * The first `length` bytes as text when they are mostly printable UTF-8 (decodeBase64Text); `native`:
 * they are a Node Buffer.
 */
function judgedText(bytes: Uint8Array, length: number, native: boolean): string | undefined {
  let unprintable = 0;
  let high = 0;
  for (let i = 0; i < length; i++) {
    const b = bytes[i]!;
    if (b < 32 || b >= 127) {
      if (b === 0) return undefined;
      if (b >= 128) high++;
      else if (b !== 9 && b !== 10 && b !== 13) unprintable++;
    }
  }
  const limit = MAX_UNPRINTABLE_SHARE * length;
  if (unprintable > limit) return undefined;
  if (high === 0 && native) return (bytes as unknown as { toString(encoding: 'latin1'): string }).toString('latin1');
  if (high === 0 && bytes === SCRATCH) return scratchAsLatin1(length);
  if (high === 0) {
    let decoded = '';
    for (let i = 0; i < length; i += 8192) {
      decoded += String.fromCharCode.apply(null, bytes.subarray(i, Math.min(length, i + 8192)) as unknown as number[]);
    }
    return decoded;
  }
  const decoded = utf8.decode(bytes.subarray(0, length));
  for (let i = decoded.indexOf('\ufffd'); i >= 0; i = decoded.indexOf('\ufffd', i + 1)) {
    if (++unprintable > limit) return undefined;
  }
  return decoded;
}

/**
 * decodeBase64Text for a value that fits SCRATCH, read in one loop: each 4-character group is
 * decoded and its bytes checked at once (the common case, a short ASCII value, then needs no
 * second pass over the bytes).
 */
function decodeShortBase64Text(text: string, from: number, to: number): string | undefined {
  const read = decodeShortInto(text, from, to, SCRATCH);
  if (read >= 0) return scratchAsLatin1(read);
  return judgedText(SCRATCH, ~read, false);
}

/**
 * A byte automaton (scan/sasClaimHints.ts's claim hints): the next state by the state times 128
 * plus the byte, and the state it is in.
 */
export interface ByteAutomaton {
  readonly steps: Uint8Array;
  state: number;
  /** A state it never leaves (every step from it leads back to it): once there, the rest of the bytes are not stepped. */
  readonly final: number;
}

/**
 * text[from, to) (base64 characters) decoded as base64 (decodeBase64Bytes) into `bytes` (at least
 * 3/4 of the length) when every byte is printable ASCII (32-126): how many there are; -1 when some
 * byte is not (then decodeBase64Text is the answer). Such text is what decodeBase64Text returns, one
 * character per byte: a run checked whole (scan/base64Wrapped.ts) reads these bytes where it would
 * otherwise make a string of them. `automaton` runs over the bytes as they are made (when they are
 * all printable ASCII its state is then the one after all of them): they need no second loop.
 */
export function decodePrintableAsciiThrough(text: string, from: number, to: number, bytes: Uint8Array, automaton: ByteAutomaton): number {
  const codes = to - from <= CODES_SCRATCH.length ? CODES_SCRATCH : new Uint16Array(to - from);
  for (let i = from; i < to; i++) codes[i - from] = text.charCodeAt(i);
  return decodePrintableAsciiCodes(codes, 0, to - from, bytes, automaton);
}

/** The codes of a text decoded by decodePrintableAsciiThrough. */
const CODES_SCRATCH = new Uint16Array(2048);

/**
 * decodePrintableAsciiThrough on the codes of the text's characters (codes[from, to), base64
 * characters), as the short-run reader (scan/base64AnchorSearch.ts) has them: reading a typed
 * array costs a fraction of reading a string's characters.
 */
export function decodePrintableAsciiCodes(codes: Uint16Array, from: number, to: number, bytes: Uint8Array, automaton: ByteAutomaton): number {
  const pairs = PAIR_BITS;
  const steps = automaton.steps;
  let state = automaton.state;
  let n = 0;
  let unusual = 0;
  const final = automaton.final;
  let i = from;
  for (; i + 4 <= to && state !== final; i += 4) {
    const v = (pairs[(codes[i]! << 7) | codes[i + 1]!]! << 12) | pairs[(codes[i + 2]! << 7) | codes[i + 3]!]!;
    const a = v >> 16;
    const b = (v >> 8) & 255;
    const c = v & 255;
    bytes[n++] = a;
    bytes[n++] = b;
    bytes[n++] = c;
    unusual |= (a - 32) | (b - 32) | (c - 32) | (126 - a) | (126 - b) | (126 - c);
    // A byte over 127 makes the run unusual: its state is never read.
    state = steps[(state << 7) | (a & 127)]!;
    state = steps[(state << 7) | (b & 127)]!;
    state = steps[(state << 7) | (c & 127)]!;
  }
  // In the final state (a claim hint found), the rest is decoded without stepping: it stays there.
  for (; i + 4 <= to; i += 4) {
    const v = (pairs[(codes[i]! << 7) | codes[i + 1]!]! << 12) | pairs[(codes[i + 2]! << 7) | codes[i + 3]!]!;
    const a = v >> 16;
    const b = (v >> 8) & 255;
    const c = v & 255;
    bytes[n++] = a;
    bytes[n++] = b;
    bytes[n++] = c;
    unusual |= (a - 32) | (b - 32) | (c - 32) | (126 - a) | (126 - b) | (126 - c);
  }
  const rest = to - i;
  if (rest >= 2) {
    const sextet = SEXTET;
    const v = (sextet[codes[i]!]! << 18) | (sextet[codes[i + 1]!]! << 12) | (rest === 3 ? sextet[codes[i + 2]!]! << 6 : 0);
    const a = v >> 16;
    bytes[n++] = a;
    unusual |= (a - 32) | (126 - a);
    state = steps[(state << 7) | (a & 127)]!;
    if (rest === 3) {
      const b = (v >> 8) & 255;
      bytes[n++] = b;
      unusual |= (b - 32) | (126 - b);
      state = steps[(state << 7) | (b & 127)]!;
    }
  }
  automaton.state = state;
  return unusual >= 0 ? n : -1;
}

/**
 * The 12 bits of two characters by their codes (first * 128 + second, both below 128), as SEXTET
 * gives them one at a time: half the look-ups per group. The callers pass runs of base64 characters,
 * so only the 64 * 64 pairs of those are filled (the table is built at start-up, in every thread).
 */
const PAIR_BITS = (() => {
  const table = new Uint16Array(128 * 128);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let a = 0; a < 64; a++) {
    const row = alphabet.charCodeAt(a) << 7;
    for (let b = 0; b < 64; b++) table[row | alphabet.charCodeAt(b)] = (a << 6) | b;
  }
  return table;
})();

/**
 * Decodes text[from, to) (base64 characters) into `bytes` in one loop, checking each group's bytes as
 * they are made: the number of bytes when all are printable ASCII (32-126), its complement (negative)
 * otherwise.
 */
function decodeShortInto(text: string, from: number, to: number, bytes: Uint8Array): number {
  const sextet = SEXTET;
  const pairs = PAIR_BITS;
  let n = 0;
  // Set when some byte is a control, NUL or over 0x7f.
  let unusual = 0;
  let i = from;
  for (; i + 4 <= to; i += 4) {
    const v = (pairs[(text.charCodeAt(i) << 7) | text.charCodeAt(i + 1)]! << 12) | pairs[(text.charCodeAt(i + 2) << 7) | text.charCodeAt(i + 3)]!;
    const a = v >> 16;
    const b = (v >> 8) & 255;
    const c = v & 255;
    bytes[n++] = a;
    bytes[n++] = b;
    bytes[n++] = c;
    unusual |= (a - 32) | (b - 32) | (c - 32) | (126 - a) | (126 - b) | (126 - c);
  }
  const rest = to - i;
  if (rest >= 2) {
    const v = (sextet[text.charCodeAt(i)]! << 18) | (sextet[text.charCodeAt(i + 1)]! << 12) | (rest === 3 ? sextet[text.charCodeAt(i + 2)]! << 6 : 0);
    const a = v >> 16;
    const b = rest === 3 ? (v >> 8) & 255 : 32;
    bytes[n++] = a;
    if (rest === 3) bytes[n++] = b;
    unusual |= (a - 32) | (b - 32) | (126 - a) | (126 - b);
  }
  // A byte below 32 or over 126 made one of the differences negative.
  return unusual >= 0 ? n : ~n;
}
