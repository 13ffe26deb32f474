// Which lines of a new version of a large file are new. Histories are full of large files edited a
// little at a time (lock files, generated code, data): scanning each version whole scans the same
// text hundreds of times, where `git log -p` reads only the changed lines. Each line of a clean
// version is hashed with its predecessor (a line bigram); in the next version, a line whose bigram
// the old version lacks is changed (an edit, an insertion, or a line moved next to new neighbours).
// editedVersionScan.ts scans only around those lines. Assumed: text made only of old bigrams reads
// as the old text did within the engine's reach, which holds unless repeated lines recombine into
// a new neighbourhood (or two 32-bit bigram hashes collide).
import { isAscii } from 'node:buffer';
import { lastAtOrBefore } from '../core/util/lastAtOrBefore';

const NEWLINE = 0x0a;
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 16777619;

/** The line bigrams of a version: an open-addressing set of 32-bit hashes (0 marks a free slot). */
export class LineBigrams {
  private constructor(private readonly slots: Int32Array) {}

  static of({ hashes }: LineHashes): LineBigrams {
    const slots = new Int32Array(tableSize(hashes.length));
    for (let i = 0; i < hashes.length; i++) insert(slots, bigram(i === 0 ? 0 : hashes[i - 1]!, hashes[i]!));
    return new LineBigrams(slots);
  }

  has(hash: number): boolean {
    const mask = this.slots.length - 1;
    for (let slot = mix(hash) & mask; ; slot = (slot + 1) & mask) {
      const value = this.slots[slot]!;
      if (value === 0) return false;
      if (value === hash) return true;
    }
  }

  /** Memory held, for the cache's budget. */
  get byteLength(): number {
    return this.slots.byteLength;
  }
}

/**
 * The lines of `bytes` (hashed: `hashes`) whose bigram the old version lacks, as line index
 * ranges [first, last] merged when they touch, flat: [first0, last0, first1, last1, …].
 */
export function changedLines({ hashes }: LineHashes, old: LineBigrams): number[] {
  const changed: number[] = [];
  for (let i = 0; i < hashes.length; i++) {
    if (old.has(bigram(i === 0 ? 0 : hashes[i - 1]!, hashes[i]!))) continue;
    if (changed.length > 0 && changed[changed.length - 1] === i - 1) changed[changed.length - 1] = i;
    else changed.push(i, i);
  }
  return changed;
}

/**
 * The byte windows around changed lines: each range widened by `reach` bytes on both sides, out
 * to whole lines, merged when they overlap. Flat line index ranges, like `changedLines`.
 */
export function windowsAround(changed: readonly number[], { starts }: LineHashes, byteLength: number, reach: number): number[] {
  const windows: number[] = [];
  for (let i = 0; i < changed.length; i += 2) {
    const from = lastAtOrBefore(starts, Math.max(0, starts[changed[i]!]! - reach));
    const to = lastAtOrBefore(starts, Math.min(byteLength, lineEnd(starts, changed[i + 1]!, byteLength) + reach));
    if (windows.length > 0 && windows[windows.length - 1]! >= from - 1) windows[windows.length - 1] = Math.max(windows[windows.length - 1]!, to);
    else windows.push(from, to);
  }
  return windows;
}

/**
 * `windowsAround` with the reach in UTF-16 units of the decoded text (the engine's measure) instead
 * of bytes: a side whose `units` bytes are ASCII is that many units; any other side is given 3 bytes
 * a unit, the most one takes in UTF-8 (a 4-byte character is 2 units; an invalid byte, decoded as
 * U+FFFD, 1). Not walked character by character: a documentation file edited in hundreds of places
 * made that a pass over the file per change.
 */
export function windowsAroundUnits(changed: readonly number[], { starts }: LineHashes, bytes: Uint8Array, units: number): number[] {
  const windows: number[] = [];
  for (let i = 0; i < changed.length; i += 2) {
    const changeStart = starts[changed[i]!]!;
    const changeEnd = lineEnd(starts, changed[i + 1]!, bytes.length);
    const asciiBefore = Math.max(0, changeStart - units);
    const asciiAfter = Math.min(bytes.length, changeEnd + units);
    const before = isAscii(bytes.subarray(asciiBefore, changeStart)) ? asciiBefore : Math.max(0, changeStart - 3 * units);
    const after = isAscii(bytes.subarray(changeEnd, asciiAfter)) ? asciiAfter : Math.min(bytes.length, changeEnd + 3 * units);
    const from = lastAtOrBefore(starts, before);
    const to = lastAtOrBefore(starts, after);
    if (windows.length > 0 && windows[windows.length - 1]! >= from - 1) windows[windows.length - 1] = Math.max(windows[windows.length - 1]!, to);
    else windows.push(from, to);
  }
  return windows;
}

/** Byte offsets [start, end) of the lines first..last. */
export function lineSpan({ starts }: LineHashes, first: number, last: number, byteLength: number): [number, number] {
  return [starts[first]!, lineEnd(starts, last, byteLength)];
}

function lineEnd(starts: Int32Array, line: number, byteLength: number): number {
  return line + 1 < starts.length ? starts[line + 1]! : byteLength;
}

export interface LineHashes {
  readonly hashes: Int32Array;
  readonly starts: Int32Array;
}

/** FNV-1a of every line (without its LF) and where each starts. */
export function lineHashes(bytes: Uint8Array): LineHashes {
  let lines = 1;
  for (let i = bytes.indexOf(NEWLINE); i >= 0; i = bytes.indexOf(NEWLINE, i + 1)) lines++;
  const hashes = new Int32Array(lines);
  const starts = new Int32Array(lines);
  let hash = FNV_OFFSET;
  let line = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (byte === NEWLINE) {
      hashes[line++] = hash;
      starts[line] = i + 1;
      hash = FNV_OFFSET;
    } else {
      hash = Math.imul(hash ^ byte, FNV_PRIME);
    }
  }
  hashes[line] = hash;
  return { hashes, starts };
}

function bigram(previous: number, current: number): number {
  const hash = Math.imul(previous ^ 0x9e3779b9, 0x85ebca6b) ^ current;
  return hash === 0 ? 1 : hash;
}

function mix(hash: number): number {
  return Math.imul(hash ^ (hash >>> 16), 0x45d9f3b) >>> 0;
}

function tableSize(entries: number): number {
  let size = 16;
  while (size < entries * 2) size *= 2;
  return size;
}

function insert(slots: Int32Array, hash: number): void {
  const mask = slots.length - 1;
  for (let slot = mix(hash) & mask; ; slot = (slot + 1) & mask) {
    const value = slots[slot]!;
    if (value === hash) return;
    if (value === 0) {
      slots[slot] = hash;
      return;
    }
  }
}
