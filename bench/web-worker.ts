// Benchmark: keystroke latency of the web build's server in a browser web worker (headless Chromium,
// dist/web/server.js) against the Node server (dist/server.js over stdio) on the same document with
// the same edits: didChange → publishDiagnostics for that version, measured by each side's client
// (the page's performance.now() for the worker, Node's for the Node server). Prints both and the
// ratio; asserts nothing about time.
//
// Usage: npm run build && npx tsx bench/web-worker.ts   (BENCH_EDITS=60, BENCH_WEB_KB=200)
// Chromium: SAS_GUARD_CHROMIUM (default /usr/bin/chromium), driven by playwright-core.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { embed, generateText } from './lib/corpus';
import { fabricate, LIVE_KINDS } from './lib/plants';
import { envInt, fmtMs, fmtRatio, machineLine, median, percentile, printTable } from './lib/measure';
import { Rng } from './lib/rng';
import { REPO_DIR } from './lib/data';
import { SERVER_PATH } from './lib/tools';

const EDITS = envInt('BENCH_EDITS', 60);
const WARMUP = 10;
const SIZE_KB = envInt('BENCH_WEB_KB', 200);
const CHROMIUM = process.env.SAS_GUARD_CHROMIUM ?? '/usr/bin/chromium';
const WEB_SERVER = join(REPO_DIR, 'dist', 'web', 'server.js');
const URI = 'file:///bench/app.ts';
const SETTINGS = { maxFileSizeKB: 8192 };

/** One edit: insert a character at a line and column, then delete it again (the document returns). */
interface Edit {
  readonly line: number;
  readonly character: number;
  readonly insert: boolean;
}

function makeDocument(): { text: string; edits: Edit[] } {
  const rng = new Rng(20261203);
  const plants = Array.from({ length: 12 }, () => embed(rng, 'ts', fabricate(rng, rng.pick(LIVE_KINDS))));
  const text = generateText(rng, 'ts', SIZE_KB * 1024, plants);
  const lines = text.split('\n');
  const edits: Edit[] = [];
  for (let i = 0; i < WARMUP + EDITS; i++) {
    const line = rng.int(lines.length - 1);
    // Typing then deleting at the same place: every other edit undoes the one before.
    edits.push({ line, character: 0, insert: true }, { line, character: 0, insert: false });
  }
  return { text, edits };
}

function contentChange(edit: Edit) {
  const start = { line: edit.line, character: edit.character };
  return edit.insert ? { range: { start, end: start }, text: 'x' } : { range: { start, end: { line: edit.line, character: edit.character + 1 } }, text: '' };
}

const INITIALIZE = {
  processId: null,
  rootUri: null,
  workspaceFolders: null,
  initializationOptions: { settings: SETTINGS },
  capabilities: {
    workspace: { configuration: true },
    textDocument: { publishDiagnostics: { versionSupport: true, relatedInformation: true } },
  },
};

/** Latencies (ms) of the Node server, driven from Node over stdio. */
async function measureNode(text: string, edits: readonly Edit[]): Promise<number[]> {
  const proc = spawn(process.execPath, [SERVER_PATH, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  let waiting: { version: number; resolve: () => void } | undefined;
  conn.onNotification(PublishDiagnosticsNotification.type, (p: PublishDiagnosticsParams) => {
    if (p.uri === URI && waiting && (p.version ?? 0) >= waiting.version) waiting.resolve();
  });
  conn.onRequest('workspace/configuration', (params: { items?: unknown[] }) => (params.items ?? []).map(() => SETTINGS));
  conn.onRequest('client/registerCapability', () => null);
  conn.listen();
  await conn.sendRequest(InitializeRequest.type, INITIALIZE as never);
  await conn.sendNotification(InitializedNotification.type, {});
  const published = (version: number) => new Promise<void>((resolve) => (waiting = { version, resolve }));
  let done = published(1);
  await conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: URI, languageId: 'typescript', version: 1, text } });
  await done;
  const latencies: number[] = [];
  for (const [i, edit] of edits.entries()) {
    const version = i + 2;
    done = published(version);
    const t0 = performance.now();
    await conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: URI, version }, contentChanges: [contentChange(edit)] });
    await done;
    latencies.push(performance.now() - t0);
  }
  conn.dispose();
  proc.kill();
  return latencies;
}

