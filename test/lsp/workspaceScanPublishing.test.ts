// A workspace scan that finds tokens in many files publishes each file's diagnostics exactly once,
// all before the scan's response, through the throttle (publishThrottle.ts, unit-tested with a
// simulated clock): no file is left out, none is sent twice, and a file opened meanwhile keeps the
// document's diagnostics.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PUBLISH_BATCH_SIZE } from '../../server/src/lsp/publishThrottle';
import { ServerCommands, type WorkspaceScanSummary } from '../../server/src/lsp/protocol';
import { fileUri, TestClient } from './support';
import { accountSasUrl } from './tokens';

const FILES = PUBLISH_BATCH_SIZE * 3 + 17;

describe('workspace scan publishing many files', () => {
  let folder: string;
  let client: TestClient;
  const uris: string[] = [];
  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'sas-guard-many-'));
    for (let i = 0; i < FILES; i++) {
      const file = path.join(folder, `pkg${i % 10}`, `file${i}.ts`);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, `// file ${i}\nexport const url = "${accountSasUrl()}";\n`);
      uris.push(fileUri(file));
    }
    for (let i = 0; i < 50; i++) writeFileSync(path.join(folder, `clean${i}.md`), '# nothing here\n');
    client = await TestClient.start({ workspaceFolders: [folder] });
  });
  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('publishes every file with findings once, all before the response (more files than one batch holds)', async () => {
    const summary = await client.executeCommand<WorkspaceScanSummary>(ServerCommands.scanWorkspace, []);
    assert.equal(summary.filesWithFindings, FILES);
    assert.equal(summary.filesScanned, FILES + 50);
    for (const uri of uris) {
      const published = client.diagnostics.get(uri) ?? [];
      assert.equal(published.length, 1, `${uri} published ${published.length} times`);
      assert.deepEqual(
        published[0]!.diagnostics.map((d) => d.code),
        ['account-sas'],
      );
      assert.equal(published[0]!.diagnostics[0]!.range.start.line, 1);
    }
    const scanned = new Set(uris);
    const published = [...client.diagnostics.keys()].filter((uri) => scanned.has(uri));
    assert.equal(published.length, FILES);
  });

  it("a file opened after the scan shows the document's diagnostics, not a late scan result", async () => {
    const scan = client.executeCommand<WorkspaceScanSummary>(ServerCommands.scanWorkspace, []);
    const uri = uris[uris.length - 1]!;
    const text = `export const url = "${accountSasUrl()}";\n// edited\n`;
    await scan;
    const opened = await client.open(uri, 'typescript', text);
    assert.equal(opened[0]?.range.start.line, 0);
    assert.deepEqual(
      client.latestDiagnostics(uri)?.map((d) => d.range.start.line),
      [0],
    );
    await client.close(uri);
  });
});
