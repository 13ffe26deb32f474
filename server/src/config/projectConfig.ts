// The project config, `.sas-guard.json` at the repository root: what a team sets once for the CLI
// and the language server alike (exclude globs, failOn, minimumGrade, disabledRules, baseline).
// Pure: text in, a checked config or one ProjectConfigError out. Reading the file is
// loadProjectConfig.ts; the JSON schema VS Code validates it with is schemas/sas-guard.schema.json,
// and test/unit/config checks that the two accept and refuse the same documents.
import { GRADES_BY_SEVERITY, isGrade, type Grade } from '../core/findings/grades';
import { RULES } from '../core/findings/rules';
import type { RuleId } from '../core/findings/types';

export const PROJECT_CONFIG_FILE = '.sas-guard.json';
/** The baseline's file name when neither the command line nor the config names one. */
export const DEFAULT_BASELINE_FILE = '.sas-guard-baseline.json';

export interface ProjectConfig {
  /** Globs in gitignore syntax, relative to the config file's folder. */
  readonly exclude: readonly string[];
  readonly failOn?: Grade | 'none';
  readonly minimumGrade?: Grade;
  readonly disabledRules: readonly RuleId[];
  /** Baseline file, relative to the config file's folder. */
  readonly baseline?: string;
}

export const EMPTY_PROJECT_CONFIG: ProjectConfig = Object.freeze({ exclude: [], disabledRules: [] });

/** The fields a config may hold; `$schema` lets editors find the schema without the extension. */
export const PROJECT_CONFIG_FIELDS = ['$schema', 'exclude', 'failOn', 'minimumGrade', 'disabledRules', 'baseline'] as const;

/** A config the tools refuse: one message naming the file and, when there is one, the field. */
export class ProjectConfigError extends Error {
  constructor(
    readonly file: string,
    readonly field: string | undefined,
    readonly detail: string,
  ) {
    super(`${file}: ${field !== undefined ? `"${field}" ` : ''}${detail}`);
  }
}

const FAIL_ON_VALUES: readonly string[] = [...GRADES_BY_SEVERITY, 'none'];

/** Parses and checks a config's text; `file` is the name its errors show. */
export function parseProjectConfig(text: string, file: string): ProjectConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ProjectConfigError(file, undefined, `is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new ProjectConfigError(file, undefined, 'must hold a JSON object');
  const fields = raw as Record<string, unknown>;
  for (const name of Object.keys(fields)) {
    if (!(PROJECT_CONFIG_FIELDS as readonly string[]).includes(name)) {
      throw new ProjectConfigError(file, name, `is not a known field; the fields are ${PROJECT_CONFIG_FIELDS.join(', ')}`);
    }
  }
  if (fields.$schema !== undefined && typeof fields.$schema !== 'string') throw new ProjectConfigError(file, '$schema', 'must be a string');
  const exclude = stringList(fields, 'exclude', file);
  const disabledRules = stringList(fields, 'disabledRules', file);
  const ruleIds = Object.keys(RULES);
  for (const rule of disabledRules) {
    if (!ruleIds.includes(rule)) throw new ProjectConfigError(file, 'disabledRules', `names no rule: "${rule}"; the rules are ${ruleIds.join(', ')}`);
  }
  const failOn = oneOf(fields, 'failOn', FAIL_ON_VALUES, file) as Grade | 'none' | undefined;
  const minimumGrade = oneOf(fields, 'minimumGrade', GRADES_BY_SEVERITY, file);
  const baseline = fields.baseline;
  if (baseline !== undefined && (typeof baseline !== 'string' || baseline.trim() === '')) {
    throw new ProjectConfigError(file, 'baseline', 'must be a file name (a non-empty string)');
  }
  return {
    exclude,
    disabledRules: disabledRules as RuleId[],
    ...(failOn !== undefined ? { failOn } : {}),
    ...(minimumGrade !== undefined && isGrade(minimumGrade) ? { minimumGrade } : {}),
    ...(baseline !== undefined ? { baseline: baseline as string } : {}),
  };
}

function stringList(fields: Record<string, unknown>, name: string, file: string): string[] {
  const value = fields[name];
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || item.trim() === '')) {
    throw new ProjectConfigError(file, name, 'must be an array of non-empty strings');
  }
  return value as string[];
}

function oneOf(fields: Record<string, unknown>, name: string, allowed: readonly string[], file: string): string | undefined {
  const value = fields[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !allowed.includes(value)) {
    throw new ProjectConfigError(file, name, `must be one of ${allowed.join(', ')}, not ${JSON.stringify(value)}`);
  }
  return value;
}
