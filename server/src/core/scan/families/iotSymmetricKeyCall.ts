// The key given to the Azure IoT device SDK's signer, `SymmetricKeySigningMechanism("…")` (Python:
// `create_from_symmetric_key` for a device or a DPS registration builds one). No `SharedAccessKey=`
// names it, so no other anchor reads it; the call itself says what the key is. It is reported as an
// IoT device key only when the value is one: a quoted, canonical base64 value of 16 to 64 bytes that
// does not look made up. A placeholder, a variable or anything else in the parentheses gives nothing.
import type { Anchor } from '../anchors';
import { looksMadeUp } from '../../assess/placeholders';
import type { OffsetRange } from '../../findings/types';

/**
 * After the class name: the opening parenthesis, an optional `key=` keyword, an optional string
 * prefix (`r`, `b`, `u`), then a quoted base64 value and the same quote. Bounded quantifiers and
 * fixed classes only: constant work per anchor.
 */
const KEY_ARGUMENT = /[ \t]{0,16}\([ \t\r\n]{0,64}(?:key[ \t]{0,16}=[ \t]{0,16})?[rRbBuU]{0,2}(["'])([A-Za-z0-9+/]{20,88}={0,2})\1/y;

/** Bytes of a symmetric key the IoT services accept (device keys are 16 to 64 bytes; the portal makes 32). */
const MIN_KEY_BYTES = 16;
const MAX_KEY_BYTES = 64;

/** Value of each base64 character's low bits that padding must leave unset. */
const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * Whether `value` (base64 characters and at most two `=`) is a plausible symmetric key: whole
 * 4-character groups, 16 to 64 bytes, canonical padding (the bits the padding drops are zero, as
 * every encoder writes them), and no made-up look.
 */
export function isPlausibleSymmetricKey(value: string): boolean {
  if (value.length % 4 !== 0) return false;
  const padding = value.endsWith('==') ? 2 : value.endsWith('=') ? 1 : 0;
  const bytes = (value.length / 4) * 3 - padding;
  if (bytes < MIN_KEY_BYTES || bytes > MAX_KEY_BYTES) return false;
  if (padding > 0) {
    const last = BASE64_ALPHABET.indexOf(value.charAt(value.length - padding - 1));
    if ((last & (padding === 1 ? 0b11 : 0b1111)) !== 0) return false;
  }
  return !looksMadeUp(value);
}

/** The key argument of the call at `anchor` (the class name), when it is a plausible key. */
export function readSymmetricKeyCall(text: string, anchor: Anchor): { key: string; secretRange: OffsetRange } | undefined {
  KEY_ARGUMENT.lastIndex = anchor.index + anchor.length;
  const match = KEY_ARGUMENT.exec(text);
  if (match === null) return undefined;
  const key = match[2]!;
  if (!isPlausibleSymmetricKey(key)) return undefined;
  const start = KEY_ARGUMENT.lastIndex - 1 - key.length;
  return { key, secretRange: { start, end: start + key.length } };
}
