// The synchronous reading and listing the CLI uses must give exactly what the thread-pool versions
// the language server uses give: same texts, same skips and details, same order.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync, symlinkSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { join } from 'node:path';
import { listFiles, readTextFile, type WalkOptions } from '../../../server/src/walker';
import { readTextBytesSync, readTextFileSync } from '../../../server/src/walker/readTextFile';
import { collect, makeTree, removeTree, scannedPaths, skippedBy } from './tree';

const FILES: Record<string, string | Uint8Array> = {
  'plain.txt': 'hello\r\nworld\n',
  'lone-cr.txt': 'a\rb\rc',
  'bom.txt': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('x=1\n')]),
  'invalid.txt': Buffer.from([0x61, 0xff, 0x62, 0xc3, 0x0a, 0x63]),
  'nul.bin': Buffer.concat([Buffer.from('GIF89a'), Buffer.from([0, 1, 2, 3])]),
  'control.bin': Buffer.from(Array.from({ length: 200 }, (_, i) => (i % 2 ? 0x01 : 0x41))),
  'utf16.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('sig=abc', 'utf16le')]),
  'empty.txt': '',
  'big.txt': 'b'.repeat(300_000),
  'over.txt': 'o'.repeat(2_000_000),
  'small-after-big.txt': 'tiny',
  'dir.txt/inner.txt': 'a directory named like a file',
  '.gitignore': 'ignored.txt\n/build/\n*.log\n!keep.log\n',
  'ignored.txt': 'x',
  'build/out.js': 'x',
  'keep.log': 'kept by a negation',
  'other.log': 'ignored',
  'nested/.gitignore': '*.tmp\n',
  'nested/a.tmp': 'ignored',
  'nested/b.txt': 'b',
  'nested/deeper/c.txt': 'c',
  'node_modules/pkg/index.js': 'never walked',
  'excluded/secret.txt': 'excluded by a glob',
};

describe('walker: synchronous I/O gives what the thread pool gives', () => {
  const root = makeTree(FILES);
  after(() => removeTree(root));
  if (process.platform !== 'win32') {
    symlinkSync('..', join(root, 'nested', 'up'));
    symlinkSync(join(root, 'missing-target'), join(root, 'dangling.txt'));
    symlinkSync(join(root, 'nested', 'b.txt'), join(root, 'link-to-b.txt'));
    execFileSync('mkfifo', [join(root, 'pipe.txt')]);
  }

  it('readTextFileSync returns what readTextFile returns, for every kind of file', async () => {
    const names = [...readdirSync(root), 'missing.txt'];
    for (const name of names) {
      const path = join(root, name);
      for (const limit of [1024 * 1024, 100]) {
        assert.deepEqual(readTextFileSync(path, limit), await readTextFile(path, limit), `${name}, limit ${limit}`);
      }
    }
  });

  it('reading a file the listing saw as regular (no fstat) gives what the fstat path gives, at every limit', () => {
    const regular = readdirSync(root, { withFileTypes: true }).filter((e) => e.isFile());
    assert.ok(regular.length >= 10);
    for (const entry of regular) {
      const path = join(root, entry.name);
      // 13 and 12: plain.txt is exactly 13 bytes, so at the limit and one over it.
      for (const limit of [8 * 1024 * 1024, 1024 * 1024, 300_000, 299_999, 100, 13, 12, 0]) {
        assert.deepEqual(readTextFileSync(path, limit, true), readTextFileSync(path, limit, false), `${entry.name}, limit ${limit}`);
      }
    }
    // Over the reused buffer (4 MiB) but under the limit: read whole, not reported too large.
    const tree = makeTree({ 'five-mib.txt': 'f'.repeat(5 * 1024 * 1024) });
    try {
      const path = join(tree, 'five-mib.txt');
      const read = readTextFileSync(path, 8 * 1024 * 1024, true);
      assert.equal(read.kind === 'text' && read.text.length, 5 * 1024 * 1024);
      assert.deepEqual(read, readTextFileSync(path, 8 * 1024 * 1024, false));
      assert.deepEqual(readTextFileSync(path, 4 * 1024 * 1024, true), { kind: 'skipped', reason: 'too-large', detail: '5 MiB > limit 4 MiB' });
    } finally {
      removeTree(tree);
    }
  });

  it('readTextBytesSync reuses its buffer without leaking a previous file into the next', () => {
    const big = readTextBytesSync(join(root, 'big.txt'));
    assert.equal(big.kind === 'text-bytes' && big.body.length, 300_000);
    const small = readTextBytesSync(join(root, 'small-after-big.txt'));
    assert.equal(small.kind === 'text-bytes' && Buffer.from(small.body).toString(), 'tiny');
    assert.deepEqual(readTextFileSync(join(root, 'plain.txt')), { kind: 'text', text: 'hello\r\nworld\n', size: 13, hadBom: false, invalidUtf8: false });
    // A file over the reused buffer's limit gets its own buffer.
    const over = readTextBytesSync(join(root, 'over.txt'), 8 * 1024 * 1024);
    assert.equal(over.kind === 'text-bytes' && over.body.length, 2_000_000);
    assert.equal(readTextFileSync(join(root, 'small-after-big.txt')).kind === 'text' && 'tiny', 'tiny');
  });

  const options = (extra: Partial<WalkOptions> = {}): WalkOptions => ({ roots: [root], exclude: ['excluded/'], maxFileSize: 1024 * 1024, ...extra });

  it('walkFiles yields the same entries in the same order', async () => {
    for (const extra of [{}, { useGitignore: false }, { filesReadAtOnce: 1 }, { maxFileSize: 100 }]) {
      const threadPool = await collect(options(extra));
      const synchronous = await collect(options({ ...extra, synchronousIo: true }));
      assert.deepEqual(synchronous, threadPool, JSON.stringify(extra));
    }
    const entries = await collect(options({ synchronousIo: true }));
    assert.ok(scannedPaths(entries).includes('keep.log'));
    assert.ok(!scannedPaths(entries).some((p) => p.includes('ignored') || p.startsWith('build/') || p.endsWith('.tmp') || p.startsWith('excluded/')));
    if (process.platform !== 'win32') {
      assert.deepEqual(
        skippedBy(entries).filter(([, reason]) => reason !== 'binary' && reason !== 'too-large'),
        [
          ['dangling.txt', 'unreadable'],
          ['pipe.txt', 'unreadable'],
          ['nested/up', 'symlink-loop'],
        ],
      );
    }
  });

  it('listFiles lists the same files in the same order', async () => {
    const list = async (extra: Partial<WalkOptions>) => {
      const out: unknown[] = [];
      for await (const item of listFiles(options(extra))) out.push(item);
      return out;
    };
    assert.deepEqual(await list({ synchronousIo: true }), await list({}));
  });

  it('reports a file deleted between listing and reading as vanished', async () => {
    const tree = makeTree({ 'keep.txt': 'k', 'gone.txt': 'g' });
    try {
      const entries = await collect({ roots: [tree], synchronousIo: true, beforeRead: (path) => (path.endsWith('gone.txt') ? rmSync(path) : undefined) });
      assert.deepEqual(scannedPaths(entries), ['keep.txt']);
      assert.deepEqual(skippedBy(entries), [['gone.txt', 'vanished']]);
    } finally {
      removeTree(tree);
    }
  });
});
