import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { join } from 'node:path';
import { collect, filesAt, makeTree, removeTree, scannedPaths } from './tree';

describe('walker: ignore rules', () => {
  const roots: string[] = [];
  const tree = (files: Record<string, string>): string => {
    const root = makeTree(files);
    roots.push(root);
    return root;
  };
  after(() => roots.forEach(removeTree));

  it('applies nested .gitignore files relative to their own directory, with negations', async () => {
    const root = tree({
      '.gitignore': '*.log\nbuild/\nsecret*.txt\n!secret-keep.txt\n',
      'secret-keep.txt': 'kept by a negation',
      'src/.gitignore': '!important.log\n/local.txt\ngenerated/\n',
      'src/important.log': 'kept by a deeper negation',
      'src/local.txt': 'anchored to src',
      'src/deeper/local.txt': 'not anchored here',
      'docs/local.txt': 'src/.gitignore does not apply here',
      ...filesAt('a.txt', 'debug.log', 'secret1.txt', 'build/out.js', 'src/other.log', 'src/generated/g.ts', 'src/code.ts'),
    });
    const entries = await collect({ roots: [root] });
    assert.deepEqual(scannedPaths(entries), [
      '.gitignore',
      'a.txt',
      'secret-keep.txt',
      'docs/local.txt',
      'src/.gitignore',
      'src/code.ts',
      'src/important.log',
      'src/deeper/local.txt',
    ]);
    assert.ok(entries.every((e) => e.root === root));
  });

  it('cannot re-include a file inside an ignored directory (git semantics)', async () => {
    const root = tree({ '.gitignore': 'out/\n!out/keep.txt\n', 'out/keep.txt': 'x', 'in.txt': 'y' });
    assert.deepEqual(scannedPaths(await collect({ roots: [root] })), ['.gitignore', 'in.txt']);
  });

  it('re-includes with a negation when only the files were ignored', async () => {
    const root = tree({ '.gitignore': 'out/*\n!out/keep.txt\n', 'out/keep.txt': 'x', 'out/drop.txt': 'y' });
    assert.deepEqual(scannedPaths(await collect({ roots: [root] })), ['.gitignore', 'out/keep.txt']);
  });

  it('always skips .git and node_modules, even with useGitignore false', async () => {
    const root = tree({ '.git/config': 'AccountKey=nothing', ...filesAt('node_modules/pkg/index.js', 'pkg/node_modules/dep/index.js', 'index.js') });
    assert.deepEqual(scannedPaths(await collect({ roots: [root], useGitignore: false })), ['index.js']);
    assert.deepEqual(scannedPaths(await collect({ roots: [root] })), ['index.js']);
  });

  it('useGitignore: false scans ignored files', async () => {
    const root = tree({ '.gitignore': '*.log\n', 'a.log': 'x' });
    assert.deepEqual(scannedPaths(await collect({ roots: [root], useGitignore: false })), ['.gitignore', 'a.log']);
  });

  it('exclude globs are gitignore-style, relative to each root, and beat .gitignore negations', async () => {
    const root = tree({
      '.gitignore': '!fixtures/keep.txt\n',
      ...filesAt('fixtures/keep.txt', 'fixtures/sub/a.txt', 'src/a.min.js', 'src/a.js', 'src/vendor/lib.js', 'vendor/lib.js'),
    });
    const entries = await collect({ roots: [root], exclude: ['fixtures/', '*.min.js', '/vendor'] });
    assert.deepEqual(scannedPaths(entries), ['.gitignore', 'src/a.js', 'src/vendor/lib.js']);
  });

  it('accepts absolute exclude globs under the root (as editors send them)', async () => {
    const root = tree({ 'dist/a.js': 'x', 'src/dist/b.js': 'x', 'src/c.ts': 'x', 'gen/d.ts': 'x' });
    const entries = await collect({ roots: [root], exclude: [`${root}/dist/`, `${root}/gen/**`, '/elsewhere/src/**'] });
    assert.deepEqual(scannedPaths(entries), ['src/c.ts', 'src/dist/b.js']);
  });

  it('honours .git/info/exclude and the .gitignore files above a subdirectory root', async () => {
    const root = tree({
      '.git/info/exclude': 'local-only.txt\n',
      '.gitignore': '*.tmp\n',
      'pkg/.gitignore': 'gen/\n',
      // .git marks the repository root; what its HEAD says does not matter to the walker.
      ...filesAt('.git/HEAD', 'pkg/sub/a.tmp', 'pkg/sub/gen/x.ts', 'pkg/sub/local-only.txt', 'pkg/sub/a.ts'),
    });
    const entries = await collect({ roots: [join(root, 'pkg', 'sub')] });
    assert.deepEqual(scannedPaths(entries), ['a.ts']);
    assert.equal(entries[0]!.root, join(root, 'pkg', 'sub'));
  });

  it('walks a directory named explicitly even when git ignores it', async () => {
    const root = tree({ '.git/HEAD': 'x', '.gitignore': 'dist/\n', 'dist/.gitignore': '*.map\n', 'dist/app.js': 'x', 'dist/app.js.map': 'x' });
    assert.deepEqual(scannedPaths(await collect({ roots: [join(root, 'dist')] })), ['.gitignore', 'app.js']);
  });

  it('reads a file named explicitly even when it is ignored or excluded', async () => {
    const root = tree({ '.git/HEAD': 'x', '.gitignore': '*.env\n', 'prod.env': 'x' });
    const entries = await collect({ roots: [join(root, 'prod.env')], exclude: ['*.env'] });
    assert.equal(entries.length, 1);
    assert.equal(entries[0]!.kind, 'file');
    assert.equal(entries[0]!.relativePath, 'prod.env');
    assert.equal(entries[0]!.root, root);
  });

  it('walks overlapping roots once', async () => {
    const root = tree({ 'a/b.txt': 'x', 'c.txt': 'y' });
    const entries = await collect({ roots: [root, join(root, 'a'), root] });
    assert.deepEqual(scannedPaths(entries), ['c.txt', 'a/b.txt']);
    const fileFirst = await collect({ roots: [join(root, 'c.txt'), root, join(root, 'a', 'b.txt')] });
    assert.deepEqual(scannedPaths(fileFirst), ['c.txt', 'a/b.txt'], 'a file named and also walked is read once');
  });
});
