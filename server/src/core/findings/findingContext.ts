// What finding builders need from the scan: the clock every date is measured against, and what the
// run has already derived about tokens it met before (findingMemo.ts).
import type { FindingMemo } from './findingMemo';

export interface FindingContext {
  /** The scan's "now", in milliseconds since the epoch. */
  readonly nowMs: number;
  /** Shared by the scans of one run (a history, a tree) when the caller gives one. */
  readonly memo?: FindingMemo;
}
