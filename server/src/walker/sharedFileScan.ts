// Reads and scans a tree's files on this thread and on worker threads at once, and hands back every
// file's result in the order the files were given. The CLI uses it: this thread lists the tree and
// gives each file a place; files are then taken from the front of the list in batches, by the
// workers (each with at most two batches in flight, the next one sent when one is answered) and by
// this thread in between, the way the fastest two-thread Node read loop shares a tree. The engine
// runs only on the workers: a file this thread finds worth scanning (a candidate: its bytes may
// hold a token) is sent to a worker as bytes, so the engine is compiled on one thread, not two
// (compiling it cold costs more than most files' whole scan).
//
// The workers are started as soon as the listing has given enough files to be worth a thread, so
// that their start-up overlaps the listing. A worker that dies, or that is still starting when this
// thread has given out everything, leaves its unanswered files and candidates to this thread, which
// then does them itself; with no worker at all everything is done here, as in one thread.
import { parentPort, Worker } from 'node:worker_threads';
import { scanCandidate, scanFile, screenFile, type FileScanOptions, type FileScanResult, type ScanCandidate } from './scanFile';

/** Files a batch: enough that a message costs little against reading them, few enough to share the tail. */
const BATCH = 64;
/** File batches a worker holds at once: one to work on, one waiting, so it never waits for this thread. */
const BATCHES_IN_FLIGHT = 2;
/**
 * Workers start once this many files are listed: a scan of a few files (a commit's, one named
 * file) is over before a thread would have started, and each costs its start-up in CPU time.
 */
const MIN_FILES_FOR_WORKERS = 256;
/**
 * Candidates larger than this are scanned on this thread: copying one to a worker (twice: here,
 * then across) costs memory in proportion and saves little, as its scan dwarfs the copy anyway.
 */
const LARGEST_CANDIDATE_FOR_WORKERS = 1024 * 1024;

type Request =
  | { readonly id: number; readonly kind: 'files'; readonly paths: readonly string[]; readonly regular: readonly boolean[] }
  | { readonly id: number; readonly kind: 'candidates'; readonly candidates: readonly ScanCandidate[] };

type Answer = { readonly id: number; readonly results: readonly FileScanResult[] } | { readonly ready: true };

/** What a worker of this kind is started with. */
export interface FileScanWorkerData {
  readonly sasGuardFileScanWorker: true;
  readonly maxFileSize: number;
  readonly now?: Date;
}

export function isFileScanWorkerData(data: unknown): data is FileScanWorkerData {
  return typeof data === 'object' && data !== null && (data as Partial<FileScanWorkerData>).sasGuardFileScanWorker === true;
}

/** The worker side: reads and scans the files it is sent, scans the candidates it is sent. */
export function serveFileScans(data: FileScanWorkerData, engine: FileScanOptions['engine']): void {
  const port = parentPort;
  if (!port) throw new Error('serveFileScans runs in a worker thread');
  const options: FileScanOptions = { maxFileSize: data.maxFileSize, ...(data.now ? { now: data.now } : {}), engine, prefilter: true };
  port.on('message', (request: Request) => {
    const results =
      request.kind === 'files'
        ? request.paths.map((path, i) => scanFile(path, options, request.regular[i]))
        : request.candidates.map((candidate) => scanCandidate(candidate, options));
    port.postMessage({ id: request.id, results } satisfies Answer);
  });
  port.postMessage({ ready: true } satisfies Answer);
}

interface SentRequest {
  readonly request: Request;
  /** The files' places in the list. */
  readonly places: readonly number[];
  readonly worker: ScanWorker;
}

interface ScanWorker {
  readonly worker: Worker;
  alive: boolean;
  /** It has loaded its script and takes work. */
  ready: boolean;
  /** File batches sent and not answered. */
  fileBatches: number;
}

