// Benchmark 1c: how close to the two-thread Node floor any split of the CLI's work can come on this
// machine. Times, side by side with the floor, builds of the CLI with parts of its work taken out:
//   - "no hand-over": the main thread lists, reads and byte-checks every file as the CLI does, and
//     settles the candidates as if nothing were found (no worker, no engine, no findings);
//   - "unfed worker": the same, plus the worker started (as the first candidate would start it) and
//     given nothing;
//   - "idle worker": the same, plus the worker started and every candidate copied and posted to it,
//     which answers "nothing found" without loading the engine;
// then the CLI as built, with one thread and with its worker. The first two are lower bounds: what
// is left of the CLI when the engine and the report cost nothing. The builds are made from
// dist/cli.js by exact text replacements; if the bundle's text changed, this script says which
// replacement no longer applies and stops. Prints figures and ratios; asserts nothing about time.
//
// Usage: npx tsx bench/cli-bounds.ts      (BENCH_RUNS=9; needs `npm run build`)
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DATA_DIR, ensureTree } from './lib/data';
import { type CommandSpec, envInt, fmtMs, fmtRatio, loadAverage, machineLine, pairedRatio, printTable, timeCommands } from './lib/measure';
import { CLI_PATH, cliArgs, countCliFindings, haveCli, NODE_LOOP_THREADS, nodeEnv } from './lib/tools';

const runs = envInt('BENCH_RUNS', 9);

interface Replacement {
  /** What the replacement takes out, for the message when it no longer applies. */
  readonly what: string;
  readonly find: string;
  readonly replace: string;
}

/** The main thread's hand-over of a candidate to the worker pool (scanCommand.ts). */
const HAND_OVER = '            pool.submit({ ...screened, bytes: screened.bytes.slice() });\n            candidates.push({ path: item.path, result: jobs++ });';
/** The worker's job and its engine load (scanCommand.ts, serveScanWorker). */
const WORKER_JOB = '  serveJobs((candidate) => scanCandidate(candidate, options));\n  loadEngineNow();';

const VARIANTS: Record<string, readonly Replacement[]> = {
  'no-handover': [
    {
      what: 'the hand-over of candidates to the worker pool',
      find: HAND_OVER,
      replace: '            candidates.push({ path: item.path, result: { kind: "scanned", invalidUtf8: false } });',
    },
  ],
  'unfed-worker': [
    {
      what: 'the hand-over of candidates to the worker pool',
      find: HAND_OVER,
      // The pool's worker is started as the first hand-over would start it, and then given nothing.
      replace:
        '            if (!pool.started) pool.startWorkers();\n            candidates.push({ path: item.path, result: { kind: "scanned", invalidUtf8: false } });',
    },
  ],
  'idle-worker': [
    {
      what: "the worker's job and engine load",
      find: WORKER_JOB,
      replace: '  serveJobs((candidate) => ({ kind: "scanned", invalidUtf8: false }));',
    },
  ],
};

/** Writes bench/.data/cli-bounds/NAME/cli.js (and the engine bundle beside it); its path. */
function buildVariant(name: string, replacements: readonly Replacement[]): string {
  let source = readFileSync(CLI_PATH, 'utf8');
  for (const r of replacements) {
    const at = source.indexOf(r.find);
    if (at === -1 || source.indexOf(r.find, at + 1) !== -1) {
      throw new Error(`variant ${name}: ${r.what} is not found exactly once in ${CLI_PATH}; update bench/cli-bounds.ts`);
    }
    source = source.slice(0, at) + r.replace + source.slice(at + r.find.length);
  }
  const out = join(DATA_DIR, 'cli-bounds', name, 'cli.js');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, source);
  copyFileSync(join(dirname(CLI_PATH), 'cli-engine.js'), join(dirname(out), 'cli-engine.js'));
  return out;
}

