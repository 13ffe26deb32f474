// Turns file bytes into the string the engine scans. Offsets into this string are what editors use:
// the BOM is not part of the text (VS Code hides it too), and each invalid byte sequence becomes one
// U+FFFD, exactly as VS Code shows it, so line and column numbers agree with the editor.
import { isUtf8 } from 'node:buffer';

export interface DecodedText {
  text: string;
  hadBom: boolean;
  invalidUtf8: boolean;
}

export function decodeUtf8(bytes: Uint8Array): DecodedText {
  const { body, hadBom, invalidUtf8 } = splitUtf8(bytes);
  return { text: decodeUtf8Body(body), hadBom, invalidUtf8 };
}

/** The bytes without their byte-order mark, and whether they are valid UTF-8 (no decoding). */
export function splitUtf8(bytes: Uint8Array): { body: Uint8Array; hadBom: boolean; invalidUtf8: boolean } {
  const hadBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hadBom ? bytes.subarray(3) : bytes;
  return { body, hadBom, invalidUtf8: !isUtf8(body) };
}

/** Decodes bytes without a byte-order mark. */
export function decodeUtf8Body(body: Uint8Array): string {
  // Buffer's decoder replaces invalid sequences like TextDecoder (WHATWG), and is faster.
  return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
}
