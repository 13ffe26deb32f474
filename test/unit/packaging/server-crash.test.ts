// The language server killed with SIGKILL under the bundled client (dist/client.js with the real
// vscode-languageclient, `vscode` faked by support/fakeVscode.cjs) and the real server process
// (dist/server.js, forked over stdio as in VS Code). What this layer proves: the client's crash
// policy restarts the server, says so once in the output channel and in the status item, brings
// back a finished workspace scan's diagnostics (a scan cut short runs again) with no row lost or
// doubled, and after 4 restarts within 3 minutes stops with one clear message until the user
// restarts it. What it does not: open editors (the fake has none) and the workbench's rendering;
// test/e2e scenario 8 kills the server under code-server for those.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { WorkspaceScanSummary } from '../../../server/src/lsp/protocol';
import { loadBundledClient, root, unloadBundledClient, type ClientModule } from './support/bundledClient';

interface StatusItemLike {
  id: string;
  text?: string;
  detail?: string;
  severity?: number;
}
interface FakeVscode {
  commands: { executeCommand<T>(id: string, ...args: unknown[]): Promise<T> };
  __liveDiagnostics(): Map<string, { message: string; range: unknown; code?: unknown }[]>;
  __state: {
    workspaceRoot: string | undefined;
    statusItems: StatusItemLike[];
    messages: [string, string][];
    progress: { message?: string }[];
  };
}

const RESTART_LINE = /SAS Guard server stopped unexpectedly; restarting it/;
/** Error notifications about the server or the scan (the scan's own summary is an error notification too). */
const PROBLEM = /fail|crash|stopped|not running/i;
const GAVE_UP = /crashed 5 times in the last 3 minutes and will not be restarted/;

/** Pids of dist/server.js processes this test process forked (the language client's server). */
function serverPids(): number[] {
  let out: string;
  try {
    out = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  } catch {
    return []; // ps exits 1 when there is no child at all
  }
  return out
    .split('\n')
    .filter((line) => line.includes(join('dist', 'server.js')))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

async function waitFor<T>(probe: () => T | undefined | false, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20)); // polling process and fake state: no event to await
  }
}

/** Every live diagnostic as "uri|line|code|message", sorted: equal lists mean nothing lost or doubled. */
function diagnosticRows(fake: FakeVscode): string[] {
  const rows: string[] = [];
  for (const [uri, list] of fake.__liveDiagnostics()) {
    for (const d of list) {
      const code = typeof d.code === 'object' && d.code !== null ? (d.code as { value?: unknown }).value : d.code;
      rows.push(`${uri.slice(uri.indexOf('/workspace/') + 11)}|${JSON.stringify(d.range)}|${String(code)}|${d.message}`);
    }
  }
  return rows.sort();
}

