// Joining an open document's chunks through a buffer (joinChunks.ts) must give exactly the
// characters a plain join gives: ASCII and latin-1 beyond it (é, ÿ, NUL) as latin-1; characters
// that need two bytes, surrogate pairs and lone surrogates as UTF-16; the same after the text grows
// and shrinks (the buffer is reused).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChunkJoiner, isOneByte } from '../../../server/src/lsp/joinChunks';

/** About 1.2 MB of chunks (past the buffer path's threshold) ending with `tail`. */
function chunksEndingWith(tail: string): string[] {
  const chunks = Array.from({ length: 75 }, (_, i) => `const link${i} = 'https://example.org/x/${i}?a=1&b=2';\r\n`.repeat(300));
  chunks.push(tail);
  return chunks;
}

function join(chunks: string[], joiner = new ChunkJoiner()): string {
  const length = chunks.reduce((n, c) => n + c.length, 0);
  const asked: number[] = [];
  const joined = joiner.join(chunks, length, (i) => {
    asked.push(i);
    return isOneByte(chunks[i]!);
  });
  assert.ok(length < 1 << 20 || asked.length > 0, 'a large text is checked chunk by chunk');
  return joined;
}

describe('joinChunks', () => {
  it('gives the plain join for large ASCII and latin-1 text', () => {
    for (const tail of ['plain ASCII', 'é ÿ \u0000 \u00a0 end']) {
      const chunks = chunksEndingWith(tail);
      assert.ok(chunks.join('').length > 1 << 20);
      assert.equal(join(chunks), chunks.join(''));
    }
  });

  it('gives the plain join for large text with characters that need two bytes', () => {
    for (const tail of ['€ sign', 'emoji 😀', 'lone \uD83D surrogate']) {
      const chunks = chunksEndingWith(tail);
      assert.equal(isOneByte(tail), false);
      assert.equal(join(chunks), chunks.join(''));
    }
  });

  it('gives the plain join through a reused buffer as the text changes size and kind', () => {
    const joiner = new ChunkJoiner();
    for (const tail of ['€', 'a', '😀'.repeat(400_000), 'é', '\uDE00']) {
      const chunks = chunksEndingWith(tail);
      assert.equal(join(chunks, joiner), chunks.join(''));
    }
  });

  it('gives the plain join for small texts', () => {
    assert.equal(join(['a\r', '\nb', 'é€']), 'a\r\nbé€');
    assert.equal(join(['only']), 'only');
  });
});