/**
 * The page side, as source text: starts the worker and measures. A string, not a function, because
 * tsx's compiled functions call a helper (`__name`) that does not exist in the page.
 */
const PAGE_MEASURE = `async (input) => {
  const worker = new Worker('/server.js');
  let nextId = 1;
  const pending = new Map();
  let waiting;
  worker.onmessage = (event) => {
    const m = event.data;
    if (m.method === undefined && pending.has(m.id)) {
      pending.get(m.id)(m.result);
      pending.delete(m.id);
    } else if (m.method === 'textDocument/publishDiagnostics') {
      if (m.params.uri === input.uri && waiting && (m.params.version ?? 0) >= waiting.version) waiting.resolve();
    } else if (m.id !== undefined) {
      const result = m.method === 'workspace/configuration' ? m.params.items.map(() => input.settings) : null;
      worker.postMessage({ jsonrpc: '2.0', id: m.id, result });
    }
  };
  const request = (method, params) => new Promise((resolve) => {
    const id = nextId++;
    pending.set(id, resolve);
    worker.postMessage({ jsonrpc: '2.0', id, method, params });
  });
  const notify = (method, params) => worker.postMessage({ jsonrpc: '2.0', method, params });
  const published = (version) => new Promise((resolve) => (waiting = { version, resolve }));
  await request('initialize', input.initialize);
  notify('initialized', {});
  let done = published(1);
  notify('textDocument/didOpen', { textDocument: { uri: input.uri, languageId: 'typescript', version: 1, text: input.text } });
  await done;
  const latencies = [];
  for (const [i, change] of input.changes.entries()) {
    const version = i + 2;
    done = published(version);
    const t0 = performance.now();
    notify('textDocument/didChange', { textDocument: { uri: input.uri, version }, contentChanges: [change] });
    await done;
    latencies.push(performance.now() - t0);
  }
  worker.terminate();
  return latencies;
}`;

/** Latencies (ms) of the web worker server, driven from a page in headless Chromium. */
async function measureWorker(text: string, edits: readonly Edit[]): Promise<number[]> {
  const bundle = readFileSync(WEB_SERVER);
  const http = createServer((req, res) => {
    if (req.url === '/server.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
    else res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>SAS Guard web worker bench</title>');
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(http.address() as AddressInfo).port}/`);
    const input = { text, changes: edits.map(contentChange), uri: URI, settings: SETTINGS, initialize: INITIALIZE };
    return (await page.evaluate(`(${PAGE_MEASURE})(${JSON.stringify(input)})`)) as number[];
  } finally {
    await browser.close();
    http.close();
  }
}

async function main(): Promise<void> {
  console.log(`# Keystroke latency: web worker (Chromium) vs Node server\n${machineLine()}`);
  const { text, edits } = makeDocument();
  console.log(
    `document: ${text.split('\n').length} lines, ${(text.length / 1024).toFixed(0)} KiB, ${EDITS} measured edits after ${WARMUP} warm-up (insert or delete one character)`,
  );
  console.log(`bundles: ${WEB_SERVER} (${(bundle(WEB_SERVER) / 1024).toFixed(0)} KiB), ${SERVER_PATH} (${(bundle(SERVER_PATH) / 1024).toFixed(0)} KiB)\n`);
  const node = (await measureNode(text, edits)).slice(WARMUP);
  const worker = (await measureWorker(text, edits)).slice(WARMUP);
  const rows = [
    ['Node server (stdio)', fmtMs(median(node)), fmtMs(percentile(node, 90)), fmtMs(Math.max(...node))],
    ['web worker (Chromium)', fmtMs(median(worker)), fmtMs(percentile(worker, 90)), fmtMs(Math.max(...worker))],
  ];
  printTable(['server', 'median', 'p90', 'max'], rows);
  console.log(`\nratio worker / Node: median ${fmtRatio(median(worker) / median(node))}, p90 ${fmtRatio(percentile(worker, 90) / percentile(node, 90))}`);
}

function bundle(file: string): number {
  return readFileSync(file).length;
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