function main(): void {
  if (!haveCli() || !existsSync(join(dirname(CLI_PATH), 'cli-engine.js'))) {
    console.error(`${CLI_PATH} or the engine bundle beside it is missing: run \`npm run build\` first`);
    process.exit(1);
  }
  console.log(`# bench:cli-bounds — the tree scan with parts of its work taken out, against the floor\n${machineLine()}\n`);
  const { root, manifest } = ensureTree({ files: 10_000, totalBytes: 100e6 });
  console.log(`tree: ${root} (${manifest.files} files, ${(manifest.bytes / 1e6).toFixed(1)} MB)`);
  console.log(`runs: ${runs} interleaved rounds after 1 warm-up round; ratios are medians of per-round ratios`);
  console.log(`load average before: ${loadAverage()}\n`);

  const env = nodeEnv();
  const variantPath = Object.fromEntries(Object.entries(VARIANTS).map(([name, r]) => [name, buildVariant(name, r)]));
  const scanArgs = (cli: string, extra: readonly string[] = []): string[] => [cli, ...cliArgs(root, 'json', extra).slice(1)];
  const specs: CommandSpec[] = [
    { name: 'floor', cmd: process.execPath, args: [NODE_LOOP_THREADS, root, 'sig='], env },
    { name: 'floor-1', cmd: process.execPath, args: [NODE_LOOP_THREADS, root, 'sig='], env: { ...env, FLOOR_THREADS: '1' } },
    { name: 'no-handover', cmd: process.execPath, args: scanArgs(variantPath['no-handover']!), env },
    { name: 'unfed-worker', cmd: process.execPath, args: scanArgs(variantPath['unfed-worker']!), env },
    { name: 'idle-worker', cmd: process.execPath, args: scanArgs(variantPath['idle-worker']!), env },
    { name: 'cli-1thread', cmd: process.execPath, args: scanArgs(CLI_PATH, ['--concurrency', '1']), env },
    { name: 'cli', cmd: process.execPath, args: scanArgs(CLI_PATH), env },
  ];
  const results = timeCommands(specs, { runs });
  const floor = results.get('floor')!;
  const findings = (name: string): string => {
    const counts = countCliFindings(results.get(name)!.stdout);
    return counts ? `${counts.findings} findings, ${counts.filesScanned ?? '?'} files scanned` : 'unparsable output';
  };
  const rows: [string, string, string][] = [
    ['floor', 'two threads read every file into one buffer, indexOf one anchor (the bar: 1.00x)', ''],
    ['floor-1', 'the same in one thread', ''],
    ['no-handover', 'CLI: list, read, byte-check every file; candidates settled as nothing found (no worker, no engine)', findings('no-handover')],
    ['unfed-worker', 'CLI: the same, plus the worker started (loads the engine) and given nothing', findings('unfed-worker')],
    [
      'idle-worker',
      'CLI: no-handover, plus the worker started and every candidate posted to it; it answers nothing found without the engine',
      findings('idle-worker'),
    ],
    ['cli-1thread', 'CLI as built, --concurrency 1 (the engine in the main thread)', findings('cli-1thread')],
    ['cli', 'CLI as built (main thread lists and reads, one worker runs the engine)', findings('cli')],
  ];
  printTable(
    ['build', 'what it does', 'wall (median)', 'min', 'CPU user+sys', 'vs the floor (wall)', 'CPU vs the floor', 'output'],
    rows.map(([name, what, note]) => {
      const r = results.get(name)!;
      return [
        name,
        what,
        fmtMs(r.medianMs),
        fmtMs(r.minMs),
        fmtMs(r.medianCpuMs),
        fmtRatio(pairedRatio(r, floor)),
        fmtRatio(r.medianCpuMs / floor.medianCpuMs),
        note,
      ];
    }),
  );
  const ratio = (name: string): string => fmtRatio(pairedRatio(results.get(name)!, floor));
  console.log(`\nissue 10's goal: the CLI at most 1.50x the two-thread floor; the CLI as built: ${ratio('cli')}`);
  console.log(
    `with the engine's work and the report taken out (idle worker): ${ratio('idle-worker')}; the worker started but given nothing: ${ratio('unfed-worker')}; no worker and no hand-over: ${ratio('no-handover')}`,
  );
  console.log(`a second reader: the one-thread floor is ${fmtRatio(pairedRatio(results.get('floor-1')!, floor))} the two-thread floor`);
}

main();
