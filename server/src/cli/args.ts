// The command line of `sas-guard`: its options, their checks and defaults, and the help text.
// Turns argv into a ParsedCommandLine or a UsageError; runs nothing and touches no file.
import { parseArgs } from 'node:util';
import { version as packageVersion } from '../../../package.json';
import { GRADES_BY_SEVERITY, type Grade } from '../core/findings/grades';
import { DEFAULT_MAX_FILE_SIZE, parseByteSize } from '../walker';
import { PROJECT_CONFIG_FILE } from '../config/projectConfig';
import { ADOPTION_OPTION_DEFINITIONS, ADOPTION_USAGE, attachOptionalValues, parseAdoptionOptions, type AdoptionOptions } from './adoptionOptions';
import { UsageError } from './errors';
import { HISTORY_ARG_OPTIONS, HISTORY_USAGE, historyArgs, type HistoryArgs } from './historyArgs';

export const TOOL_NAME = 'sas-guard';
export const VERSION: string = packageVersion;

export type OutputFormat = 'text' | 'json' | 'sarif';
const FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif'];
export const DEFAULT_FAIL_ON: Grade = 'high';
/** Default of --concurrency: the most threads a scan uses in all (scanCommand.scanThreads caps it further). */
export const DEFAULT_MAX_THREADS = 8;

export const USAGE = `Usage: sas-guard scan [options] [PATH...]

Finds Azure SAS tokens, storage account keys and Service Bus / Event Hubs keys in files.
PATH is a directory (walked recursively), a file (always scanned, even if ignored), or -
for standard input. Default: the current directory.

Options:
  -f, --format FORMAT        text (default), json or sarif (SARIF 2.1.0)
  -o, --output FILE          write the report to FILE instead of standard output (-)
      --fail-on GRADE        exit 1 when a finding is at least this grade:
                             critical, high (default), medium, low, info, or none (never)
      --exclude GLOB         skip paths matching GLOB (gitignore syntax, relative to
                             each directory PATH); repeatable
      --no-gitignore         do not honour .gitignore files and .git/info/exclude
                             (.git and node_modules are always skipped)
      --max-file-size SIZE   skip larger files, reported as too-large; bytes or with a
                             unit: 512k, 2m, 1.5MiB (default 64m = ${DEFAULT_MAX_FILE_SIZE})
      --stdin-filename NAME  name of the file read from standard input (-), for context
                             and in the report
      --concurrency N        threads in all: one reads every file, the others scan
                             those that may hold a token; one a core, at most N
                             (default ${DEFAULT_MAX_THREADS}; 1: everything in one thread)
${ADOPTION_USAGE}
${HISTORY_USAGE}
      --color, --no-color    colour the text report (default: on a terminal only;
                             NO_COLOR turns it off)
  -h, --help                 show this help
  -v, --version              show the version

Exit status: 0 no finding at or above --fail-on, 1 at least one, 2 usage, config or fatal
error. Flags override the project config (${PROJECT_CONFIG_FILE}); see docs/config.md.
Reports never contain a secret: at most its first four characters.`;

export interface ScanCommand extends AdoptionOptions {
  readonly paths: readonly string[];
  readonly format: OutputFormat;
  readonly output?: string;
  readonly failOn: Grade | 'none';
  readonly exclude: readonly string[];
  readonly useGitignore: boolean;
  readonly maxFileSize: number;
  readonly stdinFilename?: string;
  /** --concurrency: the most threads the scan uses in all, this one included. */
  readonly concurrency: number;
  /** undefined: decide from the terminal. */
  readonly color?: boolean;
  /** --history: scan the git history of one repository instead of files. */
  readonly history?: HistoryArgs;
}

export type ParsedCommandLine = { kind: 'help' } | { kind: 'version' } | { kind: 'scan'; options: ScanCommand };

export function parseCommandLine(argv: readonly string[]): ParsedCommandLine {
  let parsed;
  try {
    parsed = parseArgs({
      args: attachOptionalValues(argv),
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        output: { type: 'string', short: 'o' },
        'fail-on': { type: 'string' },
        exclude: { type: 'string', multiple: true },
        'no-gitignore': { type: 'boolean' },
        'max-file-size': { type: 'string' },
        'stdin-filename': { type: 'string' },
        concurrency: { type: 'string' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
        ...ADOPTION_OPTION_DEFINITIONS,
        ...HISTORY_ARG_OPTIONS,
      },
    });
  } catch (error) {
    // Node's own message goes on about `--`; the first sentence is the useful part.
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(message.replace(/\. To specify a positional argument[\s\S]*$/, ''));
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };

  const [command, ...paths] = positionals;
  if (command === undefined) throw new UsageError('missing command: use `sas-guard scan [PATH...]`');
  if (command !== 'scan') throw new UsageError(`unknown command '${command}': the only command is 'scan'`);

  const format = (values.format ?? 'text') as OutputFormat;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not '${values.format}'`);

  const failOn = (values['fail-on'] ?? DEFAULT_FAIL_ON) as Grade | 'none';
  if (failOn !== 'none' && !GRADES_BY_SEVERITY.includes(failOn)) {
    throw new UsageError(`--fail-on must be one of ${[...GRADES_BY_SEVERITY, 'none'].join(', ')}, not '${values['fail-on']}'`);
  }

  let maxFileSize = DEFAULT_MAX_FILE_SIZE;
  if (values['max-file-size'] !== undefined) {
    const size = parseByteSize(values['max-file-size']);
    if (size === undefined) {
      throw new UsageError(`--max-file-size must be a positive size such as 1048576, 512k or 2m, not '${values['max-file-size']}'`);
    }
    maxFileSize = size;
  }

  let concurrency = DEFAULT_MAX_THREADS;
  if (values.concurrency !== undefined) {
    concurrency = Number(values.concurrency);
    if (!/^\d+$/.test(values.concurrency) || concurrency < 1 || concurrency > 256) {
      throw new UsageError(`--concurrency must be a whole number from 1 to 256, not '${values.concurrency}'`);
    }
  }

  if (values.color && values['no-color']) throw new UsageError('--color and --no-color cannot be used together');
  if (values.output === '') throw new UsageError('--output needs a file name');

  const finalPaths = paths.length > 0 ? paths : ['.'];
  if (finalPaths.filter((p) => p === '-').length > 1) throw new UsageError("standard input ('-') can be named only once");
  if (values['stdin-filename'] !== undefined && !finalPaths.includes('-')) {
    throw new UsageError("--stdin-filename needs '-' among the paths");
  }
  const history = historyArgs(values, paths);

  return {
    kind: 'scan',
    options: {
      paths: finalPaths,
      format,
      // `-o -` is standard output, as usual.
      ...(values.output !== undefined && values.output !== '-' ? { output: values.output } : {}),
      failOn,
      exclude: values.exclude ?? [],
      useGitignore: !values['no-gitignore'],
      maxFileSize,
      ...(values['stdin-filename'] !== undefined ? { stdinFilename: values['stdin-filename'] } : {}),
      concurrency,
      ...(values.color ? { color: true } : values['no-color'] ? { color: false } : {}),
      ...parseAdoptionOptions(values),
      ...(history !== undefined ? { history } : {}),
    },
  };
}
