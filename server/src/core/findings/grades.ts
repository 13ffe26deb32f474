// The grade vocabulary, defined once: the grades, their order, how two grades compare, and the level
// (error / warning / info) and code-scanning severity each maps to. Every layer (engine, LSP, CLI
// reports, SARIF, the VS Code client) imports these instead of writing the list again, so a grade
// added or reordered here changes them all. How a finding earns its grade is assess/grade.ts.

/** Risk grade of a finding. */
export type Grade = 'critical' | 'high' | 'medium' | 'low' | 'info';

/** Every grade, most severe first: the order of summaries, reports and the `minimumGrade` setting. */
export const GRADES_BY_SEVERITY: readonly Grade[] = ['critical', 'high', 'medium', 'low', 'info'];

/** Rank of a grade: info 0, low 1, medium 2, high 3, critical 4 (higher is more severe). */
export function gradeRank(grade: Grade): number {
  return GRADES_BY_SEVERITY.length - 1 - GRADES_BY_SEVERITY.indexOf(grade);
}

/** The grade of a rank (clamped to the ends of the scale). */
export function gradeOfRank(rank: number): Grade {
  const clamped = Math.min(GRADES_BY_SEVERITY.length - 1, Math.max(0, rank));
  return GRADES_BY_SEVERITY[GRADES_BY_SEVERITY.length - 1 - clamped]!;
}

/** True when `grade` is at least as severe as `threshold`. */
export function gradeAtLeast(grade: Grade, threshold: Grade): boolean {
  return gradeRank(grade) >= gradeRank(threshold);
}

/** True when `value` names a grade (exactly, lower case). */
export function isGrade(value: unknown): value is Grade {
  return typeof value === 'string' && (GRADES_BY_SEVERITY as readonly string[]).includes(value);
}

/** Diagnostic / SARIF level of a grade. */
export type Level = 'error' | 'warning' | 'info';

/** Critical and high are errors, medium and low warnings, info notes. */
export function gradeLevel(grade: Grade): Level {
  return grade === 'critical' || grade === 'high' ? 'error' : grade === 'info' ? 'info' : 'warning';
}

/** GitHub code scanning's `security-severity` (0.0–10.0) for a grade. */
export const SECURITY_SEVERITY: Readonly<Record<Grade, string>> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.5',
};