export interface SharedFileScanOptions {
  /** Worker threads to start (0: everything on this thread). */
  readonly threads: number;
  /** Script each worker runs; started with `workerData`, it must call `serveFileScans`. */
  readonly workerScript: string | URL;
  readonly workerData: FileScanWorkerData;
  /** How this thread reads and scans (the same engine and limits as the workers'). */
  readonly fileOptions: FileScanOptions;
  /** Files listed before the workers start (default MIN_FILES_FOR_WORKERS). */
  readonly minFilesForWorkers?: number;
}

export class SharedFileScan {
  private readonly paths: string[] = [];
  private readonly regular: boolean[] = [];
  private readonly results: (FileScanResult | undefined)[] = [];
  /** Places from here on are not given out yet (settled ones are skipped over when giving out). */
  private next = 0;
  private readonly workers: ScanWorker[] = [];
  private readonly sent = new Map<number, SentRequest>();
  private nextId = 0;
  /** Called when an answer comes or a worker dies: wakes `finish` while it waits. */
  private wake: (() => void) | undefined;
  private closed = false;

  private started = false;
  /** Files and candidates the workers have answered for. */
  private readonly doneByWorkers = { files: 0, candidates: 0 };

  constructor(private readonly options: SharedFileScanOptions) {}

  /** A file to read and scan; its result comes from `finish`, at this place. */
  addFile(path: string, isRegularFile: boolean): void {
    this.paths.push(path);
    this.regular.push(isRegularFile);
    this.results.push(undefined);
    if (!this.started && this.paths.length >= (this.options.minFilesForWorkers ?? MIN_FILES_FOR_WORKERS)) {
      this.started = true;
      for (let i = 0; i < this.options.threads; i++) this.startWorker();
    }
  }

  /** A result already known (a skip found while listing), at the next place. */
  addResult(path: string, result: FileScanResult): void {
    this.paths.push(path);
    this.regular.push(false);
    this.results.push(result);
  }

  /**
   * Shares out what has been added so far: each worker is topped up to its batches in flight, and
   * this thread reads and scans a batch while a full one is waiting. Let in the workers' answers
   * (a turn of the event loop) between calls.
   */
  async share(): Promise<void> {
    this.feedWorkers(BATCH);
    if (this.paths.length - this.next >= BATCH) {
      this.workHere();
      await nextTurn();
    }
  }

