// An open document's UTF-8 size (for sasGuard.maxFileSizeKB) is kept up to date edit by edit rather
// than counted on every keystroke; it must always equal a fresh count, whatever the edits: multi-byte
// characters, surrogate pairs split and joined, line breaks, full-text changes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { OpenDocument } from '../../../server/src/lsp/openDocument';

/** A small deterministic generator (the test must fail the same way every time). */
function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const PIECES = ['a', 'é', '€', '😀', '\uD83D', '\uDE00', '\n', '\r\n', 'sig=', 'xyz', ''];

describe('OpenDocument.byteLength', () => {
  it('equals Buffer.byteLength of the text throughout 2,000 random edits (checked every seventh)', () => {
    const random = rng(7);
    // Chunks of 8 characters: edits meet chunk boundaries all the time.
    const document = new OpenDocument('file:///virtual/size.txt', 'plaintext', 1, 'héllo 😀 world\nsecond line\n', 8);
    assert.equal(document.byteLength(), Buffer.byteLength(document.getText()));
    for (let version = 2; version < 2002; version++) {
      const text = document.getText();
      const a = Math.floor(random() * (text.length + 1));
      const b = Math.min(text.length, a + Math.floor(random() * 4));
      let inserted = '';
      for (let n = Math.floor(random() * 3); n > 0; n--) inserted += PIECES[Math.floor(random() * PIECES.length)];
      const change: TextDocumentContentChangeEvent =
        version % 500 === 0 ? { text: inserted + text } : { range: { start: document.positionAt(a), end: document.positionAt(b) }, text: inserted };
      document.applyChanges([change], version);
      // Counted only now and then, as the server does: the size must be kept between counts.
      if (version % 7 === 0) assert.equal(document.byteLength(), Buffer.byteLength(document.getText()), `after edit ${version}`);
    }
  });
});
