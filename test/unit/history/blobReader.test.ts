// The blob reader: git's answers go through temporary files (blobReader.ts), started anew when one
// grows too large, with git held back when it runs too far ahead. Whatever the limits, every blob
// comes back whole and in request order, missing ones as missing, and nothing is left on disk.
import assert from 'node:assert/strict';
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { after, describe, it } from 'node:test';
import { BlobReader, DEFAULT_LIMITS, type BlobContent, type BlobReaderLimits } from '../../../server/src/history/blobReader';
import { GitRepo } from './gitRepo';

/** A blob's bytes, compared by their hash. */
const digest = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** What the reader handed over, in order: the hash of the blob's bytes, or its kind. */
async function readAll(
  repo: string,
  ids: readonly string[],
  limits: BlobReaderLimits,
  maxSize = 8 * 1024 * 1024,
): Promise<{ answers: string[]; error?: string }> {
  const answers: string[] = [];
  const reader = new BlobReader(
    repo,
    maxSize,
    (id: string, content: BlobContent) => answers.push(`${id} ${content.kind === 'blob' ? digest(content.bytes) : content.kind}`),
    limits,
  );
  for (const id of ids) reader.request(id);
  const error = await reader.finish();
  return error !== undefined ? { answers, error } : { answers };
}

function blobDirectories(): string[] {
  return readdirSync(tmpdir()).filter((name) => name.startsWith('sas-guard-blobs-'));
}

describe('history scan: blob reader', () => {
  const repo = new GitRepo();
  // Small blobs, one larger than a read (1 MiB), and the empty blob.
  const contents = [...Array.from({ length: 40 }, (_, i) => randomBytes(100 + i * 997)), randomBytes(2_500_000), Buffer.alloc(0)];
  repo.commit(Object.fromEntries(contents.map((bytes, i) => [`f${i}.bin`, bytes])));
  const ids = contents.map((_, i) => repo.git('rev-parse', `HEAD:f${i}.bin`));
  const expected = ids.map((id, i) => `${id} ${digest(contents[i]!)}`);
  const before = blobDirectories();
  after(() => repo.remove());

  it('hands over every blob whole and in order with the default limits', async () => {
    const { answers, error } = await readAll(repo.path, ids, DEFAULT_LIMITS);
    assert.equal(error, undefined);
    assert.deepEqual(answers, expected);
  });

  it('hands over the same when git is held back and restarted every few blobs', async () => {
    // Repeated requests too: a blob may be asked for twice.
    const twice = [...ids, ...ids.slice(0, 5)];
    const { answers, error } = await readAll(repo.path, twice, { aheadBytes: 10_000, inFlight: 3, rewindBytes: 20_000 });
    assert.equal(error, undefined);
    assert.deepEqual(answers, [...expected, ...expected.slice(0, 5)]);
  });

  it('hands over the same for random blob sizes, orders and limits', async () => {
    // Sizes around the 1 MiB read buffer too: an answer that ends just inside it, just past it.
    const sized = new GitRepo();
    try {
      const sizes = [1024 * 1024 - 60, 1024 * 1024 + 3, 0, 1, 4096, ...Array.from({ length: 30 }, () => randomInt(200_000))];
      const blobs = sizes.map((size) => randomBytes(size));
      sized.commit(Object.fromEntries(blobs.map((bytes, i) => [`b${i}`, bytes])));
      const blobIds = blobs.map((_, i) => sized.git('rev-parse', `HEAD:b${i}`));
      for (let round = 0; round < 4; round++) {
        const order = Array.from({ length: 60 }, () => randomInt(blobs.length));
        const limits = { aheadBytes: 1 + randomInt(3_000_000), inFlight: 1 + randomInt(20), rewindBytes: 1 + randomInt(4_000_000) };
        const { answers, error } = await readAll(
          sized.path,
          order.map((i) => blobIds[i]!),
          limits,
        );
        assert.equal(error, undefined, JSON.stringify(limits));
        assert.deepEqual(
          answers,
          order.map((i) => `${blobIds[i]} ${digest(blobs[i]!)}`),
          JSON.stringify(limits),
        );
      }
    } finally {
      sized.remove();
    }
  });

  it('answers a missing object as missing and one over the limit as too large, then goes on', async () => {
    const absent = 'f'.repeat(40);
    const { answers, error } = await readAll(repo.path, [ids[0]!, absent, ids[40]!, ids[1]!], { aheadBytes: 1, inFlight: 1, rewindBytes: 1 }, 1_000_000);
    assert.equal(error, undefined);
    assert.deepEqual(answers, [expected[0], `${absent} missing`, `${ids[40]} too-large`, expected[1]]);
  });

  it('finishes at once when nothing was asked for', async () => {
    const { answers, error } = await readAll(repo.path, [], DEFAULT_LIMITS);
    assert.deepEqual(answers, []);
    assert.equal(error, undefined);
  });

  it('reports a git that cannot answer instead of waiting for it', async () => {
    const { answers, error } = await readAll(`${repo.path}/no-such-directory`, ids.slice(0, 3), DEFAULT_LIMITS);
    assert.deepEqual(answers, []);
    assert.match(error ?? '', /git cat-file stopped after 0 of 3 blobs/);
  });

  it('stops when killed, and leaves no file behind', async () => {
    const reader = new BlobReader(repo.path, 8 * 1024 * 1024, () => reader.kill(), { aheadBytes: 1, inFlight: 1, rewindBytes: 1 });
    for (const id of ids) reader.request(id);
    await reader.finish();
    assert.deepEqual(blobDirectories(), before);
  });

  // A process killed with SIGKILL runs no clean-up: only a file already gone leaves nothing behind.
  // os.tmpdir() follows TMPDIR on Linux and macOS, where an open file can be deleted.
  it('holds nothing in the temporary directory while blobs are read', { skip: process.platform === 'win32' }, async () => {
    const tmp = process.env.TMPDIR;
    const privateTmp = mkdtempSync(join(tmpdir(), 'blob-reader-tmp-'));
    const seen: string[][] = [];
    try {
      process.env.TMPDIR = privateTmp;
      const reader = new BlobReader(repo.path, 8 * 1024 * 1024, () => seen.push(readdirSync(privateTmp)), DEFAULT_LIMITS);
      for (const id of ids) reader.request(id);
      assert.equal(await reader.finish(), undefined);
    } finally {
      if (tmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = tmp;
      rmSync(privateTmp, { recursive: true, force: true });
    }
    assert.equal(seen.length, ids.length);
    assert.deepEqual(
      seen.filter((names) => names.length > 0),
      [],
    );
  });
});
