// Benchmark 4: the editor's workspace scan against the CLI, side by side in the same run. The
// language server (dist/server.js --stdio, a fresh process each round) gets the tree as its one
// workspace folder and runs `sasGuard.scanWorkspace`; the CLI runs `sas-guard scan` over the same
// tree (a fresh process: its start-up counts, the server's does not). Rounds alternate CLI and
// server so load from other processes hits both alike. Also prints the server's RSS after the scan,
// the longest gap between two progress notifications, and how the publishDiagnostics notifications
// were spread (count, most in any 50 ms). Prints figures and ratios; asserts nothing about time.
//
// Usage: npx tsx bench/workspace-scan.ts   (BENCH_RUNS=5; BENCH_TREES=10000,100000)
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  createProtocolConnection,
  ExecuteCommandRequest,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  ProgressType,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { pathToFileURL } from 'node:url';
import { ensureTree } from './lib/data';
import { envInt, fmtMs, fmtRatio, loadAverage, machineLine, median, printTable } from './lib/measure';
import { CLI_PATH, cliArgs, SERVER_PATH } from './lib/tools';

const runs = envInt('BENCH_RUNS', 5);
const trees = (process.env.BENCH_TREES ?? '10000,100000')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);

interface ServerRun {
  ms: number;
  rssMb: number;
  findings: number;
  filesScanned: number;
  publishes: number;
  mostPublishesIn50Ms: number;
  longestProgressGapMs: number;
  progressReports: number;
}

async function serverScan(root: string): Promise<ServerRun> {
  const proc = spawn(process.execPath, [SERVER_PATH, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  proc.stderr.on('data', () => undefined);
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const publishTimes: number[] = [];
  const progressTimes: number[] = [];
  conn.onNotification(PublishDiagnosticsNotification.type, () => {
    publishTimes.push(performance.now());
  });
  conn.onProgress(new ProgressType<{ kind: string }>(), 'bench-scan', (value) => {
    if (value.kind !== 'end') progressTimes.push(performance.now());
  });
  conn.onRequest('workspace/configuration', (params: { items?: unknown[] }) => (params.items ?? []).map(() => ({})));
  for (const method of ['client/registerCapability', 'client/unregisterCapability', 'window/workDoneProgress/create', 'window/showMessageRequest']) {
    conn.onRequest(method, () => null);
  }
  conn.listen();
  await conn.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(root).href,
    workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'tree' }],
    capabilities: {
      workspace: { configuration: true, workspaceFolders: true },
      textDocument: { publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true } },
      window: { workDoneProgress: true },
    },
  });
  await conn.sendNotification(InitializedNotification.type, {});
  const started = performance.now();
  const summary = (await conn.sendRequest(ExecuteCommandRequest.type, { command: 'sasGuard.scanWorkspace', arguments: [], workDoneToken: 'bench-scan' })) as {
    findings: number;
    filesScanned: number;
  };
  const ms = performance.now() - started;
  const status = readFileSync(`/proc/${proc.pid}/status`, 'utf8');
  const rssMb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? NaN) / 1024;
  let most = 0;
  for (let i = 0, j = 0; i < publishTimes.length; i++) {
    while (publishTimes[i]! - publishTimes[j]! > 50) j++;
    most = Math.max(most, i - j + 1);
  }
  const marks = [started, ...progressTimes, started + ms];
  let gap = 0;
  for (let i = 1; i < marks.length; i++) gap = Math.max(gap, marks[i]! - marks[i - 1]!);
  try {
    await Promise.race([conn.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 2000))]);
    await conn.sendNotification(ExitNotification.type);
  } catch {
    // already gone
  }
  conn.dispose();
  proc.kill();
  return {
    ms,
    rssMb,
    findings: summary.findings,
    filesScanned: summary.filesScanned,
    publishes: publishTimes.length,
    mostPublishesIn50Ms: most,
    longestProgressGapMs: gap,
    progressReports: progressTimes.length,
  };
}

function cliScan(root: string): { ms: number; findings: number } {
  const started = performance.now();
  const r = spawnSync(process.execPath, cliArgs(root, 'json'), { maxBuffer: 512 * 1024 * 1024 });
  const ms = performance.now() - started;
  const report = JSON.parse(r.stdout.toString()) as { findings: unknown[] };
  return { ms, findings: report.findings.length };
}

async function main(): Promise<void> {
  console.log(`# bench:workspace-scan\n${machineLine()}\nload average before: ${loadAverage()}\nCLI: ${CLI_PATH}\nserver: ${SERVER_PATH}\n`);
  const rows: string[][] = [];
  const details: string[][] = [];
  for (const files of trees) {
    const { root, manifest } = files === 10_000 ? ensureTree() : ensureTree({ files, totalBytes: 200_000_000, seed: files });
    const cli: ReturnType<typeof cliScan>[] = [];
    const server: ServerRun[] = [];
    // One warm-up round each (page cache, compiled code on disk), then alternating rounds.
    cliScan(root);
    await serverScan(root);
    for (let i = 0; i < runs; i++) {
      cli.push(cliScan(root));
      server.push(await serverScan(root));
    }
    const ratios = server.map((s, i) => s.ms / cli[i]!.ms);
    const label = `${files.toLocaleString('en-US')} files, ${(manifest.bytes / 1e6).toFixed(0)} MB`;
    rows.push([
      label,
      fmtMs(median(cli.map((c) => c.ms))),
      fmtMs(median(server.map((s) => s.ms))),
      fmtRatio(median(ratios)),
      fmtRatio(Math.max(...ratios)),
      `${cli[0]!.findings} / ${server[0]!.findings}`,
    ]);
    details.push([
      label,
      `${Math.max(...server.map((s) => s.rssMb)).toFixed(0)} MB`,
      fmtMs(Math.max(...server.map((s) => s.longestProgressGapMs))),
      String(median(server.map((s) => s.progressReports))),
      String(server[0]!.publishes),
      String(Math.max(...server.map((s) => s.mostPublishesIn50Ms))),
    ]);
  }
  console.log(`${runs} rounds after one warm-up round, CLI and server alternating; ratio = median of per-round server/CLI\n`);
  printTable(
    [
      'tree',
      'CLI (sas-guard scan --format json)',
      'server (sasGuard.scanWorkspace)',
      'server/CLI (median)',
      'server/CLI (worst round)',
      'findings CLI / server',
    ],
    rows,
  );
  console.log();
  printTable(
    [
      'tree',
      'server RSS after the scan (max)',
      'longest gap between progress reports',
      'progress reports',
      'publishDiagnostics',
      'most publishDiagnostics in any 50 ms',
    ],
    details,
  );
  console.log(`\ngoal: server/CLI ≤ 1.5x, RSS < 300 MB, progress at least once a second\nload average after: ${loadAverage()}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
