// What one CLI scan produced, independent of the output format: findings with their positions,
// skipped files, and the counts of the summary (report/scanSummary). The formatters (text, JSON,
// SARIF) only render it.
import { gradeAtLeast, type Grade } from '../core/findings/grades';
import type { Finding } from '../core/findings/types';
import type { SkipReason } from '../walker/skipReasons';
import type { HistoryOrigin, HistoryScanInfo } from './historyOrigin';
import type { LineColumn } from './lineIndex';
import { summarizeScan, type ScanSummary } from './scanSummary';

export interface ReportedFinding {
  /** Path as shown to the user: relative to the working directory, forward slashes. */
  readonly path: string;
  readonly absolutePath?: string;
  readonly finding: Finding;
  readonly start: LineColumn;
  /** Exclusive end: the column after the token's last code unit. */
  readonly end: LineColumn;
  /** A history scan's finding: where the secret was first committed (the path is the repository's). */
  readonly history?: HistoryOrigin;
}

export interface ReportedSkip {
  readonly path: string;
  readonly absolutePath?: string;
  readonly reason: SkipReason;
  readonly detail?: string;
}

/** A file the engine failed on (a bug): the scan went on, the exit code is 2. */
export interface ReportedError {
  readonly path: string;
  readonly absolutePath?: string;
  readonly message: string;
}

export interface ScanReport {
  readonly tool: { readonly name: string; readonly version: string };
  /** Absolute working directory; display paths are relative to it (SARIF's %SRCROOT%). */
  readonly cwd: string;
  readonly roots: readonly string[];
  readonly findings: readonly ReportedFinding[];
  /** Findings silenced by a sas-guard-ignore comment. */
  readonly suppressed: readonly ReportedFinding[];
  readonly skipped: readonly ReportedSkip[];
  /** Files the engine threw on; absent or empty when none. */
  readonly errors?: readonly ReportedError[];
  readonly filesScanned: number;
  /** Files read that were not valid UTF-8 (scanned with U+FFFD replacements). */
  readonly filesWithInvalidUtf8: number;
  readonly durationMs: number;
  /** Threshold of the exit code, 'none' never fails. */
  readonly failOn: Grade | 'none';
  /** With a baseline (--baseline): the findings it accepted, out of `findings`; see findingPolicy.ts. */
  readonly accepted?: readonly ReportedFinding[];
  /** The baseline used: its path as shown, and how many secrets it lists. */
  readonly baseline?: { readonly path: string; readonly secrets: number };
  /** Findings left out by the project's policy (minimum grade, disabled rules); absent when none. */
  readonly notReported?: { readonly belowMinimumGrade: number; readonly disabledRules: number };
  /** Present for a history scan (`--history`): blobs count as files, paths are the repository's. */
  readonly history?: HistoryScanInfo;
}

/** The counts every format shows: the scan's summary and the findings at or above --fail-on. */
export interface ReportSummary extends ScanSummary {
  /** Findings at or above the --fail-on threshold. */
  readonly failing: number;
}

export function summarize(report: ScanReport): ReportSummary {
  const summary = summarizeScan({
    filesScanned: report.filesScanned,
    filesWithInvalidUtf8: report.filesWithInvalidUtf8,
    findings: report.findings,
    suppressed: report.suppressed.length,
    skipped: report.skipped,
    durationMs: report.durationMs,
  });
  return { ...summary, failing: countFailing(report) };
}

export function countFailing(report: Pick<ScanReport, 'findings' | 'failOn'>): number {
  const threshold = report.failOn;
  if (threshold === 'none') return 0;
  return report.findings.filter((f) => gradeAtLeast(f.finding.grade, threshold)).length;
}
