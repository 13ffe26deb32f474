// What finding builders need from the scan: the clock every date is measured against.
export interface FindingContext {
  /** The scan's "now", in milliseconds since the epoch. */
  readonly nowMs: number;
}
