// The commands the benchmarks time: sas-guard's CLI, ripgrep, the plain Node loop, secretlint.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_DIR, REPO_DIR } from './data';

/** SAS_GUARD_CLI / SAS_GUARD_SERVER point the benches at another build (default: dist/ from `npm run build`). */
export const CLI_PATH = process.env.SAS_GUARD_CLI ?? join(REPO_DIR, 'dist', 'cli.js');
export const SERVER_PATH = process.env.SAS_GUARD_SERVER ?? join(REPO_DIR, 'dist', 'server.js');
export const NODE_LOOP = join(BENCH_DIR, 'tools', 'node-loop.mjs');
export const NODE_LOOP_THREADS = join(BENCH_DIR, 'tools', 'node-loop-threads.cjs');

/**
 * Some machines (this sandbox, for its npm proxy; corporate networks) set NODE_EXTRA_CA_CERTS.
 * Node then parses that certificate file when any process starts, before the script's first line:
 * ~50 ms here, against ~20 ms for the whole start-up without it. Nothing timed here uses TLS, so
 * Node commands run without the variable, and the tree bench shows the CLI with it in a row of its own.
 */
export const EXTRA_CA_CERTS = 'NODE_EXTRA_CA_CERTS';

/** This process's environment without NODE_EXTRA_CA_CERTS: for every Node command timed. */
export function nodeEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env[EXTRA_CA_CERTS];
  return env;
}
export const SECRETLINT_BIN = join(BENCH_DIR, '.tools', 'node_modules', 'secretlint', 'bin', 'secretlint.js');
export const SECRETLINT_RC = join(BENCH_DIR, 'tools', 'secretlintrc.json');

/** The engine's anchors, as ripgrep patterns. */
export const ANCHORS = ['sig=', 'AccountKey=', 'SharedAccessKey=', 'SharedAccessSignature'];

export function haveCli(): boolean {
  return existsSync(CLI_PATH);
}

export function haveSecretlint(): boolean {
  return existsSync(SECRETLINT_BIN);
}

/** The default size limit (1 MiB) would skip the big and adversarial files. */
export const CLI_LARGE_FILE_ARGS = ['--max-file-size', '1g'];

export function cliArgs(path: string, format: 'json' | 'text' | 'sarif', extra: readonly string[] = []): string[] {
  return [CLI_PATH, 'scan', path, '--format', format, '--fail-on', 'none', ...extra];
}

/** ripgrep over the same anchors; `--no-ignore` because bench/.data is git-ignored, `--hidden` for .env files. */
export function rgArgs(path: string, threads?: number): string[] {
  const args = ['--no-ignore', '--hidden', '--ignore-case', '--count-matches', '--no-messages'];
  if (threads !== undefined) args.push('--threads', String(threads));
  for (const a of ANCHORS) args.push('-e', a);
  args.push(path);
  return args;
}

export function rgTotal(stdout: string): number {
  let total = 0;
  for (const line of stdout.split('\n')) {
    const m = /:(\d+)$/.exec(line) ?? /^(\d+)$/.exec(line);
    if (m) total += Number(m[1]);
  }
  return total;
}

export function secretlintArgs(): string[] {
  return [SECRETLINT_BIN, '**/*', '--secretlintrc', SECRETLINT_RC, '--format', 'json', '--no-color', '--no-terminalLink'];
}

export function secretlintCount(stdout: string): number {
  try {
    const results = JSON.parse(stdout) as { messages: unknown[] }[];
    return results.reduce((n, r) => n + r.messages.length, 0);
  } catch {
    return NaN;
  }
}

export interface CliCounts {
  findings: number;
  byRule: Record<string, number>;
  byGrade: Record<string, number>;
  filesScanned?: number;
  skipped?: number;
  raw?: unknown;
}

/** Counts findings in the CLI's JSON report (`findings[]`, `skipped[]`, `summary`), or in SARIF (`runs[].results`). */
export function countCliFindings(stdout: string): CliCounts | undefined {
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    return undefined;
  }
  const counts: CliCounts = { findings: 0, byRule: {}, byGrade: {} };
  const report = json as {
    findings?: { rule: string; grade: string }[];
    skipped?: unknown[];
    summary?: { filesScanned?: number };
    runs?: { results?: { ruleId: string; level?: string }[] }[];
  };
  const add = (rule: string, grade: string) => {
    counts.findings++;
    counts.byRule[rule] = (counts.byRule[rule] ?? 0) + 1;
    counts.byGrade[grade] = (counts.byGrade[grade] ?? 0) + 1;
  };
  if (Array.isArray(report.findings)) {
    for (const f of report.findings) add(f.rule, f.grade);
    counts.skipped = report.skipped?.length ?? 0;
    if (typeof report.summary?.filesScanned === 'number') counts.filesScanned = report.summary.filesScanned;
    return counts;
  }
  if (Array.isArray(report.runs)) {
    for (const run of report.runs) for (const r of run.results ?? []) add(r.ruleId, r.level ?? 'unknown');
    return counts;
  }
  return undefined;
}
