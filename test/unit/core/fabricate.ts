// Fabricated secrets for tests: base64 of pseudo-random bytes from a fixed seed. They have the
// shape of real signatures and keys and are nobody's secret.

/** mulberry32: a tiny deterministic PRNG, so every run builds the same fixtures. */
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

export function randomBytes(seed: number, length: number): Buffer {
  const next = seededRandom(seed);
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = Math.floor(next() * 256);
  return bytes;
}

/** A 44-character signature (32 bytes, base64), as decoded. */
export function fakeSignature(seed: number): string {
  return randomBytes(seed, 32).toString('base64');
}

/** A 44-character signature that contains at least one `+` and one `/`, so encodings differ visibly. */
export function fakeSignatureWithSymbols(seed: number): string {
  for (let s = seed; ; s += 7919) {
    const sig = fakeSignature(s);
    if (sig.includes('+') && sig.includes('/')) return sig;
  }
}

/** An 88-character account key (64 bytes, base64). */
export function fakeAccountKey(seed: number): string {
  return randomBytes(seed, 64).toString('base64');
}

/** An 88-character identifiable storage key: "+ASt" at offset 76. */
export function fakeIdentifiableKey(seed: number): string {
  const key = fakeAccountKey(seed);
  return `${key.slice(0, 76)}+ASt${key.slice(80)}`;
}

/** Percent-encodes `+`, `/` and `=` the way SDKs do (upper-case hex). */
export function percentEncode(value: string, lowerHex = false): string {
  const out = value.replace(/\+/g, '%2B').replace(/\//g, '%2F').replace(/=/g, '%3D');
  return lowerHex ? out.replace(/%2B/g, '%2b').replace(/%2F/g, '%2f').replace(/%3D/g, '%3d') : out;
}

/** A fixed clock for every engine test. */
export const NOW = new Date('2026-11-29T00:00:00Z');
