// sasGuard.scanWorkspace on real folders: progress (client token and server-created token),
// skipped files, exclude globs and .gitignore, diagnostics for files that are not open, no
// duplicates once a scanned file is opened, stale results cleared by the next scan, cancellation,
// ClearScanResults and the SARIF export.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DidChangeWorkspaceFoldersNotification, WorkDoneProgressCancelNotification } from 'vscode-languageserver-protocol/node';
import { ClearScanResultsRequest, ServerCommands, type WorkspaceScanSummary } from '../../server/src/lsp/protocol';
import { fileUri, guard, TestClient } from './support';
import { accountSasUrl, inUrl, serviceBusConnectionString, storageConnectionString } from './tokens';
import { fakeSignature } from '../support/fakeSecrets';

function write(root: string, relative: string, content: string | Buffer): string {
  const file = path.join(root, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  return file;
}

describe('workspace scan', () => {
  let folder: string;
  let client: TestClient;
  const sig = fakeSignature();
  let appFile: string;
  let keysFile: string;

  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'sas-guard-scan-'));
    appFile = write(folder, 'app.ts', `// data\nexport const blobUrl = "${accountSasUrl(sig)}";\n`);
    keysFile = write(folder, 'src/settings.py', `CONN = "${storageConnectionString()}"\nBUS = "${serviceBusConnectionString()}"\n`);
    write(folder, 'docs/readme.md', '# nothing to see\n');
    write(folder, 'assets/logo.bin', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0, 1, 2, 3]));
    write(folder, 'logs/huge.log', 'x'.repeat(1100 * 1024));
    write(folder, '.gitignore', 'ignored/\n');
    write(folder, 'ignored/secret.ts', `const u = "${accountSasUrl()}";\n`);
    write(folder, 'generated/out.ts', `const u = "${accountSasUrl()}";\n`);
    write(folder, 'vendor/lib.js', `const u = "${accountSasUrl()}";\n`);
    write(folder, 'node_modules/pkg/index.js', `const u = "${accountSasUrl()}";\n`);
    // A 1 MiB limit (the default is 64 MiB) so that logs/huge.log is skipped as too large.
    client = await TestClient.start({ workspaceFolders: [folder], settings: { exclude: ['vendor/**'], maxFileSizeKB: 1024 } });
  });
  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it("scans every file with progress on the client's token and publishes diagnostics for files that are not open", async () => {
    const appDiagnostics = client.nextDiagnostics(fileUri(appFile), (p) => p.diagnostics.length > 0);
    const keysDiagnostics = client.nextDiagnostics(fileUri(keysFile), (p) => p.diagnostics.length > 0);
    const summary = await client.executeCommand<WorkspaceScanSummary>(ServerCommands.scanWorkspace, [{ exclude: ['generated/**'] }], {
      workDoneToken: 'scan-1',
    });

    assert.equal(summary.cancelled, false);
    assert.deepEqual(summary.folders, [folder]);
    assert.equal(summary.filesWithFindings, 2);
    assert.equal(summary.findings, 3);
    assert.equal(summary.distinctSecrets, 3);
    assert.equal(summary.findingsByGrade.critical, 3);
    // app.ts, settings.py, readme.md, .gitignore (ignored/, generated/, vendor/, node_modules/ never walked)
    assert.equal(summary.filesScanned, 4);
    assert.equal(summary.skippedByReason.binary, 1);
    assert.equal(summary.skippedByReason['too-large'], 1);
    assert.equal(summary.skipped, 2);
    assert.deepEqual(summary.skippedExamples.map((e) => e.path).sort(), ['assets/logo.bin', 'logs/huge.log']);

    const app = await appDiagnostics;
    assert.equal(app.version, undefined);
    assert.equal(app.diagnostics.length, 1);
    assert.equal(app.diagnostics[0]?.code, 'account-sas');
    assert.deepEqual(app.diagnostics[0]?.range.start, { line: 1, character: 24 });
    assert.ok(!JSON.stringify(app).includes(inUrl(sig)));
    assert.equal((await keysDiagnostics).diagnostics.length, 2);
    for (const unexpected of ['ignored/secret.ts', 'generated/out.ts', 'vendor/lib.js', 'node_modules/pkg/index.js']) {
      assert.equal(client.diagnostics.get(fileUri(path.join(folder, unexpected))), undefined, `${unexpected} was scanned`);
    }

    const events = client.progress.filter((p) => p.token === 'scan-1').map((p) => p.value);
    assert.equal(events[0]?.kind, 'begin');
    assert.equal(events[0]?.cancellable, true);
    assert.equal(events[events.length - 1]?.kind, 'end');
    const percentages = events.filter((e) => e.kind === 'report').map((e) => e.percentage ?? -1);
    assert.ok(percentages.length >= 2, `expected several reports, got ${percentages}`);
    assert.deepEqual(
      [...percentages].sort((a, b) => a - b),
      percentages,
      'percentages go down',
    );
    assert.ok(percentages.every((p) => p >= 0 && p <= 100));
    assert.ok(percentages[percentages.length - 1]! >= 50);
    assert.equal(client.createdProgressTokens.length, 0, 'created a token although the client gave one');

    const status = await client.waitForStatus((s) => s.lastScan !== undefined && s.state === 'ready');
    assert.equal(status.findings, 3);
    assert.equal(status.lastScan?.findings, 3);
  });

  it('creates its own progress when the client gave no token', async () => {
    await client.executeCommand<WorkspaceScanSummary>(ServerCommands.scanWorkspace, [{ exclude: ['generated/**'] }]);
    assert.equal(client.createdProgressTokens.length, 1);
    const token = client.createdProgressTokens[0]!;
    const kinds = client.progress.filter((p) => p.token === token).map((p) => p.value.kind);
    assert.equal(kinds[0], 'begin');
    assert.equal(kinds[kinds.length - 1], 'end');
  });

  it("an opened scanned file shows only the document's diagnostics; closing brings the scan's back", async () => {
    const uri = fileUri(appFile);
    const text = `// data\nexport const blobUrl = "${accountSasUrl(sig)}";\n`;
    const opened = await client.open(uri, 'typescript', text);
    assert.equal(opened.length, 1, 'duplicated diagnostics after opening a scanned file');
    assert.equal(client.diagnostics.get(uri)!.at(-1)!.version, 1);
    // Fixing the open document removes its diagnostic; nothing from the scan shows through.
    const fixed = await client.replaceAll(uri, '// data\nexport const blobUrl = process.env.BLOB_URL;\n');
    assert.deepEqual(fixed, []);
    // Closing without saving: the file on disk still has the token, so the scan's result comes back.
    const back = client.nextDiagnostics(uri, (p) => p.version === undefined);
    await client.close(uri);
    const restored = await back;
    assert.equal(restored.diagnostics.length, 1);
    assert.equal(restored.diagnostics[0]?.code, 'account-sas');
  });

  it('exports SARIF 2.1.0 for what the server holds', async () => {
    const sarif = JSON.parse(await client.executeCommand<string>(ServerCommands.exportSarif));
    assert.equal(sarif.version, '2.1.0');
    const results = sarif.runs[0].results as { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
    assert.equal(results.length, 3);
    assert.deepEqual(results.map((r) => r.ruleId).sort(), ['account-sas', 'servicebus-key', 'storage-account-key']);
    assert.deepEqual([...new Set(results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri))].sort(), ['app.ts', 'src/settings.py']);
    const text = JSON.stringify(sarif);
    assert.ok(!text.includes(inUrl(sig)) && !text.includes(sig));
  });

  it('a second scan clears the results of files that no longer have findings', async () => {
    writeFileSync(keysFile, 'CONN = os.environ["AZURE_STORAGE_CONNECTION_STRING"]\n');
    const cleared = client.nextDiagnostics(fileUri(keysFile), (p) => p.diagnostics.length === 0);
    const summary = await client.executeCommand<WorkspaceScanSummary>(ServerCommands.scanWorkspace, [{ exclude: ['generated/**'] }]);
    await cleared;
    assert.equal(summary.filesWithFindings, 1);
    assert.equal(summary.findings, 1);
    assert.equal(client.latestDiagnostics(fileUri(appFile))?.length, 1);
    const status = await client.waitForStatus((s) => s.lastScan?.findings === 1);
    assert.equal(status.findings, 1);
  });

  it('sasGuard/clearScanResults clears the diagnostics of files that are not open', async () => {
    const cleared = client.nextDiagnostics(fileUri(appFile), (p) => p.diagnostics.length === 0);
    await guard(client.connection.sendRequest(ClearScanResultsRequest, undefined), 'clearScanResults');
    await cleared;
    const status = await client.waitForStatus((s) => s.findings === 0);
    assert.equal(status.lastScan, undefined);
    const sarif = JSON.parse(await client.executeCommand<string>(ServerCommands.exportSarif));
    assert.equal(sarif.runs[0].results.length, 0);
  });

  it('exportSarif with rescan scans first', async () => {
    const sarif = JSON.parse(await client.executeCommand<string>(ServerCommands.exportSarif, [{ rescan: true }]));
    // generated/ and vendor/ are excluded by nothing now but the setting (vendor/**): app.ts and generated/out.ts.
    const uris = (sarif.runs[0].results as { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[])
      .map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri)
      .sort();
    assert.deepEqual(uris, ['app.ts', 'generated/out.ts']);
  });

  it('forgets the scan results of a workspace folder that is removed', async () => {
    const cleared = client.nextDiagnostics(fileUri(appFile), (p) => p.diagnostics.length === 0);
    await client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, {
      event: { added: [], removed: [{ uri: fileUri(folder), name: path.basename(folder) }] },
    });
    await cleared;
    const sarif = JSON.parse(await client.executeCommand<string>(ServerCommands.exportSarif));
    assert.equal(sarif.runs[0].results.length, 0);
  });
});