  /** Every file's result, in the order added, once all are read and scanned. */
  async finish(): Promise<{ path: string; result: FileScanResult }[]> {
    while (this.next < this.paths.length) {
      this.feedWorkers(1);
      if (this.next < this.paths.length) this.workHere();
      await nextTurn();
    }
    // A worker still starting is not waited for: what it was sent is done here, and it is stopped.
    for (const worker of this.workers) {
      if (worker.alive && !worker.ready) {
        worker.alive = false;
        void worker.worker.terminate();
      }
    }
    // Wait for what the live workers hold (at most two batches each, and the candidates sent them).
    while ([...this.sent.values()].some((sent) => sent.worker.alive)) {
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
    // Whatever a dead or stopped worker held is done here, from the files (a candidate's bytes went over).
    for (const { places } of this.sent.values()) {
      for (const place of places) this.results[place] = scanFile(this.paths[place]!, this.options.fileOptions, this.regular[place]);
    }
    this.sent.clear();
    return this.paths.map((path, place) => ({ path, result: this.results[place]! }));
  }

  /** Workers that have started and take work. */
  get readyWorkers(): number {
    return this.workers.filter((w) => w.alive && w.ready).length;
  }

  /** How many files and candidates the workers have answered for so far. */
  get workerShare(): { readonly files: number; readonly candidates: number } {
    return { ...this.doneByWorkers };
  }

  /** Stops the workers (after `finish`, or a scan that ends early). */
  close(): void {
    this.closed = true;
    for (const w of this.workers) {
      w.alive = false;
      void w.worker.terminate();
    }
  }

  private startWorker(): void {
    let worker: Worker;
    try {
      worker = new Worker(this.options.workerScript, { workerData: this.options.workerData });
    } catch {
      return; // no thread to be had: its share is done here
    }
    const entry: ScanWorker = { worker, alive: true, ready: false, fileBatches: 0 };
    worker.on('message', (answer: Answer) => this.onAnswer(entry, answer));
    // A worker that dies (a crash, an exception outside a job) answers nothing more: what it held
    // is done here at the end, and nothing more is sent to it.
    const died = (): void => {
      entry.alive = false;
      this.wake?.();
    };
    worker.on('error', died);
    worker.on('exit', died);
    this.workers.push(entry);
  }

  private onAnswer(worker: ScanWorker, answer: Answer): void {
    if ('ready' in answer) {
      worker.ready = true;
      return;
    }
    const sent = this.sent.get(answer.id);
    if (sent === undefined) return;
    this.sent.delete(answer.id);
    sent.places.forEach((place, i) => (this.results[place] = answer.results[i]));
    this.doneByWorkers[sent.request.kind] += sent.places.length;
    if (sent.request.kind === 'files') {
      worker.fileBatches--;
      this.feedWorker(worker, 1);
    }
    this.wake?.();
  }

  /** Sends each live worker file batches up to its batches in flight, when `least` files are waiting. */
  private feedWorkers(least: number): void {
    for (const worker of this.workers) this.feedWorker(worker, least);
  }

  private feedWorker(worker: ScanWorker, least: number): void {
    while (worker.alive && !this.closed && worker.fileBatches < BATCHES_IN_FLIGHT && this.paths.length - this.next >= least) {
      const places = this.takeBatch();
      if (places.length === 0) return;
      const request: Request = { id: this.nextId++, kind: 'files', paths: places.map((p) => this.paths[p]!), regular: places.map((p) => this.regular[p]!) };
      worker.fileBatches++;
      this.send(worker, request, places);
    }
  }

  /** The next places to read (up to a batch), skipping those already settled. */
  private takeBatch(): number[] {
    const places: number[] = [];
    while (places.length < BATCH && this.next < this.paths.length) {
      const place = this.next++;
      if (this.results[place] === undefined) places.push(place);
    }
    return places;
  }

  /** Reads a batch here; its candidates go to a worker when one is alive. */
  private workHere(): void {
    const options = this.options.fileOptions;
    const candidates: ScanCandidate[] = [];
    const candidatePlaces: number[] = [];
    const worker = this.leastBusyWorker();
    for (const place of this.takeBatch()) {
      const screened = screenFile(this.paths[place]!, options, this.regular[place]!);
      if (screened.kind !== 'candidate') {
        this.results[place] = screened;
      } else if (worker === undefined || screened.bytes.byteLength > LARGEST_CANDIDATE_FOR_WORKERS) {
        // Scanned at once, straight from the read buffer: no worker, or too big to copy over.
        this.results[place] = scanCandidate(screened, options);
      } else {
        // The read buffer is reused by the next read: the request keeps a copy.
        candidates.push({ ...screened, bytes: screened.bytes.slice() });
        candidatePlaces.push(place);
      }
    }
    if (worker !== undefined && candidates.length > 0) {
      // Each copy's memory is handed over, not copied again.
      this.send(
        worker,
        { id: this.nextId++, kind: 'candidates', candidates },
        candidatePlaces,
        candidates.map((c) => c.bytes.buffer as ArrayBuffer),
      );
    }
  }

  private leastBusyWorker(): ScanWorker | undefined {
    let best: ScanWorker | undefined;
    for (const w of this.workers) if (w.alive && (best === undefined || w.fileBatches < best.fileBatches)) best = w;
    return best;
  }

  private send(worker: ScanWorker, request: Request, places: readonly number[], transfer: ArrayBuffer[] = []): void {
    this.sent.set(request.id, { request, places, worker });
    worker.worker.postMessage(request, transfer);
  }
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
