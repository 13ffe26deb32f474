// What one run has already concluded about a token, reused when the same token comes again in the
// same setting. A history holds one token in hundreds of versions of a file (every commit that
// edits the file re-adds it), and each version used to re-derive the same finding: classification,
// grade, message, SHA-256 fingerprint, ~0.2 ms of cold code each (docs/benchmarks.md). A builder
// keys what it derived by everything it read (the token's parameters, host, path, clock), so a hit
// is the same answer by construction; only the token's placement is the caller's.
// Bounded: past MAX_ENTRIES it starts again empty, so a run over many distinct tokens holds no more
// than that many (a few MB).

const MAX_ENTRIES = 4096;

export class FindingMemo<T = unknown> {
  private readonly entries = new Map<string, T>();

  get(key: string): T | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: T): void {
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(key, value);
  }

  get size(): number {
    return this.entries.size;
  }
}
