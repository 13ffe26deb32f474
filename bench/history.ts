// Benchmark: the history scan (`sas-guard scan --history`) against the mechanism gitleaks and
// TruffleHog use, `git log -p -U0 --full-history --all` piped into ripgrep over our anchors, side
// by side in interleaved rounds on (a) a generated 3,000-commit repository (bench/lib/
// generatedHistory.ts) and (b) a real one, Azure/Azurite, when a copy is given. Prints wall time,
// CPU time, peak RSS and the paired ratio (goal: at most 1.0); asserts nothing about time.
//
// Usage: npx tsx bench/history.ts [AZURITE_GIT_DIR [OTHER_GIT_DIR …]]
//   BENCH_RUNS=5  BENCH_HISTORY_COMMITS=3000
// AZURITE_GIT_DIR: a clone or mirror of github.com/Azure/Azurite. It is copied first; blobs the
// copy lacks (the mirror used for the README's figures lacks three) are stood in for by empty
// ones, so that `git log -p`, which stops at the first missing blob, runs to the end too.
// OTHER_GIT_DIR: more repositories, the same way; Azure/azure-storage-python is the shape of test
// recordings (long base64 bodies, hundreds of SAS URLs) that once cost the scan 2.2x the baseline.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { DATA_DIR } from './lib/data';
import { generateHistory } from './lib/generatedHistory';
import { envInt, fmtMs, fmtRatio, loadAverage, machineLine, pairedRatio, printTable, timeCommands, type CommandSpec } from './lib/measure';
import { ANCHORS, CLI_PATH, nodeEnv } from './lib/tools';

const runs = envInt('BENCH_RUNS', 5);
const commits = envInt('BENCH_HISTORY_COMMITS', 3000);

function specs(gitDir: string): CommandSpec[] {
  const pattern = ANCHORS.map((a) => a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  return [
    {
      name: 'git log -p | rg',
      cmd: 'sh',
      args: ['-c', `git -C '${gitDir}' log -p -U0 --full-history --all | rg --ignore-case --count '${pattern}'`],
    },
    {
      name: 'sas-guard --history',
      cmd: process.execPath,
      args: [CLI_PATH, 'scan', '--history', gitDir, '--format', 'json', '--fail-on', 'none'],
      env: nodeEnv(),
    },
  ];
}

/** A copy of `source` whose missing blobs are empty stand-ins (see the header). */
function completeCopy(source: string, name = 'azurite'): string {
  const copy = join(DATA_DIR, 'history', `${name}.git`);
  if (existsSync(copy)) return copy;
  mkdirSync(join(DATA_DIR, 'history'), { recursive: true });
  cpSync(source, copy, { recursive: true });
  const listed = spawnSync('git', ['-C', copy, 'rev-list', '--objects', '--all', '--missing=print'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const missing = listed.stdout
    .split('\n')
    .filter((line) => line.startsWith('?'))
    .map((line) => line.slice(1).trim());
  for (const id of missing) {
    mkdirSync(join(copy, 'objects', id.slice(0, 2)), { recursive: true });
    writeFileSync(join(copy, 'objects', id.slice(0, 2), id.slice(2)), deflateSync(Buffer.from('blob 0\0')));
  }
  console.log(`${name} copy: ${missing.length} missing blob(s) stood in for by empty ones`);
  return copy;
}

function commitCount(gitDir: string): number {
  return Number(spawnSync('git', ['-C', gitDir, 'rev-list', '--all', '--count'], { encoding: 'utf8' }).stdout.trim());
}

function bench(label: string, gitDir: string): void {
  const load = loadAverage();
  const results = timeCommands(specs(gitDir), { runs, warmup: 1, timeoutMs: 30 * 60_000 });
  const baseline = results.get('git log -p | rg')!;
  const ours = results.get('sas-guard --history')!;
  let secrets = 'n/a';
  try {
    secrets = String((JSON.parse(ours.stdout) as { findings: unknown[] }).findings.length);
  } catch {
    // Reported as n/a: the run failed, its stderr is printed below.
  }
  console.log(`\n${label}: ${commitCount(gitDir)} commits; load before: ${load}, after: ${loadAverage()}`);
  printTable(
    ['tool', 'median', 'min', 'CPU (median)', 'peak RSS', 'result'],
    [
      [
        `git log -p | rg`,
        fmtMs(baseline.medianMs),
        fmtMs(baseline.minMs),
        fmtMs(baseline.medianCpuMs),
        `${Math.round((baseline.maxRssKb ?? 0) / 1024)} MB`,
        `${baseline.stdout.trim()} matching lines`,
      ],
      [
        `sas-guard --history`,
        fmtMs(ours.medianMs),
        fmtMs(ours.minMs),
        fmtMs(ours.medianCpuMs),
        `${Math.round((ours.maxRssKb ?? 0) / 1024)} MB`,
        `${secrets} distinct secrets`,
      ],
    ],
  );
  console.log(
    `ratio sas-guard / git log -p | rg (paired median of ${Math.min(ours.wallMs.length, baseline.wallMs.length)} rounds): ${fmtRatio(pairedRatio(ours, baseline))}`,
  );
  // On a shared machine CPU time is what is rationed: the ratio of the medians says what a busy machine pays.
  if (baseline.medianCpuMs > 0) console.log(`CPU ratio (medians, user + system of each process tree): ${fmtRatio(ours.medianCpuMs / baseline.medianCpuMs)}`);
  if (ours.exitCodes.some((code) => code !== 0)) console.log(`sas-guard stderr: ${ours.stderr}`);
}

console.log(machineLine());
const generated = generateHistory(join(DATA_DIR, 'history', `generated-${commits}.git`), commits);
bench(`(a) generated history, ${generated.planted} tokens planted`, generated.path);
const azurite = process.argv[2];
if (azurite !== undefined) bench('(b) Azure/Azurite', completeCopy(azurite));
else console.log('\n(b) skipped: give a clone or mirror of Azure/Azurite as the argument');
for (const [i, other] of process.argv.slice(3).entries()) {
  const name = basename(other.replace(/\/(repo|\.git)\/?$/, '')).replace(/[^A-Za-z0-9._+-]/g, '_');
  bench(`(${String.fromCharCode(99 + i)}) ${name}`, completeCopy(other, name));
}
rmSync(join(DATA_DIR, 'out'), { recursive: true, force: true });
