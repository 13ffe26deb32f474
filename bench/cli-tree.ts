// Benchmark 1: a 10,000-file, ~100 MB source tree. Times `sas-guard scan` against ripgrep over the
// same anchors, two plain Node loops (the naive one, and the fastest two-thread read loop: the floor
// for any Node scanner), and secretlint on a slice (extrapolated).
// Prints figures and ratios; asserts nothing about time.
//
// Usage: npx tsx bench/cli-tree.ts          (BENCH_RUNS=5, BENCH_FILES=10000, BENCH_MB=100;
//        BENCH_BASELINE_CLI=/path/to/an/older/dist/cli.js adds that build's JSON scan to the same rounds)
import { ensureSlice, ensureTree } from './lib/data';
import {
  type CommandSpec,
  envInt,
  fmtMBs,
  fmtMs,
  fmtRatio,
  loadAverage,
  machineLine,
  mbPerSec,
  pairedRatio,
  printTable,
  type RunResult,
  timeCommands,
} from './lib/measure';
import {
  cliArgs,
  countCliFindings,
  EXTRA_CA_CERTS,
  haveCli,
  haveSecretlint,
  NODE_LOOP,
  NODE_LOOP_THREADS,
  nodeEnv,
  rgArgs,
  rgTotal,
  secretlintArgs,
  secretlintCount,
} from './lib/tools';

const runs = envInt('BENCH_RUNS', 5);
const files = envInt('BENCH_FILES', 10_000);
const totalMb = envInt('BENCH_MB', 100);
const sliceFiles = envInt('BENCH_SECRETLINT_FILES', 200);
const timeoutMs = envInt('BENCH_TIMEOUT_S', 600) * 1000;
/** Another build of the CLI (a copy of an older dist/), timed in the same rounds: before and after, side by side. */
const baselineCli = process.env['BENCH_BASELINE_CLI'];

interface Row {
  tool: string;
  result: RunResult;
  bytes: number;
  note: string;
  /** Extrapolated time for the whole tree, when measured on a slice. */
  extrapolatedMs?: number;
}

