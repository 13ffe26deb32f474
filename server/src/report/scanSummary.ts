// The counts that sum up a scan, and the one function that computes them. Shared by the CLI's
// reports (text, JSON) and the language server's workspace scan (lsp/protocol.ts sends them to
// the client as part of WorkspaceScanSummary), so both count files, findings, distinct secrets
// and skips by the same rules. Pure: the client imports the type.
import { GRADES_BY_SEVERITY, type Grade } from '../core/findings/grades';
import type { Finding } from '../core/findings/types';
import type { SkipReason } from '../walker/skipReasons';

export interface SkippedExample {
  /** As shown to the user: relative to the working directory or the workspace folder. */
  readonly path: string;
  readonly reason: SkipReason;
  /** Why in words: the size, the error code, … */
  readonly detail?: string;
}

export interface ScanSummary {
  readonly filesScanned: number;
  readonly filesWithFindings: number;
  readonly findings: number;
  readonly findingsByGrade: Readonly<Record<Grade, number>>;
  /** Distinct secrets (by fingerprint) among the findings. */
  readonly distinctSecrets: number;
  /** Findings silenced by a sas-guard-ignore comment. */
  readonly suppressed: number;
  readonly skipped: number;
  /** In the order the reasons were first met. */
  readonly skippedByReason: Readonly<Partial<Record<SkipReason, number>>>;
  /** The first SKIPPED_EXAMPLES_PER_REASON skipped files of each reason, in scan order. */
  readonly skippedExamples: readonly SkippedExample[];
  /** Files read that were not valid UTF-8 (scanned with U+FFFD replacements). */
  readonly filesWithInvalidUtf8: number;
  readonly durationMs: number;
}

/** What a scan saw, as the CLI and the language server each record it. */
export interface ScanTally {
  readonly filesScanned: number;
  readonly filesWithInvalidUtf8: number;
  /** Every finding with the file it is in (any key that tells files apart: a path, a URI). */
  readonly findings: readonly { readonly path: string; readonly finding: Finding }[];
  readonly suppressed: number;
  readonly skipped: readonly SkippedExample[];
  readonly durationMs: number;
}

/** Examples of skipped files kept per reason in summaries. */
export const SKIPPED_EXAMPLES_PER_REASON = 3;

export function summarizeScan(tally: ScanTally): ScanSummary {
  const skippedByReason: Partial<Record<SkipReason, number>> = {};
  const skippedExamples: SkippedExample[] = [];
  for (const skip of tally.skipped) {
    const count = (skippedByReason[skip.reason] ?? 0) + 1;
    skippedByReason[skip.reason] = count;
    if (count <= SKIPPED_EXAMPLES_PER_REASON) {
      skippedExamples.push({ path: skip.path, reason: skip.reason, ...(skip.detail ? { detail: skip.detail } : {}) });
    }
  }
  return {
    filesScanned: tally.filesScanned,
    filesWithFindings: new Set(tally.findings.map((f) => f.path)).size,
    findings: tally.findings.length,
    findingsByGrade: countGrades(tally.findings.map((f) => f.finding)),
    distinctSecrets: new Set(tally.findings.map((f) => f.finding.fingerprint)).size,
    suppressed: tally.suppressed,
    skipped: tally.skipped.length,
    skippedByReason,
    skippedExamples,
    filesWithInvalidUtf8: tally.filesWithInvalidUtf8,
    durationMs: tally.durationMs,
  };
}

/** Findings of each grade, every grade present (zero when none), most severe first. */
export function countGrades(findings: readonly Finding[]): Record<Grade, number> {
  const counts = Object.fromEntries(GRADES_BY_SEVERITY.map((grade) => [grade, 0])) as Record<Grade, number>;
  for (const finding of findings) counts[finding.grade]++;
  return counts;
}
