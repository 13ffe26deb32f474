// A stable identity for a secret: the SHA-256 of its decoded value, so one token pasted in many
// places and encodings is one secret. The hash is one-way; it never reveals the secret.
import { createHash } from 'node:crypto';

export function fingerprintSecret(decodedSecret: string): string {
  return createHash('sha256').update(decodedSecret, 'utf8').digest('hex');
}
