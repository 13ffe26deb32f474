// Benchmark 3: the language server. didChange → publishDiagnostics latency on three documents
// (a 20,000-line source file; a 20,000-line file where every line holds an ordinary URL with a query;
// a 30 MB JSON document), with edits near the token and far from it, against a naive one-regex
// server driven the same way in the same run; didOpen → first publish on each; and the server's
// memory after opening 100 documents. Prints figures and ratios; asserts nothing about time.
//
// Usage: npx tsx bench/lsp.ts     (BENCH_EDITS=50, BENCH_LSP_LINES=20000, BENCH_LSP_JSON_MB=30, BENCH_LSP_DOCS=100,
//                                   BENCH_LSP_CASES=source,urls,json)
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { type TextDocumentContentChangeEvent, TextDocumentSyncKind } from 'vscode-languageserver-protocol/node';
import { embed, generateText, type Lang, pickLang } from './lib/corpus';
import { fabricate } from './lib/plants';
import { DATA_DIR } from './lib/data';
import { envInt, fmtMs, fmtRatio, loadAverage, machineLine, median, printTable } from './lib/measure';
import { Rng } from './lib/rng';
import { SERVER_PATH } from './lib/tools';
import { type BenchDocument, jsonDocument, sourceDocument, urlDocument } from './lsp/documents';
import { LspClient } from './lsp/lspClient';

const edits = envInt('BENCH_EDITS', 50);
const warmupEdits = 10;
const lineCount = envInt('BENCH_LSP_LINES', 20_000);
const jsonMb = envInt('BENCH_LSP_JSON_MB', 30);
const cases = (process.env.BENCH_LSP_CASES ?? 'source,urls,json').split(',');
const docCount = envInt('BENCH_LSP_DOCS', 100);
const publishTimeoutMs = envInt('BENCH_LSP_TIMEOUT_S', 60) * 1000;

const LANGUAGE_IDS: Readonly<Record<Lang, string>> = {
  ts: 'typescript',
  js: 'javascript',
  py: 'python',
  cs: 'csharp',
  java: 'java',
  go: 'go',
  json: 'json',
  yaml: 'yaml',
  md: 'markdown',
  sh: 'shellscript',
  env: 'dotenv',
  dockerfile: 'dockerfile',
  xml: 'xml',
  tf: 'terraform',
};

const SYNC_NAMES: Readonly<Record<number, string>> = { 0: 'none', 1: 'full', 2: 'incremental' };

function buildNaiveServer(): string {
  const out = join(DATA_DIR, 'naive-server.js');
  buildSync({
    entryPoints: [join(__dirname, 'lsp', 'naive-server.ts')],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
  });
  return out;
}

interface EditSeries {
  ours: number[];
  naive: number[];
}

interface LatencyRow {
  readonly cells: string[];
  readonly medianRatio: number;
  readonly maxRatio: number;
}

