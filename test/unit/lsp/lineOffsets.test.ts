// The line starts found with indexOf (lineOffsets.ts, which open documents index their chunks with)
// must be exactly the ones vscode-languageserver-textdocument computes itself, on texts mixing LF,
// CRLF, lone CR, a CR at the very end, and empty lines.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lineStarts } from '../../../server/src/lsp/lineOffsets';

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

describe('lineStarts', () => {
  it('lineStarts: LF, CRLF, lone CR, CR at the end', () => {
    assert.deepEqual(lineStarts(''), [0]);
    assert.deepEqual(lineStarts('a\nb\r\nc\rd\r'), [0, 2, 5, 7, 9]);
    assert.deepEqual(lineStarts('\r\n\r\n\n\r'), [0, 2, 4, 5, 6]);
  });

  it("gives the library's line starts on 300 random texts", () => {
    const random = rng(11);
    for (let round = 0; round < 300; round++) {
      const text = randomText(random, Math.floor(random() * 80));
      const library = TextDocument.create('file:///l', 'plaintext', 1, text);
      const expected = Array.from({ length: library.lineCount }, (_, line) => library.offsetAt({ line, character: 0 }));
      assert.deepEqual(lineStarts(text), expected, `text ${JSON.stringify(text)}`);
    }
  });
});
