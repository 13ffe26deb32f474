// Timing helpers. Benchmarks print figures; they never assert on time.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg, totalmem } from 'node:os';
import { DATA_DIR } from './data';

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

export interface RunResult {
  /** Wall time of each measured run, milliseconds. */
  readonly wallMs: number[];
  readonly medianMs: number;
  readonly minMs: number;
  /** Max resident set size over the measured runs, kilobytes (from /usr/bin/time), when available. */
  readonly maxRssKb?: number | undefined;
  /** CPU time (user + system) of each measured run, milliseconds, when /usr/bin/time is there. */
  readonly cpuMs: number[];
  readonly medianCpuMs: number;
  readonly exitCodes: (number | null)[];
  readonly timedOut: boolean;
  /** stdout of the last run (captured to a file first). */
  readonly stdout: string;
  readonly stderr: string;
}

export interface CommandSpec {
  readonly name: string;
  readonly cmd: string;
  readonly args: readonly string[];
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Keep stdout of the last run (default true). Output always goes to a file, never a pipe. */
  readonly keepStdout?: boolean;
  /** Fewer rounds for slow tools. */
  readonly maxRuns?: number;
}

export interface RunOptions {
  readonly runs: number;
  readonly warmup?: number;
  readonly timeoutMs?: number;
}

const TIME_BIN = '/usr/bin/time';

interface Single {
  ms: number;
  rssKb?: number | undefined;
  cpuMs?: number | undefined;
  exit: number | null;
  timedOut: boolean;
  stderr: string;
}

function runOnce(spec: CommandSpec, outPath: string, timeoutMs: number | undefined): Single {
  const rssPath = join(DATA_DIR, 'out', 'rss.txt');
  const useTime = existsSync(TIME_BIN);
  const out = openSync(outPath, 'w');
  const argv = useTime ? ['-f', '%M %U %S', '-o', rssPath, spec.cmd, ...spec.args] : [...spec.args];
  const started = process.hrtime.bigint();
  const r = spawnSync(useTime ? TIME_BIN : spec.cmd, argv, {
    stdio: ['ignore', out, 'pipe'],
    cwd: spec.cwd,
    env: spec.env ?? process.env,
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  closeSync(out);
  const timedOut = !!r.error && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT';
  let rssKb: number | undefined;
  let cpuMs: number | undefined;
  if (useTime && !timedOut) {
    // GNU time prints "Command exited with non-zero status N" first when the command fails.
    const [kb, user, sys] = (readFileSync(rssPath, 'utf8').trim().split('\n').pop() ?? '').split(' ').map(Number);
    if (Number.isFinite(kb)) rssKb = kb;
    if (Number.isFinite(user) && Number.isFinite(sys)) cpuMs = (user! + sys!) * 1000;
  }
  return { ms, rssKb, cpuMs, exit: r.status, timedOut, stderr: r.stderr?.toString() ?? '' };
}

/**
 * Runs several commands in rounds (A B C, A B C, …) after one warm-up round, so that load from
 * other processes on the machine hits every tool alike. Stdout goes to a file; peak RSS comes
 * from GNU time. A command that times out is not run again.
 */
export function timeCommands(specs: readonly CommandSpec[], options: RunOptions): Map<string, RunResult> {
  const outDir = join(DATA_DIR, 'out');
  mkdirSync(outDir, { recursive: true });
  const state = specs.map((spec, i) => ({
    spec,
    outPath: join(outDir, `stdout-${i}.txt`),
    wallMs: [] as number[],
    cpuMs: [] as number[],
    rss: undefined as number | undefined,
    exits: [] as (number | null)[],
    timedOut: false,
    stderr: '',
  }));
  const warmup = options.warmup ?? 1;
  for (let round = 0; round < warmup + options.runs; round++) {
    for (const s of state) {
      if (s.timedOut) continue;
      if (round >= warmup && s.wallMs.length >= (s.spec.maxRuns ?? Infinity)) continue;
      const r = runOnce(s.spec, s.outPath, options.timeoutMs);
      s.stderr = r.stderr;
      if (r.timedOut) {
        s.timedOut = true;
        s.wallMs.push(r.ms);
        s.exits.push(null);
        continue;
      }
      if (round < warmup) continue;
      s.wallMs.push(r.ms);
      s.exits.push(r.exit);
      if (r.rssKb !== undefined) s.rss = Math.max(s.rss ?? 0, r.rssKb);
      if (r.cpuMs !== undefined) s.cpuMs.push(r.cpuMs);
    }
  }
  const results = new Map<string, RunResult>();
  for (const s of state) {
    const stdout = s.spec.keepStdout === false ? '' : readFileSync(s.outPath, 'utf8');
    rmSync(s.outPath, { force: true });
    results.set(s.spec.name, {
      wallMs: s.wallMs,
      medianMs: median(s.wallMs),
      minMs: Math.min(...s.wallMs),
      maxRssKb: s.rss,
      cpuMs: s.cpuMs,
      medianCpuMs: median(s.cpuMs),
      exitCodes: s.exits,
      timedOut: s.timedOut,
      stdout,
      stderr: s.stderr,
    });
  }
  return results;
}

/** Median over rounds of the per-round ratio a/b (paired, so shared load cancels out). */
export function pairedRatio(a: RunResult, b: RunResult): number {
  const n = Math.min(a.wallMs.length, b.wallMs.length);
  const ratios: number[] = [];
  for (let i = 0; i < n; i++) ratios.push(a.wallMs[i]! / b.wallMs[i]!);
  return median(ratios);
}

export function loadAverage(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}

export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  return `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;
}

export function fmtRatio(r: number): string {
  if (!Number.isFinite(r)) return 'n/a';
  if (r >= 100) return `${Math.round(r).toLocaleString('en-US')}x`;
  return `${r.toFixed(r < 10 ? 2 : 1)}x`;
}

export function mbPerSec(bytes: number, ms: number): number {
  return bytes / 1e6 / (ms / 1000);
}

export function fmtMBs(v: number): string {
  if (!Number.isFinite(v)) return 'n/a';
  return v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(1) : v.toFixed(3);
}

/** Prints an aligned plain-text table (also valid Markdown). */
export function printTable(headers: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(headers));
  console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
  for (const r of rows) console.log(line(r));
}

export function envInt(name: string, fallback: number): number {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

export function machineLine(): string {
  return `${cpus().length} cores (${cpus()[0]?.model ?? 'cpu'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ${new Date().toISOString()}`;
}
