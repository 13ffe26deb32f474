// `sas-guard`: the command-line tool. Walks the paths it is given with the same walker as the
// language server's workspace scan, scans each file with the core engine, and writes a text, JSON
// or SARIF report. Exit code: 0 nothing at or above --fail-on, 1 something is, 2 usage or fatal error.
import { open, stat, type FileHandle } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { isMainThread } from 'node:worker_threads';
import { version as packageVersion } from '../../package.json';
import { scanText } from './core';
import { GRADES_BY_SEVERITY, type Grade } from './core/findings/grades';
import {
  countFailing,
  formatJson,
  formatSarif,
  formatText,
  type ReportedError,
  type ReportedFinding,
  type ReportedSkip,
  type ScanReport,
} from './report';
import { scanCandidate, scanFileBytes, screenFile, type FileScanOptions, type FileScanResult, type ScanCandidate } from './report/scanFile';
import { DEFAULT_CONCURRENCY, DEFAULT_MAX_FILE_SIZE, formatBytes, listFileBatches, parseByteSize } from './walker';
import { poolWorkerData, serveJobs, WorkerPool } from './walker/workerPool';

export const TOOL_NAME = 'sas-guard';
export const VERSION: string = packageVersion;

export type OutputFormat = 'text' | 'json' | 'sarif';
const FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif'];
export const DEFAULT_FAIL_ON: Grade = 'high';
const STDIN_DISPLAY_NAME = '<stdin>';

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
                             unit: 512k, 2m, 1.5MiB (default 1m = ${DEFAULT_MAX_FILE_SIZE})
      --stdin-filename NAME  name of the file read from standard input (-), for context
                             and in the report
      --concurrency N        threads in all: one reads every file, the others scan
                             those that may hold a token; one a core, at most N
                             (default ${DEFAULT_CONCURRENCY}; 1: everything in one thread)
      --color, --no-color    colour the text report (default: on a terminal only;
                             NO_COLOR turns it off)
  -h, --help                 show this help
  -v, --version              show the version

