// Properties of the walk on random trees: every file is yielded exactly once, in the same order
// whatever the concurrency.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { collect, makeTree, removeTree } from './tree';

const segment = fc.constantFrom('a', 'b', 'c', 'Z', 'd.txt', 'e.js', 'f g', 'é');
const filePath = fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/'));

describe('walker: properties', () => {
  it('yields every file once, in an order that does not depend on concurrency', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(filePath, { minLength: 1, maxLength: 25 }), fc.integer({ min: 2, max: 16 }), async (paths, concurrency) => {
        // A path cannot be both a file and a directory: keep the files that are no other's prefix.
        const files = paths.filter((p) => !paths.some((q) => q !== p && q.startsWith(`${p}/`)));
        const root = makeTree(Object.fromEntries(files.map((p) => [p, `content of ${p}`])));
        try {
          const serial = await collect({ roots: [root], filesReadAtOnce: 1, useGitignore: false });
          const parallel = await collect({ roots: [root], filesReadAtOnce: concurrency, useGitignore: false });
          assert.deepEqual(parallel, serial);
          assert.deepEqual(serial.map((e) => e.relativePath).sort(), [...files].sort());
          for (const entry of serial) {
            assert.equal(entry.kind, 'file');
            if (entry.kind === 'file') assert.equal(entry.text, `content of ${entry.relativePath}`);
          }
        } finally {
          removeTree(root);
        }
      }),
      { numRuns: 40 },
    );
  });
});
