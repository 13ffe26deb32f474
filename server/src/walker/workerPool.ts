// Runs a job on every listed file, on worker threads, and yields the results in the listing's order,
// as many at a time as are ready (one generator step per run of results, not one per file)
// (the walker's deterministic order) whatever thread finishes first. The job itself is the
// caller's: the walker knows nothing of what is done with a file. Only paths go to the workers and
// only the job's (small, structured-clone) results come back; file contents never cross threads.
//
// Small listings are done in this thread: starting a worker costs more than a few files.
import { parentPort, Worker } from 'node:worker_threads';
import type { ListedFile } from './walkFiles';
import type { WalkSkipped } from './types';

export interface FileJobsOptions<R> {
  /** What to work on, in order: the walker's listing, a directory at a time (`listFileBatches`). */
  readonly listing: AsyncIterable<readonly (ListedFile | WalkSkipped)[]>;
  /** The job, in this thread: for small listings, and for the files of a worker that died. */
  readonly runHere: FileJob<R>;
  /** Worker threads to start (0: everything in this thread). */
  readonly threads: number;
  /** Script each worker runs; started with `workerData`, it must call `serveFileJobs`. */
  readonly workerScript: string | URL;
  readonly workerData?: unknown;
  /**
   * Workers start only once the listing has more files than this. Default 64: a worker takes tens of
   * milliseconds to start, and until it answers its batches are done here when nothing else is left
   * (so a scan barely over this size does not wait for it).
   */
  readonly minFilesForWorkers?: number;
  /** Files sent to a worker at a time. Default 32. */
  readonly batchSize?: number;
  /** Once the listing is done, this thread takes batches too instead of waiting. Default true. */
  readonly helpHere?: boolean;
}

/** What is done with one file: its path, and whether the listing saw a regular file there (`ListedFile.isRegularFile`). */
export type FileJob<R> = (path: string, isRegularFile: boolean) => R;

export type FileJobEntry<R> = { kind: 'done'; file: ListedFile; result: R } | WalkSkipped;

interface BatchMessage {
  readonly id: number;
  readonly paths: readonly string[];
  readonly isRegularFile: readonly boolean[];
}

interface ResultMessage<R> {
  readonly id: number;
  readonly results: readonly R[];
}

/** While listing, the event loop gets a turn (worker results in, batches out) at most this often. */
const LISTING_TURN_MS = 1;

/** Batches a worker holds at once: one being worked on, one waiting, so it never waits for us. */
const BATCHES_IN_FLIGHT = 2;

interface Batch {
  readonly id: number;
  /** Slot of each file in the output order. */
  readonly slots: number[];
  readonly files: ListedFile[];
}

interface PoolWorker {
  readonly worker: Worker;
  readonly inFlight: Map<number, Batch>;
  alive: boolean;
  /** It has sent results: it is running, not still starting up. */
  answered: boolean;
}

/** The worker side: answers each batch of paths with the job's results, in the same order. */
export function serveFileJobs<R>(job: FileJob<R>): void {
  const port = parentPort;
  if (!port) throw new Error('serveFileJobs runs in a worker thread');
  port.on('message', (message: BatchMessage) => {
    const results = message.paths.map((path, i) => job(path, message.isRegularFile[i] === true));
    port.postMessage({ id: message.id, results } satisfies ResultMessage<R>);
  });
}

