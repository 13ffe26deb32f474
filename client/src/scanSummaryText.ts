// Words for a workspace scan summary: the notification after "Scan Workspace" and the status
// item's detail. Pure (no vscode import) so it is tested in plain Node.
import { GRADES_BY_SEVERITY, type Grade } from '../../server/src/core/findings/grades';
import type { ScanSummary, SkipReason } from '../../server/src/lsp/protocol';

const SKIP_REASON_WORDS: Readonly<Record<SkipReason, string>> = {
  binary: 'binary',
  'too-large': 'too large',
  unreadable: 'unreadable',
  'symlink-loop': 'symlink loop',
  vanished: 'deleted during the scan',
  'not-utf8': 'not UTF-8',
};

export function plural(count: number, noun: string, nounPlural = `${noun}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? noun : nounPlural}`;
}

/** "2 critical, 1 high, 3 medium" — grades with a zero count are left out. */
export function describeGrades(byGrade: Readonly<Partial<Record<Grade, number>>>): string {
  return GRADES_BY_SEVERITY.filter((grade) => (byGrade[grade] ?? 0) > 0)
    .map((grade) => `${byGrade[grade]} ${grade}`)
    .join(', ');
}

export function describeDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return `${minutes} min ${seconds} s`;
}

export function describeSkipped(summary: Pick<ScanSummary, 'skipped' | 'skippedByReason'>): string {
  if (summary.skipped === 0) return '';
  const reasons = (Object.keys(SKIP_REASON_WORDS) as SkipReason[])
    .filter((reason) => (summary.skippedByReason[reason] ?? 0) > 0)
    .map((reason) => `${summary.skippedByReason[reason]} ${SKIP_REASON_WORDS[reason]}`);
  return `Skipped ${plural(summary.skipped, 'file')}${reasons.length > 0 ? ` (${reasons.join(', ')})` : ''}.`;
}

/** Has the scan found anything that maps to an Error diagnostic (critical or high)? */
export function hasSevereFindings(byGrade: Readonly<Partial<Record<Grade, number>>>): boolean {
  return (byGrade.critical ?? 0) + (byGrade.high ?? 0) > 0;
}

/** The one-paragraph message shown when a workspace scan ends. Never contains a secret. */
export function describeScanSummary(summary: ScanSummary): string {
  const parts: string[] = [];
  const scope = summary.folders.length > 1 ? ` in ${summary.folders.length} folders` : '';
  const head = summary.cancelled ? 'Scan cancelled after' : 'Scanned';
  parts.push(`${head} ${plural(summary.filesScanned, 'file')}${scope} in ${describeDuration(summary.durationMs)}.`);
  if (summary.findings === 0) {
    parts.push('No SAS tokens or keys found.');
  } else {
    const grades = describeGrades(summary.findingsByGrade);
    const files = plural(summary.filesWithFindings, 'file');
    parts.push(`${plural(summary.findings, 'finding')}${grades ? ` (${grades})` : ''} in ${files}.`);
    if (summary.distinctSecrets > 0 && summary.distinctSecrets !== summary.findings) {
      parts.push(`${plural(summary.distinctSecrets, 'distinct secret')}.`);
    }
  }
  if (summary.suppressed > 0) parts.push(`${plural(summary.suppressed, 'finding')} suppressed by comments.`);
  const skipped = describeSkipped(summary);
  if (skipped) parts.push(skipped);
  return parts.join(' ');
}
