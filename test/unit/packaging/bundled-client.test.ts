// The bundled client (dist/client.js) against the bundled server (dist/server.js), in plain Node:
// `vscode` is a small fake (support/fakeVscode.cjs), the server is the real process over stdio.
// Checks what no unit test of the parts can: activation is quick and registers every command, the
// server's executeCommandProvider ids do not collide with the client's own commands (the fake
// throws on a duplicate registration, as VS Code does), and Scan Workspace / Export SARIF / Clear /
// Restart work end to end, with progress, a summary and the status item.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { HistoryScanSummary, WorkspaceScanSummary } from '../../../server/src/lsp/protocol';
import { fixtureGitEnv } from '../history/gitRepo';
import { loadBundledClient, root, unloadBundledClient, type ClientModule } from './support/bundledClient';

interface FakeState {
  workspaceRoot: string | undefined;
  statusItems: { id: string; text?: string; detail?: string; severity?: number; busy?: boolean }[];
  messages: [string, string][];
  progress: { message?: string; increment?: number }[];
  lastProgress?: { cancel(): void };
  clipboard?: string;
}
interface FakeVscode {
  commands: { executeCommand<T>(id: string, ...args: unknown[]): Promise<T> };
  Uri: { file(path: string): { toString(): string } };
  __commands: Map<string, unknown>;
  __diags: Map<string, unknown[]>;
  __state: FakeState;
}

const CLIENT_COMMANDS = [
  'sasGuard.clearScanResults',
  'sasGuard.copyRevokeCommand',
  'sasGuard.exportSarif',
  'sasGuard.restartServer',
  'sasGuard.scanHistory',
  'sasGuard.scanWorkspace',
  'sasGuard.showOutput',
];

