// Marvin32, the seeded 64-bit checksum Microsoft uses to watermark its identifiable keys. An
// identifiable key carries the 32-bit form of this checksum, so checking one needs the algorithm.
// Written from its public description (Niels Ferguson's design as published in SymCrypt,
// https://github.com/microsoft/SymCrypt/blob/main/lib/marvin32.c): two 32-bit lanes initialised
// from the seed; each little-endian 32-bit word of input is added to the first lane, then a fixed
// add-rotate-xor round mixes the lanes; the tail (0 to 3 bytes) is closed by a 0x80 byte, added
// like a word, and followed by two rounds. Pure arithmetic on 32-bit integers: runs unchanged in
// Node and in a browser.

/** A 64-bit seed as its two 32-bit halves (high word first, as the hex literal is written). */
export interface Marvin32Seed {
  readonly hi: number;
  readonly lo: number;
}

/** The 64-bit result as its two halves: `hi` is the second lane, `lo` the first. */
export interface Marvin32Hash {
  readonly hi: number;
  readonly lo: number;
}

/**
 * Microsoft's identifiable-key seeds are named by 8 ASCII characters read as a big-endian
 * 64-bit number ("Default0" is 0x44656661756c7430), so a seed is written here by its name.
 */
export function marvin32SeedFromName(name: string): Marvin32Seed {
  if (name.length !== 8) throw new Error('a Marvin32 seed name has exactly 8 characters');
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < 4; i++) {
    const high = name.charCodeAt(i);
    const low = name.charCodeAt(i + 4);
    if (high > 0x7f || low > 0x7f) throw new Error('a Marvin32 seed name is ASCII');
    hi = ((hi << 8) | high) >>> 0;
    lo = ((lo << 8) | low) >>> 0;
  }
  return { hi, lo };
}

function rotateLeft(value: number, bits: number): number {
  return ((value << bits) | (value >>> (32 - bits))) >>> 0;
}

/** Marvin32 over `data[start, end)`, the full 64-bit result. */
export function marvin32(data: Uint8Array, seed: Marvin32Seed, start = 0, end = data.length): Marvin32Hash {
  // The first lane starts from the seed's low word, the second from its high word.
  let a = seed.lo >>> 0;
  let b = seed.hi >>> 0;
  const mix = (): void => {
    b = (b ^ a) >>> 0;
    a = rotateLeft(a, 20);
    a = (a + b) >>> 0;
    b = rotateLeft(b, 9);
    b = (b ^ a) >>> 0;
    a = rotateLeft(a, 27);
    a = (a + b) >>> 0;
    b = rotateLeft(b, 19);
  };
  let i = start;
  for (; end - i >= 4; i += 4) {
    a = (a + (data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24))) >>> 0;
    mix();
  }
  // The tail and the 0x80 terminator form one last little-endian word.
  let last = 0x80;
  for (let k = end - 1; k >= i; k--) last = ((last << 8) | data[k]!) >>> 0;
  a = (a + last) >>> 0;
  mix();
  mix();
  return { hi: b, lo: a };
}

/** The 32-bit form identifiable keys carry: the two halves xor-ed, as an unsigned number. */
export function marvin32Checksum(data: Uint8Array, seed: Marvin32Seed, start = 0, end = data.length): number {
  const hash = marvin32(data, seed, start, end);
  return (hash.hi ^ hash.lo) >>> 0;
}
