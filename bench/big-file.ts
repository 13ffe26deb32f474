// Benchmark 2: one 100 MB file (sas-guard vs ripgrep vs the Node loop), then adversarial single-line
// inputs against ordinary text of the same size, through the CLI and through scanText in process.
// Prints figures and ratios; asserts nothing about time.
//
// Usage: npx tsx bench/big-file.ts     (BENCH_RUNS=5, BENCH_BIG_MB=100, BENCH_TEXT_MB=10)
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureBigFile, ensureTextCaseFiles, REPO_DIR } from './lib/data';
import {
  type CommandSpec,
  envInt,
  fmtMBs,
  fmtMs,
  fmtRatio,
  loadAverage,
  machineLine,
  mbPerSec,
  median,
  pairedRatio,
  printTable,
  timeCommands,
} from './lib/measure';
import { cliArgs, CLI_LARGE_FILE_ARGS, countCliFindings, haveCli, NODE_LOOP, nodeEnv, rgArgs, rgTotal } from './lib/tools';

const runs = envInt('BENCH_RUNS', 5);
const bigMb = envInt('BENCH_BIG_MB', 100);
const textMb = envInt('BENCH_TEXT_MB', 10);
const timeoutMs = envInt('BENCH_TIMEOUT_S', 300) * 1000;
const WORKER = join(__dirname, 'lib', 'scan-worker.ts');

interface WorkerResult {
  bytes: number;
  ms: number[];
  cpuMs: number[];
  findings: number;
  byRule: Record<string, number>;
  rssMb: number;
}

/** Runs scanText in a child process on one file; undefined on timeout or failure. */
function inProcess(file: string, n: number): WorkerResult | { error: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', WORKER, file, String(n)], {
    cwd: REPO_DIR,
    timeout: timeoutMs,
    maxBuffer: 16 * 1024 * 1024,
    env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=4096`.trim() },
  });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') return { error: `timeout > ${fmtMs(timeoutMs)}` };
  try {
    return JSON.parse(r.stdout.toString().trim().split('\n').pop() ?? '') as WorkerResult;
  } catch {
    return { error: `failed (exit ${r.status}): ${r.stderr.toString().trim().split('\n').slice(-3).join(' / ').slice(0, 300)}` };
  }
}

function bigFile(): void {
  const { path, manifest } = ensureBigFile(bigMb * 1e6);
  console.log(`## One ${(manifest.bytes / 1e6).toFixed(0)} MB file\n`);
  console.log(
    `file: ${path}\n      ${manifest.lines.toLocaleString('en-US')} lines; planted ${manifest.planted.liveTotal} live, ${manifest.planted.placeholders} placeholders, ${manifest.planted.otherCloud} other-cloud`,
  );
  const specs: CommandSpec[] = [
    { name: 'rg', cmd: 'rg', args: rgArgs(path) },
    { name: 'loop', cmd: process.execPath, args: [NODE_LOOP, path, 'sig='], env: nodeEnv() },
  ];
  if (haveCli()) specs.push({ name: 'cli', cmd: process.execPath, args: cliArgs(path, 'json', CLI_LARGE_FILE_ARGS), env: nodeEnv() });
  const results = timeCommands(specs, { runs, timeoutMs });
  const rg = results.get('rg')!;
  const rows: string[][] = [];
  const row = (tool: string, key: string, note: string) => {
    const r = results.get(key)!;
    rows.push([
      tool,
      r.timedOut ? `> ${fmtMs(timeoutMs)}` : fmtMs(r.medianMs),
      fmtMs(r.minMs),
      fmtMs(r.medianCpuMs),
      fmtMBs(mbPerSec(manifest.bytes, r.medianMs)),
      fmtRatio(pairedRatio(r, rg)),
      fmtRatio(r.medianCpuMs / rg.medianCpuMs),
      r.maxRssKb !== undefined ? `${(r.maxRssKb / 1024).toFixed(0)} MB` : '-',
      note,
    ]);
  };
  row('ripgrep (4 anchors, -i)', 'rg', `${rgTotal(rg.stdout)} anchor hits`);
  row('node read+indexOf loop', 'loop', results.get('loop')!.stdout.trim());
  const cli = results.get('cli');
  if (cli) {
    const counts = countCliFindings(cli.stdout);
    row(
      'sas-guard scan --format json',
      'cli',
      counts
        ? `${counts.findings} findings (planted live ${manifest.planted.liveTotal})${counts.skipped ? `, ${counts.skipped} skipped` : ''}`
        : `no report (exit ${cli.exitCodes.join(',')}): ${cli.stderr.slice(0, 160)}`,
    );
  } else {
    console.log('dist/cli.js not found: run `npm run build`');
  }
  printTable(['tool', 'wall (median)', 'min', 'CPU user+sys', 'MB/s', 'vs ripgrep', 'CPU vs ripgrep', 'max RSS', 'notes'], rows);
  const w = inProcess(path, Math.min(runs, 3));
  if ('error' in w) console.log(`\nscanText in process on the same file: ${w.error}`);
  else {
    const ms = median(w.ms);
    const cpu = median(w.cpuMs);
    console.log(
      `\nscanText in process on the same file (read excluded): ${fmtMs(ms)} wall, ${fmtMs(cpu)} CPU → ${fmtMBs(mbPerSec(w.bytes, cpu))} MB/s (CPU), ${w.findings} findings, worker RSS ${w.rssMb.toFixed(0)} MB`,
    );
  }
}

