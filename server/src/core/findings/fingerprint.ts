// A stable identity for a secret: the SHA-256 of its decoded value, so one token pasted in many
// places and encodings is one secret. The hash is one-way; it never reveals the secret.
// The hash is computed in plain TypeScript so the engine runs where node:crypto does not (a browser
// web worker); its output is byte for byte the one node:crypto gave (test/unit/core/sha256.test.ts).
import { sha256Hex } from '../util/sha256';

const utf8 = new TextEncoder();

export function fingerprintSecret(decodedSecret: string): string {
  return sha256Hex(utf8.encode(decodedSecret));
}