function main(): void {
  console.log(`# bench:cli — source tree\n${machineLine()}\n`);
  const { root, manifest } = ensureTree({ files, totalBytes: totalMb * 1e6 });
  const bytes = manifest.bytes;
  console.log(`tree: ${root}`);
  console.log(
    `      ${manifest.files} files, ${(bytes / 1e6).toFixed(1)} MB; planted ${manifest.planted.liveTotal} fabricated live credentials, ` +
      `${manifest.planted.placeholders} placeholders/emulator keys, ${manifest.planted.otherCloud} other-cloud signed URLs`,
  );
  console.log(`runs: ${runs} interleaved rounds after 1 warm-up round (page cache warm); ratios are medians of per-round ratios`);
  console.log(`load average before: ${loadAverage()} (other processes on this machine skew absolute times)`);
  const caCerts = process.env[EXTRA_CA_CERTS];
  console.log(
    caCerts ? `${EXTRA_CA_CERTS} is set here (${caCerts}): Node commands run without it; one row shows the CLI with it\n` : `${EXTRA_CA_CERTS} is not set\n`,
  );

  const env = nodeEnv();
  const specs: CommandSpec[] = [
    { name: 'rg', cmd: 'rg', args: rgArgs(root) },
    { name: 'rg1', cmd: 'rg', args: rgArgs(root, 1) },
    { name: 'loop', cmd: process.execPath, args: [NODE_LOOP, root, 'sig='], env },
    { name: 'floor', cmd: process.execPath, args: [NODE_LOOP_THREADS, root, 'sig='], env },
  ];
  if (haveCli()) {
    specs.push(
      { name: 'cli-json', cmd: process.execPath, args: cliArgs(root, 'json'), env },
      { name: 'cli-text', cmd: process.execPath, args: cliArgs(root, 'text'), env, keepStdout: false },
      { name: 'cli-sarif', cmd: process.execPath, args: cliArgs(root, 'sarif'), env, keepStdout: false },
      { name: 'cli-1thread', cmd: process.execPath, args: cliArgs(root, 'json', ['--concurrency', '1']), env, keepStdout: false, maxRuns: 3 },
    );
    if (caCerts) specs.push({ name: 'cli-ca', cmd: process.execPath, args: cliArgs(root, 'json'), keepStdout: false });
    if (baselineCli) specs.push({ name: 'cli-baseline', cmd: process.execPath, args: [baselineCli, ...cliArgs(root, 'json').slice(1)], env });
  } else {
    console.log('dist/cli.js not found: run `npm run build` (sas-guard rows skipped)\n');
  }
  let slice: ReturnType<typeof ensureSlice> | undefined;
  let slice2: ReturnType<typeof ensureSlice> | undefined;
  if (haveSecretlint()) {
    slice = ensureSlice(root, manifest, sliceFiles);
    slice2 = ensureSlice(root, manifest, sliceFiles * 2);
    specs.push(
      { name: 'sl1', cmd: process.execPath, args: secretlintArgs(), cwd: slice.root, env, maxRuns: 3 },
      { name: 'sl2', cmd: process.execPath, args: secretlintArgs(), cwd: slice2.root, env, maxRuns: 3, keepStdout: false },
    );
  } else {
    console.log('secretlint not installed: run `bash bench/setup-tools.sh` (secretlint rows skipped)\n');
  }
  const results = timeCommands(specs, { runs, timeoutMs });
  const rg = results.get('rg')!;
  const loop = results.get('loop')!;

  const rows: Row[] = [];
  rows.push({ tool: 'ripgrep (4 anchors, -i, 2 threads)', result: rg, bytes, note: `${rgTotal(rg.stdout)} anchor hits` });
  const rg1 = results.get('rg1')!;
  rows.push({ tool: 'ripgrep -j1', result: rg1, bytes, note: `${rgTotal(rg1.stdout)} anchor hits` });
  let loopNote: string;
  try {
    const j = JSON.parse(loop.stdout) as { files: number; hits: number };
    loopNote = `${j.files} files, ${j.hits} 'sig=' hits`;
  } catch {
    loopNote = 'no output';
  }
  rows.push({ tool: 'node readFileSync+indexOf loop (1 anchor)', result: loop, bytes, note: loopNote });
  const floor = results.get('floor')!;
  let floorNote: string;
  try {
    const j = JSON.parse(floor.stdout) as { files: number; hits: number };
    floorNote = `${j.files} files, ${j.hits} files with 'sig='`;
  } catch {
    floorNote = 'no output';
  }
  rows.push({ tool: 'node floor: 2 threads, read into one buffer + indexOf', result: floor, bytes, note: floorNote });

  const json = results.get('cli-json');
  if (json) {
    const counts = countCliFindings(json.stdout);
    const note = counts
      ? `${counts.findings} findings (planted live ${manifest.planted.liveTotal})` +
        (counts.filesScanned !== undefined ? `, ${counts.filesScanned} files scanned` : '') +
        (counts.skipped ? `, ${counts.skipped} skipped` : '')
      : `unparsable JSON (exit ${json.exitCodes.join(',')}) ${json.stderr.slice(0, 200)}`;
    rows.push({ tool: 'sas-guard scan --format json', result: json, bytes, note });
    if (counts) {
      console.log(`sas-guard findings by rule: ${JSON.stringify(counts.byRule)}`);
      console.log(`sas-guard findings by grade: ${JSON.stringify(counts.byGrade)}`);
      console.log(`planted live by kind:       ${JSON.stringify(manifest.planted.live)}\n`);
    }
    const text = results.get('cli-text')!;
    rows.push({ tool: 'sas-guard scan --format text', result: text, bytes, note: `exit ${text.exitCodes[0]}` });
    const sarif = results.get('cli-sarif')!;
    rows.push({ tool: 'sas-guard scan --format sarif', result: sarif, bytes, note: `exit ${sarif.exitCodes[0]}` });
    rows.push({ tool: 'sas-guard json --concurrency 1 (one thread)', result: results.get('cli-1thread')!, bytes, note: 'no worker thread' });
    const withCa = results.get('cli-ca');
    if (withCa) rows.push({ tool: `sas-guard json, ${EXTRA_CA_CERTS} set`, result: withCa, bytes, note: 'as this environment runs it' });
    const baseline = results.get('cli-baseline');
    if (baseline) {
      const counts = countCliFindings(baseline.stdout);
      rows.push({
        tool: 'baseline build: sas-guard scan --format json',
        result: baseline,
        bytes,
        note: `${baselineCli}; ${counts ? `${counts.findings} findings` : 'unparsable JSON'}`,
      });
    }
  }

  if (slice && slice2) {
    const a = results.get('sl1')!;
    const b = results.get('sl2')!;
    // Marginal rate between the two slice sizes removes secretlint's fixed start-up cost.
    const marginalMsPerByte = (b.medianMs - a.medianMs) / (slice2.bytes - slice.bytes);
    const perByte = marginalMsPerByte > 0 ? marginalMsPerByte : a.medianMs / slice.bytes;
    const startupMs = Math.max(0, a.medianMs - perByte * slice.bytes);
    rows.push({
      tool: `secretlint (recommend + Azure patterns), ${slice.files} files`,
      result: a,
      bytes: slice.bytes,
      note: `${secretlintCount(a.stdout)} findings on slice; ${(slice.bytes / 1e6).toFixed(2)} MB`,
    });
    rows.push({ tool: `secretlint, ${slice2.files} files`, result: b, bytes: slice2.bytes, note: `${(slice2.bytes / 1e6).toFixed(2)} MB` });
    rows.push({
      tool: 'secretlint, extrapolated to the tree',
      result: a,
      bytes,
      extrapolatedMs: startupMs + perByte * bytes,
      note: `marginal ${(perByte * 1e6).toFixed(0)} ms/MB, start-up ~${fmtMs(startupMs)}, ${((perByte * bytes) / manifest.files).toFixed(1)} ms/file`,
    });
  }

  const rgMs = rg.medianMs;
  printTable(
    ['tool', 'wall (median)', 'min', 'CPU user+sys', 'runs', 'MB/s', 'vs ripgrep', 'CPU vs ripgrep', 'max RSS', 'notes'],
    rows.map((r) => {
      const ms = r.extrapolatedMs ?? r.result.medianMs;
      const sameInput = r.bytes === bytes;
      return [
        r.tool,
        (r.extrapolatedMs !== undefined ? '~' : '') + (r.result.timedOut ? `> ${fmtMs(timeoutMs)}` : fmtMs(ms)),
        r.extrapolatedMs !== undefined ? '-' : fmtMs(r.result.minMs),
        r.extrapolatedMs !== undefined ? '-' : fmtMs(r.result.medianCpuMs),
        r.extrapolatedMs !== undefined ? '-' : String(r.result.wallMs.length),
        fmtMBs(mbPerSec(r.bytes, ms)),
        r.extrapolatedMs !== undefined
          ? fmtRatio(ms / rgMs)
          : sameInput
            ? fmtRatio(pairedRatio(r.result, rg))
            : fmtRatio(ms / r.bytes / (rgMs / bytes)) + ' (per MB)',
        r.extrapolatedMs !== undefined || !sameInput ? '-' : fmtRatio(r.result.medianCpuMs / rg.medianCpuMs),
        r.result.maxRssKb !== undefined && r.extrapolatedMs === undefined ? `${(r.result.maxRssKb / 1024).toFixed(0)} MB` : '-',
        r.note,
      ];
    }),
  );
  const cli = rows.find((r) => r.tool === 'sas-guard scan --format json');
  if (cli) {
    const ratio = pairedRatio(cli.result, rg);
    const rss = (cli.result.maxRssKb ?? NaN) / 1024;
    console.log(`\ngoal: sas-guard ≤ 2x ripgrep (wall) → ${fmtRatio(ratio)} ${ratio <= 2 ? 'MET' : 'MISSED'}`);
    console.log(
      `     CPU time: sas-guard ${fmtMs(cli.result.medianCpuMs)} vs ripgrep ${fmtMs(rg.medianCpuMs)} → ${fmtRatio(cli.result.medianCpuMs / rg.medianCpuMs)}`,
    );
    console.log(`goal: sas-guard peak RSS < 200 MB → ${rss.toFixed(0)} MB ${rss < 200 ? 'MET' : 'MISSED'}`);
    console.log(`sas-guard vs the two-thread Node floor: ${fmtRatio(pairedRatio(cli.result, floor))}`);
    const baseline = results.get('cli-baseline');
    if (baseline) {
      console.log(`baseline build vs the floor: ${fmtRatio(pairedRatio(baseline, floor))}, vs ripgrep: ${fmtRatio(pairedRatio(baseline, rg))}`);
      console.log(
        `this build vs the baseline build: ${fmtRatio(pairedRatio(cli.result, baseline))} (wall), CPU ${fmtRatio(cli.result.medianCpuMs / baseline.medianCpuMs)}`,
      );
    }
    const withCa = results.get('cli-ca');
    if (withCa) console.log(`with ${EXTRA_CA_CERTS} set, as here by default: ${fmtRatio(pairedRatio(withCa, rg))} ripgrep`);
  }
  console.log(`node floor vs ripgrep: ${fmtRatio(pairedRatio(floor, rg))}; naive readFileSync loop vs ripgrep: ${fmtRatio(pairedRatio(loop, rg))}`);
}

main();
