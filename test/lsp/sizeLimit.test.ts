// Open documents are checked whatever their size up to sasGuard.maxFileSizeKB (default 64 MiB):
// a 2 MB document gets its findings with the default settings, a document of exactly the limit is
// checked, and only one byte past it gets the "not checked" notice instead.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { clientPerSuite, type TestClient } from './support';
import { accountSasUrl } from './tokens';

describe('size limit of open documents', () => {
  let client: TestClient;
  clientPerSuite({}, (started) => (client = started));

  it('checks a 2 MB document with the default settings', async () => {
    const uri = 'file:///virtual/two-mb.json';
    const row = '{"id": 1, "name": "an ordinary row", "tags": ["a", "b"]},\n';
    const text = row.repeat(Math.ceil((2 * 1024 * 1024) / row.length)) + `{"url": "${accountSasUrl()}"}\n`;
    assert.ok(text.length > 2 * 1024 * 1024);
    const diagnostics = await client.open(uri, 'json', text);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range.start.line]),
      [['account-sas', text.split('\n').length - 2]],
    );
    await client.close(uri);
  });

  it('checks a document of exactly the limit and reports one byte over it as not checked', async () => {
    await client.changeConfiguration({ maxFileSizeKB: 1 });
    const line = `const u = "${accountSasUrl()}";\n`;
    // 'é' is two bytes in UTF-8: the limit counts bytes, not characters.
    const padding = (bytes: number): string => 'é'.repeat(Math.floor(bytes / 2)) + 'x'.repeat(bytes % 2);
    const exact = line + '// ' + padding(1024 - Buffer.byteLength(line) - 3);
    assert.equal(Buffer.byteLength(exact), 1024);
    const atLimit = await client.open('file:///virtual/exact.ts', 'typescript', exact);
    assert.deepEqual(
      atLimit.map((d) => d.code),
      ['account-sas'],
    );
    const over = await client.open('file:///virtual/over.ts', 'typescript', exact + 'x');
    assert.equal(over.length, 1);
    assert.equal(over[0]?.code, 'skipped-file');
    assert.equal(over[0]?.severity, DiagnosticSeverity.Information);
    assert.match(over[0]?.message as string, /over the sasGuard\.maxFileSizeKB limit of 1 KB/);
    await client.close('file:///virtual/exact.ts');
    await client.close('file:///virtual/over.ts');
    await client.changeConfiguration({});
  });
});
