import assert from 'node:assert/strict';
import { symlinkSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { join } from 'node:path';
import type { WalkEntry } from '../../../server/src/walker';
import { collect, makeTree, removeTree, scannedPaths, skippedBy } from './tree';

/** Walks `root`, checks the paths it scanned and the ones it skipped with why, and returns the entries. */
async function assertWalk(root: string, scanned: readonly string[], skipped: ReadonlyArray<[string, string]>): Promise<WalkEntry[]> {
  const entries = await collect({ roots: [root] });
  assert.deepEqual(scannedPaths(entries), scanned);
  assert.deepEqual(skippedBy(entries), skipped);
  return entries;
}

describe('walker: symbolic links', { skip: process.platform === 'win32' }, () => {
  const roots: string[] = [];
  after(() => roots.forEach(removeTree));
  const tree = (files: Record<string, string>): string => {
    const root = makeTree(files);
    roots.push(root);
    return root;
  };

  it('follows a link to a file and to a directory outside the root', async () => {
    const outside = tree({ 'shared/config.txt': 'x', 'single.txt': 'y' });
    const root = tree({ 'a.txt': 'a' });
    symlinkSync(join(outside, 'shared'), join(root, 'linked-dir'));
    symlinkSync(join(outside, 'single.txt'), join(root, 'linked-file.txt'));
    const entries = await collect({ roots: [root] });
    assert.deepEqual(scannedPaths(entries), ['a.txt', 'linked-file.txt', 'linked-dir/config.txt']);
    const linked = entries.find((e) => e.relativePath === 'linked-dir/config.txt')!;
    assert.equal(linked.path, join(root, 'linked-dir', 'config.txt'), 'paths are as reached, not resolved');
  });

  it('reports a link back to an ancestor once and never walks it', async () => {
    const root = tree({ 'a/b/file.txt': 'x' });
    symlinkSync('../..', join(root, 'a', 'b', 'up'));
    symlinkSync('.', join(root, 'self'));
    const entries = await assertWalk(
      root,
      ['a/b/file.txt'],
      [
        ['self', 'symlink-loop'],
        ['a/b/up', 'symlink-loop'],
      ],
    );
    const up = entries.find((e) => e.relativePath === 'a/b/up');
    assert.match(up?.kind === 'skipped' ? (up.detail ?? '') : '', /links back to/);
  });

  it('walks a directory reached twice through links only once', async () => {
    const root = tree({ 'real/file.txt': 'x' });
    symlinkSync('real', join(root, 'z-alias'));
    await assertWalk(root, ['real/file.txt'], [['z-alias', 'symlink-loop']]);
  });

  it('reports a link to itself (ELOOP) and a dangling link, and goes on', async () => {
    const root = tree({ 'ok.txt': 'x' });
    symlinkSync('loop-a', join(root, 'loop-b'));
    symlinkSync('loop-b', join(root, 'loop-a'));
    symlinkSync('does-not-exist', join(root, 'dangling'));
    await assertWalk(
      root,
      ['ok.txt'],
      [
        ['dangling', 'unreadable'],
        ['loop-a', 'symlink-loop'],
        ['loop-b', 'symlink-loop'],
      ],
    );
  });

  it('does not report a dangling link that is ignored', async () => {
    const root = tree({ '.gitignore': 'dangling\n' });
    symlinkSync('nowhere', join(root, 'dangling'));
    assert.deepEqual(skippedBy(await collect({ roots: [root] })), []);
  });
});
