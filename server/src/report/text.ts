// Human-readable report: one line a finding, `path:line:col: level rule-id message` (the format
// editors and CI log viewers turn into links), then a summary. Under each finding that still works,
// indented `revoke:` lines give the Azure CLI commands that make it worthless: removing it from the
// code does not. A later finding of the same credential points back instead of repeating them.
import { gradeLevel, GRADES_BY_SEVERITY, type Level } from '../core/findings/grades';
import { revocationFor, revokeScript } from '../core/revoke/revocation';
import { formatElapsed, plural } from '../core/util/wording';
import { describeOrigin, historySummaryLines } from './historyOrigin';
import { policyLines } from './policySummary';
import { summarize, type ScanReport } from './scanReport';

export interface TextOptions {
  /** ANSI colours (only when writing to a terminal). */
  readonly color?: boolean;
}

const ANSI = { red: 31, yellow: 33, cyan: 36, dim: 2, bold: 1 } as const;

export function formatText(report: ScanReport, options: TextOptions = {}): string {
  const paint = (style: keyof typeof ANSI, text: string): string => (options.color ? `\u001b[${ANSI[style]}m${text}\u001b[0m` : text);
  const levelStyle: Record<Level, keyof typeof ANSI> = { error: 'red', warning: 'yellow', info: 'cyan' };

  const lines: string[] = [];
  const revokeShownAt = new Map<string, string>();
  for (const { path, start, finding, history } of report.findings) {
    const level = gradeLevel(finding.grade);
    const where = `${path}:${start.line}:${start.column}`;
    const origin = history !== undefined ? ` ${describeOrigin(history)}` : '';
    lines.push(`${paint('bold', where)}: ${paint(levelStyle[level], level)} ${finding.ruleId} ${oneLine(finding.message)}${origin}`);
    const plan = revocationFor(finding);
    const script = revokeScript(plan);
    if (!plan.needed || script === '') continue;
    const shownAt = revokeShownAt.get(script);
    if (shownAt !== undefined) {
      lines.push(paint('dim', `  revoke: as for ${shownAt}`));
    } else {
      revokeShownAt.set(script, where);
      for (const command of script.split('\n')) lines.push(paint('dim', `  revoke: ${command}`));
    }
  }
  if (lines.length > 0) lines.push('');

  const summary = summarize(report);
  const byGrade = GRADES_BY_SEVERITY.filter((g) => summary.findingsByGrade[g] > 0)
    .map((g) => `${summary.findingsByGrade[g]} ${g}`)
    .join(', ');
  if (summary.findings === 0) {
    lines.push(report.baseline !== undefined ? 'No new findings.' : 'No findings.');
  } else {
    lines.push(
      `${plural(summary.findings, 'finding')} in ${plural(summary.filesWithFindings, 'file')} (${byGrade}), ` +
        `${plural(summary.distinctSecrets, 'distinct secret')}.`,
    );
  }
  if (summary.suppressed > 0) lines.push(`${plural(summary.suppressed, 'finding')} suppressed by sas-guard-ignore comments.`);
  lines.push(...policyLines(report));
  if (report.history !== undefined) lines.push(...historySummaryLines(report.history, summary.durationMs));
  else lines.push(`Scanned ${plural(summary.filesScanned, 'file')} in ${formatElapsed(summary.durationMs)}.`);
  if (summary.filesWithInvalidUtf8 > 0) {
    lines.push(`${plural(summary.filesWithInvalidUtf8, 'file')} had invalid UTF-8 (scanned with replacement characters).`);
  }
  if (summary.skipped > 0) {
    lines.push(`Skipped ${plural(summary.skipped, 'file')}:`);
    for (const [reason, count] of Object.entries(summary.skippedByReason)) {
      const examples = summary.skippedExamples.filter((e) => e.reason === reason).map((e) => (e.detail ? `${e.path} (${e.detail})` : e.path));
      const more = count > examples.length ? ', …' : '';
      lines.push(`  ${reason}: ${count} — ${examples.join(', ')}${more}`);
    }
  }
  for (const error of report.errors ?? []) {
    lines.push(paint('red', `Internal error while scanning ${error.path}: ${oneLine(error.message)} (the file was not fully scanned).`));
  }
  if (report.failOn !== 'none' && summary.failing > 0) {
    lines.push(paint('red', `${plural(summary.failing, 'finding')} at or above --fail-on ${report.failOn}.`));
  }
  return lines.join('\n') + '\n';
}

/** Messages are one line by contract; make sure a stray newline cannot break the line format. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}
