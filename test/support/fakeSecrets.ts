// The one place the tests fabricate secrets. Every signature and key is base64 of bytes that were never
// anybody's secret: fresh random bytes (crypto) when a test needs no particular value, bytes from a
// numeric seed (a small PRNG) when a test must build the same fixture every run, or bytes hashed from a
// label when a test names its secrets ('one', 'servicebus'). Property tests draw them from the fast-check
// arbitraries below. Keeping one source means one shape per credential: 32-byte signatures and Service
// Bus keys (44 characters), 64-byte account keys (88 characters), identifiable keys with "+ASt".
import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';

/** Where the bytes come from: nothing (random each call), a number (seeded PRNG) or a label (hash). */
export type SecretSource = number | string | undefined;

/** mulberry32: a tiny deterministic PRNG, so a seeded fixture is the same every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `length` bytes from the seeded PRNG. */
export function seededBytes(seed: number, length: number): Buffer {
  const next = seededRandom(seed);
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = Math.floor(next() * 256);
  return bytes;
}

function labelledBytes(label: string, length: number): Buffer {
  if (length > 64) throw new Error(`labelled secrets are at most 64 bytes, not ${length}`);
  return createHash(length <= 32 ? 'sha256' : 'sha512')
    .update(`sas-guard-fixes:${label}`)
    .digest()
    .subarray(0, length);
}

/** `length` fabricated bytes from `source` (see SecretSource). */
export function fakeBytes(length: number, source?: SecretSource): Buffer {
  if (source === undefined) return randomBytes(length);
  return typeof source === 'number' ? seededBytes(source, length) : labelledBytes(source, length);
}

/** A SAS signature as decoded: 32 bytes, 44 base64 characters ending in '='. */
export function fakeSignature(source?: SecretSource): string {
  return fakeBytes(32, source).toString('base64');
}

/** A signature that contains at least one `+` and one `/`, so its encodings differ visibly. */
export function fakeSignatureWithSymbols(seed: number): string {
  for (let s = seed; ; s += 7919) {
    const sig = fakeSignature(s);
    if (sig.includes('+') && sig.includes('/')) return sig;
  }
}

/** A storage account key: 64 bytes, 88 base64 characters ending in '=='. */
export function fakeAccountKey(source?: SecretSource): string {
  return fakeBytes(64, source).toString('base64');
}

/** An identifiable storage account key: an account key with "+ASt" at offset 76. */
export function fakeIdentifiableKey(source?: SecretSource): string {
  const key = fakeAccountKey(source);
  return `${key.slice(0, 76)}+ASt${key.slice(80)}`;
}

/** A Service Bus / Event Hubs SharedAccessKey: 32 bytes, 44 base64 characters. */
export function fakeServiceBusKey(source?: SecretSource): string {
  return fakeBytes(32, source).toString('base64');
}

/** Percent-encodes `+`, `/` and `=` the way SDKs do (upper-case hex unless asked otherwise). */
export function percentEncode(value: string, lowerHex = false): string {
  const out = value.replace(/\+/g, '%2B').replace(/\//g, '%2F').replace(/=/g, '%3D');
  return lowerHex ? out.replace(/%2B/g, '%2b').replace(/%2F/g, '%2f').replace(/%3D/g, '%3d') : out;
}

/** Property tests: any 32-byte signature. */
export const signatureArbitrary: fc.Arbitrary<string> = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('base64'));

/** Property tests: any 64-byte account key. */
export const accountKeyArbitrary: fc.Arbitrary<string> = fc.uint8Array({ minLength: 64, maxLength: 64 }).map((b) => Buffer.from(b).toString('base64'));
