// WorkerPool: jobs on worker threads while this thread goes on; every result in the order given,
// whichever thread did the job, and never a wait for a worker that is slow, silent or dead.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { threadId } from 'node:worker_threads';
import { WorkerPool } from '../../../server/src/walker/workerPool';

const WORKER = join(__dirname, 'support', 'poolWorker.cjs');
const SILENT_WORKER = join(__dirname, 'support', 'silentWorker.cjs');

interface Squared {
  value: number;
  thread: number;
}

const here = (job: number): Squared => ({ value: job * job, thread: threadId });

/** A pool of one worker that takes batches of four from the first job and counts the jobs it has done in `jobsDone`. */
function oneCountingWorker(jobsDone: Int32Array, runHere: (job: number) => Squared): WorkerPool<number, Squared> {
  return new WorkerPool<number, Squared>({
    threads: 1,
    batchSize: 4,
    minJobsForWorkers: 0,
    workerScript: WORKER,
    workerData: { jobsDone: jobsDone.buffer },
    runHere,
  });
}

async function run(
  jobs: readonly number[],
  options: { threads: number; batchSize?: number; minJobsForWorkers?: number; workerScript?: string; pauseEvery?: number },
): Promise<Squared[]> {
  const pool = new WorkerPool<number, Squared>({ workerScript: WORKER, runHere: here, ...options });
  try {
    for (const [i, job] of jobs.entries()) {
      pool.submit(job);
      // Now and then let the workers run ahead, as a long listing does.
      if (options.pauseEvery && i % options.pauseEvery === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return await pool.finish();
  } finally {
    pool.close();
  }
}

describe('walker: WorkerPool', () => {
  const jobs = Array.from({ length: 300 }, (_, i) => i);
  const expected = jobs.map((j) => j * j);

  it('gives every result once, in the order given, whatever the threads and batch size', async () => {
    for (const [threads, batchSize] of [
      [0, 4],
      [1, 1],
      [2, 7],
      [3, 32],
    ] as const) {
      const results = await run(jobs, { threads, batchSize, minJobsForWorkers: 0, pauseEvery: 50 });
      assert.deepEqual(
        results.map((r) => r.value),
        expected,
        `${threads} threads, batches of ${batchSize}`,
      );
      if (threads === 0)
        assert.ok(
          results.every((r) => r.thread === threadId),
          'no worker: all here',
        );
    }
  });

  it('lets workers do jobs while this thread goes on, and does the rest here at the end', { timeout: 30_000 }, async () => {
    const jobsDone = new Int32Array(new SharedArrayBuffer(4));
    const pool = oneCountingWorker(jobsDone, here);
    try {
      for (const job of jobs) pool.submit(job);
      // However long the worker takes to start on a loaded machine, let it get going first.
      while (Atomics.load(jobsDone, 0) === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      const results = await pool.finish();
      assert.deepEqual(
        results.map((r) => r.value),
        expected,
      );
      assert.ok(
        results.some((r) => r.thread !== threadId),
        'a worker did some jobs',
      );
    } finally {
      pool.close();
    }
  });

  it('starts no worker for fewer jobs than minJobsForWorkers', async () => {
    const results = await run(jobs.slice(0, 5), { threads: 2, minJobsForWorkers: 8, pauseEvery: 1 });
    assert.deepEqual(
      results.map((r) => r.value),
      expected.slice(0, 5),
    );
    assert.ok(results.every((r) => r.thread === threadId));
  });

  it('does the jobs of a worker that never answers here, instead of waiting for it', { timeout: 20_000 }, async () => {
    const results = await run(jobs, { threads: 1, batchSize: 8, minJobsForWorkers: 0, workerScript: SILENT_WORKER });
    assert.deepEqual(
      results.map((r) => r.value),
      expected,
    );
    assert.ok(
      results.every((r) => r.thread === threadId),
      'every job was done in this thread',
    );
  });

  it('does the jobs of a worker that died here, and still gives everything in order', { timeout: 20_000 }, async () => {
    const withCrash = [...jobs.slice(0, 100), -1, ...jobs.slice(100, 150)];
    const jobsDone = new Int32Array(new SharedArrayBuffer(4));
    // Here the crashing job is an ordinary one.
    const pool = oneCountingWorker(jobsDone, (job) => ({ value: job * job, thread: threadId }));
    const pause = (ms: number): Promise<unknown> => new Promise((resolve) => setTimeout(resolve, ms));
    try {
      for (const job of withCrash.slice(0, 100)) pool.submit(job);
      // Let the worker do all of these before it is given the job that kills it.
      while (Atomics.load(jobsDone, 0) < 100) await pause(5);
      // The crashing job alone in its batch, and time for the worker to die of it.
      pool.submit(-1);
      for (const job of withCrash.slice(101, 104)) pool.submit(job);
      await pause(500);
      for (const job of withCrash.slice(104)) pool.submit(job);
      const results = await pool.finish();
      assert.deepEqual(
        results.map((r) => r.value),
        withCrash.map((j) => j * j),
      );
      assert.ok(
        results.slice(0, 100).some((r) => r.thread !== threadId),
        'the worker did jobs before it died',
      );
      assert.ok(
        results.slice(100).every((r) => r.thread === threadId),
        'the rest, the killing job first, were done here',
      );
    } finally {
      pool.close();
    }
  });
});
