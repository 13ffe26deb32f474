// runFileJobs: a job on every listed file, on worker threads, yielded in the listing's order.
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { listFileBatches, type WalkOptions } from '../../../server/src/walker';
import { runFileJobs, type FileJobEntry } from '../../../server/src/walker/workerPool';
import { makeTree, removeTree } from './tree';

const WORKER = join(__dirname, 'support', 'poolWorker.cjs');

interface Sized {
  size: number;
  thread: number;
}

const here = (path: string): Sized => ({ size: statSync(path).size, thread: threadId });

const SILENT_WORKER = join(__dirname, 'support', 'silentWorker.cjs');

async function run(
  options: WalkOptions,
  threads: number,
  extra: { minFilesForWorkers?: number; batchSize?: number; helpHere?: boolean; workerScript?: string } = {},
): Promise<FileJobEntry<Sized>[]> {
  const out: FileJobEntry<Sized>[] = [];
  for await (const entries of runFileJobs({ listing: listFileBatches(options), runHere: here, threads, workerScript: WORKER, ...extra })) {
    assert.ok(entries.length > 0, 'no empty step');
    out.push(...entries);
  }
  return out;
}

const describeEntry = (e: FileJobEntry<Sized>): string => (e.kind === 'done' ? `${e.file.relativePath}:${e.result.size}` : `${e.relativePath}:${e.reason}`);

describe('walker: runFileJobs', () => {
  const files: Record<string, string> = {};
  for (let d = 0; d < 12; d++) for (let f = 0; f < 25; f++) files[`d${String(d).padStart(2, '0')}/f${String(f).padStart(2, '0')}.txt`] = 'x'.repeat(d * 25 + f);
  const root = makeTree(files);
  const crashing = makeTree({ ...Object.fromEntries(Object.entries(files).slice(0, 100)), 'd05/crash-now.txt': 'boom' });
  after(() => [root, crashing].forEach(removeTree));

  it('yields every file once, in the listing order, whatever the number of threads and the batch size', async () => {
    const expected = (await run({ roots: [root] }, 0)).map(describeEntry);
    assert.equal(expected.length, 300);
    for (const [threads, batchSize, helpHere] of [
      [1, 1, false],
      [2, 7, true],
      [3, 32, false],
    ] as const) {
      const entries = await run({ roots: [root] }, threads, { minFilesForWorkers: 0, batchSize, helpHere });
      assert.deepEqual(entries.map(describeEntry), expected, `${threads} threads, batches of ${batchSize}, help ${helpHere}`);
      // This thread may take batches once the listing is done; without that the workers do all.
      if (!helpHere) assert.ok(entries.every((e) => e.kind !== 'done' || e.result.thread !== threadId), 'the workers did the files');
    }
  });

  it('does a small listing in this thread without starting a worker', async () => {
    const entries = await run({ roots: [root], exclude: ['d0[1-9]/', 'd1*/'] }, 2);
    assert.equal(entries.length, 25);
    assert.ok(entries.every((e) => e.kind === 'done' && e.result.thread === threadId));
  });

  it('passes skips through in order', async () => {
    const entries = await run({ roots: [root, join(root, 'missing')] }, 2, { minFilesForWorkers: 0 });
    assert.deepEqual(entries.map(describeEntry).at(-1), 'missing:vanished');
    assert.equal(entries.length, 301);
  });

  it('does the batches of a worker that never answers in this thread once nothing else is left, instead of waiting for it', { timeout: 20_000 }, async () => {
    const expected = (await run({ roots: [root] }, 0)).map(describeEntry);
    const entries = await run({ roots: [root] }, 1, { minFilesForWorkers: 0, batchSize: 8, workerScript: SILENT_WORKER });
    assert.deepEqual(entries.map(describeEntry), expected);
    assert.ok(entries.every((e) => e.kind !== 'done' || e.result.thread === threadId), 'every file was done in this thread');
  });

  it('does the files of a worker that died in this thread, and still yields everything in order', async () => {
    const entries = await run({ roots: [crashing] }, 2, { minFilesForWorkers: 0, batchSize: 4, helpHere: false });
    assert.equal(entries.length, 101);
    const names = entries.map((e) => (e.kind === 'done' ? e.file.relativePath : e.relativePath));
    assert.deepEqual(names, [...names].sort());
    assert.ok(entries.some((e) => e.kind === 'done' && e.file.relativePath === 'd05/crash-now.txt' && e.result.thread === threadId));
  });
});
