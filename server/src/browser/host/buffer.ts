// node:buffer for the web worker (the web bundle maps `node:buffer` here, and esbuild injects `Buffer`
// wherever the glue names the global): the few Buffer operations the server's reading and sizing code
// uses, on a Uint8Array, with the WHATWG encoder and decoder, which replace invalid UTF-8 as Node does.

const encoder = new TextEncoder();
const lenientDecoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function isUtf8(bytes: Uint8Array): boolean {
  try {
    strictDecoder.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Bytes that decode as UTF-8 text with toString(), as a Node Buffer does. */
class TextBytes extends Uint8Array {
  override toString(_encoding?: 'utf8'): string {
    return lenientDecoder.decode(this);
  }
}

function byteLength(text: string, _encoding?: 'utf8'): number {
  // Counted without building the bytes: this runs on every keystroke's document.
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function from(source: ArrayBuffer | string, offsetOrEncoding?: number | string, length?: number): TextBytes {
  if (typeof source === 'string') {
    const bytes = encoder.encode(source);
    return new TextBytes(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  return new TextBytes(source, typeof offsetOrEncoding === 'number' ? offsetOrEncoding : 0, length);
}

export const Buffer = {
  byteLength,
  from,
  allocUnsafe: (size: number): TextBytes => new TextBytes(size),
  allocUnsafeSlow: (size: number): TextBytes => new TextBytes(size),
};
export type Buffer = TextBytes;

export default { Buffer, isUtf8 };
