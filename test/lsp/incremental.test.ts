// The server re-scans a changed document only around its edits (core/scan/rescan.ts). Whatever the edits,
// the diagnostics must be those of the same text opened afresh: single and batched changes, edits
// far from and inside tokens, CRLF, suppression comments, full-text changes, in a document large
// enough (~200 KB) that the re-scan really resumes and joins the previous scan.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { TestClient } from './support';
import { accountSasUrl, containerReadSasUrl, randomSignature, storageConnectionString } from './tokens';

/** What must not depend on how the document got its text (the version and URIs do). */
function comparable(diagnostics: Diagnostic[]): unknown[] {
  return diagnostics.map((d) => {
    const { version: _version, ...data } = (d.data ?? {}) as Record<string, unknown>;
    return {
      range: d.range,
      message: d.message,
      severity: d.severity,
      code: d.code,
      data,
      related: d.relatedInformation?.map((r) => r.location.range),
    };
  });
}

const FILLER = 'export function add(a: number, b: number): number { return a + b; } // 計算\n';

describe('incremental re-scan after didChange equals a fresh check of the same text', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({});
  });
  after(async () => {
    await client.stop();
  });

  it('matches a fresh open after every kind of change', async () => {
    const sig = randomSignature();
    const block = FILLER.repeat(800); // ~64 KB
    const text = [
      `const a = '${accountSasUrl(sig)}';`,
      block,
      `const c = '${storageConnectionString()}';`,
      `// sas-guard-ignore-next-line`,
      `const s = '${containerReadSasUrl()}';`,
      block,
      `const same = '${accountSasUrl(sig, 'fabrikambackup')}';`,
      block,
      `const d = '${containerReadSasUrl()}';`,
    ].join('\n');
    const uri = 'file:///virtual/incremental.ts';
    await client.open(uri, 'typescript', text);
    let fresh = 0;
    const check = async (changes: TextDocumentContentChangeEvent[]): Promise<void> => {
      const published = await client.change(uri, changes);
      const now = client.document(uri).getText();
      const freshUri = `file:///virtual/fresh-${fresh++}.ts`;
      const expected = await client.open(freshUri, 'typescript', now);
      await client.close(freshUri);
      assert.deepEqual(comparable(published), comparable(expected));
    };
    const doc = () => client.document(uri);
    const at = (needle: string, delta = 0) => doc().positionAt(doc().getText().indexOf(needle) + delta);
    const range = (start: { line: number; character: number }, length: number) => ({
      start,
      end: doc().positionAt(doc().offsetAt(start) + length),
    });

    // Far from every token.
    await check([{ range: range(at('export', 100_000), 0), text: 'x' }]);
    // Inside a signature: breaks it, then restores it.
    await check([{ range: range(at('sig=', 10), 1), text: '' }]);
    await check([{ range: range(at('sig=', 10), 0), text: 'Q' }]);
    // Several changes in one notification, far apart.
    await check([
      { range: range(at('export'), 0), text: '// top\r\n' },
      { range: range(at('const d'), 0), text: 'const e = 1;\n' },
    ]);
    // Remove the suppression comment, then put it back.
    await check([{ range: range(at('// sas-guard-ignore-next-line'), '// sas-guard-ignore-next-line'.length), text: '' }]);
    await check([{ range: range(at("const s = '"), 0), text: '/* sas-guard-ignore */ ' }]);
    // Split a token with a line break, then a new token typed in the middle of the text.
    await check([{ range: range(at('&sp='), 0), text: '\r\n' }]);
    await check([{ range: range(at('export', 130_000), 0), text: `const n = '${accountSasUrl()}';\n` }]);
    // A full-text change (no range) and an edit after it.
    const whole = doc().getText().replace('const a', 'let a');
    await check([{ text: whole }]);
    await check([{ range: range(at('let a'), 3), text: 'var' }]);
    await client.close(uri);
  });
});
