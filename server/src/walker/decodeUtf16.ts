// Recognises UTF-16 text and turns it into the string the engine scans. Windows PowerShell 5 saves
// scripts as UTF-16 LE with a byte-order mark, and some tools write UTF-16 without one; such files
// are full of NUL bytes, so the binary sniff alone would skip them and the tokens in them would
// never be read.
//
// With a byte-order mark the encoding is declared. Without one it is guessed, conservatively, and
// only for bytes the binary sniff has already rejected (a UTF-8 file never pays for the guess):
// ASCII-heavy UTF-16 has a NUL in nearly every other byte and in no byte of the other parity,
// while executables, archives, images and databases have NULs at both parities, or control
// characters and broken surrogate pairs once read as UTF-16. UTF-32 has NULs at both parities too.
//
// The decoded text is what an editor shows (the byte-order mark removed, a lone surrogate or a
// dangling final byte replaced by U+FFFD, one code unit each), so offsets, lines and columns equal
// those of the same text saved as UTF-8.
import { TextDecoder } from 'node:util';
import { SNIFF_LENGTH } from './binarySniff';

export type Utf16Encoding = 'utf-16le' | 'utf-16be';

/** Share of the sniffed code units allowed to be control characters in BOM-less UTF-16. */
const GUESSED_CONTROL_RATIO_LIMIT = 0.02;
/**
 * Share of the sniffed code units allowed a NUL low byte: text has a few (U+4E00 一, the low
 * surrogate of U+1F600 😀), misaligned binary structures many.
 */
const GUESSED_WRONG_PARITY_NUL_LIMIT = 0.1;
/** Share of the sniffed code units (at least) whose high byte is NUL: ASCII-heavy text. */
const GUESSED_ASCII_SHARE = 0.5;
/** Unpaired surrogates allowed in the sniffed prefix of BOM-less UTF-16 (per 1000 code units). */
const GUESSED_LONE_SURROGATES_PER_MILLE = 1;
/** With a byte-order mark, the same control share as the UTF-8 sniff (binarySniff.ts). */
const DECLARED_CONTROL_RATIO_LIMIT = 0.3;

/** The encoding a UTF-16 byte-order mark declares; UTF-32 LE (FF FE 00 00) is not UTF-16. */
export function utf16BomEncoding(bytes: Uint8Array): Utf16Encoding | undefined {
  if (bytes.length < 2) return undefined;
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.length >= 4 && bytes[2] === 0 && bytes[3] === 0 ? undefined : 'utf-16le';
  return undefined;
}

/**
 * The UTF-16 encoding of `bytes` when they are text in one: declared by a byte-order mark and
 * confirmed by the first block, or guessed from the NUL bytes of a BOM-less first block. Call it
 * only for bytes with a NUL in the first block (the binary sniff's verdict) or with a byte-order
 * mark. A guess costs at most a pass over SNIFF_LENGTH bytes, and most binaries are turned down
 * within their first bytes (an aligned 00 00 pair, a control character).
 */
export function detectUtf16(bytes: Uint8Array): { encoding: Utf16Encoding; hadBom: boolean } | undefined {
  const declared = utf16BomEncoding(bytes);
  if (declared) return sniffUtf16(bytes, declared, true) ? { encoding: declared, hadBom: true } : undefined;
  const guessed = nulParity(bytes, PARITY_WINDOW) ?? nulParity(bytes, SNIFF_LENGTH);
  return guessed && sniffUtf16(bytes, guessed, false) ? { encoding: guessed, hadBom: false } : undefined;
}

/** Bytes looked at first to tell which byte of each pair is the NUL one. */
const PARITY_WINDOW = 512;

/** LE when the first `length` bytes have more NULs at odd positions, BE when at even ones. */
function nulParity(bytes: Uint8Array, length: number): Utf16Encoding | undefined {
  const end = Math.min(bytes.length, length);
  let odd = 0;
  let even = 0;
  for (let i = 0; i < end; i++) {
    if (bytes[i] === 0) {
      if (i & 1) odd++;
      else even++;
    }
  }
  return odd > even ? 'utf-16le' : even > odd ? 'utf-16be' : undefined;
}

/**
 * Whether the first block, read as UTF-16 in `encoding`, is text: no NUL character, few control
 * characters and (without a byte-order mark) almost no unpaired surrogate, an ASCII-heavy mix and
 * few NUL low bytes. Stops at the first count over its limit.
 */
function sniffUtf16(bytes: Uint8Array, encoding: Utf16Encoding, declared: boolean): boolean {
  const start = declared ? 2 : 0;
  const end = start + ((Math.min(bytes.length, SNIFF_LENGTH) - start) & ~1);
  const units = (end - start) / 2;
  if (units <= 0) return declared; // a byte-order mark alone is an empty text
  const maxControl = units * (declared ? DECLARED_CONTROL_RATIO_LIMIT : GUESSED_CONTROL_RATIO_LIMIT);
  const maxWrongParityNul = declared ? Infinity : units * GUESSED_WRONG_PARITY_NUL_LIMIT;
  const maxLoneSurrogates = declared ? Infinity : (units * GUESSED_LONE_SURROGATES_PER_MILLE) / 1000;
  const highFirst = encoding === 'utf-16be';
  let control = 0;
  let asciiHigh = 0;
  let wrongParityNul = 0;
  let loneSurrogates = 0;
  let pendingHigh = false;
  for (let i = start; i < end; i += 2) {
    const high = bytes[highFirst ? i : i + 1]!;
    const low = bytes[highFirst ? i + 1 : i]!;
    const unit = (high << 8) | low;
    if (unit === 0) return false;
    if (high === 0) asciiHigh++;
    else if (low === 0 && ++wrongParityNul > maxWrongParityNul) return false;
    if (pendingHigh && (unit < 0xdc00 || unit > 0xdfff) && ++loneSurrogates > maxLoneSurrogates) return false;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      pendingHigh = true;
      continue;
    }
    if (unit >= 0xdc00 && unit <= 0xdfff && !pendingHigh && ++loneSurrogates > maxLoneSurrogates) return false;
    pendingHigh = false;
    if (isControl(unit) && ++control > maxControl) return false;
  }
  // A high surrogate in the last unit may pair with one past the block: not counted.
  return declared || asciiHigh >= units * GUESSED_ASCII_SHARE;
}

/** C0 controls other than tab, LF, VT, FF, CR and ESC; DEL; C1 controls; the noncharacters U+FFFE and U+FFFF. */
function isControl(unit: number): boolean {
  if (unit < 0x20) return unit !== 0x09 && unit !== 0x0a && unit !== 0x0b && unit !== 0x0c && unit !== 0x0d && unit !== 0x1b;
  return (unit >= 0x7f && unit <= 0x9f) || unit === 0xfffe || unit === 0xffff;
}

const decoders: Record<Utf16Encoding, TextDecoder> = {
  'utf-16le': new TextDecoder('utf-16le'),
  'utf-16be': new TextDecoder('utf-16be'),
};

/**
 * The text of UTF-16 bytes, without a byte-order mark; a lone surrogate or an odd final byte
 * becomes U+FFFD (the WHATWG decoder, as editors decode). Never throws.
 */
export function decodeUtf16(bytes: Uint8Array, encoding: Utf16Encoding): string {
  return decoders[encoding].decode(bytes);
}
