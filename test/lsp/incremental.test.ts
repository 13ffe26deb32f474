// The server re-scans a changed document only around its edits (core/scan/rescan.ts). Whatever the edits,
// the diagnostics must be those of the same text opened afresh: single and batched changes, edits
// far from and inside tokens, CRLF, suppression comments, full-text changes, in a document large
// enough (~200 KB) that the re-scan really resumes and joins the previous scan.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { TestClient } from './support';
import { accountSasUrl, containerReadSasUrl, storageConnectionString } from './tokens';
import { fakeSignature } from '../support/fakeSecrets';

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
  // One document goes through the scenarios in order (some undo an earlier one); each scenario is its
  // own test, so a failure in one still lets the others run and report. A check compares against the
  // text as it stands, so a failed scenario leaves nothing wrong behind for the next.
  const uri = 'file:///virtual/incremental.ts';
  let client: TestClient;
  let fresh = 0;
  before(async () => {
    client = await TestClient.start({});
    const sig = fakeSignature();
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
    await client.open(uri, 'typescript', text);
  });
  after(async () => {
    await client.close(uri);
    await client.stop();
  });

  const check = async (changes: TextDocumentContentChangeEvent[]): Promise<void> => {
    const published = await client.change(uri, changes);
    const now = client.document(uri).getText();
    const freshUri = `file:///virtual/fresh-${fresh++}.ts`;
    const expected = await client.open(freshUri, 'typescript', now);
    await client.close(freshUri);
    assert.deepEqual(comparable(published), comparable(expected));
  };
  const doc = () => client.document(uri);
  /** Position of `needle` (searched from `delta` characters on when it is large: a place far from every token). */
  const at = (needle: string, delta = 0) => doc().positionAt(doc().getText().indexOf(needle) + delta);
  const range = (start: { line: number; character: number }, length: number) => ({
    start,
    end: doc().positionAt(doc().offsetAt(start) + length),
  });

  it('an edit far from every token', async () => {
    await check([{ range: range(at('export', 100_000), 0), text: 'x' }]);
  });
  it('a deletion inside a signature breaks it', async () => {
    await check([{ range: range(at('sig=', 10), 1), text: '' }]);
  });
  it('an insertion inside a signature restores it', async () => {
    await check([{ range: range(at('sig=', 10), 0), text: 'Q' }]);
  });
  it('several changes in one notification, far apart', async () => {
    await check([
      { range: range(at('export'), 0), text: '// top\r\n' },
      { range: range(at('const d'), 0), text: 'const e = 1;\n' },
    ]);
  });
  it('removing a suppression comment', async () => {
    await check([{ range: range(at('// sas-guard-ignore-next-line'), '// sas-guard-ignore-next-line'.length), text: '' }]);
  });
  it('adding an inline suppression comment', async () => {
    await check([{ range: range(at("const s = '"), 0), text: '/* sas-guard-ignore */ ' }]);
  });
  it('a line break that splits a token', async () => {
    await check([{ range: range(at('&sp='), 0), text: '\r\n' }]);
  });
  it('a new token typed in the middle of the text', async () => {
    await check([{ range: range(at('export', 130_000), 0), text: `const n = '${accountSasUrl()}';\n` }]);
  });
  it('a full-text change (no range)', async () => {
    const whole = doc().getText().replace('const a', 'let a');
    await check([{ text: whole }]);
  });
  it('a ranged edit after a full-text change', async () => {
    await check([{ range: range(at('let a'), 3), text: 'var' }]);
  });
});
