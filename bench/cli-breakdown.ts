// Where the CLI's time goes on the source tree: its per-file pipeline taken apart, one layer added
// per row, in one thread. Each row runs in a fresh process, so its first round is what a one-shot
// CLI pays (code not yet compiled by the JIT), and the later rounds show the same work warm.
// Wall time and CPU time (user + system). Prints figures; asserts nothing about time.
//
// Usage: npx tsx bench/cli-breakdown.ts     (BENCH_RUNS=5)
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readdirSync, readSync } from 'node:fs';
import { scanText } from '../server/src/core';
import { mayContainSecrets as mayContainSecretsInJs } from '../server/src/walker/prefilter';
import { scanFile } from '../server/src/walker/scanFile';
import { listFileBatches } from '../server/src/walker';
import { looksBinary as looksBinaryInJs } from '../server/src/walker/binarySniff';
import { mayContainSecrets } from '../server/src/walker/byteChecks';
import { decodeTextBytes, readTextBytesSync } from '../server/src/walker/readTextFile';
import { DEFAULT_MAX_FILE_SIZE } from '../server/src/walker/types';
import { ensureTree } from './lib/data';
import { envInt, fmtMs, loadAverage, machineLine, median, printTable } from './lib/measure';
import { nodeEnv } from './lib/tools';

const runs = envInt('BENCH_RUNS', 5);
const NOW = new Date('2026-01-01T00:00:00Z');

/** Every file of the tree, listed the cheapest way (the rows below time the walker's own listing). */
function plainListing(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) files.push(path);
    }
  };
  walk(root);
  return files;
}

interface Case {
  readonly name: string;
  readonly note: string;
  /** Runs once over the tree; returns a count that shows the work was done. */
  readonly run: (root: string, files: readonly string[]) => Promise<number> | number;
}

const buffer = Buffer.allocUnsafeSlow(DEFAULT_MAX_FILE_SIZE + 1);

const CASES: readonly Case[] = [
  {
    name: 'readdirSync listing',
    note: 'the floor of a listing',
    run: (root) => plainListing(root).length,
  },
  {
    name: 'walker listing (listFileBatches)',
    note: 'sorting, ignore rules, loop detection (a stat per directory)',
    run: async (root) => {
      let n = 0;
      for await (const batch of listFileBatches({ roots: [root], synchronousIo: true })) n += batch.length;
      return n;
    },
  },
  {
    name: 'open + read + close',
    note: 'into one buffer: the floor of reading',
    run: (_root, files) => {
      let bytes = 0;
      for (const path of files) {
        const fd = openSync(path, 'r');
        bytes += readSync(fd, buffer, 0, buffer.length, 0);
        closeSync(fd);
      }
      return bytes;
    },
  },
  {
    name: 'readTextBytesSync',
    note: '+ read to EOF, binary sniff (WebAssembly), UTF-8 validation',
    run: (_root, files) => files.filter((path) => readTextBytesSync(path, DEFAULT_MAX_FILE_SIZE, true).kind === 'text-bytes').length,
  },
  {
    name: '… + prefilter (WebAssembly)',
    note: 'files that reach the engine',
    run: (_root, files) =>
      files.filter((path) => {
        const read = readTextBytesSync(path, DEFAULT_MAX_FILE_SIZE, true);
        return read.kind === 'text-bytes' && mayContainSecrets(read.body);
      }).length,
  },
  {
    name: '… + prefilter + sniff in JavaScript',
    note: 'the same checks as before WebAssembly, for comparison',
    run: (_root, files) =>
      files.filter((path) => {
        const read = readTextBytesSync(path, DEFAULT_MAX_FILE_SIZE, true);
        return read.kind === 'text-bytes' && !looksBinaryInJs(read.body) && mayContainSecretsInJs(read.body);
      }).length,
  },
  {
    name: 'scanFile (the CLI job for one file)',
    note: '+ decode and scanText where the prefilter lets through, line/column',
    run: (_root, files) => {
      let findings = 0;
      for (const path of files) {
        const result = scanFile(path, { maxFileSize: DEFAULT_MAX_FILE_SIZE, now: NOW, engine: scanText, prefilter: true }, true);
        if (result.kind === 'scanned') findings += result.findings?.length ?? 0;
      }
      return findings;
    },
  },
  {
    name: 'scanText alone on those files',
    note: 'decoded beforehand; timed: the engine only',
    run: (_root, files) => {
      const texts: string[] = [];
      for (const path of files) {
        const read = readTextBytesSync(path, DEFAULT_MAX_FILE_SIZE, true);
        if (read.kind === 'text-bytes' && mayContainSecrets(read.body)) texts.push(decodeTextBytes(read).text);
      }
      const started = process.cpuUsage();
      const wall = performance.now();
      let findings = 0;
      for (const text of texts) findings += scanText(text, { now: NOW, fileName: 'file.ts' }).findings.length;
      // Report the engine's own time through the timing channel below.
      engineOnly = { wallMs: performance.now() - wall, cpuMs: cpuMs(process.cpuUsage(started)) };
      return findings;
    },
  },
];

let engineOnly: { wallMs: number; cpuMs: number } | undefined;

const cpuMs = (usage: NodeJS.CpuUsage): number => (usage.user + usage.system) / 1000;

/** Child process: runs one case `rounds` times and prints one JSON line per round. */
async function runCase(name: string, root: string, rounds: number): Promise<void> {
  const target = CASES.find((c) => c.name === name)!;
  const files = plainListing(root);
  for (let round = 0; round < rounds; round++) {
    engineOnly = undefined;
    const cpu = process.cpuUsage();
    const started = performance.now();
    const count = await target.run(root, files);
    const sample = engineOnly ?? { wallMs: performance.now() - started, cpuMs: cpuMs(process.cpuUsage(cpu)) };
    console.log(JSON.stringify({ ...sample, count }));
  }
}

interface Sample {
  wallMs: number;
  cpuMs: number;
  count: number;
}

function main(): void {
  console.log(`# bench:cli — where the CLI's time goes (one thread; each row a fresh process)\n${machineLine()}\nload average before: ${loadAverage()}\n`);
  const { root, manifest } = ensureTree();
  const rows: string[][] = [];
  for (const c of CASES) {
    const child = spawnSync(process.execPath, ['--import', 'tsx', __filename, '--case', c.name, root, String(runs + 1)], {
      encoding: 'utf8',
      env: nodeEnv(),
      maxBuffer: 16 * 1024 * 1024,
    });
    const samples = child.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Sample);
    if (child.status !== 0 || samples.length === 0) {
      rows.push([c.name, 'failed', '', '', '', child.stderr.slice(0, 200)]);
      continue;
    }
    const [first, ...warm] = samples;
    rows.push([
      c.name,
      `${fmtMs(first!.wallMs)} / ${fmtMs(first!.cpuMs)}`,
      `${fmtMs(median(warm.map((s) => s.wallMs)))} / ${fmtMs(median(warm.map((s) => s.cpuMs)))}`,
      String(first!.count),
      c.note,
    ]);
  }
  printTable(['layer', 'first round (cold) wall / CPU', `warm (median of ${runs}) wall / CPU`, 'count', 'what it adds'], rows);
  console.log(`\ntree: ${manifest.files} files, ${(manifest.bytes / 1e6).toFixed(1)} MB`);
}

const caseIndex = process.argv.indexOf('--case');
if (caseIndex !== -1) {
  runCase(process.argv[caseIndex + 1]!, process.argv[caseIndex + 2]!, Number(process.argv[caseIndex + 3])).catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
} else {
  main();
}
