// The run of `sas-guard scan`: lists the paths with the walker (the language server's workspace
// scan uses the same one), reads and scans the files in this thread and worker threads, and
// gathers a ScanReport. Writes nothing: reportWriter.ts renders the report.
import { availableParallelism } from 'node:os';
import { relative, resolve, sep } from 'node:path';
import { scanText } from '../core';
import type { ReportedError, ReportedFinding, ReportedSkip, ScanReport } from '../report';
import { formatBytes } from '../core/util/wording';
import { listFileBatches } from '../walker';
import { serveJobs, WorkerPool } from '../walker/workerPool';
import { TOOL_NAME, VERSION, type ScanCommand } from './args';
import type { WalkSkipped } from '../walker/types';
import { scanCandidate, scanFile, scanFileBytes, screenFile, type FileScanOptions, type FileScanResult, type ScanCandidate } from '../walker/scanFile';

/** The report's name for standard input when --stdin-filename gives none. */
const STDIN_DISPLAY_NAME = '<stdin>';

export interface ScanIo {
  readonly cwd: string;
  /** All of standard input, or its size alone when it is over `limit` bytes (never buffered whole). */
  readonly readStdin: (limit: number) => Promise<Buffer | { size: number }>;
  readonly now?: Date;
  /** The engine; tests substitute one. */
  readonly scanText?: typeof scanText;
  /** This script, when it may be started again as a worker thread (the CLI process itself). */
  readonly workerScript?: string;
}

/** Runs the scan and returns the report (no output written). */
export async function runScan(options: ScanCommand, io: ScanIo): Promise<ScanReport> {
  const started = performance.now();
  const findings: ReportedFinding[] = [];
  const suppressed: ReportedFinding[] = [];
  const skipped: ReportedSkip[] = [];
  const errors: ReportedError[] = [];
  const engine = io.scanText ?? scanText;
  const fileOptions: FileScanOptions = {
    maxFileSize: options.maxFileSize,
    ...(io.now ? { now: io.now } : {}),
    engine,
    // The byte prefilter is proven against the real engine only; a substituted one sees every file.
    prefilter: engine === scanText,
  };
  let filesScanned = 0;
  let filesWithInvalidUtf8 = 0;
  // Most paths are below the working directory: cutting the prefix is what `relative` would do,
  // without resolving both paths again for each of thousands of files.
  const cwd = resolve(io.cwd);
  const cwdPrefix = cwd.endsWith(sep) ? cwd : cwd + sep;
  const parentStep = `${sep}..`;
  const displayPath = (absolutePath: string): string => {
    const rel = absolutePath.startsWith(cwdPrefix) && !absolutePath.includes(parentStep) ? absolutePath.slice(cwdPrefix.length) : relative(cwd, absolutePath);
    if (rel === '') return '.';
    return sep === '/' ? rel : rel.split(sep).join('/');
  };

  /**
   * Records a file's result. Its shown path is worked out only for a file the report names (a
   * skip, a finding): `name` when given (standard input), else from `absolutePath`.
   */
  const record = (result: FileScanResult, absolutePath: string | undefined, name?: string): void => {
    const shownPath = (): string => name ?? displayPath(absolutePath ?? '');
    if (result.kind === 'skipped') {
      const shown = shownPath();
      skipped.push({
        path: shown,
        ...(absolutePath !== undefined ? { absolutePath } : {}),
        reason: result.reason,
        ...(result.detail ? { detail: result.detail } : {}),
      });
      return;
    }
    filesScanned++;
    if (result.invalidUtf8) filesWithInvalidUtf8++;
    if (result.error === undefined && result.findings === undefined && result.suppressed === undefined) return; // most files
    const shown = shownPath();
    const where = absolutePath !== undefined ? { path: shown, absolutePath } : { path: shown };
    if (result.error !== undefined) errors.push({ ...where, message: result.error });
    for (const placed of result.findings ?? []) findings.push({ ...where, ...placed });
    for (const placed of result.suppressed ?? []) suppressed.push({ ...where, ...placed });
  };

  const paths = options.paths;
  const stdinIndex = paths.indexOf('-');
  const fileRoots = paths.filter((p) => p !== '-').map((p) => resolve(io.cwd, p));

  if (stdinIndex !== -1) {
    const name = options.stdinFilename ?? STDIN_DISPLAY_NAME;
    const input = await io.readStdin(options.maxFileSize);
    const result: FileScanResult = Buffer.isBuffer(input)
      ? scanFileBytes(input, options.stdinFilename, fileOptions)
      : { kind: 'skipped', reason: 'too-large', detail: `${formatBytes(input.size)} > limit ${formatBytes(options.maxFileSize)}` };
    record(result, undefined, name);
  }

  if (fileRoots.length > 0) {
    const listing = listFileBatches({
      roots: fileRoots,
      exclude: [...options.exclude],
      useGitignore: options.useGitignore,
      // Synchronous calls: this thread has nothing else to do meanwhile, and each thread-pool hop
      // would wait for a core the scanning threads hold.
      synchronousIo: true,
    });
    // This thread lists the files and hands them out in batches; it and the worker threads share
    // the reading (see walker/workerPool: the workers pull batches from the front, this thread
    // takes them from the back once the listing is done), as the two-thread floor in bench/tools
    // does. The few files whose bytes may hold a token are scanned by a worker, also those this
    // thread reads: compiling the engine in every thread would cost more than handing them over.
    // Only the CLI process itself names a worker script; a substituted engine cannot cross threads.
    const threads = io.workerScript !== undefined && engine === scanText ? scanThreads(options.concurrency) : 0;
    const workerData: ScanWorkerData = { sasGuardScanWorker: true, maxFileSize: options.maxFileSize, ...(io.now ? { now: io.now } : {}) };
    const scanHere = (candidate: ScanCandidate): FileScanResult => scanCandidate(candidate, fileOptions);
    const pool: WorkerPool<FileJob | ScanCandidate, FileScanResult> = new WorkerPool<FileJob | ScanCandidate, FileScanResult>({
      threads,
      workerScript: io.workerScript ?? '',
      workerData,
      runHere: (job) => {
        if (job.kind === 'candidate') return scanHere(job);
        const screened = screenFile(job.path, fileOptions, job.isRegularFile);
        if (screened.kind !== 'candidate') return screened;
        // The read buffer is reused by the next read: a delegated job keeps a copy. A large file
        // is scanned here: copying it over would cost more than it saves.
        if (!pool.hasWorkers || screened.bytes.byteLength > LARGEST_CANDIDATE_FOR_WORKERS) return scanHere(screened);
        return pool.delegate({ ...screened, bytes: screened.bytes.slice() }, (candidate) => scanHere(candidate as ScanCandidate));
      },
      batchSize: FILES_PER_BATCH,
      jobsPerTurn: 16,
      batchesInFlight: 2,
    });
    // Every listed item in listing order: a skip the listing found, or the index of its file's
    // job. They are recorded in that order once the pool is done, so the report lists them as a
    // scan in one thread would.
    const listed: (WalkSkipped | number)[] = [];
    const paths: string[] = [];
    try {
      for await (const batch of listing) {
        for (const item of batch) {
          if (item.kind === 'skipped') {
            listed.push(item);
            continue;
          }
          listed.push(paths.length);
          paths.push(item.path);
          pool.submit({ path: item.path, isRegularFile: item.isRegularFile });
        }
      }
      const scanned = await pool.finish();
      for (const item of listed) {
        if (typeof item === 'number') record(scanned[item]!, paths[item]);
        else record(item, item.path);
      }
    } finally {
      pool.close();
    }
  }

  return {
    tool: { name: TOOL_NAME, version: VERSION },
    cwd: io.cwd,
    roots: paths,
    findings,
    suppressed,
    skipped,
    errors,
    filesScanned,
    filesWithInvalidUtf8,
    durationMs: performance.now() - started,
    failOn: options.failOn,
  };
}

