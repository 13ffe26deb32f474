// The line bigrams (unchangedRegions.ts) of the most recent large clean blobs, by ledger key, so
// that the next version of a large file is checked against its predecessor instead of scanned whole.
// Bounded by a byte budget; the least recently used versions go first.
import type { LineBigrams } from './unchangedRegions';

/** Blobs smaller than this are scanned whole: cheaper than hashing their lines. */
export const SMALLEST_DELTA_BLOB = 64 * 1024;

const BUDGET_BYTES = 32 * 1024 * 1024;

export class CleanVersions {
  private readonly versions = new Map<string, LineBigrams>();
  private bytes = 0;

  get(key: string): LineBigrams | undefined {
    const bigrams = this.versions.get(key);
    if (bigrams !== undefined) {
      // Most recently used last: Map keeps insertion order.
      this.versions.delete(key);
      this.versions.set(key, bigrams);
    }
    return bigrams;
  }

  set(key: string, bigrams: LineBigrams): void {
    if (this.versions.has(key)) return;
    this.versions.set(key, bigrams);
    this.bytes += bigrams.byteLength;
    for (const [oldest, old] of this.versions) {
      if (this.bytes <= BUDGET_BYTES) break;
      this.versions.delete(oldest);
      this.bytes -= old.byteLength;
    }
  }
}
