// Decides whether bytes are text worth scanning. Same idea as git and ripgrep: a NUL byte in the
// first block means binary; so does a block made mostly of control characters (images without NULs,
// compressed data that happens to avoid 0x00). UTF-16 text, full of NULs, is recognised after this
// verdict (decodeUtf16.ts), so plain UTF-8 files never pay for that check.

/** Bytes inspected at the start of a file. */
export const SNIFF_LENGTH = 8192;

/** Share of control bytes above which a block is binary. Text has almost none besides tab/CR/LF/FF. */
const CONTROL_RATIO_LIMIT = 0.3;

export function looksBinary(bytes: Uint8Array): boolean {
  const length = Math.min(bytes.length, SNIFF_LENGTH);
  if (length === 0) return false;
  let control = 0;
  for (let i = 0; i < length; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    // Tab, LF, VT, FF, CR and ESC (ANSI colour codes in logs) are normal in text.
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d && b !== 0x1b) || b === 0x7f) {
      control++;
    }
  }
  return control / length > CONTROL_RATIO_LIMIT;
}
