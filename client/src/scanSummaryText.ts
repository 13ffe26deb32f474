// Words for a workspace scan summary: the notification after "Scan Workspace" and the status
// item's detail. Pure (no vscode import) so it is tested in plain Node.
import { GRADES_BY_SEVERITY, type Grade } from '../../server/src/core/findings/grades';
import { formatElapsed, plural } from '../../server/src/core/util/wording';
import type { WorkspaceScanSummary } from '../../server/src/lsp/protocol';
import { SKIP_REASONS, type SkipReason } from '../../server/src/walker/skipReasons';

const SKIP_REASON_WORDS: Readonly<Record<SkipReason, string>> = {
  binary: 'binary',
  'too-large': 'too large',
  unreadable: 'unreadable',
  'symlink-loop': 'symlink loop',
  vanished: 'deleted during the scan',
  excluded: 'excluded by the project config',
};

/** A count for people: "1 file", "1,234 files". */
export function countOf(count: number, noun: string): string {
  return plural(count, noun, { grouped: true });
}

/** "2 critical, 1 high, 3 medium" — grades with a zero count are left out. */
export function describeGrades(byGrade: Readonly<Partial<Record<Grade, number>>>): string {
  return GRADES_BY_SEVERITY.filter((grade) => (byGrade[grade] ?? 0) > 0)
    .map((grade) => `${byGrade[grade]} ${grade}`)
    .join(', ');
}

export function describeSkipped(summary: Pick<WorkspaceScanSummary, 'skipped' | 'skippedByReason'>): string {
  if (summary.skipped === 0) return '';
  const reasons = SKIP_REASONS.filter((reason) => (summary.skippedByReason[reason] ?? 0) > 0).map(
    (reason) => `${summary.skippedByReason[reason]} ${SKIP_REASON_WORDS[reason]}`,
  );
  return `Skipped ${countOf(summary.skipped, 'file')}${reasons.length > 0 ? ` (${reasons.join(', ')})` : ''}.`;
}

/** Has the scan found anything that maps to an Error diagnostic (critical or high)? */
export function hasSevereFindings(byGrade: Readonly<Partial<Record<Grade, number>>>): boolean {
  return (byGrade.critical ?? 0) + (byGrade.high ?? 0) > 0;
}

/** Folders the server could not read: said, so that no one takes an unscanned folder for a clean one. */
function describeFoldersNotScanned(uris: readonly string[]): string {
  return `${uris.join(', ')} ${uris.length === 1 ? 'is' : 'are'} not on a file system SAS Guard's server can read (a virtual workspace): only open files are checked there.`;
}

/** The one-paragraph message shown when a workspace scan ends. Never contains a secret. */
export function describeScanSummary(summary: WorkspaceScanSummary): string {
  const notScanned = summary.foldersNotScanned;
  if (summary.folders.length === 0 && notScanned.length > 0) return `Nothing scanned: ${describeFoldersNotScanned(notScanned)}`;
  const parts: string[] = [];
  const scope = summary.folders.length > 1 ? ` in ${summary.folders.length} folders` : '';
  const head = summary.cancelled ? 'Scan cancelled after' : 'Scanned';
  parts.push(`${head} ${countOf(summary.filesScanned, 'file')}${scope} in ${formatElapsed(summary.durationMs)}.`);
  if (summary.findings === 0) {
    parts.push('No SAS tokens or keys found.');
  } else {
    const grades = describeGrades(summary.findingsByGrade);
    const files = countOf(summary.filesWithFindings, 'file');
    parts.push(`${countOf(summary.findings, 'finding')}${grades ? ` (${grades})` : ''} in ${files}.`);
    if (summary.distinctSecrets > 0 && summary.distinctSecrets !== summary.findings) {
      parts.push(`${countOf(summary.distinctSecrets, 'distinct secret')}.`);
    }
  }
  if (summary.suppressed > 0) parts.push(`${countOf(summary.suppressed, 'finding')} suppressed by comments.`);
  const skipped = describeSkipped(summary);
  if (skipped) parts.push(skipped);
  if (notScanned.length > 0) parts.push(`Not scanned: ${describeFoldersNotScanned(notScanned)}`);
  return parts.join(' ');
}
