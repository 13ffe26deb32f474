// The history scan's bookkeeping: which blobs have been seen, which are waiting for their scan,
// and, for the few that hold a secret, every commit and path that added them. A blob is scanned
// once however many commits carry it; its result then speaks for all of them. Secrets are grouped
// by fingerprint (the id of the decoded secret), so a token copied into ten files over fifty
// commits is one entry, reported at its earliest occurrence in topological order (the log is read
// oldest first). Memory: one small entry per distinct blob, and occurrence lists only for blobs
// still waiting or holding a secret. Pure: no process, no file system.
import type { PlacedFinding } from '../walker/scanFile';
import type { LoggedCommit } from './rawLogParser';

/** A commit and path that added a blob. `order` grows along the log: smaller is earlier. */
export interface Occurrence {
  readonly order: number;
  readonly commit: LoggedCommit;
  readonly path: string;
  readonly blob: string;
}

/** What a blob's scan found. */
export interface BlobFindings {
  readonly findings: readonly PlacedFinding[];
  readonly suppressed: readonly PlacedFinding[];
}

/** One distinct secret of the history. */
export interface LedgerSecret {
  /** Where it was first added, and the placed finding in that blob. */
  readonly first: Occurrence;
  readonly placed: PlacedFinding;
  /** Every commit/path pair that added a blob holding it, earliest first. */
  readonly occurrences: readonly Occurrence[];
  /** Blob ids that hold it (for the HEAD check). */
  readonly blobs: ReadonlySet<string>;
}

/** A blob scanned and found clean (or unreadable): nothing more is kept about it. */
const SETTLED_CLEAN = 0;

type BlobState = typeof SETTLED_CLEAN | { readonly occurrences: Occurrence[]; result?: BlobFindings };

export class SecretLedger {
  private readonly blobs = new Map<string, BlobState>();
  private order = 0;

  /** Distinct blobs seen so far. */
  get distinctBlobs(): number {
    return this.blobs.size;
  }

  /**
   * Records that `commit` added `blob` at `path` (`key`: the blob and what the engine is told
   * about its path; see historyScan.ts). True when the blob is new and must be scanned.
   */
  noteEntry(key: string, commit: LoggedCommit, path: string, blob: string): boolean {
    const occurrence: Occurrence = { order: this.order++, commit, path, blob };
    const state = this.blobs.get(key);
    if (state === undefined) {
      this.blobs.set(key, { occurrences: [occurrence] });
      return true;
    }
    if (state !== SETTLED_CLEAN) state.occurrences.push(occurrence);
    return false;
  }

  /** The scan of a blob is done: findings keep its occurrences, nothing found drops them. */
  settle(key: string, result: BlobFindings | undefined): void {
    const state = this.blobs.get(key);
    if (state === undefined || state === SETTLED_CLEAN) return;
    if (result === undefined || (result.findings.length === 0 && result.suppressed.length === 0)) {
      this.blobs.set(key, SETTLED_CLEAN);
    } else {
      state.result = result;
    }
  }

  /** The secrets found (`which`: reported or silenced by a sas-guard-ignore comment), earliest first. */
  secrets(which: 'findings' | 'suppressed'): LedgerSecret[] {
    const byFingerprint = new Map<string, { first: Occurrence; placed: PlacedFinding; occurrences: Occurrence[]; blobs: Set<string> }>();
    const reported = new Set<string>();
    if (which === 'suppressed') for (const secret of this.secrets('findings')) reported.add(secret.placed.finding.fingerprint);
    for (const state of this.blobs.values()) {
      if (state === SETTLED_CLEAN || state.result === undefined) continue;
      const first = state.occurrences[0]!;
      const seenInBlob = new Set<string>();
      for (const placed of state.result[which]) {
        const fingerprint = placed.finding.fingerprint;
        // A secret reported anywhere is a finding; only one silenced everywhere is suppressed.
        if (reported.has(fingerprint) || seenInBlob.has(fingerprint)) continue;
        seenInBlob.add(fingerprint);
        const entry = byFingerprint.get(fingerprint);
        if (entry === undefined) {
          byFingerprint.set(fingerprint, { first, placed, occurrences: [...state.occurrences], blobs: new Set([first.blob]) });
          continue;
        }
        entry.occurrences.push(...state.occurrences);
        entry.blobs.add(first.blob);
        if (first.order < entry.first.order) {
          entry.first = first;
          entry.placed = placed;
        }
      }
    }
    const secrets = [...byFingerprint.values()];
    for (const secret of secrets) secret.occurrences.sort((a, b) => a.order - b.order);
    return secrets.sort((a, b) => a.first.order - b.first.order || a.placed.start.line - b.placed.start.line || a.placed.start.column - b.placed.start.column);
  }
}
