// The primed line index (lineOffsets.ts) must be exactly the one vscode-languageserver-textdocument
// computes itself: every offset maps to the same position and back, on texts mixing LF, CRLF, lone
// CR, a CR at the very end, and empty lines; and after edits that touch line breaks.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lineStarts, primeLineOffsets } from '../../../server/src/lsp/lineOffsets';

function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const PIECES = ['a', 'bc', '\n', '\r', '\r\n', '\n\r', '\r\r\n', 'é😀', ' '];

function randomText(random: () => number, length: number): string {
  let text = '';
  while (text.length < length) text += PIECES[Math.floor(random() * PIECES.length)];
  return text;
}

function assertSameIndex(primed: TextDocument, lazy: TextDocument, label: string): void {
  const text = lazy.getText();
  assert.equal(primed.getText(), text);
  assert.equal(primed.lineCount, lazy.lineCount, label);
  for (let offset = -1; offset <= text.length + 1; offset++) {
    const position = lazy.positionAt(offset);
    assert.deepEqual(primed.positionAt(offset), position, `${label}: positionAt(${offset})`);
    assert.equal(primed.offsetAt(position), lazy.offsetAt(position), `${label}: offsetAt`);
  }
}

describe('primed line offsets', () => {
  it('lineStarts: LF, CRLF, lone CR, CR at the end', () => {
    assert.deepEqual(lineStarts(''), [0]);
    assert.deepEqual(lineStarts('a\nb\r\nc\rd\r'), [0, 2, 5, 7, 9]);
    assert.deepEqual(lineStarts('\r\n\r\n\n\r'), [0, 2, 4, 5, 6]);
  });

  it("primes a document of the library's shape (else the fast path would silently be off)", () => {
    const document = TextDocument.create('file:///p', 'plaintext', 1, 'a\nb');
    primeLineOffsets(document);
    assert.deepEqual((document as unknown as { _lineOffsets?: number[] })._lineOffsets, [0, 2]);
  });

  it("give the library's positions and offsets on 300 random texts, and after random edits", () => {
    const random = rng(11);
    for (let round = 0; round < 300; round++) {
      const text = randomText(random, Math.floor(random() * 80));
      const primed = TextDocument.create('file:///p', 'plaintext', 1, text);
      primeLineOffsets(primed);
      const lazy = TextDocument.create('file:///l', 'plaintext', 1, text);
      assertSameIndex(primed, lazy, `text ${JSON.stringify(text)}`);
      const start = Math.floor(random() * (text.length + 1));
      const end = Math.min(text.length, start + Math.floor(random() * 5));
      const change = { range: { start: lazy.positionAt(start), end: lazy.positionAt(end) }, text: randomText(random, Math.floor(random() * 6)) };
      TextDocument.update(primed, [change], 2);
      primeLineOffsets(primed);
      TextDocument.update(lazy, [change], 2);
      assertSameIndex(primed, lazy, `after an edit of ${JSON.stringify(text)}`);
    }
  });
});