describe('server killed under the bundled client (fake vscode, real server process over stdio)', () => {
  let fake: FakeVscode;
  let client: ClientModule;
  let workspace: string;
  let status: StatusItemLike;
  const details: string[] = [];
  let rowsAfterScan: string[] = [];
  let scanHoldFile = '';

  const messagesMatching = (pattern: RegExp, kind?: string) =>
    fake.__state.messages.filter(([k, text]) => (kind === undefined || k === kind) && pattern.test(text));

  /** SIGKILLs the running server and waits until the client has another one running. */
  async function killAndWaitForRestart(): Promise<{ before: number; after: number }> {
    const [pid] = serverPids();
    assert.ok(pid, 'no server process to kill');
    const detailsBefore = details.length;
    process.kill(pid, 'SIGKILL');
    const next = await waitFor(() => serverPids().find((p) => p !== pid), 'a new server process');
    // Back when the server's own status arrived after the restart note.
    await waitFor(
      () =>
        details.slice(detailsBefore).some((d) => /^restarting/.test(d)) && /restarted at .* after the server stopped unexpectedly/.test(status.detail ?? ''),
      'the status item to say the server restarted',
    );
    return { before: pid, after: next };
  }

  before(async () => {
    ({ fake, client, workspace } = loadBundledClient<FakeVscode>('sas-guard-crash-'));
    scanHoldFile = join(workspace, '..', `scan-hold-${process.pid}`);
    process.env.SAS_GUARD_TEST_HOLD_SCAN = scanHoldFile; // inherited by every server the client forks
    const api = client.activate({ subscriptions: [], asAbsolutePath: (p: string) => join(root, p), extensionPath: root });
    await api.whenServerReady();
    status = fake.__state.statusItems.find((item) => item.id === 'sasGuard.status')!;
    assert.ok(status, 'no language status item');
    // Every detail the status item shows, in order (a restart passes through "restarting…" quickly).
    let detail = status.detail;
    Object.defineProperty(status, 'detail', {
      get: () => detail,
      set: (value: string) => {
        detail = value;
        details.push(value);
      },
    });
  });

  after(async () => {
    delete process.env.SAS_GUARD_TEST_HOLD_SCAN;
    await unloadBundledClient(client);
  });

  it("killed after a workspace scan: restarts, says so once, and the scan's diagnostics come back exactly", async () => {
    const summary = await fake.commands.executeCommand<WorkspaceScanSummary | undefined>('sasGuard.scanWorkspace');
    assert.equal(summary?.findings, 3);
    rowsAfterScan = diagnosticRows(fake);
    assert.equal(rowsAfterScan.length, 3, rowsAfterScan.join('\n'));
    assert.equal(serverPids().length, 1);

    const { before: oldPid, after: newPid } = await killAndWaitForRestart();
    assert.notEqual(newPid, oldPid);
    await waitFor(() => messagesMatching(/Workspace scan repeated after the server restart/).length > 0, 'the repeated scan');
    assert.deepEqual(diagnosticRows(fake), rowsAfterScan);
    assert.equal(messagesMatching(RESTART_LINE).length, 1, JSON.stringify(fake.__state.messages));
    assert.equal(details.filter((d) => /^restarting/.test(d)).length > 0, true);
    assert.match(status.detail ?? '', /3 findings .*· restarted at .* after the server stopped unexpectedly/);
    assert.deepEqual(messagesMatching(PROBLEM, 'error'), [], 'a restart after one crash raises no error notification');
    assert.equal(serverPids().length, 1);
  });

  it('killed in the middle of a workspace scan: the scan runs again, its summary and diagnostics are complete', async () => {
    const many = join(workspace, 'many');
    mkdirSync(many);
    for (let i = 0; i < 3000; i++) writeFileSync(join(many, `file${i}.txt`), `line ${i}\n`);
    fake.__state.progress.length = 0;
    const restartsBefore = messagesMatching(RESTART_LINE).length;
    // The server holds this scan after its listing while the hold file exists (SAS_GUARD_TEST_HOLD_SCAN),
    // so the kill lands mid-scan however fast the machine; the restarted server's scan runs through.
    writeFileSync(scanHoldFile, '');
    const scan = fake.commands.executeCommand<WorkspaceScanSummary | undefined>('sasGuard.scanWorkspace');
    await waitFor(() => fake.__state.progress.some((p) => /^0 of \d+ files/.test(p.message ?? '')), 'the scan to report its total');
    rmSync(scanHoldFile);
    await killAndWaitForRestart();
    const summary = await scan;
    assert.ok(summary, `no summary: ${JSON.stringify(fake.__state.messages.slice(-5))}`);
    assert.notEqual(summary.cancelled, true);
    assert.equal(summary.findings, 3);
    assert.equal(summary.filesScanned, 3005);
    assert.ok(
      fake.__state.progress.some((p) => /scanning again/.test(p.message ?? '')),
      'the progress does not say the scan runs again',
    );
    assert.deepEqual(diagnosticRows(fake), rowsAfterScan);
    assert.equal(messagesMatching(RESTART_LINE).length, restartsBefore + 1, 'one restart line per crash');
    assert.deepEqual(messagesMatching(PROBLEM, 'error'), []);
    rmSync(many, { recursive: true, force: true });
  });

  it('crashing over and over: after 4 restarts in 3 minutes it stays stopped with one clear message, until Restart Server', async () => {
    // Crashes 1 and 2 happened above; 3 and 4 are restarted, 5 is not.
    await killAndWaitForRestart();
    await killAndWaitForRestart();
    const [pid] = serverPids();
    process.kill(pid!, 'SIGKILL');
    await waitFor(() => messagesMatching(GAVE_UP, 'error').length > 0, 'the "will not be restarted" notification');
    await waitFor(() => serverPids().length === 0 || undefined, 'no server process');
    assert.equal(messagesMatching(GAVE_UP, 'error').length, 1, 'one notification');
    assert.equal(messagesMatching(GAVE_UP, 'log:error').length, 1, 'one output line');
    assert.equal(messagesMatching(RESTART_LINE).length, 4, 'four restarts, each said once');
    assert.match(status.text ?? '', /circle-slash/);
    assert.match(status.detail ?? '', /crashed 5 times; run Restart Server/);
    assert.equal(status.severity, 2);

    // A command does not quietly start it again: it says why it cannot run.
    const refused = await fake.commands.executeCommand<WorkspaceScanSummary | undefined>('sasGuard.scanWorkspace');
    assert.equal(refused, undefined);
    assert.equal(serverPids().length, 0, 'a command started the server after the client gave up');
    assert.ok(messagesMatching(/the workspace scan failed: .*will not be restarted/, 'error').length > 0, JSON.stringify(fake.__state.messages.slice(-3)));

    await fake.commands.executeCommand('sasGuard.restartServer');
    assert.equal(serverPids().length, 1);
    const summary = await fake.commands.executeCommand<WorkspaceScanSummary | undefined>('sasGuard.scanWorkspace');
    assert.equal(summary?.findings, 3);
    assert.deepEqual(diagnosticRows(fake), rowsAfterScan);
    assert.doesNotMatch(status.detail ?? '', /restarted at|crashed/);
  });
});
