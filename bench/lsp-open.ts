// Benchmark 3b: opening a large document (issue 10: "opening the 30 MB document shows its findings
// within 1 s"). didOpen of a 30 MB JSON export → the first publishDiagnostics, each round with fresh
// server processes, side by side in the same rounds:
// - sas-guard over stdio (its own reader parses a large message while it arrives; what the VS Code
//   client and every other editor use),
// - sas-guard over Node IPC (Node parses each message itself once it is all in),
// - the naive one-regex server over stdio (vscode-jsonrpc's reader, the library's documents).
// The order of the three rotates from round to round. Prints figures and ratios; asserts nothing
// about time.
//
// Usage: npx tsx bench/lsp-open.ts     (BENCH_RUNS=5, BENCH_LSP_JSON_MB=30)
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR } from './lib/data';
import { envInt, fmtMs, fmtRatio, loadAverage, machineLine, median, printTable } from './lib/measure';
import { SERVER_PATH } from './lib/tools';
import { jsonDocument } from './lsp/documents';
import { LspClient } from './lsp/lspClient';

const runs = envInt('BENCH_RUNS', 5);
const jsonMb = envInt('BENCH_LSP_JSON_MB', 30);
const GOAL_MS = 1000;

interface Contender {
  readonly name: string;
  readonly script: string;
  readonly transport: 'stdio' | 'ipc';
}

/** A fresh server: didOpen → its first publish (ms), and the number of diagnostics in it. */
async function openOnce(contender: Contender, uri: string, text: string): Promise<{ ms: number; diagnostics: number }> {
  const client = await LspClient.start(contender.name, contender.script, 60_000, contender.transport);
  try {
    const started = performance.now();
    const published = client.waitPublish(uri, 1);
    await client.open(uri, 'json', text);
    const publish = await published;
    return { ms: performance.now() - started, diagnostics: publish.diagnostics.length };
  } finally {
    await client.stop();
  }
}

async function main(): Promise<void> {
  console.log(`# bench:lsp-open — didOpen of a large document → its first diagnostics\n${machineLine()}\n`);
  if (!existsSync(SERVER_PATH)) throw new Error(`${SERVER_PATH} not found: run \`npm run build\` first`);
  const naive = join(DATA_DIR, 'naive-server.js');
  if (!existsSync(naive)) throw new Error(`${naive} not found: run \`npx tsx bench/lsp.ts\` once (it builds the naive server)`);
  const contenders: Contender[] = [
    { name: 'sas-guard, stdio', script: SERVER_PATH, transport: 'stdio' },
    { name: 'sas-guard, Node IPC', script: SERVER_PATH, transport: 'ipc' },
    { name: 'naive server, stdio', script: naive, transport: 'stdio' },
  ];
  const doc = jsonDocument(jsonMb);
  const text = doc.lines.join('\n');
  console.log(
    `${doc.title}: ${(Buffer.byteLength(text) / 1e6).toFixed(1)} MB, one fabricated account SAS; ${runs} rounds, fresh processes each, order rotating`,
  );
  console.log(`load average before: ${loadAverage()}\n`);
  const times = new Map(contenders.map((c) => [c.name, [] as number[]]));
  const diagnostics = new Map(contenders.map((c) => [c.name, new Set<number>()]));
  for (let round = 0; round < runs; round++) {
    for (let k = 0; k < contenders.length; k++) {
      const contender = contenders[(round + k) % contenders.length]!;
      const result = await openOnce(contender, doc.uri, text);
      times.get(contender.name)!.push(result.ms);
      diagnostics.get(contender.name)!.add(result.diagnostics);
    }
  }
  const naiveMedian = median(times.get('naive server, stdio')!);
  printTable(
    ['server', 'median', 'min', 'max', 'every round', `within ${GOAL_MS} ms`, 'vs naive (median)', 'diagnostics'],
    contenders.map((c) => {
      const ms = times.get(c.name)!;
      return [
        c.name,
        fmtMs(median(ms)),
        fmtMs(Math.min(...ms)),
        fmtMs(Math.max(...ms)),
        ms.map((m) => fmtMs(m)).join(', '),
        `${ms.filter((m) => m <= GOAL_MS).length} of ${ms.length}`,
        fmtRatio(median(ms) / naiveMedian),
        [...diagnostics.get(c.name)!].join('/'),
      ];
    }),
  );
  const ours = times.get('sas-guard, stdio')!;
  const within = ours.filter((m) => m <= GOAL_MS).length;
  console.log(
    `\ngoal: findings within ${GOAL_MS} ms of opening, every round (stdio) → ${within === ours.length ? 'MET' : 'MISSED'} (${within} of ${ours.length})`,
  );
  console.log(`load average after: ${loadAverage()}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
