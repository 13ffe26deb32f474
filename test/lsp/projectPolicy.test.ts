// The language server honours the project config (.sas-guard.json) and the baseline the CLI wrote:
// accepted findings are info, "accepted in the baseline", disabled rules are not reported, both
// files are read again when they change on disk (workspace/didChangeWatchedFiles, which the server
// registers for), and a bad config is shown once (window/showMessage and a diagnostic on the file)
// while the server goes on with the defaults. The real server over stdio; fabricated tokens only.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DiagnosticSeverity, DidChangeWatchedFilesNotification, FileChangeType, type Diagnostic, type MarkupContent } from 'vscode-languageserver-protocol';
import { DIAGNOSTIC_SOURCE, ServerCommands, type WorkspaceScanSummary } from '../../server/src/lsp/protocol';
import { fakeSignature } from '../support/fakeSecrets';
import { fileUri, guard, serverPath, TestClient } from './support';
import { accountSasUrl, storageConnectionString } from './tokens';

const cliPath = path.join(path.dirname(serverPath), 'cli.js');

function messageOf(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

function summary(diagnostics: Diagnostic[]): string[] {
  return diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE).map((d) => `${d.range.start.line}:${d.severity}`);
}

describe('lsp: the project config and the baseline', () => {
  let folder = '';
  let client: TestClient;
  const acceptedSig = fakeSignature();
  const newSig = fakeSignature();
  const appUri = (): string => fileUri(path.join(folder, 'src/app.js'));
  const configUri = (): string => fileUri(path.join(folder, '.sas-guard.json'));
  const changed = (file: string): Promise<void> =>
    client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: fileUri(path.join(folder, file)), type: FileChangeType.Changed }],
    });

  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'sas-guard-project-'));
    mkdirSync(path.join(folder, '.git'));
    mkdirSync(path.join(folder, 'src'));
    writeFileSync(path.join(folder, '.sas-guard.json'), JSON.stringify({ disabledRules: ['storage-account-key'] }));
    writeFileSync(path.join(folder, 'src/app.js'), `const a = "${accountSasUrl(acceptedSig)}";\n`);
    const written = spawnSync(process.execPath, [cliPath, 'scan', '--write-baseline'], { cwd: folder, encoding: 'utf8' });
    assert.equal(written.status, 0, written.stderr);
    client = await TestClient.start({
      workspaceFolders: [folder],
      extraCapabilities: { workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } } },
    });
  });
  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('an accepted secret is info, "accepted in the baseline", in the message and the hover; a new one an error', async () => {
    const text = `// moved by a line\nconst a = "${accountSasUrl(acceptedSig)}";\nconst b = "${accountSasUrl(newSig)}";\n`;
    const diagnostics = await client.open(appUri(), 'javascript', text);
    assert.deepEqual(summary(diagnostics), [`1:${DiagnosticSeverity.Information}`, `2:${DiagnosticSeverity.Error}`]);
    assert.match(messageOf(diagnostics[0]!), /; accepted in the baseline \.sas-guard-baseline\.json — info$/);
    const hover = await client.hover(appUri(), 1, 15);
    assert.match(
      (hover?.contents as MarkupContent).value,
      /accepted in the baseline \.sas-guard-baseline\.json: an accepted secret, still to be revoked \(critical otherwise\)/,
    );
  });

  it('has registered a watcher that sees the config and the baseline (after the first document)', () => {
    const registered = (client.registrations as { registrations: { method: string; registerOptions?: { watchers?: { globPattern: string }[] } }[] }[])
      .flatMap((r) => r.registrations)
      .find((r) => r.method === DidChangeWatchedFilesNotification.method);
    assert.ok(registered?.registerOptions?.watchers?.some((w) => w.globPattern === '**/*.json'));
  });

  it("a file outside every workspace folder gets its own folder's config, and no problem from a missing one", async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'sas-guard-outside-'));
    try {
      const uri = fileUri(path.join(outside, 'notes.md'));
      const diagnostics = await client.open(uri, 'markdown', `${accountSasUrl(fakeSignature())}\n`);
      assert.deepEqual(summary(diagnostics), [`0:${DiagnosticSeverity.Error}`]);
      assert.deepEqual(client.shownMessages, [], 'nothing to announce');
      await client.close(uri);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('a disabled rule is not reported', async () => {
    const uri = fileUri(path.join(folder, 'src/settings.env'));
    assert.deepEqual(summary(await client.open(uri, 'dotenv', `STORAGE=${storageConnectionString()}\n`)), []);
  });

  it('a bad config: shown once, on the file, and the defaults apply until it is fixed', async () => {
    writeFileSync(path.join(folder, '.sas-guard.json'), '{\n  "exclude": [],\n  "failOn": "hgh"\n}\n');
    const onConfig = client.nextDiagnostics(configUri(), (p) => p.diagnostics.length > 0);
    const keyReported = client.nextDiagnostics(fileUri(path.join(folder, 'src/settings.env')), (p) => summary(p.diagnostics).length > 0);
    await changed('.sas-guard.json');
    const problem = (await onConfig).diagnostics[0]!;
    assert.equal(problem.severity, DiagnosticSeverity.Error);
    assert.deepEqual(problem.range, { start: { line: 2, character: 2 }, end: { line: 2, character: 10 } }, 'on the field');
    assert.match(messageOf(problem), /^\.sas-guard\.json: "failOn" must be one of critical, high, medium, low, info, none, not "hgh"\. /);
    await keyReported;
    assert.deepEqual(
      client.shownMessages.filter((m) => m.message.includes('"failOn"')).map((m) => m.type),
      [1],
      'one error message',
    );
    writeFileSync(path.join(folder, '.sas-guard.json'), '{}');
    const cleared = client.nextDiagnostics(configUri(), (p) => p.diagnostics.length === 0);
    await changed('.sas-guard.json');
    await guard(cleared, 'the config problem cleared');
  });

  it('reads the baseline again when it changes on disk', async () => {
    // A new baseline that accepts the second secret only (the file on disk holds just that one).
    writeFileSync(path.join(folder, 'src/app.js'), `const b = "${accountSasUrl(newSig)}";\n`);
    const rewritten = spawnSync(process.execPath, [cliPath, 'scan', '--write-baseline'], { cwd: folder, encoding: 'utf8' });
    assert.equal(rewritten.status, 0, rewritten.stderr);
    const swapped = client.nextDiagnostics(
      appUri(),
      (p) => summary(p.diagnostics).join() === `1:${DiagnosticSeverity.Error},2:${DiagnosticSeverity.Information}`,
    );
    await changed('.sas-guard-baseline.json');
    await guard(swapped, 'the open document checked against the new baseline');
  });

  it('Scan Workspace: the config excludes and the baseline accepts, as in the CLI', async () => {
    writeFileSync(path.join(folder, '.sas-guard.json'), JSON.stringify({ exclude: ['generated/**'] }));
    mkdirSync(path.join(folder, 'generated'));
    writeFileSync(path.join(folder, 'generated/out.js'), `x = "${accountSasUrl(fakeSignature())}";\n`);
    writeFileSync(path.join(folder, 'docs.md'), `${accountSasUrl(acceptedSig)}\n`);
    const rewritten = spawnSync(process.execPath, [cliPath, 'scan', '--write-baseline', '--format', 'json'], { cwd: folder, encoding: 'utf8' });
    assert.equal(rewritten.status, 0, rewritten.stderr);
    assert.deepEqual(
      (JSON.parse(rewritten.stdout) as { accepted: { path: string }[] }).accepted.map((f) => f.path).sort(),
      ['docs.md', 'src/app.js'],
      'the CLI leaves generated/ out',
    );
    await changed('.sas-guard.json');
    const docs = client.nextDiagnostics(fileUri(path.join(folder, 'docs.md')), (p) => p.diagnostics.length > 0);
    const scanned = await client.executeCommand<WorkspaceScanSummary>(ServerCommands.scanWorkspace);
    assert.equal(scanned.findingsByGrade.critical, 0, `every finding is accepted or excluded: ${JSON.stringify(scanned)}`);
    assert.equal(scanned.findingsByGrade.info, 2);
    const published = (await docs).diagnostics;
    assert.equal(published[0]?.severity, DiagnosticSeverity.Information);
    assert.match(messageOf(published[0]!), /accepted in the baseline \.sas-guard-baseline\.json — info$/);
    assert.equal(client.latestDiagnostics(fileUri(path.join(folder, 'generated/out.js'))), undefined, 'generated/ is excluded');
  });
});