describe('workspace scan cancellation', () => {
  let folder: string;
  let client: TestClient;
  // Enough files that the scan outlasts a cancellation's round trip many times over: since the scan
  // reads the CLI's way (worker threads, 12 ms slices) 4,000 small files took only a few slices.
  const FILES = 16000;
  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'sas-guard-big-'));
    for (let i = 0; i < FILES; i++) {
      const body = i % 50 === 0 ? `const u${i} = "${accountSasUrl()}";\n` : `export const value${i} = ${i};\n`.repeat(40);
      write(folder, `pkg${Math.floor(i / 100)}/file${i}.ts`, body);
    }
    client = await TestClient.start({ workspaceFolders: [folder] });
  });
  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('$/cancelRequest mid-scan returns a cancelled summary and ends the progress', async () => {
    // Cancelled once files are being scanned (a percentage above zero).
    const summary = await client.executeCancelled<WorkspaceScanSummary>(
      ServerCommands.scanWorkspace,
      'big',
      (v) => v.kind === 'report' && (v.percentage ?? 0) >= 1,
    );
    assert.equal(summary.cancelled, true);
    assert.ok(summary.filesScanned < FILES, `scanned ${summary.filesScanned} of ${FILES}`);
    assert.ok(summary.filesScanned > 0);
    await client.nextProgress((p) => p.token === 'big' && p.value.kind === 'end');

    // The server is fine and a full scan afterwards completes.
    const full = await client.executeCommand<WorkspaceScanSummary>(ServerCommands.scanWorkspace, [], { workDoneToken: 'big-2' });
    assert.equal(full.cancelled, false);
    assert.equal(full.filesScanned, FILES);
    assert.equal(full.findings, FILES / 50);
  });

  it('window/workDoneProgress/cancel on the progress the server created cancels the scan', async () => {
    const scanning = client.executeCommand<WorkspaceScanSummary>(ServerCommands.scanWorkspace, []);
    const report = await client.nextProgress(
      (p) => client.createdProgressTokens.includes(p.token) && p.value.kind === 'report' && (p.value.percentage ?? 0) >= 1,
    );
    await client.connection.sendNotification(WorkDoneProgressCancelNotification.type, { token: report.token });
    const summary = await scanning;
    assert.equal(summary.cancelled, true);
    assert.ok(summary.filesScanned < FILES);
  });
});

