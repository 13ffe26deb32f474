// Runs jobs on worker threads while this thread goes on with its own work, and hands back every
// job's result in the order the jobs were given. The CLI gives it files: this thread and the
// workers each read and screen a share of them. The language server gives it only the few files
// whose bytes may hold a token, to be decoded and scanned.
//
// A job this thread comes upon while doing its own share can be handed to a worker at once
// (`delegate`): the CLI's main thread leaves the files that may hold a token to a worker, so that
// only one thread pays for compiling the engine, and waits for those answers while the worker
// keeps answering. With `batchesInFlight` the workers pull their batches, so a delegated job waits
// behind at most that many.
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
  /**
   * The job, in this thread: for jobs no worker has answered at the end, and without workers. It
   * may hand on (`delegate`) part of the work and answer with that promise.
   */
  readonly runHere: (job: J) => R | Promise<R>;
  /** Jobs sent to a worker at a time. Default 4. */
  readonly batchSize?: number;
  /**
   * Jobs `finish` does here between two looks at the workers' answers. Default 1; cheap jobs take
   * more, so that the event-loop turns do not cost more than the jobs (at worst as many jobs are
   * done twice).
   */
  readonly jobsPerTurn?: number;
  /**
   * Batches a worker holds at most, sent and not yet answered. Default: no limit, every batch
   * goes out as soon as it is full. With a limit the workers pull their work, and a delegated job
   * waits behind at most this many batches.
   */
  readonly batchesInFlight?: number;
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

/** One job handed over by `delegate`, outside the batches. */
interface DelegatedMessage<J> {
  readonly delegated: number;
  readonly job: J;
}

/** A delegated job's answer: no result when this pool's caller had taken the job back. */
interface DelegatedResultMessage<R> {
  readonly delegated: number;
  readonly result?: R;
}

