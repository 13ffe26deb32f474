import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { join } from 'node:path';
import { listFiles, parseByteSize, walkFiles } from '../../../server/src/walker';
import { collect, makeTree, removeTree, scannedPaths, skippedBy } from './tree';

describe('walker: walkFiles', () => {
  const roots: string[] = [];
  after(() => roots.forEach(removeTree));
  const tree = (files: Record<string, string | Uint8Array>): string => {
    const root = makeTree(files);
    roots.push(root);
    return root;
  };

  it('yields files and skips in a deterministic order: files first, then subdirectories, sorted', async () => {
    const root = tree({ 'b.txt': 'b', 'a/z.txt': 'z', 'a/y/x.txt': 'x', 'a.txt': 'a', 'c/d.txt': 'd', 'a/a.txt': 'a' });
    for (const filesReadAtOnce of [1, 3, 64]) {
      const entries = await collect({ roots: [root], filesReadAtOnce });
      assert.deepEqual(scannedPaths(entries), ['a.txt', 'b.txt', 'a/a.txt', 'a/z.txt', 'a/y/x.txt', 'c/d.txt']);
    }
  });

  it('reports a file deleted between listing and reading as vanished', async () => {
    const root = tree({ 'keep.txt': 'k', 'gone.txt': 'g' });
    const entries = await collect({
      roots: [root],
      beforeRead: (path) => {
        if (path.endsWith('gone.txt')) rmSync(path);
      },
    });
    assert.deepEqual(scannedPaths(entries), ['keep.txt']);
    assert.deepEqual(skippedBy(entries), [['gone.txt', 'vanished']]);
  });

  it('reports a directory deleted before it is listed as vanished', async () => {
    const root = tree({ 'a.txt': 'a', 'sub/b.txt': 'b' });
    const entries = await collect({
      roots: [root],
      beforeRead: (path) => {
        if (path.endsWith('a.txt')) rmSync(join(root, 'sub'), { recursive: true });
      },
      filesReadAtOnce: 1,
    });
    assert.deepEqual(scannedPaths(entries), ['a.txt']);
    assert.deepEqual(skippedBy(entries), [['sub', 'vanished']]);
  });

  it('reports too-large and binary files with the path relative to the root', async () => {
    const root = tree({ 'big/data.json': 'x'.repeat(2048), 'img.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]), 'ok.txt': 'ok' });
    const entries = await collect({ roots: [root], maxFileSize: 1024 });
    assert.deepEqual(scannedPaths(entries), ['ok.txt']);
    assert.deepEqual(skippedBy(entries), [
      ['img.png', 'binary'],
      ['big/data.json', 'too-large'],
    ]);
  });

  it('never reads more than `filesReadAtOnce` files at once', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) files[`d${i % 4}/f${i}.txt`] = `file ${i}`;
    const root = tree(files);
    let inFlight = 0;
    let peak = 0;
    const seen = new Set<string>();
    for await (const entry of walkFiles({
      roots: [root],
      filesReadAtOnce: 3,
      beforeRead: async () => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 2));
      },
    })) {
      inFlight--;
      seen.add(entry.relativePath);
    }
    assert.equal(seen.size, 40);
    assert.ok(peak <= 3, `peak ${peak}`);
    assert.ok(peak >= 2, `reads overlap (peak ${peak})`);
  });

  it('stops when cancelled', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++) files[`f${String(i).padStart(2, '0')}.txt`] = 'x';
    const root = tree(files);
    let count = 0;
    for await (const _ of walkFiles({ roots: [root], isCancelled: () => count >= 5 })) count++;
    assert.equal(count, 5);
  });

  it('lets the consumer stop early without unhandled errors', async () => {
    const root = tree({ 'a.txt': 'a', 'b.txt': 'b', 'c.txt': 'c' });
    for await (const entry of walkFiles({ roots: [root] })) {
      assert.equal(entry.relativePath, 'a.txt');
      break;
    }
  });

  it('reports a missing root instead of throwing', async () => {
    const root = tree({});
    const entries = await collect({ roots: [join(root, 'nope')] });
    assert.equal(entries.length, 1);
    assert.equal(entries[0]!.kind, 'skipped');
  });

  it('parses sizes: bytes, k, m, g and binary units', () => {
    assert.equal(parseByteSize('1048576'), 1048576);
    assert.equal(parseByteSize('512k'), 512 * 1024);
    assert.equal(parseByteSize('2m'), 2 * 1024 * 1024);
    assert.equal(parseByteSize('2M'), 2 * 1024 * 1024);
    assert.equal(parseByteSize('1.5MiB'), 1.5 * 1024 * 1024);
    assert.equal(parseByteSize('1g'), 1024 ** 3);
    for (const bad of ['', '0', '-1', 'k', '12q', '1e6', 'NaN']) assert.equal(parseByteSize(bad), undefined, bad);
  });
});

describe('walker: listFiles', () => {
  it('lists what walkFiles would read, in the same order, without reading', async () => {
    const root = makeTree({ '.gitignore': '*.log\n', 'a.txt': 'a', 'b.log': 'b', 'sub/c.bin': Buffer.from([0, 1]), 'sub/d.txt': 'd' });
    try {
      const listed: string[] = [];
      for await (const entry of listFiles({ roots: [root] })) listed.push(`${entry.kind}:${entry.relativePath}`);
      assert.deepEqual(listed, ['listed:.gitignore', 'listed:a.txt', 'listed:sub/c.bin', 'listed:sub/d.txt']);
      const walked = (await collect({ roots: [root] })).map((e) => e.relativePath);
      assert.deepEqual(walked, ['.gitignore', 'a.txt', 'sub/c.bin', 'sub/d.txt']);
    } finally {
      removeTree(root);
    }
  });
});

describe('walker: odd names and rules', () => {
  it('reports a file whose name is not valid UTF-8 instead of calling it vanished', { skip: process.platform !== 'linux' }, async () => {
    const root = makeTree({ 'ok.txt': 'x' });
    try {
      writeFileSync(Buffer.concat([Buffer.from(`${root}/bad-`), Buffer.from([0xff]), Buffer.from('.txt')]), 'y');
      const entries = await collect({ roots: [root] });
      assert.deepEqual(scannedPaths(entries), ['ok.txt']);
      const skipped = entries.filter((e) => e.kind === 'skipped');
      assert.equal(skipped.length, 1);
      assert.equal(skipped[0]!.kind === 'skipped' && skipped[0]!.detail, 'file name is not valid UTF-8');
    } finally {
      removeTree(root);
    }
  });

  it('survives odd .gitignore lines, deciding as git does', async () => {
    const root = makeTree({ '.gitignore': '[z-a]\n\\\n[\n!\n/\n(\n{a,b}\n*.log\n', 'a.log': 'x', 'b.txt': 'y' });
    try {
      assert.deepEqual(scannedPaths(await collect({ roots: [root] })), ['.gitignore', 'b.txt']);
    } finally {
      removeTree(root);
    }
  });
});
