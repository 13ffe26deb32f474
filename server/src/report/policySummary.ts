// The text report's lines about what the project's policy kept out of the findings: how many the
// baseline accepted and how many the minimum grade and disabled rules left out. Said every time,
// so a quiet report never hides that findings exist.
import { plural } from '../core/util/wording';
import type { ScanReport } from './scanReport';

export function policyLines(report: Pick<ScanReport, 'accepted' | 'baseline' | 'notReported'>): string[] {
  const lines: string[] = [];
  if (report.baseline !== undefined) {
    const accepted = report.accepted ?? [];
    const secrets = new Set(accepted.map((a) => a.finding.fingerprint)).size;
    lines.push(
      `${plural(accepted.length, 'finding')} (${plural(secrets, 'secret')}) accepted in the baseline ${report.baseline.path}, not reported; ` +
        `it has ${plural(report.baseline.secrets, 'entry', { plural: 'entries' })}.`,
    );
  }
  const { belowMinimumGrade = 0, disabledRules = 0 } = report.notReported ?? {};
  if (belowMinimumGrade > 0) lines.push(`${plural(belowMinimumGrade, 'finding')} below the minimum grade, not reported.`);
  if (disabledRules > 0) lines.push(`${plural(disabledRules, 'finding')} of disabled rules, not reported.`);
  return lines;
}
