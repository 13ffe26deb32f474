// What a full scan leaves behind so that a re-scan after an edit (rescan.ts) can start in the
// middle: the scanner's state at the top of each loop iteration, the findings in the order they were
// found, and the plan a resumed scan follows. Types only; the scanner (scanner.ts) fills them in.
import type { ConnectionString } from '../parse/connectionString';
import type { EncodedCredential } from './base64Wrapped';
import type { Finding } from '../findings/types';

/**
 * The scanner's state at the top of its main loop, before it searches the next anchor. Enough to
 * resume a scan there (`rescan.ts`): the search positions, the lower bounds that later anchors'
 * backward reads respect, the cached connection string, and how many findings exist so far.
 */
export interface Checkpoint {
  /** Where the SAS family searches its next anchor (max of its resume point and examined end). */
  readonly sasFrom: number;
  /** Where the key families search their next anchor. */
  readonly keyFrom: number;
  readonly sasExaminedEnd: number;
  readonly keyExaminedEnd: number;
  readonly connectionExaminedEnd: number;
  readonly lastConnectionString: ConnectionString | undefined;
  /** The keys of `lastConnectionString` were reported already. */
  readonly keysReportedLast: boolean;
  /** Number of (unsorted, unsuppressed) findings collected before this point. */
  readonly findingCount: number;
  /** Index of the anchor the iteration from here handled; Infinity for the last checkpoint. */
  anchor: number;
}

/** Everything a full scan did, for re-scanning only part of the text after an edit. */
export interface ScanTrace {
  readonly nowMs: number;
  readonly checkpoints: readonly Checkpoint[];
  /** Findings in the order they were found, before sorting and suppression. */
  readonly findings: readonly Finding[];
  /** Credentials inside base64 values (base64Wrapped.ts), found after the main loop. */
  readonly encoded: readonly EncodedCredential[];
}

/** How a resumed scan starts and when it may stop: see `rescan.ts`. */
export interface ResumePlan {
  readonly start: Checkpoint;
  /** The findings the start checkpoint counts. */
  readonly findings: readonly Finding[];
  /**
   * Called with each state and the anchor it found next (`state.anchor`); a result >= 0 stops the
   * scan there (the old scan takes over from that checkpoint).
   */
  readonly converge?: (state: Checkpoint, findings: readonly Finding[], horizon?: number) => number;
  /**
   * Search anchors below this offset first; when there is none, `converge` is called once with the
   * horizon (the state's next anchor is at or after it).
   */
  readonly horizon?: number;
  /**
   * No family has an anchor before this offset (from the start checkpoint on): searches start here.
   * Checkpoints still record the positions the state really has.
   */
  readonly searchFloor?: number;
}

export interface ResumedScan {
  readonly findings: Finding[];
  readonly checkpoints: Checkpoint[];
  /** Index (as returned by `converge`) of the old checkpoint the scan joined, or -1 if it ran to the end. */
  readonly convergedAt: number;
  readonly cancelled: boolean;
}
