// Benchmark 5: the files the old 1 MiB limit skipped and the new 64 MiB default lets through: a 5 MB
// minified JavaScript bundle (one line) and a 20 MB package-lock.json (thousands of `integrity`
// base64 hashes and registry URLs, the shapes closest to keys and SAS URLs that a build writes).
// Times `sas-guard scan` on each with the default limit against ripgrep over the same anchors, in
// interleaved rounds, and prints the CLI's peak memory. Prints figures; asserts nothing about time.
//
// Usage: npx tsx bench/large-files.ts   (BENCH_RUNS=5)
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR } from './lib/data';
import { envInt, fmtMBs, fmtMs, fmtRatio, loadAverage, machineLine, mbPerSec, pairedRatio, printTable, timeCommands } from './lib/measure';
import { cliArgs, countCliFindings, nodeEnv, rgArgs } from './lib/tools';
import { Rng } from './lib/rng';

const runs = envInt('BENCH_RUNS', 5);
const DIR = join(DATA_DIR, 'large-files-v1');

/** One line of minified JavaScript: short identifiers, string tables, a few URLs, a base64 data URI now and then. */
function minifiedBundle(bytes: number): string {
  const rng = new Rng(5);
  const parts: string[] = ['!function(e,t){"use strict";'];
  let size = parts[0]!.length;
  for (let i = 0; size < bytes; i++) {
    const id = `${String.fromCharCode(97 + (i % 26))}${i % 997}`;
    const choice = rng.int(10);
    const part =
      choice === 0
        ? `var ${id}="https://cdn.example.org/assets/${i}.js?v=${rng.int(1e6)}&t=${i}";`
        : choice === 1
          ? `${id}.src="data:image/png;base64,${createHash('sha512').update(String(i)).digest('base64')}";`
          : `function ${id}(n,r){return n&&r?${id}(r.k,n[${i % 31}]):e.call(t,"${id}",n|${i % 255})}`;
    parts.push(part);
    size += part.length;
  }
  parts.push('}(this,{});');
  return parts.join('');
}

/** A package-lock.json of `bytes`: one entry per package with a resolved URL and a sha512 integrity. */
function packageLock(bytes: number): string {
  const lines = ['{', '  "name": "big-app",', '  "lockfileVersion": 3,', '  "packages": {', '    "": { "name": "big-app" },'];
  let size = lines.join('\n').length;
  for (let i = 0; size < bytes; i++) {
    const name = `pkg-${i.toString(36)}`;
    const integrity = createHash('sha512').update(name).digest('base64');
    const entry = [
      `    "node_modules/${name}": {`,
      `      "version": "${1 + (i % 9)}.${i % 17}.${i % 5}",`,
      `      "resolved": "https://registry.npmjs.org/${name}/-/${name}-${1 + (i % 9)}.${i % 17}.${i % 5}.tgz",`,
      `      "integrity": "sha512-${integrity}",`,
      `      "license": "MIT"`,
      `    },`,
    ].join('\n');
    lines.push(entry);
    size += entry.length + 1;
  }
  lines.push('    "node_modules/last": { "version": "1.0.0" }', '  }', '}', '');
  return lines.join('\n');
}

function ensure(name: string, make: () => string): string {
  mkdirSync(DIR, { recursive: true });
  const path = join(DIR, name);
  if (!existsSync(path)) writeFileSync(path, make());
  return path;
}

function main(): void {
  console.log(`# bench:large-files\n${machineLine()}\nload average before: ${loadAverage()}\n`);
  const files = [
    { label: '5 MB minified JS bundle (one line)', path: ensure('bundle.min.js', () => minifiedBundle(5e6)), bytes: 5e6 },
    { label: '20 MB package-lock.json', path: ensure('package-lock.json', () => packageLock(20e6)), bytes: 20e6 },
  ];
  const rows: string[][] = [];
  for (const file of files) {
    const results = timeCommands(
      [
        { name: 'cli', cmd: process.execPath, args: cliArgs(file.path, 'json'), env: nodeEnv() },
        { name: 'rg', cmd: 'rg', args: rgArgs(file.path) },
      ],
      { runs },
    );
    const cli = results.get('cli')!;
    const rg = results.get('rg')!;
    const counts = countCliFindings(cli.stdout);
    rows.push([
      file.label,
      fmtMs(cli.medianMs),
      `${fmtMBs(mbPerSec(file.bytes, cli.medianMs))} MB/s`,
      `${((cli.maxRssKb ?? NaN) / 1024).toFixed(0)} MB`,
      fmtMs(rg.medianMs),
      fmtRatio(pairedRatio(cli, rg)),
      String(counts?.findings ?? 'n/a'),
    ]);
  }
  console.log(`${runs} interleaved rounds after a warm-up round; the CLI with its default size limit (64 MiB)\n`);
  printTable(['file', 'sas-guard scan (wall, whole process)', 'throughput', 'CLI peak RSS', 'ripgrep', 'sas-guard/ripgrep', 'findings'], rows);
  console.log(`\nload average after: ${loadAverage()}`);
}

main();
