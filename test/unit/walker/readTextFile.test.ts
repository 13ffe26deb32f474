import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { join } from 'node:path';
import { classifyReadError, readTextBytesSync } from '../../../server/src/walker/readTextFile';
import { decodeUtf8, looksBinary, readTextFile } from '../../../server/src/walker';
import { collect, makeTree, removeTree, skippedBy } from './tree';

describe('walker: readTextFile', () => {
  const root = makeTree({
    'plain.txt': 'hello\r\nworld\n',
    'bom.txt': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('x=1\n')]),
    'invalid.txt': Buffer.from([0x61, 0xff, 0x62, 0xc3, 0x0a, 0x63]),
    'nul.bin': Buffer.concat([Buffer.from('GIF89a'), Buffer.from([0, 1, 2, 3])]),
    'control.bin': Buffer.from(Array.from({ length: 200 }, (_, i) => (i % 2 ? 0x01 : 0x41))),
    'late-nul.txt': Buffer.concat([Buffer.alloc(9000, 0x61), Buffer.from([0])]),
    'utf16.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('sig=abc', 'utf16le')]),
    'ansi.log': '\x1b[31merror\x1b[0m\tline\f\n',
    'exact.txt': Buffer.alloc(100, 0x61),
    'over.txt': Buffer.alloc(101, 0x61),
    'empty.txt': '',
    'dir.txt/inner': 'a directory named like a file',
  });
  after(() => removeTree(root));

  it('reads a regular file whole, whatever its size against 512-byte blocks and the reused buffer', () => {
    // The synchronous read stops at a short read that ends inside a block: every size around a
    // block boundary, and past the 4 MiB buffer it reuses, must still come back whole.
    const sizes = [1, 511, 512, 513, 1023, 1024, 4095, 4096, 4097, 65_536, 65_537, 4 * 1024 * 1024 - 1, 4 * 1024 * 1024, 4 * 1024 * 1024 + 1];
    const files = Object.fromEntries(sizes.map((size) => [`size-${size}.txt`, Buffer.alloc(size, 'abcdefghij')]));
    const sized = makeTree(files);
    try {
      for (const size of sizes) {
        const read = readTextBytesSync(join(sized, `size-${size}.txt`), 8 * 1024 * 1024, true);
        assert.equal(read.kind, 'text-bytes', `size ${size}`);
        if (read.kind !== 'text-bytes') continue;
        assert.equal(read.size, size, `size ${size}`);
        assert.ok(Buffer.from(read.body).equals(files[`size-${size}.txt`]!), `size ${size}: the bytes read are the file's`);
      }
    } finally {
      removeTree(sized);
    }
  });

  it('decodes UTF-8 and keeps CRLF as is', async () => {
    const result = await readTextFile(join(root, 'plain.txt'));
    assert.deepEqual(result, { kind: 'text', text: 'hello\r\nworld\n', size: 13, hadBom: false, invalidUtf8: false });
  });

  it('strips a UTF-8 BOM and says so', async () => {
    const result = await readTextFile(join(root, 'bom.txt'));
    assert.deepEqual(result, { kind: 'text', text: 'x=1\n', size: 7, hadBom: true, invalidUtf8: false });
  });

  it('replaces invalid UTF-8 by U+FFFD, one per bad sequence, and flags the file', async () => {
    const result = await readTextFile(join(root, 'invalid.txt'));
    assert.equal(result.kind, 'text');
    if (result.kind !== 'text') return;
    assert.equal(result.text, 'a\uFFFDb\uFFFD\nc');
    assert.equal(result.invalidUtf8, true);
  });

  it('sniffs binary files: a NUL byte, or mostly control bytes, in the first 8 KB', async () => {
    assert.deepEqual(await readTextFile(join(root, 'nul.bin')), { kind: 'skipped', reason: 'binary' });
    assert.deepEqual(await readTextFile(join(root, 'control.bin')), { kind: 'skipped', reason: 'binary' });
    assert.equal((await readTextFile(join(root, 'late-nul.txt'))).kind, 'text');
    assert.equal((await readTextFile(join(root, 'ansi.log'))).kind, 'text');
    assert.equal((await readTextFile(join(root, 'empty.txt'))).kind, 'text');
    // Full of NULs, but UTF-16 with a byte-order mark: read as text (decodeUtf16.test.ts has the rest).
    assert.deepEqual(await readTextFile(join(root, 'utf16.txt')), { kind: 'text', text: 'sig=abc', size: 16, hadBom: true, invalidUtf8: false });
  });

  it('looksBinary and decodeUtf8 work on bytes', () => {
    assert.equal(looksBinary(new Uint8Array([0x41, 0x00])), true);
    assert.equal(looksBinary(Buffer.from('plain text\n')), false);
    assert.deepEqual(decodeUtf8(Buffer.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf])), { text: '\uFEFF', hadBom: true, invalidUtf8: false });
  });

  it('skips files over the limit and reads files exactly at it', async () => {
    assert.equal((await readTextFile(join(root, 'exact.txt'), 100)).kind, 'text');
    const over = await readTextFile(join(root, 'over.txt'), 100);
    assert.equal(over.kind === 'skipped' && over.reason, 'too-large');
    assert.match(over.kind === 'skipped' ? (over.detail ?? '') : '', /101 B > limit 100 B/);
  });

  it('reports a directory, a missing file and a named pipe without throwing', async () => {
    assert.deepEqual(await readTextFile(join(root, 'dir.txt')), { kind: 'skipped', reason: 'unreadable', detail: 'is a directory (EISDIR)' });
    assert.equal((await readTextFile(join(root, 'missing.txt'))).kind === 'skipped', true);
    assert.deepEqual(await readTextFile(join(root, 'missing.txt')), { kind: 'skipped', reason: 'vanished', detail: 'deleted during the scan' });
  });

  it('reports a named pipe as unreadable instead of blocking on it', { skip: process.platform === 'win32' }, async () => {
    const fifo = join(root, 'pipe.txt');
    execFileSync('mkfifo', [fifo]);
    assert.deepEqual(await readTextFile(fifo), { kind: 'skipped', reason: 'unreadable', detail: 'not a regular file (named pipe)' });
    const entries = await collect({ roots: [root] });
    assert.deepEqual(
      skippedBy(entries).filter(([, reason]) => reason === 'unreadable'),
      [['pipe.txt', 'unreadable']],
    );
  });

  it('maps file-system errors to skip reasons', () => {
    const error = (code: string): NodeJS.ErrnoException => Object.assign(new Error(code), { code });
    assert.deepEqual(classifyReadError(error('EACCES')), { reason: 'unreadable', detail: 'permission denied (EACCES)' });
    assert.deepEqual(classifyReadError(error('EPERM')), { reason: 'unreadable', detail: 'permission denied (EPERM)' });
    assert.equal(classifyReadError(error('ENOENT')).reason, 'vanished');
    assert.equal(classifyReadError(error('ELOOP')).reason, 'symlink-loop');
    assert.deepEqual(classifyReadError(error('EIO')), { reason: 'unreadable', detail: 'EIO' });
    assert.equal(classifyReadError('weird').reason, 'unreadable');
  });

  // Root reads a mode-000 file anyway. As an ordinary user the test chmods and reads in process;
  // as root it runs the same check in a child process with an unprivileged uid (nobody).
  it('reports a file without read permission as unreadable and goes on', { skip: process.platform === 'win32' }, async (t) => {
    const locked = makeTree({ 'locked.txt': 'x', 'open.txt': 'y' });
    try {
      chmodSync(locked, 0o755);
      chmodSync(join(locked, 'open.txt'), 0o644);
      chmodSync(join(locked, 'locked.txt'), 0o000);
      if (process.getuid?.() !== 0) {
        assert.deepEqual(await readTextFile(join(locked, 'locked.txt')), { kind: 'skipped', reason: 'unreadable', detail: 'permission denied (EACCES)' });
        assert.deepEqual(skippedBy(await collect({ roots: [locked] })), [['locked.txt', 'unreadable']]);
        return;
      }
      const walker = join(__dirname, '..', '..', '..', 'server', 'src', 'walker', 'index.ts');
      const script = `
        const { readTextFile, walkFiles } = require(${JSON.stringify(walker)});
        (async () => {
          const single = await readTextFile(${JSON.stringify(join(locked, 'locked.txt'))});
          const walked = [];
          for await (const e of walkFiles({ roots: [${JSON.stringify(locked)}] })) walked.push([e.relativePath, e.kind === 'file' ? 'file' : e.reason]);
          console.log(JSON.stringify({ single, walked }));
        })();`;
      const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], {
        uid: 65534,
        gid: 65534,
        encoding: 'utf8',
        cwd: join(__dirname, '..', '..', '..'),
      });
      if (child.error || child.status !== 0) {
        // Some sandboxes forbid switching users or hide the sources from nobody; the FIFO, EISDIR and
        // classifyReadError cases cover the unreadable path there.
        t.diagnostic(`could not run as nobody: ${child.error?.message ?? child.stderr}`);
        return;
      }
      const { single, walked } = JSON.parse(child.stdout);
      assert.deepEqual(single, { kind: 'skipped', reason: 'unreadable', detail: 'permission denied (EACCES)' });
      assert.deepEqual(walked, [
        ['locked.txt', 'unreadable'],
        ['open.txt', 'file'],
      ]);
    } finally {
      chmodSync(join(locked, 'locked.txt'), 0o644);
      removeTree(locked);
    }
  });
});
