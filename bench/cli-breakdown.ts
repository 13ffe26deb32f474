// Where the CLI's time goes on the source tree: the walker alone, the walker plus the engine (what
// `sas-guard scan` does before formatting), the engine alone on texts already in memory, and the
// plain synchronous read loop for comparison. Wall time and CPU time (user + system, all threads:
// robust to other load on the machine) for each, in process, median of runs.
// Prints figures; asserts nothing about time.
//
// Usage: npx tsx bench/cli-breakdown.ts     (BENCH_RUNS=5)
import { closeSync, constants, fstatSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { scanText } from '../server/src/core';
import { DEFAULT_MAX_FILE_SIZE, listFiles, textFromBytes, walkFiles } from '../server/src/walker';
import { ensureTree } from './lib/data';
import { envInt, fmtMBs, fmtMs, loadAverage, machineLine, mbPerSec, median, printTable } from './lib/measure';

const runs = envInt('BENCH_RUNS', 5);

interface Sample {
  wallMs: number;
  cpuMs: number;
}

async function measure(fn: () => Promise<unknown> | unknown): Promise<Sample> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await fn();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (used.user + used.system) / 1000 };
}

function syncLoop(root: string): number {
  let chars = 0;
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) chars += readFileSync(p, 'utf8').length;
    }
  };
  walk(root);
  return chars;
}

/**
 * Prototype, for comparison only: the walker's per-file steps (open, fstat, size check, read,
 * binary sniff, UTF-8 decode) done with synchronous calls instead of four thread-pool round trips.
 */
function readTextFileSync(path: string): string | undefined {
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const info = fstatSync(fd);
    if (!info.isFile() || info.size > DEFAULT_MAX_FILE_SIZE) return undefined;
    const buffer = Buffer.allocUnsafe(info.size);
    let length = 0;
    while (length < buffer.length) {
      const n = readSync(fd, buffer, length, buffer.length - length, length);
      if (n === 0) break;
      length += n;
    }
    const r = textFromBytes(buffer.subarray(0, length));
    return r.kind === 'text' ? r.text : undefined;
  } finally {
    closeSync(fd);
  }
}

async function main(): Promise<void> {
  console.log(`# bench:cli — where the time goes (in process)\n${machineLine()}\nload average before: ${loadAverage()}\n`);
  const { root, manifest } = ensureTree();
  const now = new Date('2026-01-01T00:00:00Z');
  const concurrencies = [8, 64];

  const texts: { text: string; path: string }[] = [];
  for await (const e of walkFiles({ roots: [root] })) if (e.kind === 'file') texts.push({ text: e.text, path: e.path });

  const cases: { name: string; note: string; fn: () => Promise<unknown> | unknown }[] = [
    { name: 'sync readdir + readFileSync(utf8) loop', note: 'the floor for a Node scanner', fn: () => syncLoop(root) },
    {
      name: 'listing only (listFiles)',
      note: 'directory walk + ignore rules, no file opened',
      fn: async () => {
        let n = 0;
        for await (const e of listFiles({ roots: [root] })) if (e.kind === 'listed') n++;
        return n;
      },
    },
    {
      name: 'listFiles + synchronous reads (prototype)',
      note: 'same per-file steps with openSync/fstatSync/readSync/closeSync',
      fn: async () => {
        let n = 0;
        for await (const e of listFiles({ roots: [root] })) if (e.kind === 'listed') n += readTextFileSync(e.path)?.length ?? 0;
        return n;
      },
    },
    {
      name: 'listFiles + synchronous reads + scanText (prototype)',
      note: 'a CLI built that way, before formatting',
      fn: async () => {
        let n = 0;
        for await (const e of listFiles({ roots: [root] })) {
          if (e.kind !== 'listed') continue;
          const text = readTextFileSync(e.path);
          if (text !== undefined) n += scanText(text, { now, fileName: e.path }).findings.length;
        }
        return n;
      },
    },
    ...concurrencies.map((c) => ({
      name: `walker only (walkFiles, concurrency ${c})`,
      note: 'gitignore, binary sniff, open/fstat/read/close, UTF-8 decode',
      fn: async () => {
        let n = 0;
        for await (const e of walkFiles({ roots: [root], concurrency: c })) if (e.kind === 'file') n += e.text.length;
        return n;
      },
    })),
    ...concurrencies.map((c) => ({
      name: `walker + scanText (concurrency ${c})`,
      note: 'what `sas-guard scan` does before formatting',
      fn: async () => {
        let n = 0;
        for await (const e of walkFiles({ roots: [root], concurrency: c })) if (e.kind === 'file') n += scanText(e.text, { now, fileName: e.path }).findings.length;
        return n;
      },
    })),
    {
      name: 'scanText only (texts in memory)',
      note: `${texts.length} files`,
      fn: () => {
        let n = 0;
        for (const t of texts) n += scanText(t.text, { now, fileName: t.path }).findings.length;
        return n;
      },
    },
  ];

  const samples = new Map<string, Sample[]>(cases.map((c) => [c.name, []]));
  for (let round = 0; round < runs + 1; round++) {
    for (const c of cases) {
      const s = await measure(c.fn);
      if (round > 0) samples.get(c.name)!.push(s);
    }
  }
  const findings = (cases[cases.length - 1]!.fn() as number) ?? 0;
  printTable(
    ['phase', 'wall (median)', 'CPU user+sys (median)', 'MB/s (wall)', 'notes'],
    cases.map((c) => {
      const s = samples.get(c.name)!;
      const wall = median(s.map((x) => x.wallMs));
      return [c.name, fmtMs(wall), fmtMs(median(s.map((x) => x.cpuMs))), fmtMBs(mbPerSec(manifest.bytes, wall)), c.note];
    }),
  );
  console.log(`\nengine findings on the tree: ${findings} (planted live ${manifest.planted.liveTotal}); ${runs} rounds after 1 warm-up, cases interleaved`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