async function latency(ours: LspClient, naive: LspClient, doc: BenchDocument): Promise<{ rows: LatencyRow[]; open: string[] }> {
  const { lines, tokenLine, uri } = doc;
  const text = lines.join('\n');
  console.log(
    `## ${doc.title}: ${lines.length.toLocaleString('en-US')} lines, ${(Buffer.byteLength(text) / 1e6).toFixed(1)} MB, token on line ${tokenLine + 1}\n`,
  );
  const state = new Map<LspClient, { lines: string[]; version: number }>();
  const openMs: Record<string, number> = {};
  const openCounts: Record<string, number> = {};
  for (const c of [ours, naive]) {
    state.set(c, { lines: [...lines], version: 1 });
    const started = performance.now();
    const wait = c.waitPublish(uri, 1);
    await c.open(uri, doc.languageId, text);
    const p = await wait;
    openMs[c.name] = performance.now() - started;
    openCounts[c.name] = p.diagnostics.length;
  }

  // Inserts then deletes one character, so the document returns to its original text every two edits.
  const edit = async (c: LspClient, line: number, column: number, i: number): Promise<number> => {
    const s = state.get(c)!;
    const current = s.lines[line]!;
    let change: TextDocumentContentChangeEvent;
    if (i % 2 === 0) {
      s.lines[line] = current.slice(0, column) + 'x' + current.slice(column);
      change = { range: { start: { line, character: column }, end: { line, character: column } }, text: 'x' };
    } else {
      s.lines[line] = current.slice(0, column) + current.slice(column + 1);
      change = { range: { start: { line, character: column }, end: { line, character: column + 1 } }, text: '' };
    }
    s.version++;
    const full = c.syncKind === TextDocumentSyncKind.Incremental ? '' : s.lines.join('\n');
    const wait = c.waitPublish(uri, s.version);
    const started = performance.now();
    await c.change(uri, s.version, change, full);
    const p = await wait;
    const ms = performance.now() - started;
    if (p.diagnostics.length === 0) throw new Error(`${c.name}: the token's diagnostic disappeared after an edit`);
    return ms;
  };

  const series = async (line: number, column: number): Promise<EditSeries> => {
    const out: EditSeries = { ours: [], naive: [] };
    for (let i = 0; i < warmupEdits + edits; i++) {
      const a = await edit(ours, line, column, i);
      const b = await edit(naive, line, column, i);
      if (i >= warmupEdits) {
        out.ours.push(a);
        out.naive.push(b);
      }
    }
    return out;
  };

  const near = await series(tokenLine, doc.nearColumn); // on the token's line
  const far = await series(3, 0); // top of the file, far from the token

  const row = (label: string, s: EditSeries): LatencyRow => {
    const ratios = s.ours.map((v, i) => v / s.naive[i]!);
    const maxRatio = Math.max(...s.ours) / Math.max(...s.naive);
    return {
      cells: [
        `${doc.title}: ${label}`,
        fmtMs(median(s.ours)),
        fmtMs(median(s.naive)),
        fmtRatio(median(ratios)),
        fmtMs(Math.max(...s.ours)),
        fmtMs(Math.max(...s.naive)),
        fmtRatio(maxRatio),
      ],
      medianRatio: median(ratios),
      maxRatio,
    };
  };
  const open = [
    doc.title,
    `${fmtMs(openMs[ours.name]!)} (${openCounts[ours.name]} diagnostics)`,
    `${fmtMs(openMs[naive.name]!)} (${openCounts[naive.name]} diagnostics)`,
  ];
  return { rows: [row('near the token (same line)', near), row('far from the token (line 4)', far)], open };
}

async function latencies(ours: LspClient, naive: LspClient): Promise<void> {
  console.log(`# didChange → publishDiagnostics\n`);
  console.log(
    `sync: ours ${SYNC_NAMES[ours.syncKind]}, naive ${SYNC_NAMES[naive.syncKind]}; ${edits} edits per series after ${warmupEdits} warm-up edits, alternating ours/naive edit by edit\n`,
  );
  const makers: Record<string, () => BenchDocument> = {
    source: () => sourceDocument(lineCount),
    urls: () => urlDocument(lineCount),
    json: () => jsonDocument(jsonMb),
  };
  const rows: LatencyRow[] = [];
  const opens: string[][] = [];
  for (const name of cases) {
    const make = makers[name];
    if (make === undefined) continue;
    const result = await latency(ours, naive, make());
    rows.push(...result.rows);
    opens.push(result.open);
  }
  printTable(
    ['document: edit', 'ours median', 'naive median', 'ours/naive (median)', 'ours max', 'naive max', 'ours/naive (max)'],
    rows.map((r) => r.cells),
  );
  console.log();
  printTable(['document', 'didOpen → first publish, ours', 'naive'], opens);
  const worstMedian = Math.max(...rows.map((r) => r.medianRatio));
  const worstMax = Math.max(...rows.map((r) => r.maxRatio));
  console.log(
    `\ngoal: ours/naive median ≤ 1.0 → ${fmtRatio(worstMedian)} ${worstMedian <= 1 ? 'MET' : 'MISSED'}; worst edit ≤ 1.5x naive's worst → ${fmtRatio(worstMax)} ${worstMax <= 1.5 ? 'MET' : 'MISSED'}\n`,
  );
}