/** Files given to a thread at a time: one message each way per batch, as in the floor. */
const FILES_PER_BATCH = 64;

/** Candidates larger than this are scanned in the thread that read them, not copied to a worker. */
const LARGEST_CANDIDATE_FOR_WORKERS = 1024 * 1024;

/**
 * Most threads a scan uses. Past four, more threads reading at once only contend in the kernel,
 * and each would cost its start-up and some 20 MB of memory.
 */
const MAX_SCAN_THREADS = 4;

/**
 * Worker threads for a scan. This thread lists the files, and it and the workers share the reading
 * and scanning. With one worker fewer than the cores every core has one thread: more would only
 * take turns on them and cost each its own start-up and compiled code. At
 * most --concurrency threads in all and MAX_SCAN_THREADS. One core, or --concurrency 1: no
 * worker, everything in this thread.
 */
export function scanThreads(concurrency: number): number {
  return Math.max(0, Math.min(concurrency, availableParallelism(), MAX_SCAN_THREADS) - 1);
}

interface ScanWorkerData {
  readonly sasGuardScanWorker: true;
  readonly maxFileSize: number;
  readonly now?: Date;
}

export function isScanWorkerData(data: unknown): data is ScanWorkerData {
  return typeof data === 'object' && data !== null && (data as Partial<ScanWorkerData>).sasGuardScanWorker === true;
}

/** A file for a thread to read and scan whole: the CLI's job (the language server sends candidates). */
export interface FileJob {
  readonly kind?: undefined;
  readonly path: string;
  /** The listing saw a regular file there (see `readTextBytesSync`). */
  readonly isRegularFile: boolean;
}

/**
 * A worker thread of a scan (the CLI's or the language server's own script, started again; see
 * main.ts): reads and scans the files the CLI sends, or scans the candidates the server sends.
 */
export function serveScanWorker(data: ScanWorkerData): void {
  const options: FileScanOptions = { maxFileSize: data.maxFileSize, ...(data.now ? { now: data.now } : {}), engine: scanText, prefilter: true };
  serveJobs((job: FileJob | ScanCandidate) => (job.kind === 'candidate' ? scanCandidate(job, options) : scanFile(job.path, options, job.isRegularFile)));
}
