// Benchmark 4: what joining split string literals costs (issue 9, item 2). Prints figures and
// ratios; asserts nothing about time.
//
// 1. Adversarial joins: single texts made of many joined literals (`"a" + ` repeated, `"&sig=" + `
//    repeated, literals that each pass the signature anchor, touching shell words with alternating
//    quotes, a C macro of adjacent literals …), each scanned as a file of the language that joins
//    them, against ordinary source of the same size (goal: ≤ 3x slower).
// 2. The generated tree, in process (file reads excluded): the engine of this build against the engine
//    of another git revision (BENCH_BASE, default `core`), in interleaved rounds, CPU time (goal: no more
//    than 10% slower). The engine is the CLI's per-file work, so this bounds the tree scan's slowdown.
//
// 3. `side-by-side`: every adversarial text case of bench/lib/data.ts and the joins of part 1, each
//    against ordinary source, scanned by this build's engine and by BENCH_BASE's in the same rounds
//    (the decoders' goal: ≤ 3x ordinary text, issue 9).
//
// Every engine is timed as it ships: bundled by esbuild with the build's options (scripts/build.mjs),
// as dist/cli.js and dist/server.js hold it. `BENCH_ENGINE=source` times the TypeScript sources as
// tsx loads them instead, one module at a time, which the product never runs: there each use of
// another module's function or constant goes through that module's exports, and the decoders' short
// paths, which cross modules per run, cost up to 1.7x what they cost bundled (ordinary text ~1.3x).
//
// Usage: npx tsx bench/split-literals.ts [adversarial|tree|side-by-side]
//        (BENCH_RUNS=5, BENCH_TEXT_MB=4, BENCH_FILES=10000, BENCH_MB=100, BENCH_BASE=core;
//        BENCH_ONLY='a|b': side by side, only the cases whose names contain one of these;
//        BENCH_ENGINE=bundle|source)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { DATA_DIR, ensureTree, ordinaryText, REPO_DIR, textCases } from './lib/data';
import { envInt, fmtMBs, fmtMs, fmtRatio, loadAverage, machineLine, mbPerSec, median, printTable } from './lib/measure';
import type { scanText as ScanTextFunction } from '../server/src/core';

type ScanText = typeof ScanTextFunction;

/** How the engines are loaded: bundled as the product ships them (default), or module by module by tsx. */
const engineForm = process.env.BENCH_ENGINE === 'source' ? 'source' : 'bundle';

/**
 * The engine whose sources are under `root` (server/src/core), loaded in `engineForm`: bundled into
 * `bundleFile` with the options scripts/build.mjs gives dist/cli.js and dist/server.js.
 */