describe('bundled client + server (fake vscode, real server process)', () => {
  let fake: FakeVscode;
  let client: ClientModule;
  let scratch: string;
  let workspace: string;

  before(() => {
    ({ fake, client, scratch, workspace } = loadBundledClient<FakeVscode>('sas-guard-client-'));
  });

  after(async () => {
    await unloadBundledClient(client);
  });

  it('activates at once, registers its commands, and starts the server without a command collision', async () => {
    const context = { subscriptions: [] as unknown[], asAbsolutePath: (p: string) => join(root, p), extensionPath: root };
    const started = performance.now();
    const api = client.activate(context);
    const activationMs = performance.now() - started;
    assert.ok(activationMs < 1000, `activate took ${activationMs.toFixed(0)} ms`);
    assert.deepEqual([...fake.__commands.keys()].sort(), CLIENT_COMMANDS);
    await api.whenServerReady(); // rejects if the language client failed to register the server's commands
    assert.deepEqual([...fake.__commands.keys()].sort(), CLIENT_COMMANDS);
    assert.ok(!fake.__state.messages.some(([kind]) => kind === 'error'), JSON.stringify(fake.__state.messages));
  });

  it('Scan Workspace reports progress, returns the summary, shows it, publishes diagnostics and updates the status item', async () => {
    const summary = await fake.commands.executeCommand<WorkspaceScanSummary | undefined>('sasGuard.scanWorkspace');
    assert.ok(summary, JSON.stringify(fake.__state.messages));
    assert.equal(summary.filesScanned, 5);
    assert.equal(summary.findings, 3);
    assert.deepEqual(summary.findingsByGrade, { critical: 2, high: 0, medium: 0, low: 0, info: 1 });
    assert.ok(fake.__state.progress.length > 0, 'no progress was reported');
    const total = fake.__state.progress.reduce((sum, p) => sum + (p.increment ?? 0), 0);
    assert.ok(total > 0 && total <= 100, `progress increments add up to ${total}`);
    const shown = fake.__state.messages.find(([kind, text]) => kind === 'error' && text.startsWith('SAS Guard: Scanned 5 files'));
    assert.ok(shown, JSON.stringify(fake.__state.messages));
    assert.match(shown[1], /3 findings \(2 critical, 1 info\) in 3 files/);
    const published = [...fake.__diags.entries()]
      .filter(([, list]) => list.length > 0)
      .map(([uri]) => uri.slice(uri.indexOf('/workspace/') + 11))
      .sort();
    assert.deepEqual(published, ['deploy/pipeline.yml', 'docs/download.md', 'src/storage.ts']);
    const status = fake.__state.statusItems.find((item) => item.id === 'sasGuard.status');
    assert.ok(status);
    await waitFor(() => status.severity === 2, 'status item severity Error');
    assert.match(status.text ?? '', /SAS Guard: 3/);
    assert.match(status.detail ?? '', /2 critical/);
  });

  it("Export SARIF Report writes the server's SARIF log to the given file, without secrets", async () => {
    const target = join(scratch, 'report.sarif');
    await fake.commands.executeCommand('sasGuard.exportSarif', { target });
    const text = readFileSync(target, 'utf8');
    const log = JSON.parse(text) as { version: string; runs: { results: unknown[] }[] };
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs[0]!.results.length, 3);
    assert.doesNotMatch(text, /fYcoBp6RHcQhc6ss|KWxwGs0H4XJgYKp/);
  });

  it('Copy the revoke command puts the commands on the clipboard (the client owns the id; the server also lists it)', async () => {
    const text = 'az storage account keys renew --resource-group <resource-group> --account-name fabrikamdata --key primary';
    await fake.commands.executeCommand('sasGuard.copyRevokeCommand', { text, action: 'Renew both keys', docs: 'https://example.invalid/docs/revoking.md' });
    assert.equal(fake.__state.clipboard, text);
    assert.ok(
      fake.__state.messages.some(([kind, message]) => kind === 'info' && message.includes('on the clipboard')),
      JSON.stringify(fake.__state.messages),
    );
  });

  it("Scan Git History scans the folder's repository and says how many secrets it holds", async () => {
    for (const args of [
      ['init', '-q'],
      ['add', '-A'],
      ['commit', '-q', '-m', 'fixture'],
    ]) {
      execFileSync('git', args, { cwd: workspace, env: fixtureGitEnv(), stdio: 'ignore' });
    }
    const summary = await fake.commands.executeCommand<HistoryScanSummary | undefined>('sasGuard.scanHistory');
    assert.ok(summary, JSON.stringify(fake.__state.messages));
    assert.equal(summary.commits, 1);
    assert.ok(summary.secrets.length > 0);
    assert.ok(summary.secrets.every((secret) => secret.inHead && /^[0-9a-f]{40}$/.test(secret.commit)));
    const shown = fake.__state.messages.find(([kind, text]) => kind === 'warning' && text.startsWith(`SAS Guard: ${summary.secrets.length} secret`));
    assert.ok(shown, JSON.stringify(fake.__state.messages));
  });

  it('Clear Workspace Scan Results removes the diagnostics of files that are not open', async () => {
    await fake.commands.executeCommand('sasGuard.clearScanResults');
    await waitFor(() => [...fake.__diags.values()].every((list) => list.length === 0), 'diagnostics cleared');
    assert.ok(!fake.__state.messages.some(([kind, text]) => kind === 'error' && text.includes('clearing')), JSON.stringify(fake.__state.messages));
  });

  it('Restart Server restarts it and the commands keep working', async () => {
    await fake.commands.executeCommand('sasGuard.restartServer');
    assert.deepEqual([...fake.__commands.keys()].sort(), CLIENT_COMMANDS);
    const summary = await fake.commands.executeCommand<WorkspaceScanSummary | undefined>('sasGuard.scanWorkspace');
    assert.equal(summary?.findings, 3);
  });

  it('cancelling the progress notification stops the scan and says so', async () => {
    const many = join(workspace, 'many');
    mkdirSync(many);
    for (let i = 0; i < 3000; i++) writeFileSync(join(many, `file${i}.txt`), `line ${i}\n`);
    fake.__state.progress.length = 0;
    fake.__state.messages.length = 0;
    const scan = fake.commands.executeCommand<WorkspaceScanSummary | undefined>('sasGuard.scanWorkspace');
    await waitFor(() => fake.__state.progress.some((p) => /of \d+ files/.test(p.message ?? '')), 'the scan to report progress');
    fake.__state.lastProgress!.cancel();
    const summary = await scan;
    if (summary) assert.equal(summary.cancelled, true, 'the scan finished although it was cancelled');
    assert.ok(
      fake.__state.messages.some(([, text]) => /cancelled/i.test(text)),
      `no "cancelled" message: ${JSON.stringify(fake.__state.messages)}`,
    );
    assert.ok(!fake.__state.messages.some(([kind, text]) => kind === 'error' && /failed/.test(text)), JSON.stringify(fake.__state.messages));
  });
});

async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
