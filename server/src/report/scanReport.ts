// What one CLI scan produced, independent of the output format: findings with their positions,
// skipped files, and the counts of the summary. The formatters (text, JSON, SARIF) only render it.
import { gradeAtLeast, GRADES_BY_SEVERITY, type Grade } from '../core/findings/grades';
import type { Finding } from '../core/findings/types';
import type { WalkSkipReason } from '../walker/types';
import type { LineColumn } from './lineIndex';

export interface ReportedFinding {
  /** Path as shown to the user: relative to the working directory, forward slashes. */
  readonly path: string;
  readonly absolutePath?: string;
  readonly finding: Finding;
  readonly start: LineColumn;
  /** Exclusive end: the column after the token's last code unit. */
  readonly end: LineColumn;
}

export interface ReportedSkip {
  readonly path: string;
  readonly absolutePath?: string;
  readonly reason: WalkSkipReason;
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
}

/** Counts shown by every format; field names match the language server's ScanSummary. */
export interface ScanSummaryCounts {
  readonly filesScanned: number;
  readonly filesWithFindings: number;
  readonly findings: number;
  readonly findingsByGrade: Readonly<Record<Grade, number>>;
  readonly distinctSecrets: number;
  readonly suppressed: number;
  readonly skipped: number;
  readonly skippedByReason: Readonly<Partial<Record<WalkSkipReason, number>>>;
  readonly skippedExamples: readonly { readonly path: string; readonly reason: WalkSkipReason; readonly detail?: string }[];
  readonly filesWithInvalidUtf8: number;
  readonly durationMs: number;
  /** Findings at or above the --fail-on threshold. */
  readonly failing: number;
}

/** Examples of skipped files kept per reason in summaries. */
export const SKIPPED_EXAMPLES_PER_REASON = 3;

export function summarize(report: ScanReport): ScanSummaryCounts {
  const findingsByGrade = Object.fromEntries(GRADES_BY_SEVERITY.map((g) => [g, 0])) as Record<Grade, number>;
  for (const { finding } of report.findings) findingsByGrade[finding.grade]++;
  const skippedByReason: Partial<Record<WalkSkipReason, number>> = {};
  const skippedExamples: { path: string; reason: WalkSkipReason; detail?: string }[] = [];
  for (const skip of report.skipped) {
    const count = (skippedByReason[skip.reason] ?? 0) + 1;
    skippedByReason[skip.reason] = count;
    if (count <= SKIPPED_EXAMPLES_PER_REASON) {
      skippedExamples.push({ path: skip.path, reason: skip.reason, ...(skip.detail ? { detail: skip.detail } : {}) });
    }
  }
  return {
    filesScanned: report.filesScanned,
    filesWithFindings: new Set(report.findings.map((f) => f.path)).size,
    findings: report.findings.length,
    findingsByGrade,
    distinctSecrets: new Set(report.findings.map((f) => f.finding.fingerprint)).size,
    suppressed: report.suppressed.length,
    skipped: report.skipped.length,
    skippedByReason,
    skippedExamples,
    filesWithInvalidUtf8: report.filesWithInvalidUtf8,
    durationMs: report.durationMs,
    failing: countFailing(report),
  };
}

export function countFailing(report: Pick<ScanReport, 'findings' | 'failOn'>): number {
  const threshold = report.failOn;
  if (threshold === 'none') return 0;
  return report.findings.filter((f) => gradeAtLeast(f.finding.grade, threshold)).length;
}
