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
  const hadBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hadBom ? bytes.subarray(3) : bytes;
  const invalidUtf8 = !isUtf8(body);
  // Buffer's decoder replaces invalid sequences like TextDecoder (WHATWG), and is faster.
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  return { text, hadBom, invalidUtf8 };
}
