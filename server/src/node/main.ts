// Process entry of the language server: `sas-guard-language-server --stdio` (any LSP client) or
// `--node-ipc` (the VS Code client). Standard output may be the protocol channel, so console output
// goes to the client's log through connection.console.
import { existsSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';
import { type Connection, createConnection, ProposedFeatures, StreamMessageWriter } from 'vscode-languageserver/node';
import { isScanWorkerData, scanThreads, serveScanWorker } from '../cli/scanCommand';
import type { FileScanResult, ScanCandidate } from '../walker/scanFile';
import type { CandidatePoolFactory } from '../lsp/candidatePool';
import { poolWorkerData, WorkerPool } from '../walker/workerPool';
import { describeError } from '../lsp/analyze';
import { gitHistoryCommands } from '../lsp/historyCommands';
import { startServer } from '../lsp/server';
import { version } from '../../../package.json';
import { StreamingMessageReader } from './streamingMessageReader';

const USAGE = `sas-guard-language-server ${version}
Language server of SAS Guard: finds Azure SAS tokens and keys in source code.

Usage:
  sas-guard-language-server --stdio        talk LSP over standard input/output (Neovim, Emacs, Helix, …)
  sas-guard-language-server --node-ipc     talk LSP over Node IPC (the VS Code client)
  sas-guard-language-server --socket=PORT  talk LSP over a TCP socket
  sas-guard-language-server --version | --help
`;

function main(argv: readonly string[]): void {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    return;
  }
  if (argv.includes('--version') || argv.includes('-v')) {
    process.stdout.write(`${version}\n`);
    return;
  }
  const transports = ['--stdio', '--node-ipc'];
  if (!argv.some((a) => transports.includes(a) || a.startsWith('--socket=') || a.startsWith('--pipe='))) {
    process.stderr.write(`sas-guard-language-server: say how to talk to the client.\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }

  const connection = argv.includes('--stdio') ? stdioConnection() : createConnection(ProposedFeatures.all);
  console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
  console.info = (...args: unknown[]) => connection.console.info(args.map(String).join(' '));
  console.warn = (...args: unknown[]) => connection.console.warn(args.map(String).join(' '));
  console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));
  process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${describeError(reason)}`));
  process.on('uncaughtException', (error) => connection.console.error(`Uncaught exception: ${describeError(error)}`));

  startServer(connection, {
    serverInfo: { name: 'SAS Guard', version },
    candidatePools: scanWorkerPools,
    gitHistory: gitHistoryCommands,
    ...testClock(process.env.SAS_GUARD_TEST_CLOCK),
    ...testScanHold(process.env.SAS_GUARD_TEST_HOLD_SCAN),
  });
}

/**
 * The connection over standard input and output, read by StreamingMessageReader (a large document
 * opened in the editor is parsed while it arrives). Given a reader rather than a stream, the library
 * no longer ends the process when standard input closes; this does, with its exit code: 0 after a
 * shutdown request, else 1.
 */
function stdioConnection(): Connection {
  const connection = createConnection(ProposedFeatures.all, new StreamingMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
  let shutdownReceived = false;
  connection.onShutdown(() => {
    shutdownReceived = true;
  });
  const exitWithTheClient = (): never => process.exit(shutdownReceived ? 0 : 1);
  process.stdin.on('end', exitWithTheClient);
  process.stdin.on('close', exitWithTheClient);
  return connection;
}

/**
 * SAS_GUARD_TEST_CLOCK=<ISO date> fixes the clock findings are graded against, so the LSP tests
 * (test/lsp/support.ts) can assert exact grades and times left. Meant for tests only; unset, the
 * server uses the real time. A value that is not a date is refused, never silently ignored.
 */
function testClock(value: string | undefined): { now?: () => Date } {
  if (value === undefined || value === '') return {};
  const fixed = new Date(value);
  if (Number.isNaN(fixed.getTime())) throw new Error(`SAS_GUARD_TEST_CLOCK is not a date: ${value}`);
  return { now: () => new Date(fixed.getTime()) };
}

/**
 * SAS_GUARD_TEST_HOLD_SCAN=<path>: while a file exists at <path> when a workspace scan has listed
 * its files, that scan never goes on, so test/unit/packaging/server-crash.test.ts can kill the
 * server in the middle of a scan on any machine, however fast the scan. The test removes the file
 * before the kill, so the restarted server's scan runs through. Meant for tests only.
 */
function testScanHold(path: string | undefined): { holdScanAfterListing?: () => Promise<void> } {
  if (path === undefined || path === '') return {};
  return { holdScanAfterListing: () => (existsSync(path) ? new Promise<void>(() => undefined) : Promise.resolve()) };
}

/** The workspace scan's worker threads: this script started again, as the CLI starts its own. */
const scanWorkerPools: CandidatePoolFactory = (now, runHere) => {
  const threads = scanThreads(Number.MAX_SAFE_INTEGER);
  if (threads === 0) return undefined;
  return new WorkerPool<ScanCandidate, FileScanResult>({
    threads,
    workerScript: __filename,
    workerData: { sasGuardScanWorker: true, maxFileSize: 0, now },
    runHere,
  });
};

// The workspace scan starts this script again as worker threads that scan candidate files.
const scanWorkerData = isMainThread ? undefined : poolWorkerData();
if (isScanWorkerData(scanWorkerData)) serveScanWorker(scanWorkerData);
else main(process.argv.slice(2));