function adversarial(): void {
  const big = ensureTextCaseFiles(textMb * 1e6);
  const small = ensureTextCaseFiles(1e6);
  console.log(`\n## Adversarial single lines, ${textMb} MB each, vs ordinary text of the same size\n`);
  console.log('in process: scanText on the decoded string (file read excluded), median CPU time of runs after 1 warm-up');
  console.log('(single-threaded, so CPU ≈ wall on an idle machine; CPU time is what other load barely moves);');
  console.log(`scaling: time at ${textMb} MB / time at 1 MB (linear ≈ ${textMb}, quadratic ≈ ${textMb * textMb});`);
  console.log('slowdown: ordinary throughput / case throughput (goal ≤ 3x); CLI: whole process incl. start-up and read (CPU time).\n');

  const inproc = new Map<string, { big: WorkerResult | { error: string }; small: WorkerResult | { error: string } }>();
  for (let i = 0; i < big.length; i++) {
    const c = big[i]!;
    inproc.set(c.name, { big: inProcess(c.path, Math.min(runs, 3)), small: inProcess(small[i]!.path, runs * 2) });
  }
  const cliResults = haveCli()
    ? timeCommands(
        big.map((c) => ({ name: c.name, cmd: process.execPath, args: cliArgs(c.path, 'json', CLI_LARGE_FILE_ARGS), env: nodeEnv() })),
        { runs: Math.min(runs, 3), timeoutMs },
      )
    : undefined;

  const ordinary = inproc.get('ordinary')!.big;
  const ordinaryMBs = 'error' in ordinary ? NaN : mbPerSec(ordinary.bytes, median(ordinary.cpuMs));
  const ordinaryCli = cliResults?.get('ordinary');
  const ordinaryCliMBs = ordinaryCli ? mbPerSec(big[0]!.bytes, ordinaryCli.medianCpuMs) : NaN;
  const rows: string[][] = [];
  let worst = 0;
  let worstName = '';
  for (const c of big) {
    const r = inproc.get(c.name)!;
    const cells: string[] = [c.name];
    if ('error' in r.big) cells.push(r.big.error, '-', '-', '-', '-');
    else {
      const ms = median(r.big.cpuMs);
      const mbs = mbPerSec(r.big.bytes, ms);
      const slowdown = ordinaryMBs / mbs;
      if (c.adversarial && slowdown > worst) {
        worst = slowdown;
        worstName = c.name;
      }
      const scaling = 'error' in r.small ? NaN : ms / median(r.small.cpuMs);
      cells.push(
        fmtMs(ms),
        fmtMBs(mbs),
        c.adversarial ? fmtRatio(slowdown) : '(baseline)',
        Number.isFinite(scaling) ? scaling.toFixed(1) : 'n/a',
        String(r.big.findings),
      );
    }
    const cr = cliResults?.get(c.name);
    if (cr) {
      const mbs = mbPerSec(c.bytes, cr.medianCpuMs);
      const counts = countCliFindings(cr.stdout);
      cells.push(
        cr.timedOut ? `> ${fmtMs(timeoutMs)}` : `${fmtMs(cr.medianMs)} / ${fmtMs(cr.medianCpuMs)}`,
        fmtMBs(mbs),
        c.adversarial ? fmtRatio(ordinaryCliMBs / mbs) : '(baseline)',
        counts ? `${counts.findings}${counts.skipped ? ` (${counts.skipped} skipped)` : ''}` : `exit ${cr.exitCodes.join(',')}`,
      );
    } else cells.push('-', '-', '-', '-');
    cells.push(c.description);
    rows.push(cells);
  }
  printTable(
    ['case', 'scanText CPU', 'MB/s', 'slowdown', 'scaling', 'findings', 'CLI wall / CPU', 'CLI MB/s (CPU)', 'CLI slowdown', 'CLI findings', 'input'],
    rows,
  );
  console.log(`\ngoal: every adversarial case within 3x of ordinary (in process) → worst ${fmtRatio(worst)} (${worstName}) ${worst <= 3 ? 'MET' : 'MISSED'}`);
}

function main(): void {
  console.log(`# bench:cli — single big file and adversarial text\n${machineLine()}\nload average before: ${loadAverage()}\n`);
  const only = process.argv[2];
  if (only !== 'adversarial') bigFile();
  if (only !== 'big') adversarial();
}

main();
