// Machine-readable report. The shape is versioned (`version`); fields are only ever added.
// Documented in docs/cli.md ("JSON output").
import { gradeLevel } from '../core/findings/grades';
import type { HistoryOccurrence, HistoryScanInfo } from './historyOrigin';
import { revokeEntry, type RevokeEntry } from './revokeEntry';
import { summarize, type ReportedFinding, type ScanReport, type ReportSummary } from './scanReport';

/** Version of the JSON shape below. Bump on a breaking change only. */
export const JSON_REPORT_VERSION = 1;

export interface JsonFinding {
  path: string;
  line: number;
  column: number;
  /** Exclusive end (the column after the token), 1-based, UTF-16 code units like `column`. */
  endLine: number;
  endColumn: number;
  rule: string;
  grade: string;
  level: string;
  message: string;
  reasons: readonly string[];
  fingerprint: string;
  redactedSecret: string;
  container: string;
  encoding: string;
  details: unknown;
  /** The Azure CLI commands that revoke the credential; absent when nothing needs revoking. */
  revoke?: RevokeEntry;
  /** History scan only: the commit that first added the secret (full SHA), its author date and author. */
  commit?: string;
  date?: string;
  author?: string;
  /** History scan only: whether HEAD's tree still holds the secret. */
  inHead?: boolean;
  /** History scan only: how many commit/path pairs added it, and the first few. */
  occurrences?: { count: number; first: readonly HistoryOccurrence[] };
}

export interface JsonReport {
  version: number;
  tool: { name: string; version: string };
  findings: JsonFinding[];
  suppressed: JsonFinding[];
  skipped: { path: string; reason: string; detail?: string }[];
  /** Files the engine failed on (internal errors); the exit code is then 2. */
  errors: { path: string; message: string }[];
  summary: ReportSummary & { failOn: string; accepted?: number; baseline?: string; notReported?: { belowMinimumGrade: number; disabledRules: number } };
  /** With --baseline: the findings the baseline accepted (not in `findings`, never failing). */
  accepted?: JsonFinding[];
  /** History scan only: what part of the history was read, and what was not. */
  history?: HistoryScanInfo;
}

export function buildJsonReport(report: ScanReport): JsonReport {
  return {
    version: JSON_REPORT_VERSION,
    tool: { name: report.tool.name, version: report.tool.version },
    findings: report.findings.map(jsonFinding),
    suppressed: report.suppressed.map(jsonFinding),
    skipped: report.skipped.map((s) => ({ path: s.path, reason: s.reason, ...(s.detail ? { detail: s.detail } : {}) })),
    errors: (report.errors ?? []).map((e) => ({ path: e.path, message: e.message })),
    summary: {
      ...summarize(report),
      failOn: report.failOn,
      ...(report.baseline !== undefined ? { accepted: report.accepted?.length ?? 0, baseline: report.baseline.path } : {}),
      ...(report.notReported !== undefined ? { notReported: { ...report.notReported } } : {}),
    },
    ...(report.baseline !== undefined ? { accepted: (report.accepted ?? []).map(jsonFinding) } : {}),
    ...(report.history !== undefined ? { history: report.history } : {}),
  };
}

export function formatJson(report: ScanReport): string {
  return JSON.stringify(buildJsonReport(report), null, 2) + '\n';
}

function jsonFinding({ path, start, end, finding, history }: ReportedFinding): JsonFinding {
  const base: JsonFinding = {
    path,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    rule: finding.ruleId,
    grade: finding.grade,
    level: gradeLevel(finding.grade),
    message: finding.message,
    reasons: finding.reasons,
    fingerprint: finding.fingerprint,
    redactedSecret: finding.redactedSecret,
    container: finding.container,
    encoding: finding.encoding,
    details: finding.details,
  };
  const revoke = revokeEntry(finding);
  const withRevoke = revoke !== undefined ? { ...base, revoke } : base;
  if (history === undefined) return withRevoke;
  const { commit, date, author, inHead, occurrences, firstOccurrences } = history;
  return { ...withRevoke, commit, date, author, inHead, occurrences: { count: occurrences, first: firstOccurrences } };
}
