// The walker's ignore decisions against git's own: on a tree full of tricky patterns, the files the
// walker reads must be exactly the files `git ls-files --others --exclude-standard` lists.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, describe, it } from 'node:test';
import { collect, makeTree, removeTree, scannedPaths } from './tree';

const hasGit = spawnSync('git', ['--version']).status === 0;

describe('walker: parity with git', { skip: !hasGit && 'git is not installed' }, () => {
  const roots: string[] = [];
  after(() => roots.forEach(removeTree));

  it('reads exactly the untracked, not-ignored files git lists', async () => {
    const root = makeTree({
      '.gitignore':
        [
          '# comment',
          '*.log',
          '!keep.log',
          '/root-only.txt',
          'build/',
          '**/cache',
          'docs/**/*.tmp',
          'a/**/b',
          '\\#hash.txt',
          'trailing.txt   ',
          'star*',
          '!starlight.md',
          'deep/*/x.txt',
          'weird[0-9].txt',
          'dir-pattern/',
          'foo/bar/',
        ].join('\n') + '\n',
      '.git/info/exclude': 'local-*.txt\n',
      'keep.log': 'x',
      'drop.log': 'x',
      'root-only.txt': 'x',
      'sub/root-only.txt': 'x',
      'build/out.js': 'x',
      'src/build/out.js': 'x',
      'src/cache/c.txt': 'x',
      cache: 'a file named cache is ignored by **/cache too',
      'docs/a.tmp': 'x',
      'docs/x/y/z.tmp': 'x',
      'docs/x/y/z.md': 'x',
      'a/b': 'x',
      'a/x/y/b/c.txt': 'x',
      'a/x/c.txt': 'x',
      '#hash.txt': 'x',
      'trailing.txt': 'x',
      'start.md': 'x',
      'starlight.md': 'x',
      'deep/one/x.txt': 'x',
      'deep/one/two/x.txt': 'x',
      'weird5.txt': 'x',
      'weirdX.txt': 'x',
      'dir-pattern': 'a file, not a directory: not ignored by dir-pattern/',
      'foo/bar/baz.txt': 'x',
      'foo/bar.txt': 'x',
      'local-notes.txt': 'x',
      'nested/.gitignore': '!drop.log\n*.md\n!/README.md\n/only-here.txt\n',
      'nested/drop.log': 'x',
      'nested/README.md': 'x',
      'nested/other.md': 'x',
      'nested/inner/README.md': 'x',
      'nested/only-here.txt': 'x',
      'nested/inner/only-here.txt': 'x',
      'Upper.LOG': 'case matters on Linux',
      'space name.txt': 'x',
      'unicode-é.txt': 'x',
    });
    roots.push(root);
    const env = { ...process.env, HOME: root, XDG_CONFIG_HOME: root, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };
    // `git init` keeps an existing .git/info/exclude.
    assert.equal(spawnSync('git', ['init', '-q', root], { env }).status, 0);
    const listed = spawnSync('git', ['-c', 'core.quotepath=off', 'ls-files', '--others', '--exclude-standard', '-z'], { cwd: root, env, encoding: 'utf8' });
    assert.equal(listed.status, 0, listed.stderr);
    const expected = listed.stdout.split('\0').filter(Boolean).sort();
    assert.ok(expected.length > 15 && expected.includes('keep.log') && !expected.includes('drop.log'), 'git saw the tree');
    const actual = scannedPaths(await collect({ roots: [root] })).sort();
    assert.deepEqual(actual, expected);

    // From a subdirectory: git still applies the levels above, and so must the walker.
    const fromNested = spawnSync('git', ['-c', 'core.quotepath=off', 'ls-files', '--others', '--exclude-standard', '-z'], {
      cwd: `${root}/nested`,
      env,
      encoding: 'utf8',
    });
    const nestedExpected = fromNested.stdout.split('\0').filter(Boolean).sort();
    assert.deepEqual(scannedPaths(await collect({ roots: [`${root}/nested`] })).sort(), nestedExpected);
    assert.ok(nestedExpected.includes('drop.log') && !nestedExpected.includes('other.md'));
  });
});
