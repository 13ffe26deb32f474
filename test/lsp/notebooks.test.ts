// Notebooks after a workspace scan: VS Code's language client (no notebookDocumentSync advertised)
// sends each cell as an ordinary textDocument/didOpen with a `vscode-notebook-cell:` URI whose path is
// the notebook's path and whose fragment names the cell. While any cell of a notebook is open, the
// scan's diagnostics for the .ipynb file are hidden (the cells show the findings, not both), and the
// status counts each finding once; when the last cell closes the file is re-read from disk and its
// scan result comes back.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ClearScanResultsRequest, ServerCommands, type WorkspaceScanSummary } from '../../server/src/lsp/protocol';
import { notebookFileOfCell } from '../../server/src/lsp/uris';
import { fileUri, guard, TestClient } from './support';
import { accountSasUrl, inUrl } from './tokens';
import { fakeSignature } from '../support/fakeSecrets';

/** The URI VS Code gives a notebook cell: the notebook's URI with another scheme and a fragment. */
function cellUri(notebookFile: string, fragment: string): string {
  return `vscode-notebook-cell:${fileUri(notebookFile).slice('file://'.length)}#${fragment}`;
}

function notebook(cells: readonly string[]): string {
  return JSON.stringify(
    {
      cells: cells.map((source) => ({
        cell_type: 'code',
        execution_count: null,
        metadata: {},
        outputs: [],
        source: source.split(/(?<=\n)/),
      })),
      metadata: { language_info: { name: 'python' } },
      nbformat: 4,
      nbformat_minor: 5,
    },
    null,
    1,
  );
}

