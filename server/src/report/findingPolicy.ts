// What a team decided about findings, applied to a scan's report before it is rendered: rules
// turned off, a minimum grade, and the baseline's accepted secrets (docs/config.md,
// docs/baseline.md). Accepted findings move out of `findings` into `accepted`, so the exit code and
// the reports count new secrets only, while every format still says how many were accepted.
import { gradeAtLeast, type Grade } from '../core/findings/grades';
import type { RuleId } from '../core/findings/types';
import type { AcceptedSecrets } from '../baseline/baseline';
import type { ReportedFinding, ScanReport } from './scanReport';

export interface FindingPolicy {
  readonly minimumGrade: Grade;
  readonly disabledRules: readonly RuleId[];
  readonly baseline?: {
    /** The baseline's path as reports show it. */
    readonly shown: string;
    readonly accepted: AcceptedSecrets;
    /** The path the baseline knows a reported finding's file by. */
    readonly pathOf: (reported: ReportedFinding) => string;
  };
}

export function applyFindingPolicy(report: ScanReport, policy: FindingPolicy): ScanReport {
  const disabled = new Set<string>(policy.disabledRules);
  const findings: ReportedFinding[] = [];
  const accepted: ReportedFinding[] = [];
  let belowMinimumGrade = 0;
  let disabledRules = 0;
  for (const reported of report.findings) {
    const { finding } = reported;
    if (disabled.has(finding.ruleId)) disabledRules++;
    else if (!gradeAtLeast(finding.grade, policy.minimumGrade)) belowMinimumGrade++;
    else if (policy.baseline?.accepted.accepts(policy.baseline.pathOf(reported), finding) === true) accepted.push(reported);
    else findings.push(reported);
  }
  const { baseline } = policy;
  return {
    ...report,
    findings,
    suppressed: report.suppressed.filter((reported) => !disabled.has(reported.finding.ruleId)),
    ...(baseline !== undefined ? { accepted, baseline: { path: baseline.shown, secrets: baseline.accepted.size } } : {}),
    ...(belowMinimumGrade + disabledRules > 0 ? { notReported: { belowMinimumGrade, disabledRules } } : {}),
  };
}