export async function* runFileJobs<R>(options: FileJobsOptions<R>): AsyncGenerator<FileJobEntry<R>[], void, undefined> {
  const minFiles = options.minFilesForWorkers ?? 64;
  const iterator = options.listing[Symbol.asyncIterator]();

  // Read ahead until the listing is known to be big enough for workers.
  const head: (ListedFile | WalkSkipped)[] = [];
  let listed = 0;
  let ended = false;
  while (options.threads > 0 && listed <= minFiles) {
    const step = await iterator.next();
    if (step.done) {
      ended = true;
      break;
    }
    for (const item of step.value) {
      head.push(item);
      if (item.kind === 'listed') listed++;
    }
  }

  if (options.threads <= 0 || ended) {
    if (head.length > 0) yield head.map((item) => here(item, options.runHere));
    if (ended) return;
    for (let step = await iterator.next(); !step.done; step = await iterator.next()) {
      if (step.value.length > 0) yield step.value.map((item) => here(item, options.runHere));
    }
    return;
  }

  const pool = new Pool(options);
  try {
    pool.pump(head, iterator);
    yield* pool.results();
  } finally {
    pool.close();
    await iterator.return?.();
  }
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function here<R>(item: ListedFile | WalkSkipped, runHere: FileJob<R>): FileJobEntry<R> {
  return item.kind === 'listed' ? { kind: 'done', file: item, result: runHere(item.path, item.isRegularFile) } : item;
}

class Pool<R> {
  private readonly workers: PoolWorker[] = [];
  /** Output slots in listing order; filled as results arrive. */
  private readonly slots: (FileJobEntry<R> | undefined)[] = [];
  private readonly queue: Batch[] = [];
  private nextBatchId = 0;
  private current: Batch | undefined;
  private listingDone = false;
  private failure: { error: unknown } | undefined;
  private wake: (() => void) | undefined;
  private closed = false;
  private readonly batchSize: number;

  constructor(private readonly options: FileJobsOptions<R>) {
    this.batchSize = Math.max(1, options.batchSize ?? 32);
    for (let i = 0; i < options.threads; i++) this.startWorker();
  }

  private startWorker(): void {
    let worker: Worker;
    try {
      worker = new Worker(this.options.workerScript, { workerData: this.options.workerData });
    } catch {
      return; // no thread to be had: with no worker alive, the batches are done in this thread
    }
    const entry: PoolWorker = { worker, inFlight: new Map(), alive: true, answered: false };
    worker.on('message', (message: ResultMessage<R>) => this.onResults(entry, message));
    // A worker that dies (a crash, an exception outside the job) hands its files back: they are
    // done in this thread, and the other workers take the rest.
    worker.on('error', () => this.onDeath(entry));
    worker.on('exit', () => this.onDeath(entry));
    this.workers.push(entry);
  }

  /**
   * Feeds the listing to the workers, then helps with what is left; runs concurrently with
   * `results`. A listing done with synchronous calls never leaves the microtask queue on its own,
   * so now and then it lets the event loop deliver the workers' results (and send them more): every
   * millisecond or so, which keeps a worker fed (it takes a few for a batch) without paying a turn
   * of the event loop, a system call, for every directory.
   */
  pump(head: (ListedFile | WalkSkipped)[], iterator: AsyncIterator<readonly (ListedFile | WalkSkipped)[]>): void {
    const run = async (): Promise<void> => {
      for (const item of head) this.add(item);
      let lastTurn = performance.now();
      for (let step = await iterator.next(); !step.done && !this.closed; step = await iterator.next()) {
        for (const item of step.value) this.add(item);
        if (this.queue.length > 0 && performance.now() - lastTurn >= LISTING_TURN_MS) {
          await nextTurn();
          lastTurn = performance.now();
        }
      }
      this.flush();
      this.listingDone = true;
      this.notify();
      if (this.options.helpHere === false) return;
      for (let batch = this.queue.shift(); batch !== undefined && !this.closed; batch = this.queue.shift()) {
        this.runBatchHere(batch);
        this.notify();
        await nextTurn();
      }
      this.takeBackFromStartingWorkers();
      this.notify();
    };
    run().catch((error: unknown) => {
      this.failure = { error };
      this.notify();
    });
  }

  /** Adds one item of the listing: a skip goes straight to its slot, a file into the current batch. */
  private add(item: ListedFile | WalkSkipped): void {
    const slot = this.slots.length;
    this.slots.push(undefined);
    if (item.kind === 'skipped') {
      this.slots[slot] = item;
      this.notify();
      return;
    }
    this.current ??= { id: this.nextBatchId++, slots: [], files: [] };
    this.current.slots.push(slot);
    this.current.files.push(item);
    if (this.current.files.length >= this.batchSize) this.flush();
  }

  private flush(): void {
    if (this.current === undefined) return;
    this.queue.push(this.current);
    this.current = undefined;
    this.dispatch();
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let target: PoolWorker | undefined;
      for (const w of this.workers) {
        if (w.alive && w.inFlight.size < BATCHES_IN_FLIGHT && (target === undefined || w.inFlight.size < target.inFlight.size)) target = w;
      }
      if (target === undefined) {
        if (this.workers.some((w) => w.alive)) return; // all busy: the next result dispatches again
        this.runBatchHere(this.queue.shift()!);
        continue;
      }
      const batch = this.queue.shift()!;
      target.inFlight.set(batch.id, batch);
      target.worker.postMessage({ id: batch.id, paths: batch.files.map((f) => f.path), isRegularFile: batch.files.map((f) => f.isRegularFile) } satisfies BatchMessage);
    }
  }

  /**
   * With nothing left to hand out, the batches sent to a worker that has not answered yet (it may
   * still be starting: tens of milliseconds) are done here rather than waited for; its answers for
   * them, should they come, are ignored. So a small scan never waits for a thread to start.
   */
  private takeBackFromStartingWorkers(): void {
    for (const worker of this.workers) {
      if (!worker.alive || worker.answered) continue;
      const batches = [...worker.inFlight.values()];
      worker.inFlight.clear();
      for (const batch of batches) this.runBatchHere(batch);
    }
  }

  private onResults(worker: PoolWorker, message: ResultMessage<R>): void {
    worker.answered = true;
    const batch = worker.inFlight.get(message.id);
    if (batch === undefined) return;
    worker.inFlight.delete(message.id);
    batch.files.forEach((file, i) => {
      this.slots[batch.slots[i]!] = { kind: 'done', file, result: message.results[i]! };
    });
    this.dispatch();
    this.notify();
  }

  private onDeath(worker: PoolWorker): void {
    if (!worker.alive) return;
    worker.alive = false;
    if (this.closed) return;
    const orphans = [...worker.inFlight.values()];
    worker.inFlight.clear();
    try {
      for (const batch of orphans) this.runBatchHere(batch);
      this.dispatch();
    } catch (error) {
      this.failure ??= { error };
    }
    this.notify();
  }

  private runBatchHere(batch: Batch): void {
    batch.files.forEach((file, i) => {
      this.slots[batch.slots[i]!] = { kind: 'done', file, result: this.options.runHere(file.path, file.isRegularFile) };
    });
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  async *results(): AsyncGenerator<FileJobEntry<R>[], void, undefined> {
    let next = 0;
    for (;;) {
      if (this.failure) throw this.failure.error;
      const ready: FileJobEntry<R>[] = [];
      while (next < this.slots.length && this.slots[next] !== undefined) {
        ready.push(this.slots[next]!);
        this.slots[next++] = undefined; // yielded: let it go
      }
      if (ready.length > 0) yield ready;
      if (this.listingDone && next >= this.slots.length) return;
      if (ready.length === 0) await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  close(): void {
    this.closed = true;
    for (const w of this.workers) {
      w.alive = false;
      void w.worker.terminate();
    }
  }
}
