// What a finding of the history scan (`sas-guard scan --history`) carries beyond a working-tree
// finding: where the secret was first committed, by whom and when, whether HEAD still holds it,
// and how often it was committed; and, for the whole report, what part of the history was read and
// what could not be. The formatters (text, JSON, SARIF) render these when present. Plain data.
import { formatElapsed, plural } from '../core/util/wording';

export interface HistoryOccurrence {
  readonly commit: string;
  readonly path: string;
  /** Author date, ISO 8601. */
  readonly date: string;
}

export interface HistoryOrigin {
  /** Full SHA of the commit that first added the secret (earliest in topological order). */
  readonly commit: string;
  /** Author date, ISO 8601. */
  readonly date: string;
  /** Author name. */
  readonly author: string;
  /** Whether HEAD's tree still holds the secret. */
  readonly inHead: boolean;
  /** Commit/path pairs that added a blob holding it. */
  readonly occurrences: number;
  /** The first few of them, earliest first. */
  readonly firstOccurrences: readonly HistoryOccurrence[];
}

export interface HistoryScanInfo {
  /** What was scanned: "every ref", a branch, "HEAD since origin/main". */
  readonly range: string;
  readonly commits: number;
  readonly distinctBlobs: number;
  readonly blobsScanned: number;
  /** A shallow clone: commits before its cut are not there to scan. */
  readonly shallow: boolean;
  readonly partialClone: boolean;
  /** Distinct blobs the repository lacks (not scanned). */
  readonly missing: number;
  /** Distinct blobs skipped as binary, LFS pointers, over the size limit; submodule entries. */
  readonly binary: number;
  readonly lfsPointers: number;
  readonly submodules: number;
  readonly tooLarge: number;
  /** Why git stopped early: the report then covers only what was read. */
  readonly warnings: readonly string[];
}

/** The short form of a commit id in text. */
export function shortCommit(commit: string): string {
  return commit.slice(0, 7);
}

/** The calendar day of an ISO 8601 date, as the author wrote it. */
export function commitDay(date: string): string {
  return date.slice(0, 10);
}

/** "(first committed in 2b98df2 on 2024-01-02; removed since, still in history)" */
export function describeOrigin(origin: HistoryOrigin): string {
  const where = origin.inHead ? 'still in HEAD' : 'removed since, still in history';
  const more = origin.occurrences > 1 ? `; committed ${origin.occurrences} times` : '';
  return `(first committed in ${shortCommit(origin.commit)} on ${commitDay(origin.date)}; ${where}${more})`;
}

/** The text report's summary of a history scan: what was read, and what was not. */
export function historySummaryLines(info: HistoryScanInfo, durationMs: number): string[] {
  const lines = [
    `Scanned ${plural(info.commits, 'commit')} (${info.range}): ${plural(info.blobsScanned, 'distinct text blob')} of ${plural(info.distinctBlobs, 'distinct blob')}, in ${formatElapsed(durationMs)}.`,
  ];
  if (info.shallow) lines.push('This is a shallow clone: commits before its cut are not in it and were not scanned (git fetch --unshallow).');
  if (info.missing > 0) {
    const why = info.partialClone ? 'a partial clone: never fetched' : 'missing from the repository';
    lines.push(`${plural(info.missing, 'blob')} not scanned: ${why}.`);
  }
  const skipped = [
    [info.binary, 'binary'],
    [info.lfsPointers, 'Git LFS pointer'],
    [info.submodules, 'submodule'],
    [info.tooLarge, 'over the size limit'],
  ]
    .filter(([count]) => (count as number) > 0)
    .map(([count, what]) => `${count} ${what}`);
  if (skipped.length > 0) lines.push(`Skipped blobs and entries: ${skipped.join(', ')}.`);
  for (const warning of info.warnings) lines.push(`Warning: ${warning}`);
  return lines;
}
