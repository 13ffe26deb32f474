// The web build's language server (dist/web/server.js, built by `npm run build`) in a realm with a
// web worker's globals and none of Node's: it starts, says it runs without `process`, publishes the
// same diagnostic as the Node server for a SAS, hovers, offers the quick fixes, and scans a workspace
// through the client's file requests with the same ignore rules.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fakeSignature } from '../support/fakeSecrets';
import { WebWorkerSandbox } from './webWorkerSandbox';

const BUNDLE = path.resolve('dist/web/server.js');
const sig = encodeURIComponent(fakeSignature(4242));
const accountSas = `const url = "https://contosodata.blob.core.windows.net/?sv=2022-11-02&ss=bfqt&srt=sco&sp=rwdlacupiytfx&se=2051-01-01T00:00:00Z&st=2024-01-01T00:00:00Z&spr=https&sig=${sig}";\n`;
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

function workspace(): Map<string, { type: number; bytes?: Uint8Array }> {
  return new Map([
    ['/ws', { type: 2 }],
    ['/ws/app.js', { type: 1, bytes: bytes(accountSas) }],
    ['/ws/clean.js', { type: 1, bytes: bytes('export const a = 1;\n') }],
    ['/ws/.gitignore', { type: 1, bytes: bytes('ignored/\n') }],
    ['/ws/ignored', { type: 2 }],
    ['/ws/ignored/secret.js', { type: 1, bytes: bytes(accountSas) }],
    ['/ws/src', { type: 2 }],
    ['/ws/src/config.json', { type: 1, bytes: bytes(`{ "url": ${JSON.stringify(accountSas.trim())} }\n`) }],
  ]);
}

const workers: WebWorkerSandbox[] = [];
after(() => workers.forEach((w) => w.dispose()));

async function started(): Promise<WebWorkerSandbox> {
  const worker = new WebWorkerSandbox(BUNDLE, workspace());
  workers.push(worker);
  const init = await worker.request('initialize', {
    processId: null,
    rootUri: 'file:///ws',
    workspaceFolders: [{ uri: 'file:///ws', name: 'ws' }],
    capabilities: {
      window: { workDoneProgress: true },
      workspace: { configuration: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } },
      textDocument: {
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
        publishDiagnostics: { relatedInformation: true },
      },
    },
  });
  assert.equal((init.result as { serverInfo: { name: string } }).serverInfo.name, 'SAS Guard');
  worker.notify('initialized', {});
  return worker;
}

test('the worker has no Node globals and says so', async () => {
  const worker = await started();
  assert.equal(worker.evaluate('typeof process'), 'undefined');
  assert.equal(worker.evaluate('typeof Buffer'), 'undefined');
  assert.equal(worker.evaluate('typeof require'), 'undefined');
  assert.ok(
    worker.logs.some((l) => /runs in a web worker \(process: undefined\)/.test(l)),
    worker.logs.join('\n'),
  );
});

test('a SAS in an open document: diagnostic, hover and quick fixes', async () => {
  const worker = await started();
  const uri = 'file:///ws/app.js';
  const published = worker.next((m) => m.method === 'textDocument/publishDiagnostics' && m.params?.uri === uri && (m.params.diagnostics?.length ?? 0) > 0);
  worker.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'javascript', version: 1, text: accountSas } });
  const diagnostics = (await published).params?.diagnostics as Array<{
    code: string;
    message: string;
    range: { start: unknown; end: unknown };
    source: string;
  }>;
  assert.equal(diagnostics[0]!.code, 'account-sas');
  assert.equal(diagnostics[0]!.source, 'SAS Guard');
  assert.match(diagnostics[0]!.message, /contosodata/);
  assert.ok(!diagnostics[0]!.message.includes(sig.slice(4, 14)), 'the message shows the signature');

  const hover = await worker.request('textDocument/hover', { textDocument: { uri }, position: diagnostics[0]!.range.start });
  assert.match(JSON.stringify(hover.result), /contosodata/);

  const actions = await worker.request('textDocument/codeAction', { textDocument: { uri }, range: diagnostics[0]!.range, context: { diagnostics } });
  const titles = (actions.result as Array<{ title: string }>).map((a) => a.title);
  assert.ok(
    titles.some((t) => /strip/i.test(t)),
    titles.join(' | '),
  );
  assert.ok(
    titles.some((t) => /\.env/.test(t)),
    titles.join(' | '),
  );
});

test('the workspace scan walks the client-side files with the .gitignore rules', async () => {
  const worker = await started();
  const scan = await worker.request('workspace/executeCommand', { command: 'sasGuard.scanWorkspace', arguments: [{}] });
  const summary = scan.result as { filesScanned: number; filesWithFindings: number };
  assert.ok(summary && typeof summary.filesScanned === 'number', JSON.stringify(scan));
  assert.equal(summary.filesScanned, 4, JSON.stringify(summary)); // app.js, clean.js, .gitignore, src/config.json
  assert.equal(summary.filesWithFindings, 2, JSON.stringify(summary));
});

test('the SARIF export runs in the worker, with workspace-relative paths', async () => {
  const worker = await started();
  const answer = await worker.request('workspace/executeCommand', { command: 'sasGuard.exportSarif', arguments: [{ rescan: true }] });
  assert.equal(typeof answer.result, 'string', JSON.stringify(answer).slice(0, 300));
  const sarif = JSON.parse(answer.result as string) as {
    version: string;
    runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }>;
  };
  assert.equal(sarif.version, '2.1.0');
  const files = sarif.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri).sort();
  assert.deepEqual(files, ['app.js', 'src/config.json']);
  assert.ok(!(answer.result as string).includes(sig.slice(4, 14)), 'the SARIF log shows the signature');
});