describe('notebooks after a workspace scan', () => {
  let folder: string;
  let client: TestClient;
  let notebookFile: string;
  let otherFile: string;
  const sig = fakeSignature();
  const secretCell = `url = '${accountSasUrl(sig, 'contosonotebook')}'\nprint(url)\n`;
  const plainCell = 'print("hello")\n';

  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'sas-guard-notebook-'));
    notebookFile = path.join(folder, 'data analysis.ipynb');
    writeFileSync(notebookFile, notebook([plainCell, secretCell]));
    otherFile = path.join(folder, 'app.py');
    writeFileSync(otherFile, `BLOB = '${accountSasUrl()}'\n`);
    client = await TestClient.start({ workspaceFolders: [folder] });
  });
  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('hides the scan result of the .ipynb while a cell is open and brings it back when the last cell closes', async () => {
    const fileDiagnostics = client.nextDiagnostics(fileUri(notebookFile), (p) => p.diagnostics.length > 0);
    const summary = await client.executeCommand<WorkspaceScanSummary>(ServerCommands.scanWorkspace);
    assert.equal(summary.filesWithFindings, 2);
    assert.equal(summary.findings, 2);
    const scanned = await fileDiagnostics;
    assert.equal(scanned.diagnostics.length, 1);
    assert.equal(scanned.diagnostics[0]?.code, 'account-sas');
    assert.ok(!JSON.stringify(scanned).includes(inUrl(sig)));
    assert.equal((await client.waitForStatus((s) => s.lastScan !== undefined && s.state === 'ready')).findings, 2);

    // Open the notebook: VS Code opens every cell (the fragments are the cells' handles).
    const first = cellUri(notebookFile, 'W0sZmlsZQ%3D%3D');
    const second = cellUri(notebookFile, 'W1sZmlsZQ%3D%3D');
    const hidden = client.nextDiagnostics(fileUri(notebookFile), (p) => p.diagnostics.length === 0);
    assert.deepEqual(await client.open(first, 'python', plainCell), []);
    const cellDiagnostics = await client.open(second, 'python', secretCell);
    assert.equal(cellDiagnostics.length, 1);
    assert.equal(cellDiagnostics[0]?.code, 'account-sas');
    assert.deepEqual(cellDiagnostics[0]?.range.start, { line: 0, character: 7 });
    await hidden;
    assert.deepEqual(client.latestDiagnostics(fileUri(notebookFile)), [], 'the scan result of the notebook file is still shown');
    // One finding in the notebook (the cell's) and one in app.py: not three.
    assert.equal((await client.waitForStatus((s) => s.findings === 2 && s.state === 'ready')).findings, 2);

    // A new scan while the notebook is open does not bring the file's result back.
    await client.executeCommand<WorkspaceScanSummary>(ServerCommands.scanWorkspace);
    assert.deepEqual(client.latestDiagnostics(fileUri(notebookFile)), [], 'a rescan re-published the open notebook');
    assert.equal(client.latestDiagnostics(second)?.length, 1);
    assert.equal((await client.waitForStatus((s) => s.state === 'ready' && s.lastScan !== undefined)).findings, 2);

    // Closing one cell is not closing the notebook.
    const cleared = client.nextDiagnostics(second, (p) => p.diagnostics.length === 0);
    await client.close(second);
    await cleared;
    // Round trip so anything the server sends for that close has arrived.
    await client.hover(first, 0, 0);
    assert.deepEqual(client.latestDiagnostics(fileUri(notebookFile)), [], 'the scan result came back while a cell was still open');

    // The last cell closes: the file is re-read from disk and its result is back, counted once.
    const back = client.nextDiagnostics(fileUri(notebookFile), (p) => p.diagnostics.length > 0);
    await client.close(first);
    const restored = await back;
    assert.equal(restored.diagnostics.length, 1);
    assert.equal(restored.diagnostics[0]?.code, 'account-sas');
    assert.deepEqual(restored.diagnostics[0]?.range, scanned.diagnostics[0]?.range);
    assert.equal((await client.waitForStatus((s) => s.findings === 2)).findings, 2);
  });

  it('a notebook opened before the scan is not published by the scan, and is after its cells close', async () => {
    const cell = cellUri(notebookFile, 'W2sZmlsZQ%3D%3D');
    const cleared = client.nextDiagnostics(fileUri(notebookFile), (p) => p.diagnostics.length === 0);
    await guard(client.connection.sendRequest(ClearScanResultsRequest, undefined), 'clearScanResults');
    await cleared;
    assert.equal((await client.open(cell, 'python', secretCell)).length, 1);
    await client.executeCommand<WorkspaceScanSummary>(ServerCommands.scanWorkspace);
    assert.deepEqual(client.latestDiagnostics(fileUri(notebookFile)), []);
    assert.equal((await client.waitForStatus((s) => s.state === 'ready' && s.lastScan !== undefined)).findings, 2);
    const back = client.nextDiagnostics(fileUri(notebookFile), (p) => p.diagnostics.length > 0);
    await client.close(cell);
    assert.equal((await back).diagnostics.length, 1);
  });

  it('a cell of another notebook (or of an untitled one) leaves the scanned notebook alone', async () => {
    const elsewhere = cellUri(path.join(folder, 'other.ipynb'), 'W0sZmlsZQ%3D%3D');
    const untitled = 'vscode-notebook-cell:Untitled-1.ipynb#W0sdW50aXRsZWQ%3D';
    assert.equal((await client.open(elsewhere, 'python', secretCell)).length, 1);
    assert.equal((await client.open(untitled, 'python', secretCell)).length, 1);
    assert.equal(client.latestDiagnostics(fileUri(notebookFile))?.length, 1);
    await client.close(elsewhere);
    await client.close(untitled);
    await client.hover(fileUri(otherFile), 0, 0);
    assert.equal(client.latestDiagnostics(fileUri(notebookFile))?.length, 1);
  });

  it('maps a cell URI to its notebook file (and nothing else)', () => {
    assert.equal(notebookFileOfCell('vscode-notebook-cell:/tmp/my%20nb/a.ipynb#W0sZmlsZQ%3D%3D'), 'file:///tmp/my%20nb/a.ipynb');
    assert.equal(notebookFileOfCell('vscode-notebook-cell:/tmp/a.ipynb'), 'file:///tmp/a.ipynb');
    assert.equal(notebookFileOfCell('vscode-notebook-cell:Untitled-1.ipynb#W0sZmlsZQ%3D%3D'), undefined);
    assert.equal(notebookFileOfCell('vscode-notebook-cell://remote-host/tmp/a.ipynb#W0s'), undefined);
    assert.equal(notebookFileOfCell('file:///tmp/a.ipynb'), undefined);
    assert.equal(notebookFileOfCell('untitled:Untitled-1'), undefined);
  });
});
