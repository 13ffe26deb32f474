// `sas-guard`: the command-line tool's entry point (the bundle's dist/cli.js). Parses the command
// line (args.ts), runs the scan (scanCommand.ts), writes the report (reportWriter.ts) and turns the
// outcome into the exit code: 0 nothing at or above --fail-on, 1 something is, 2 usage or fatal
// error. The same script, started as a worker thread by a scan, serves the pool instead.
import type { FileHandle } from 'node:fs/promises';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { plural } from '../core/util/wording';
import { countFailing } from '../report';
import { poolWorkerData } from '../walker/workerPool';
import { parseCommandLine, TOOL_NAME, USAGE, VERSION } from './args';
import { FatalError, UsageError } from './errors';
import { formatReport, openReportFile, writeAll, writeReportFile } from './reportWriter';
import { resolveProject, runProjectScan } from './projectScan';
import { isScanWorkerData, serveScanWorker, type ScanIo } from './scanCommand';

/** The process around a run: its streams, terminal and environment. Tests pass their own. */
export interface CommandIo extends ScanIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly stdoutIsTty: boolean;
  readonly env: NodeJS.ProcessEnv;
}

/** Runs the command line; returns the exit code. Writes only to the streams and files it is given. */
export async function main(argv: readonly string[], io: CommandIo): Promise<number> {
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
    // The project config is read and checked first: a bad one is one clear error before any work.
    const project = await resolveProject(parsed.options, io.cwd);
    const options = project.options;

    for (const path of options.paths) {
      if (path === '-') continue;
      try {
        await stat(resolve(io.cwd, path));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new UsageError(
          code === 'ENOENT' || code === 'ENOTDIR' ? `no such file or directory: ${path}` : `cannot access ${path}: ${code ?? String(error)}`,
        );
      }
    }

    // Open the report file first, so a bad --output fails before a long scan, not after it.
    if (options.output !== undefined) output = await openReportFile(io.cwd, options.output);

    const report = await runProjectScan(project, io);
    const color = options.color ?? (io.stdoutIsTty && output === undefined && !io.env['NO_COLOR'] && options.format === 'text');
    const rendered = formatReport(report, options.format, color);
    const failing = countFailing(report);

    if (output !== undefined && options.output !== undefined) {
      await writeReportFile(output, options.output, rendered);
      output = undefined;
      io.stderr.write(
        `${TOOL_NAME}: ${plural(report.findings.length, 'finding')} ` +
          `(${failing} at or above --fail-on ${report.failOn}) in ${plural(report.filesScanned, 'file')}; ` +
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
      // Everything is written (main awaits each write): exit now rather than wait for the scan's
      // worker threads to wind down and both heaps to be torn down, which took tens of milliseconds.
      process.exit(code);
    },
    (error: unknown) => {
      process.stderr.write(`${TOOL_NAME}: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