Exit status: 0 no finding at or above --fail-on, 1 at least one, 2 usage or fatal error.
Reports never contain a secret: at most its first four characters.`;

export interface ScanCommand {
  readonly paths: readonly string[];
  readonly format: OutputFormat;
  readonly output?: string;
  readonly failOn: Grade | 'none';
  readonly exclude: readonly string[];
  readonly useGitignore: boolean;
  readonly maxFileSize: number;
  readonly stdinFilename?: string;
  readonly concurrency: number;
  /** undefined: decide from the terminal. */
  readonly color?: boolean;
}

export type ParsedCommandLine = { kind: 'help' } | { kind: 'version' } | { kind: 'scan'; options: ScanCommand };

/** A mistake in the command line: reported in one line, exit code 2, never a stack trace. */
export class UsageError extends Error {}

/** A fatal problem outside the user's command line (cannot write the report, …): exit code 2. */
export class FatalError extends Error {}

export function parseCommandLine(argv: readonly string[]): ParsedCommandLine {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
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

  let concurrency = DEFAULT_CONCURRENCY;
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
    },
  };
}

export interface ScanIo {
  readonly cwd: string;
  /** All of standard input, or its size alone when it is over `limit` bytes (never buffered whole). */
  readonly readStdin: (limit: number) => Promise<Buffer | { size: number }>;
  readonly now?: Date;
  /** The engine; tests substitute one. */
  readonly scanText?: typeof scanText;
  /** This script, when it may be started again as a worker thread (the CLI process itself). */
  readonly workerScript?: string;
}

/** Runs the scan and returns the report (no output written). */
export async function runScan(options: ScanCommand, io: ScanIo): Promise<ScanReport> {
  const started = performance.now();
  const findings: ReportedFinding[] = [];
  const suppressed: ReportedFinding[] = [];
  const skipped: ReportedSkip[] = [];
  const errors: ReportedError[] = [];
  const engine = io.scanText ?? scanText;
  const fileOptions: FileScanOptions = {
    maxFileSize: options.maxFileSize,
    ...(io.now ? { now: io.now } : {}),
    engine,
    // The byte prefilter is proven against the real engine only; a substituted one sees every file.
    prefilter: engine === scanText,
  };
  let filesScanned = 0;
  let filesWithInvalidUtf8 = 0;
  // Most paths are below the working directory: cutting the prefix is what `relative` would do,
  // without resolving both paths again for each of thousands of files.
  const cwd = resolve(io.cwd);
  const cwdPrefix = cwd.endsWith(sep) ? cwd : cwd + sep;
  const parentStep = `${sep}..`;
  const displayPath = (absolutePath: string): string => {
    const rel = absolutePath.startsWith(cwdPrefix) && !absolutePath.includes(parentStep) ? absolutePath.slice(cwdPrefix.length) : relative(cwd, absolutePath);
    if (rel === '') return '.';
    return sep === '/' ? rel : rel.split(sep).join('/');
  };

  /**
   * Records a file's result. Its shown path is worked out only for a file the report names (a
   * skip, a finding): `name` when given (standard input), else from `absolutePath`.
   */
  const record = (result: FileScanResult, absolutePath: string | undefined, name?: string): void => {
    const shownPath = (): string => name ?? displayPath(absolutePath ?? '');
    if (result.kind === 'skipped') {
      const shown = shownPath();
      skipped.push({ path: shown, ...(absolutePath !== undefined ? { absolutePath } : {}), reason: result.reason, ...(result.detail ? { detail: result.detail } : {}) });
      return;
    }
    filesScanned++;
    if (result.invalidUtf8) filesWithInvalidUtf8++;
    if (result.error === undefined && result.findings === undefined && result.suppressed === undefined) return; // most files
    const shown = shownPath();
    const where = absolutePath !== undefined ? { path: shown, absolutePath } : { path: shown };
    if (result.error !== undefined) errors.push({ ...where, message: result.error });
    for (const placed of result.findings ?? []) findings.push({ ...where, ...placed });
    for (const placed of result.suppressed ?? []) suppressed.push({ ...where, ...placed });
  };

  const paths = options.paths;
  const stdinIndex = paths.indexOf('-');
  const fileRoots = paths.filter((p) => p !== '-').map((p) => resolve(io.cwd, p));

  if (stdinIndex !== -1) {
    const name = options.stdinFilename ?? STDIN_DISPLAY_NAME;
    const input = await io.readStdin(options.maxFileSize);
    const result: FileScanResult = Buffer.isBuffer(input)
      ? scanFileBytes(input, options.stdinFilename, fileOptions)
      : { kind: 'skipped', reason: 'too-large', detail: `${formatBytes(input.size)} > limit ${formatBytes(options.maxFileSize)}` };
    record(result, undefined, name);
  }

  if (fileRoots.length > 0) {
    const listing = listFileBatches({
      roots: fileRoots,
      exclude: [...options.exclude],
      useGitignore: options.useGitignore,
      // Synchronous calls: this thread has nothing else to do meanwhile, and each thread-pool hop
      // would wait for a core the scanning threads hold.
      synchronousIo: true,
    });
    // This thread lists and reads every file and settles most of them from their bytes alone;
    // worker threads decode and scan the few that may hold a token (see walker/workerPool). Only
    // the CLI process itself names a worker script; a substituted engine cannot cross threads.
    const threads = io.workerScript !== undefined && engine === scanText ? scanThreads(options.concurrency) : 0;
    const workerData: ScanWorkerData = { sasGuardScanWorker: true, maxFileSize: options.maxFileSize, ...(io.now ? { now: io.now } : {}) };
    const pool = new WorkerPool<ScanCandidate, FileScanResult>({
      threads,
      workerScript: io.workerScript ?? '',
      workerData,
      runHere: (candidate) => scanCandidate(candidate, fileOptions),
    });
    // The files that may hold a token, in listing order, each with its result or its job in the
    // pool: their findings are recorded in that order once the pool is done.
    const candidates: { path: string; result: FileScanResult | number }[] = [];
    let jobs = 0;
    try {
      for await (const batch of listing) {
        for (const item of batch) {
          if (item.kind === 'skipped') {
            record(item, item.path);
            continue;
          }
          const screened = screenFile(item.path, fileOptions, item.isRegularFile);
          if (screened.kind !== 'candidate') {
            record(screened, item.path);
          } else if (threads === 0 || screened.bytes.byteLength > LARGEST_CANDIDATE_FOR_WORKERS) {
            // Scanned at once, straight from the read buffer: no worker, or too big to copy over.
            candidates.push({ path: item.path, result: scanCandidate(screened, fileOptions) });
          } else {
            // The read buffer is reused by the next read: the job keeps a copy.
            pool.submit({ ...screened, bytes: screened.bytes.slice() });
            candidates.push({ path: item.path, result: jobs++ });
          }
        }
      }
      const scanned = await pool.finish();
      for (const { path, result } of candidates) record(typeof result === 'number' ? scanned[result]! : result, path);
    } finally {
      pool.close();
    }
  }

  return {
    tool: { name: TOOL_NAME, version: VERSION },
    cwd: io.cwd,
    roots: paths,
    findings,
    suppressed,
    skipped,
    errors,
    filesScanned,
    filesWithInvalidUtf8,
    durationMs: performance.now() - started,
    failOn: options.failOn,
  };
}

/**
 * Candidates larger than this are scanned in the main thread: copying one to a worker (twice: here,
 * then across) costs memory in proportion and saves little, as its scan dwarfs the copy anyway.
 */
const LARGEST_CANDIDATE_FOR_WORKERS = 1024 * 1024;

/**
 * Most threads a scan uses. The workers see only the few files whose bytes may hold a token, so
 * three keep up with the one thread that lists and reads; each more would cost its start-up and
 * some 20 MB of memory for nothing.
 */
const MAX_SCAN_THREADS = 4;

/**
 * Worker threads for a scan. This thread lists and reads every file; the workers decode and scan
 * the files whose bytes may hold a token. With one worker fewer than the cores every core has one
 * thread: more would only take turns on them and cost each its own start-up and compiled code. At
 * most --concurrency threads in all and MAX_SCAN_THREADS. One core, or --concurrency 1: no
 * worker, everything in this thread.
 */
export function scanThreads(concurrency: number): number {
  return Math.max(0, Math.min(concurrency, availableParallelism(), MAX_SCAN_THREADS) - 1);
}

interface ScanWorkerData {
  readonly sasGuardScanWorker: true;
  readonly maxFileSize: number;
  readonly now?: Date;
}

function isScanWorkerData(data: unknown): data is ScanWorkerData {
  return typeof data === 'object' && data !== null && (data as Partial<ScanWorkerData>).sasGuardScanWorker === true;
}

/** A worker thread of a scan (this same file, started by runScan): scans the candidates it is sent. */
function serveScanWorker(data: ScanWorkerData): void {
  const options: FileScanOptions = { maxFileSize: data.maxFileSize, ...(data.now ? { now: data.now } : {}), engine: scanText, prefilter: true };
  serveJobs((candidate: ScanCandidate) => scanCandidate(candidate, options));
}

export function formatReport(report: ScanReport, format: OutputFormat, color: boolean): string {
  switch (format) {
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report);
    case 'text':
      return formatText(report, { color });
  }
}

/** Runs the command line; returns the exit code. Writes only to the streams and files it is given. */
export async function main(argv: readonly string[], io: ScanIo & { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; stdoutIsTty: boolean; env: NodeJS.ProcessEnv }): Promise<number> {
  let output: FileHandle | undefined;
  try {
    const parsed = parseCommandLine(argv);
    if (parsed.kind === 'help') {
      io.stdout.write(USAGE + '\n');
      return 0;
    }
    if (parsed.kind === 'version') {
      io.stdout.write(VERSION + '\n');
      return 0;
    }
    const options = parsed.options;

    for (const path of options.paths) {
      if (path === '-') continue;
      try {
        await stat(resolve(io.cwd, path));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new UsageError(code === 'ENOENT' || code === 'ENOTDIR' ? `no such file or directory: ${path}` : `cannot access ${path}: ${code ?? String(error)}`);
      }
    }

    // Open the report file first, so a bad --output fails before a long scan, not after it.
    if (options.output !== undefined) {
      try {
        output = await open(resolve(io.cwd, options.output), 'w');
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new FatalError(`cannot write --output ${options.output}: ${describeFsError(code, error)}`);
      }
    }

    const report = await runScan(options, io);
    const color = options.color ?? (io.stdoutIsTty && output === undefined && !io.env['NO_COLOR'] && options.format === 'text');
    const rendered = formatReport(report, options.format, color);
    const failing = countFailing(report);

    if (output !== undefined) {
      try {
        await output.writeFile(rendered, 'utf8');
        await output.close();
        output = undefined;
      } catch (error) {
        throw new FatalError(`cannot write --output ${options.output}: ${describeFsError((error as NodeJS.ErrnoException).code, error)}`);
      }
      io.stderr.write(
        `${TOOL_NAME}: ${report.findings.length} finding${report.findings.length === 1 ? '' : 's'} ` +
          `(${failing} at or above --fail-on ${options.failOn}) in ${report.filesScanned} file${report.filesScanned === 1 ? '' : 's'}; ` +
          `${options.format} report written to ${options.output}\n`,
      );
    } else {
      await writeAll(io.stdout, rendered);
    }
    for (const error of report.errors ?? []) {
      io.stderr.write(`${TOOL_NAME}: internal error while scanning ${error.path}: ${error.message} (please report it; the other files were scanned)\n`);
    }
    if ((report.errors ?? []).length > 0) return 2;
    return failing > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`${TOOL_NAME}: ${error.message}\nRun 'sas-guard --help' for usage.\n`);
      return 2;
    }
    if (error instanceof FatalError) {
      io.stderr.write(`${TOOL_NAME}: ${error.message}\n`);
      return 2;
    }
    // A bug: say so in one line; the stack only on request.
    io.stderr.write(`${TOOL_NAME}: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (io.env['SAS_GUARD_DEBUG'] && error instanceof Error && error.stack) io.stderr.write(error.stack + '\n');
    return 2;
  } finally {
    await output?.close().catch(() => undefined);
  }
}

function describeFsError(code: string | undefined, error: unknown): string {
  switch (code) {
    case 'ENOENT':
      return 'its directory does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    case 'EROFS':
      return 'read-only file system';
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}

function writeAll(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolveWrite, reject) => {
    stream.write(text, (error) => (error ? reject(error) : resolveWrite()));
  });
}

async function readStdin(limit: number): Promise<Buffer | { size: number }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += bytes.length;
    // Past the limit keep counting (for the message) but stop holding on to the bytes.
    if (size <= limit) chunks.push(bytes);
    else chunks.length = 0;
  }
  return size <= limit ? Buffer.concat(chunks) : { size };
}

const scanWorkerData = isMainThread ? undefined : poolWorkerData();
if (isScanWorkerData(scanWorkerData)) {
  serveScanWorker(scanWorkerData);
} else if (isMainThread && require.main === module) {
  // A closed pipe (`sas-guard scan | head`) is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  main(process.argv.slice(2), {
    cwd: process.cwd(),
    readStdin,
    workerScript: __filename,
    stdout: process.stdout,
    stderr: process.stderr,
    stdoutIsTty: process.stdout.isTTY === true,
    env: process.env,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${TOOL_NAME}: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