/** What a worker is started with: the caller's data and the shared counters. */
interface PoolWorkerData {
  readonly sasGuardPool: { readonly takenFrom: SharedArrayBuffer; readonly delegatedTakenFrom: SharedArrayBuffer };
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
  const shared = (workerData as PoolWorkerData).sasGuardPool;
  const takenFrom = new Int32Array(shared.takenFrom);
  const delegatedTakenFrom = new Int32Array(shared.delegatedTakenFrom);
  port.on('message', (message: BatchMessage<J> | DelegatedMessage<J>) => {
    if ('delegated' in message) {
      const { delegated } = message;
      // Taken back by the caller's thread (it does them from the last one backwards): skip it.
      const answer: DelegatedResultMessage<R> = delegated >= Atomics.load(delegatedTakenFrom, 0) ? { delegated } : { delegated, result: job(message.job) };
      port.postMessage(answer);
      return;
    }
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
  /** Batches sent and not yet answered. */
  inFlight: number;
}

interface DelegatedJob<J, R> {
  readonly job: J;
  readonly worker: PoolWorker;
  readonly runHere: (job: J) => R;
  readonly resolve: (result: R) => void;
  done: boolean;
}

const NOT_DONE: unique symbol = Symbol('not done');

/** A worker that has not answered for this long is not waited for: its delegated jobs are done here. */
const SILENT_WORKER_MS = 250;

export class WorkerPool<J, R> {
  private readonly jobs: J[] = [];
  private readonly results: (R | Promise<R> | typeof NOT_DONE)[] = [];
  private readonly delegated: DelegatedJob<J, R>[] = [];
  private readonly batchesInFlight: number;
  private readonly workers: PoolWorker[] = [];
  private readonly batchSize: number;
  private readonly minJobsForWorkers: number;
  /** Index of the first job of the batch being gathered. */
  private batchStart = 0;
  private nextWorker = 0;
  private started = false;
  /** `finish` has begun: the last batch may be short. */
  private finishing = false;
  /** Set while `finish` waits for a worker's answer. */
  private onAnswer: (() => void) | undefined;
  private closed = false;
  /** Jobs from this index on are this thread's (see serveJobs). */
  private readonly takenFrom = new Int32Array(new SharedArrayBuffer(4));
  /** Delegated jobs from this index on are this thread's. */
  private readonly delegatedTakenFrom = new Int32Array(new SharedArrayBuffer(4));

  constructor(private readonly options: WorkerPoolOptions<J, R>) {
    this.batchSize = Math.max(1, options.batchSize ?? 4);
    this.minJobsForWorkers = Math.max(0, options.minJobsForWorkers ?? 8);
    this.batchesInFlight = Math.max(1, options.batchesInFlight ?? Number.POSITIVE_INFINITY);
    Atomics.store(this.takenFrom, 0, 0x7fffffff);
    Atomics.store(this.delegatedTakenFrom, 0, 0x7fffffff);
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
    this.finishing = true;
    if (this.workers.some((w) => w.alive)) this.sendBatch();
    const jobsPerTurn = Math.max(1, this.options.jobsPerTurn ?? 1);
    let doneSinceTurn = jobsPerTurn;
    for (let i = this.jobs.length - 1; i >= 0; i--) {
      if (doneSinceTurn >= jobsPerTurn) {
        await nextTurn(); // lets the workers' answers in
        doneSinceTurn = 0;
      }
      if (this.results[i] !== NOT_DONE) continue;
      doneSinceTurn++;
      Atomics.store(this.takenFrom, 0, i);
      if (this.results[i] === NOT_DONE) this.results[i] = this.options.runHere(this.jobs[i]!);
    }
    // Delegated jobs are waited for while their workers keep answering: a worker is warm for them
    // (the CLI's has the engine compiled), this thread may not be, and doing the last few here
    // would cost more than the wait. Those of a dead or silent worker are done here, last first.
    while (this.delegated.some((entry) => !entry.done && entry.worker.alive)) {
      if (!(await this.nextAnswer(SILENT_WORKER_MS))) break;
    }
    for (let i = this.delegated.length - 1; i >= 0; i--) {
      const entry = this.delegated[i]!;
      if (!entry.done) await nextTurn();
      if (entry.done) continue;
      Atomics.store(this.delegatedTakenFrom, 0, i);
      if (!entry.done) this.settleDelegated(i, entry.runHere(entry.job));
    }
    return Promise.all(this.results as (R | Promise<R>)[]);
  }

  /**
   * Hands `job` to a worker now, ahead of the batches still to send; its result comes through
   * the promise. Without a live worker the job is done here at once (`runHere`); one no worker
   * has answered by the end of `finish` is done here then.
   */
  delegate(job: J, runHere: (job: J) => R): R | Promise<R> {
    const alive = this.closed ? [] : this.workers.filter((w) => w.alive);
    if (alive.length === 0) return runHere(job);
    const target = alive.reduce((least, w) => (w.inFlight < least.inFlight ? w : least));
    return new Promise<R>((resolve) => {
      const delegated = this.delegated.length;
      this.delegated.push({ job, worker: target, runHere, resolve, done: false });
      target.worker.postMessage({ delegated, job } satisfies DelegatedMessage<J>);
    });
  }

  /** Whether a worker is there to take delegated jobs. */
  get hasWorkers(): boolean {
    return !this.closed && this.workers.some((w) => w.alive);
  }

  /** Resolves true at the next answer (or death) of a worker, false after `ms` without one. */
  private nextAnswer(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.onAnswer = undefined;
        resolve(false);
      }, ms);
      this.onAnswer = () => {
        clearTimeout(timer);
        this.onAnswer = undefined;
        resolve(true);
      };
    });
  }

  private settleDelegated(index: number, result: R): void {
    const entry = this.delegated[index]!;
    if (entry.done) return; // the first answer counts
    entry.done = true;
    entry.resolve(result);
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
          workerData: {
            sasGuardPool: { takenFrom: this.takenFrom.buffer as SharedArrayBuffer, delegatedTakenFrom: this.delegatedTakenFrom.buffer as SharedArrayBuffer },
            data: this.options.workerData,
          } satisfies PoolWorkerData,
        });
      } catch {
        continue; // no thread to be had: its jobs are done here
      }
      const entry: PoolWorker = { worker, alive: true, inFlight: 0 };
      worker.on('message', (message: ResultMessage<R> | DelegatedResultMessage<R>) => {
        if ('delegated' in message) {
          if ('result' in message) this.settleDelegated(message.delegated, message.result as R);
        } else {
          entry.inFlight--;
          this.onResults(message);
          // Pulled batches: the answer makes room for the next one.
          if (this.batchesInFlight !== Number.POSITIVE_INFINITY) this.sendBatch();
        }
        this.onAnswer?.();
      });
      // A worker that dies (a crash, an exception outside a job) leaves its jobs unanswered: they
      // are done here at the end, and no more are sent to it.
      const died = (): void => {
        entry.alive = false;
        this.onAnswer?.();
      };
      worker.on('error', died);
      worker.on('exit', died);
      this.workers.push(entry);
    }
  }

  private sendBatch(): void {
    const pulled = this.batchesInFlight !== Number.POSITIVE_INFINITY;
    while (!this.closed) {
      // Pulled batches stop where this thread has begun taking jobs back.
      const end = pulled ? Math.min(this.jobs.length, this.batchStart + this.batchSize, Atomics.load(this.takenFrom, 0)) : this.jobs.length;
      if (this.batchStart >= end) return;
      if (pulled && end - this.batchStart < this.batchSize && !this.finishing) return; // a full batch later
      const alive = this.workers.filter((w) => w.alive && w.inFlight < this.batchesInFlight);
      if (alive.length === 0) return; // not started (yet), all busy or all dead: the jobs wait
      const target = alive[this.nextWorker++ % alive.length]!;
      const first = this.batchStart;
      this.batchStart = end;
      target.inFlight++;
      target.worker.postMessage({ first, jobs: this.jobs.slice(first, end) } satisfies BatchMessage<J>);
      if (!pulled) return;
    }
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
