// The workspace scan reads files from disk through the walker, the editor sends decoded text: for a
// PowerShell script saved as UTF-16 (LE/BE, with or without a byte-order mark) both must give the
// diagnostics of the same script saved as UTF-8, at the same LSP positions (UTF-16 code units,
// CRLF line ends, a non-ASCII character before the token). Real binaries stay skipped.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { ServerCommands, type WorkspaceScanSummary } from '../../server/src/lsp/protocol';
import { binarySamples, encodeUtf16, fabricatedSasUrl, powerShellScript, UTF16_VARIANTS } from '../unit/walker/utf16Fixtures';
import { fileUri, TestClient } from './support';

const placed = (diagnostics: readonly Diagnostic[]) => diagnostics.map((d) => ({ code: d.code, severity: d.severity, range: d.range }));

describe('UTF-16 files: workspace scan and open documents', () => {
  const sasUrl = fabricatedSasUrl();
  const script = powerShellScript(sasUrl);
  const binaries = Object.values(binarySamples());
  const names = ['utf8', ...UTF16_VARIANTS].map((variant) => `backup.${variant}.ps1`);
  let folder = '';
  let client: TestClient;

  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'sas-guard-utf16-'));
    writeFileSync(path.join(folder, 'backup.utf8.ps1'), script);
    for (const variant of UTF16_VARIANTS) writeFileSync(path.join(folder, `backup.${variant}.ps1`), encodeUtf16(script, variant));
    binaries.forEach((bytes, i) => writeFileSync(path.join(folder, `sample${i}.dat`), bytes));
    client = await TestClient.start({ workspaceFolders: [folder] });
  });
  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it("scans each UTF-16 copy from disk to the UTF-8 copy's diagnostics; opening it gives the same positions", async () => {
    const published = names.map((name) => client.nextDiagnostics(fileUri(path.join(folder, name)), (p) => p.diagnostics.length > 0));
    const summary = await client.executeCommand<WorkspaceScanSummary>(ServerCommands.scanWorkspace, [{}]);
    assert.equal(summary.filesScanned, names.length);
    assert.equal(summary.filesWithFindings, names.length);
    assert.equal(summary.skippedByReason.binary, binaries.length);
    assert.equal(summary.skipped, binaries.length);

    const [utf8, ...utf16] = await Promise.all(published);
    const expected = placed(utf8!.diagnostics);
    const line = script.split('\r\n')[2]!;
    assert.deepEqual(
      expected.map((d) => [d.code, d.range.start]),
      [['account-sas', { line: 2, character: line.indexOf('https://') }]],
    );
    utf16.forEach((p, i) => assert.deepEqual(placed(p.diagnostics), expected, names[i + 1]));

    for (const name of names.slice(1)) {
      const uri = fileUri(path.join(folder, name));
      // The editor decodes the file and sends the text: the same positions as the scan's.
      assert.deepEqual(placed(await client.open(uri, 'powershell', script)), expected, `${name} opened`);
      // Closed, the file is read from disk again (through the walker): the scan's positions come back.
      const back = client.nextDiagnostics(uri, (p) => p.version === undefined);
      await client.close(uri);
      assert.deepEqual(placed((await back).diagnostics), expected, `${name} closed`);
    }
    assert.ok(!JSON.stringify([...client.diagnostics.values()]).includes(sasUrl.slice(sasUrl.indexOf('sig=') + 4)), 'the signature is printed');
  });
});