/** `docCount` documents: mostly small, some medium, a few large; about a third hold fabricated tokens. */
function documents(): { uri: string; languageId: string; text: string }[] {
  const rng = new Rng(55);
  const docs: { uri: string; languageId: string; text: string }[] = [];
  for (let i = 0; i < docCount; i++) {
    const lang = pickLang(rng);
    const size = i % 10 === 0 ? rng.range(300_000, 900_000) : i % 3 === 0 ? rng.range(50_000, 200_000) : rng.range(2_000, 20_000);
    const plants = rng.chance(0.33)
      ? [embed(rng, lang, fabricate(rng, 'blob-service-sas-url')), embed(rng, lang, fabricate(rng, 'storage-connection-string'))]
      : [];
    docs.push({
      uri: `file:///bench/docs/doc-${i}${lang === 'dockerfile' ? '/Dockerfile' : `.${lang}`}`,
      languageId: LANGUAGE_IDS[lang],
      text: generateText(rng, lang, size, plants),
    });
  }
  return docs;
}

async function memory(clients: LspClient[]): Promise<void> {
  const docs = documents();
  const totalMb = docs.reduce((n, d) => n + Buffer.byteLength(d.text), 0) / 1e6;
  console.log(
    `## Memory after opening ${docs.length} documents (${totalMb.toFixed(1)} MB in all; ${docs.filter((d) => /sig=|AccountKey=/.test(d.text)).length} with tokens)\n`,
  );
  const rows: string[][] = [];
  for (const c of clients) {
    const before = c.memory();
    const started = performance.now();
    await Promise.all(
      docs.map(async (d) => {
        const wait = c.waitPublish(d.uri, 1);
        await c.open(d.uri, d.languageId, d.text);
        await wait;
      }),
    );
    const openAllMs = performance.now() - started;
    await new Promise((r) => setTimeout(r, 1000));
    const after = c.memory();
    let withDiagnostics = 0;
    let diagnostics = 0;
    for (const d of docs) {
      const n = c.latest.get(d.uri)?.diagnostics.length ?? 0;
      diagnostics += n;
      if (n > 0) withDiagnostics++;
    }
    rows.push([
      c.name,
      `${before.rssMb.toFixed(0)} MB`,
      `${after.rssMb.toFixed(0)} MB`,
      `${after.hwmMb.toFixed(0)} MB`,
      fmtMs(openAllMs),
      `${diagnostics} in ${withDiagnostics} docs`,
    ]);
  }
  printTable(['server', 'RSS after initialize', `RSS after ${docs.length} opens`, 'peak RSS (VmHWM)', 'open all → all published', 'diagnostics'], rows);
  console.log();
}

async function main(): Promise<void> {
  console.log(`# bench:lsp\n${machineLine()}\nload average before: ${loadAverage()}\n`);
  if (!existsSync(SERVER_PATH)) {
    console.log(`${SERVER_PATH} not found: run \`npm run build\` first.`);
    return;
  }
  const naivePath = buildNaiveServer();
  const ours = await LspClient.start('sas-guard', SERVER_PATH, publishTimeoutMs);
  const naive = await LspClient.start('naive (one regex)', naivePath, publishTimeoutMs);
  try {
    await latencies(ours, naive);
  } finally {
    await ours.stop();
    await naive.stop();
  }
  // Fresh processes, so the memory figures hold only the 100 documents.
  const ours2 = await LspClient.start('sas-guard', SERVER_PATH, publishTimeoutMs);
  const naive2 = await LspClient.start('naive (one regex)', naivePath, publishTimeoutMs);
  try {
    await memory([ours2, naive2]);
  } finally {
    await ours2.stop();
    await naive2.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