describe('workspace scan of a folder that is not on disk (a virtual workspace in desktop VS Code)', () => {
  const virtualFolder = { uri: 'vscode-vfs://github/contoso/site', name: 'site' };
  let client: TestClient;
  let diskFolder: string;
  before(async () => {
    diskFolder = mkdtempSync(path.join(tmpdir(), 'sas-guard-scan-mixed-'));
    write(diskFolder, 'app.ts', `export const blobUrl = "${accountSasUrl()}";\n`);
    client = await TestClient.start({});
    await client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [virtualFolder], removed: [] } });
  });
  after(async () => {
    await client.stop();
    rmSync(diskFolder, { recursive: true, force: true });
  });

  it('names the folder it could not scan instead of reporting a clean workspace', async () => {
    const summary = await client.executeCommand<WorkspaceScanSummary>(ServerCommands.scanWorkspace, [{}]);
    assert.deepEqual(summary.folders, []);
    assert.deepEqual(summary.foldersNotScanned, [virtualFolder.uri]);
    assert.equal(summary.filesScanned, 0);
  });

  it('scans the folders on disk beside it and still names the one it could not', async () => {
    await client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, {
      event: { added: [{ uri: fileUri(diskFolder), name: path.basename(diskFolder) }], removed: [] },
    });
    const summary = await client.executeCommand<WorkspaceScanSummary>(ServerCommands.scanWorkspace, [{}]);
    assert.deepEqual(summary.folders, [diskFolder]);
    assert.deepEqual(summary.foldersNotScanned, [virtualFolder.uri]);
    assert.equal(summary.findings, 1);
  });
});