async function loadEngine(root: string, bundleFile: string): Promise<ScanText> {
  const entry = join(root, 'server', 'src', 'core', 'index.ts');
  if (engineForm === 'source') return ((await import(entry)) as { scanText: ScanText }).scanText;
  buildSync({ entryPoints: [entry], outfile: bundleFile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' });
  return (createRequire(join(REPO_DIR, 'package.json'))(bundleFile) as { scanText: ScanText }).scanText;
}

/** This build's engine (the working tree's sources). */
let scanText: ScanText;

const runs = envInt('BENCH_RUNS', 5);
const textMb = envInt('BENCH_TEXT_MB', 4);
const NOW = new Date('2026-01-01T00:00:00Z');
const SIG43 = 'ApMWp4PFSv14K6JR6zK+M3ABPtPg8BYAYecW4F8TEJA';

function repeatTo(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

/** Median CPU milliseconds of `runs` scans after one warm-up. */
function cpuOf(scan: ScanText, text: string, fileName: string): { ms: number; findings: number } {
  const warm = scan(text, { now: NOW, fileName });
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.cpuUsage();
    scan(text, { now: NOW, fileName });
    const used = process.cpuUsage(started);
    times.push((used.user + used.system) / 1000);
  }
  return { ms: median(times), findings: warm.findings.length };
}

/** Texts of joined literals: name, file name (its language joins them), repeated unit. */
const JOIN_CASES: ReadonlyArray<readonly [string, string, string]> = [
  ['`"a" + ` repeated', 'a.js', '"a" + '],
  ['`"&sig=" + ` repeated', 'a.js', '"&sig=" + '],
  ['`"&sig=` + 43 signature characters `" + ` repeated (every literal an anchor)', 'a.js', `"&sig=${SIG43}" + `],
  ['`"sv=2022-11-02&sig=` + 43 `"` + line break (Python adjacency)', 'a.py', `"sv=2022-11-02&sig=${SIG43}"\n`],
  ['alternating quotes, touching shell words `\'a\'"b"`', 'a.sh', '\'a\'"b"'],
  ['`"&sig=` + 43 `"\'&\'` (shell words, every other one an anchor)', 'a.sh', `"&sig=${SIG43}"'&'`],
  ['C macro of adjacent literals `"a" \\` + line break', 'a.c', '"a" \\\n'],
  ['`"sig=" . ` repeated (PHP)', 'a.php', '"sig=" . '],
  ['`"&sig=` + 43 `" + `` ` `` + line break (PowerShell)', 'a.ps1', `"&sig=${SIG43}" + \`\n`],
];

function adversarial(): void {
  const size = textMb * 1e6;
  console.log(`## Adversarial joins, ${textMb} MB each, vs ordinary source of the same size\n`);
  console.log(`in process, median CPU of ${runs} runs after a warm-up; vs ordinary = case time / ordinary time (goal ≤ 3x);`);
  console.log('vs the same text unjoined = the case as a .txt file, where no literal joins (what joining itself costs)\n');
  const cases = JOIN_CASES;
  const ordinary = ordinaryText(size);
  const rows: string[][] = [];
  // The same text as each language: the language changes only which literals join, so the runs
  // differ by noise; their median is the baseline.
  const ordinaryMs: number[] = [];
  for (const fileName of ['a.js', 'a.py', 'a.sh', 'a.c', 'a.php', 'a.ps1', 'a.txt']) {
    const r = cpuOf(scanText, ordinary, fileName);
    ordinaryMs.push(r.ms);
    rows.push([`ordinary source as ${fileName}`, fmtMs(r.ms), fmtMBs(mbPerSec(size, r.ms)), '', '', `${r.findings} findings`]);
  }
  const baseline = median(ordinaryMs);
  rows.push(['ordinary source (baseline: median of the above)', fmtMs(baseline), fmtMBs(mbPerSec(size, baseline)), '1.0x', '', '']);
  for (const [name, fileName, unit] of cases) {
    const text = repeatTo(unit, size);
    const r = cpuOf(scanText, text, fileName);
    const plain = cpuOf(scanText, text, 'a.txt');
    rows.push([
      `${name} as ${fileName}`,
      fmtMs(r.ms),
      fmtMBs(mbPerSec(size, r.ms)),
      fmtRatio(r.ms / baseline),
      `${fmtRatio(r.ms / plain.ms)} (${fmtMs(plain.ms)} as .txt)`,
      `${r.findings} findings`,
    ]);
  }
  printTable(['case', 'CPU (median)', 'MB/s', 'vs ordinary', 'vs the same text unjoined', 'notes'], rows);
}

/** The engine of another revision, extracted with `git archive` into bench/.data. */
async function baseEngine(revision: string): Promise<ScanText> {
  const sha = execFileSync('git', ['rev-parse', '--short', revision], { cwd: REPO_DIR }).toString().trim();
  const dir = join(DATA_DIR, `engine-${sha}`);
  if (!existsSync(join(dir, 'server', 'src', 'core', 'index.ts'))) {
    mkdirSync(dir, { recursive: true });
    const archive = execFileSync('git', ['archive', '--format=tar', sha, 'server/src/core'], { cwd: REPO_DIR, maxBuffer: 64 * 2 ** 20 });
    execFileSync('tar', ['-x', '-C', dir], { input: archive });
  }
  return loadEngine(dir, join(DATA_DIR, `engine-${sha}.bundle.cjs`));
}

async function tree(): Promise<void> {
  const revision = process.env.BENCH_BASE ?? 'core';
  const { root, manifest } = ensureTree({ files: envInt('BENCH_FILES', 10_000), totalBytes: envInt('BENCH_MB', 100) * 1e6 });
  const files = manifest.paths.map((p) => ({ fileName: p, text: readFileSync(join(root, p), 'utf8') }));
  const base = await baseEngine(revision);
  console.log(`\n## The tree in process: this build's engine vs ${revision}'s (${files.length} files, ${(manifest.bytes / 1e6).toFixed(0)} MB)\n`);
  console.log(`interleaved rounds (base, this, base, this …) after a warm-up; CPU time of scanText over every file, reads excluded; load ${loadAverage()}\n`);
  const scanAll = (scan: ScanText): { ms: number; findings: number } => {
    const started = process.cpuUsage();
    let findings = 0;
    for (const f of files) findings += scan(f.text, { now: NOW, fileName: f.fileName }).findings.length;
    const used = process.cpuUsage(started);
    return { ms: (used.user + used.system) / 1000, findings };
  };
  scanAll(base);
  scanAll(scanText);
  const ratios: number[] = [];
  const baseMs: number[] = [];
  const thisMs: number[] = [];
  let findings = { base: 0, this: 0 };
  for (let i = 0; i < runs; i++) {
    const a = scanAll(base);
    const b = scanAll(scanText);
    baseMs.push(a.ms);
    thisMs.push(b.ms);
    ratios.push(b.ms / a.ms);
    findings = { base: a.findings, this: b.findings };
  }
  printTable(
    ['engine', 'CPU (median)', 'MB/s', 'findings'],
    [
      [revision, fmtMs(median(baseMs)), fmtMBs(mbPerSec(manifest.bytes, median(baseMs))), String(findings.base)],
      ['this build', fmtMs(median(thisMs)), fmtMBs(mbPerSec(manifest.bytes, median(thisMs))), String(findings.this)],
    ],
  );
  console.log(`\nthis build / ${revision}: ${fmtRatio(median(ratios))} (median of per-round ratios; goal ≤ 1.10x)`);
}

/**
 * Every adversarial case against ordinary source, by this build's engine and BENCH_BASE's in the same
 * rounds: per round and case, ordinary then the case with the base engine, then both with this one;
 * a ratio is the median of the per-round ratios of the case to the ordinary scan just before it.
 * Also the ratio of the least CPU of each over the rounds: the machine's noise (other processes, a
 * collection landing in one scan, a host that slows for a second) only ever adds time, so the
 * least of five is the closest to what the work itself costs, and a burst that hits one case's
 * rounds and not its ordinary ones moves the median but not that.
 */
async function sideBySide(): Promise<void> {
  const revision = process.env.BENCH_BASE ?? 'core';
  const base = await baseEngine(revision);
  const size = textMb * 1e6;
  const only = (process.env.BENCH_ONLY ?? '').split('|').filter((part) => part.length > 0);
  const ordinary = ordinaryText(size);
  const chosen = (name: string): boolean => only.length === 0 || only.some((part) => name.includes(part));
  // Only the cases chosen are built (each text is 4 MB).
  const cases = [
    ...textCases()
      .filter((c) => c.adversarial && chosen(c.name))
      .map((c) => ({ name: c.name, fileName: 'a.txt', text: c.build(size) })),
    ...JOIN_CASES.filter(([name, fileName]) => chosen(`${name} as ${fileName}`)).map(([name, fileName, unit]) => ({
      name: `${name} as ${fileName}`,
      fileName,
      text: repeatTo(unit, size),
    })),
  ];
  console.log(`\n## Adversarial text side by side: ${revision}'s engine and this build's, ${textMb} MB each, load ${loadAverage()}\n`);
  const once = (scan: ScanText, text: string, fileName: string): { ms: number; findings: number } => {
    const started = process.cpuUsage();
    const findings = scan(text, { now: NOW, fileName }).findings.length;
    const used = process.cpuUsage(started);
    return { ms: (used.user + used.system) / 1000, findings };
  };
  for (const c of cases) {
    once(base, c.text, c.fileName);
    once(scanText, c.text, c.fileName);
  }
  // Rounds are the outer loop: each case's rounds are spread over the whole run. The host has
  // stretches of seconds in which memory-heavy code runs up to twice as slow and plain code a third
  // slower; with a case's rounds back to back, one stretch covered all of them and moved that case's
  // ratio alone.
  interface Samples {
    baseRatios: number[];
    thisRatios: number[];
    baseMs: number[];
    thisMs: number[];
    ordinaryThisMs: number[];
    findings: string;
  }
  const samples: Samples[] = cases.map(() => ({ baseRatios: [], thisRatios: [], baseMs: [], thisMs: [], ordinaryThisMs: [], findings: '' }));
  for (let i = 0; i < runs; i++) {
    cases.forEach((c, k) => {
      const s = samples[k]!;
      const ob = once(base, ordinary, 'a.txt');
      const b = once(base, c.text, c.fileName);
      const ot = once(scanText, ordinary, 'a.txt');
      const t = once(scanText, c.text, c.fileName);
      s.baseRatios.push(b.ms / ob.ms);
      s.thisRatios.push(t.ms / ot.ms);
      s.baseMs.push(b.ms);
      s.thisMs.push(t.ms);
      s.ordinaryThisMs.push(ot.ms);
      s.findings = `${b.findings} / ${t.findings}`;
    });
  }
  const rows: string[][] = [];
  let worst = { ratio: 0, name: '' };
  let worstOfLeast = { ratio: 0, name: '' };
  cases.forEach((c, k) => {
    const s = samples[k]!;
    const ratio = median(s.thisRatios);
    const ofLeast = Math.min(...s.thisMs) / Math.min(...s.ordinaryThisMs);
    if (ratio > worst.ratio) worst = { ratio, name: c.name };
    if (ofLeast > worstOfLeast.ratio) worstOfLeast = { ratio: ofLeast, name: c.name };
    rows.push([c.name, fmtMs(median(s.baseMs)), fmtRatio(median(s.baseRatios)), fmtMs(median(s.thisMs)), fmtRatio(ratio), fmtRatio(ofLeast), s.findings]);
  });
  printTable(['case', `${revision} CPU`, `${revision} vs ordinary`, 'this CPU', 'this vs ordinary', 'least vs least', 'findings'], rows);
  console.log(`\ngoal: every case within 3x of ordinary source → worst ${fmtRatio(worst.ratio)} (${worst.name}) ${worst.ratio <= 3 ? 'MET' : 'MISSED'}`);
  console.log(
    `     by the least CPU of each over ${runs} rounds → worst ${fmtRatio(worstOfLeast.ratio)} (${worstOfLeast.name}) ${worstOfLeast.ratio <= 3 ? 'MET' : 'MISSED'}`,
  );
}

async function main(): Promise<void> {
  const which = process.argv[2];
  console.log(machineLine());
  scanText = await loadEngine(REPO_DIR, join(DATA_DIR, 'engine-this.bundle.cjs'));
  console.log(
    `engines: ${engineForm === 'bundle' ? 'bundled by esbuild as the product ships them' : 'TypeScript sources module by module (tsx), not as shipped'}`,
  );
  if (which === 'side-by-side') return sideBySide();
  if (which !== 'tree') adversarial();
  if (which !== 'adversarial') await tree();
}

void main();
