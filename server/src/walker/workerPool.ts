// Runs jobs on worker threads while this thread goes on with its own work, and hands back every
// job's result in the order the jobs were given. The CLI uses it for the engine: this thread lists
// and reads every file (reads from two threads of one process contend in the kernel and came out
// slower per file than from one), and only the few files whose bytes may hold a token go to a
// worker to be decoded and scanned.
//
// This thread never waits for a worker that is slow or still starting. Once it has given out
// everything, it does the jobs nobody has answered yet itself, from the last one backwards, while
// the workers go on from the front; a shared counter tells the workers where this thread has got
// to, so each job is done once (at worst twice, when both reach it at the same moment: the first
// result counts). A worker that dies leaves its jobs to this thread the same way.
import { parentPort, Worker, workerData } from 'node:worker_threads';

export interface WorkerPoolOptions<J, R> {
  /** Worker threads to start (0: everything in this thread). */
  readonly threads: number;
  /** Script each worker runs; started with `workerData`, it must call `serveJobs`. */
  readonly workerScript: string | URL;
  readonly workerData?: unknown;
  /** The job, in this thread: for jobs no worker has answered at the end, and without workers. */
  readonly runHere: (job: J) => R;
  /** Jobs sent to a worker at a time. Default 4. */
  readonly batchSize?: number;
  /**
   * Workers start once this many jobs have been given (default 8): a few jobs are over before a
   * thread would have started, and are done here at the end.
   */
  readonly minJobsForWorkers?: number;
}

interface BatchMessage<J> {
  readonly first: number;
  readonly jobs: readonly J[];
}

interface ResultMessage<R> {
  readonly first: number;
  readonly results: readonly R[];
}

/** What a worker is started with: the caller's data and the shared counter. */
interface PoolWorkerData {
  readonly sasGuardPool: { readonly takenFrom: SharedArrayBuffer };
  readonly data: unknown;
}

/** The caller's `workerData` in a worker started by a pool. */
export function poolWorkerData(): unknown {
  return (workerData as PoolWorkerData | undefined)?.data;
}

/** The worker side: answers each batch with the job's results, skipping jobs this pool's caller took back. */
export function serveJobs<J, R>(job: (input: J) => R): void {
  const port = parentPort;
  if (!port) throw new Error('serveJobs runs in a worker thread');
  const takenFrom = new Int32Array((workerData as PoolWorkerData).sasGuardPool.takenFrom);
  port.on('message', (message: BatchMessage<J>) => {
    const results: R[] = [];
    for (let i = 0; i < message.jobs.length; i++) {
      // Jobs from `takenFrom` on are being done by the caller's thread: stop here.
      if (message.first + i >= Atomics.load(takenFrom, 0)) break;
      results.push(job(message.jobs[i]!));
    }
    port.postMessage({ first: message.first, results } satisfies ResultMessage<R>);
  });
}

interface PoolWorker {
  readonly worker: Worker;
  alive: boolean;
}

const NOT_DONE: unique symbol = Symbol('not done');

export class WorkerPool<J, R> {
  private readonly jobs: J[] = [];
  private readonly results: (R | typeof NOT_DONE)[] = [];
  private readonly workers: PoolWorker[] = [];
  private readonly batchSize: number;
  private readonly minJobsForWorkers: number;
  /** Index of the first job of the batch being gathered. */
  private batchStart = 0;
  private nextWorker = 0;
  private started = false;
  private closed = false;
  /** Jobs from this index on are this thread's (see serveJobs). */
  private readonly takenFrom = new Int32Array(new SharedArrayBuffer(4));

  constructor(private readonly options: WorkerPoolOptions<J, R>) {
    this.batchSize = Math.max(1, options.batchSize ?? 4);
    this.minJobsForWorkers = Math.max(0, options.minJobsForWorkers ?? 8);
    Atomics.store(this.takenFrom, 0, 0x7fffffff);
  }

  /** Gives a job; its result comes from `finish`, at this position. */
  submit(job: J): void {
    this.jobs.push(job);
    this.results.push(NOT_DONE);
    if (this.options.threads > 0 && !this.started && this.jobs.length >= this.minJobsForWorkers) this.startWorkers();
    if (this.jobs.length - this.batchStart >= this.batchSize) this.sendBatch();
  }

  /**
   * Every job's result, in the order given. Does here what no worker has answered, last first;
   * the workers' answers come in between two jobs.
   */
  async finish(): Promise<R[]> {
    if (this.workers.some((w) => w.alive)) this.sendBatch();
    // The answers the workers posted while this thread was busy (the CLI lists and reads without
    // yielding) wait in the event loop's poll phase, which a setImmediate alone does not reach:
    // once round the loop lets them all in, so this thread takes back only jobs still unanswered.
    await roundTheEventLoop();
    for (let i = this.jobs.length - 1; i >= 0; i--) {
      if (this.results[i] !== NOT_DONE) continue;
      await nextTurn(); // lets the workers' answers in
      if (this.results[i] !== NOT_DONE) continue;
      Atomics.store(this.takenFrom, 0, i);
      if (this.results[i] === NOT_DONE) this.results[i] = this.options.runHere(this.jobs[i]!);
    }
    return this.results as R[];
  }

  /** Stops the workers (a scan that ends early, or after `finish`). */
  close(): void {
    this.closed = true;
    for (const w of this.workers) {
      w.alive = false;
      void w.worker.terminate();
    }
  }

  private startWorkers(): void {
    this.started = true;
    for (let i = 0; i < this.options.threads; i++) {
      let worker: Worker;
      try {
        worker = new Worker(this.options.workerScript, {
          workerData: { sasGuardPool: { takenFrom: this.takenFrom.buffer as SharedArrayBuffer }, data: this.options.workerData } satisfies PoolWorkerData,
        });
      } catch {
        continue; // no thread to be had: its jobs are done here
      }
      const entry: PoolWorker = { worker, alive: true };
      worker.on('message', (message: ResultMessage<R>) => this.onResults(message));
      // A worker that dies (a crash, an exception outside a job) leaves its jobs unanswered: they
      // are done here at the end, and no more are sent to it.
      worker.on('error', () => (entry.alive = false));
      worker.on('exit', () => (entry.alive = false));
      this.workers.push(entry);
    }
  }

  private sendBatch(): void {
    if (this.batchStart >= this.jobs.length || this.closed) return;
    const alive = this.workers.filter((w) => w.alive);
    if (alive.length === 0) return; // not started (yet), or all dead: the jobs wait for finish()
    const target = alive[this.nextWorker++ % alive.length]!;
    const first = this.batchStart;
    this.batchStart = this.jobs.length;
    target.worker.postMessage({ first, jobs: this.jobs.slice(first) } satisfies BatchMessage<J>);
  }

  private onResults(message: ResultMessage<R>): void {
    message.results.forEach((result, i) => {
      const index = message.first + i;
      // The first answer counts: this thread may have done the job meanwhile.
      if (this.results[index] === NOT_DONE) this.results[index] = result;
    });
  }
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Resolves in the next turn's check phase, so after one poll phase: every message already posted to this thread is in. */
function roundTheEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}
