// All a finding may say about its secret: a one-way fingerprint and a preview of at most four
// characters. Every finding builder goes through here, so no builder can expose more.
import { fingerprintSecret } from './fingerprint';
import { redactSecret } from './redact';

export function secretIdentity(decodedSecret: string): { readonly fingerprint: string; readonly redactedSecret: string } {
  return { fingerprint: fingerprintSecret(decodedSecret), redactedSecret: redactSecret(decodedSecret) };
}
