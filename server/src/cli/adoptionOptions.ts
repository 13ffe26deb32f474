// The command-line options for adopting SAS Guard in a team: the project config (--config,
// --no-config), --minimum-grade, the baseline (--baseline, --write-baseline) and --staged. Kept out
// of args.ts so that file only spreads them in: their definitions, checks and help lines live here.
import { GRADES_BY_SEVERITY, isGrade, type Grade } from '../core/findings/grades';
import { DEFAULT_BASELINE_FILE, PROJECT_CONFIG_FILE } from '../config/projectConfig';
import { UsageError } from './errors';

/** What these options add to a ScanCommand; a field is present only when its flag was given. */
export interface AdoptionOptions {
  /** --config FILE: this config file; false: --no-config. Absent: look for .sas-guard.json. */
  readonly config?: string | false;
  readonly minimumGrade?: Grade;
  /** --baseline[=FILE]: '' when no FILE was given (the config's, else the default name). */
  readonly baseline?: string;
  /** --write-baseline[=FILE]: '' when no FILE was given. */
  readonly writeBaseline?: string;
  /** --staged: scan what `git commit` would record (the index), not the working tree. */
  readonly staged?: true;
  /** --fail-on was on the command line: it overrides the config's failOn. */
  readonly failOnFromFlag?: true;
}

/** Definitions for node:util parseArgs, spread into args.ts's. */
export const ADOPTION_OPTION_DEFINITIONS = {
  config: { type: 'string' },
  'no-config': { type: 'boolean' },
  'minimum-grade': { type: 'string' },
  baseline: { type: 'string' },
  'write-baseline': { type: 'string' },
  staged: { type: 'boolean' },
} as const;

/** The help lines of these options, placed in USAGE by args.ts. */
export const ADOPTION_USAGE = `      --minimum-grade GRADE  report only findings of this grade or worse (default info)
      --config FILE          read the project config from FILE (default: the nearest
                             ${PROJECT_CONFIG_FILE} up to the repository's top)
      --no-config            ignore any ${PROJECT_CONFIG_FILE}
      --baseline[=FILE]      report and fail on new secrets only: those not accepted in
                             FILE (default: the config's "baseline", else
                             ${DEFAULT_BASELINE_FILE})
      --write-baseline[=FILE]  accept every secret found now: write them to FILE
                             (fingerprints only, never a secret); exit 0
      --staged               scan what \`git commit\` would record (the index), not the
                             working tree; PATHs narrow it`;

/** Options whose value is optional: `--baseline` alone, `--baseline=FILE`, or `--baseline FILE.json`. */
const OPTIONAL_VALUE_OPTIONS = ['--baseline', '--write-baseline'];

/**
 * parseArgs wants a value after every string option. An optional one is attached (`=FILE`), as
 * GNU getopt has it; a separate argument counts as the FILE only when it names a JSON file, so
 * `--baseline src` still scans `src` with the default baseline.
 */
export function attachOptionalValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      out.push(...argv.slice(i));
      break;
    }
    if (!OPTIONAL_VALUE_OPTIONS.includes(arg)) {
      out.push(arg);
      continue;
    }
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith('-') && next.toLowerCase().endsWith('.json')) {
      out.push(`${arg}=${next}`);
      i++;
    } else {
      out.push(`${arg}=`);
    }
  }
  return out;
}

/** Checks the values parseArgs read for these options; returns only the fields that were given. */
export function parseAdoptionOptions(values: Readonly<Record<string, unknown>>): AdoptionOptions {
  const options: { -readonly [K in keyof AdoptionOptions]: AdoptionOptions[K] } = {};
  if (values['config'] !== undefined && values['no-config']) throw new UsageError('--config and --no-config cannot be used together');
  if (typeof values['config'] === 'string') {
    if (values['config'] === '') throw new UsageError('--config needs a file name');
    options.config = values['config'];
  }
  if (values['no-config']) options.config = false;
  const minimum = values['minimum-grade'];
  if (minimum !== undefined) {
    if (!isGrade(minimum)) throw new UsageError(`--minimum-grade must be one of ${GRADES_BY_SEVERITY.join(', ')}, not '${String(minimum)}'`);
    options.minimumGrade = minimum;
  }
  if (typeof values['baseline'] === 'string') options.baseline = values['baseline'];
  if (typeof values['write-baseline'] === 'string') options.writeBaseline = values['write-baseline'];
  if (options.baseline !== undefined && options.writeBaseline !== undefined) {
    throw new UsageError('--baseline and --write-baseline cannot be used together: --write-baseline accepts every finding');
  }
  if (values['staged']) options.staged = true;
  if (options.staged && options.writeBaseline !== undefined) {
    // The index holds only what this commit changes: a baseline of it would forget every other accepted secret.
    throw new UsageError('--write-baseline cannot be used with --staged: write the baseline from the whole tree');
  }
  if (values['fail-on'] !== undefined) options.failOnFromFlag = true;
  return options;
}
