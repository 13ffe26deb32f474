// The run of `sas-guard scan`: lists the paths with the walker (the language server's workspace
// scan uses the same one), reads every file in this thread, scans the few that may hold a token
// in worker threads, and gathers a ScanReport. Writes nothing: reportWriter.ts renders the report.
import { availableParallelism } from 'node:os';
import { relative, resolve, sep } from 'node:path';
import type { scanText } from '../core';
import type { ReportedError, ReportedFinding, ReportedSkip, ScanReport } from '../report';
import { formatBytes } from '../core/util/wording';
import { listFileBatches } from '../walker';
import { loadEngineNow, scanTextOnDemand } from '../walker/engineOnDemand';
import { serveJobs, WorkerPool } from '../walker/workerPool';
import { TOOL_NAME, VERSION, type ScanCommand } from './args';
import { scanCandidate, scanFileBytes, screenFile, type FileScanOptions, type FileScanResult, type ScanCandidate } from '../walker/scanFile';

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
  const engine = io.scanText ?? scanTextOnDemand;
  const fileOptions: FileScanOptions = {
    maxFileSize: options.maxFileSize,
    ...(io.now ? { now: io.now } : {}),
    engine,
    // The byte prefilter is proven against the real engine only; a substituted one sees every file.
    prefilter: io.scanText === undefined,
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
    // This thread lists and reads every file and settles most of them from their bytes alone;
    // worker threads decode and scan the few that may hold a token (see walker/workerPool). Only
    // the CLI process itself names a worker script; a substituted engine cannot cross threads.
    const threads = io.workerScript !== undefined && io.scanText === undefined ? scanThreads(options.concurrency) : 0;
    const workerData: ScanWorkerData = { sasGuardScanWorker: true, maxFileSize: options.maxFileSize, ...(io.now ? { now: io.now } : {}) };
    const pool = new WorkerPool<ScanCandidate, FileScanResult>({
      threads,
      workerScript: io.workerScript ?? '',
      workerData,
      runHere: (candidate) => scanCandidate(candidate, fileOptions),
    });
    // The files that may hold a token, in listing order, each with its result or its job in the
    // pool: their findings are recorded in that order once the pool is done.
    const candidates: { path: string; result: FileScanResult | number }[] = [];
    let jobs = 0;
    try {
      for await (const batch of listing) {
        for (const item of batch) {
          if (item.kind === 'skipped') {
            record(item, item.path);
            continue;
          }
          const screened = screenFile(item.path, fileOptions, item.isRegularFile);
          if (screened.kind !== 'candidate') {
            record(screened, item.path);
          } else if (threads === 0 || screened.bytes.byteLength > LARGEST_CANDIDATE_FOR_WORKERS) {
            // Scanned at once, straight from the read buffer: no worker, or too big to copy over.
            candidates.push({ path: item.path, result: scanCandidate(screened, fileOptions) });
          } else {
            // The read buffer is reused by the next read: the job keeps a copy.
            pool.submit({ ...screened, bytes: screened.bytes.slice() });
            candidates.push({ path: item.path, result: jobs++ });
          }
        }
      }
      const scanned = await pool.finish();
      for (const { path, result } of candidates) record(typeof result === 'number' ? scanned[result]! : result, path);
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

/**
 * Candidates larger than this are scanned in the main thread: copying one to a worker (twice: here,
 * then across) costs memory in proportion and saves little, as its scan dwarfs the copy anyway.
 */
const LARGEST_CANDIDATE_FOR_WORKERS = 1024 * 1024;

/**
 * Most threads a scan uses. The workers see only the few files whose bytes may hold a token, so
 * three keep up with the one thread that lists and reads; each more would cost its start-up and
 * some 20 MB of memory for nothing.
 */
const MAX_SCAN_THREADS = 4;

/**
 * Worker threads for a scan. This thread lists and reads every file; the workers decode and scan
 * the files whose bytes may hold a token. With one worker fewer than the cores every core has one
 * thread: more would only take turns on them and cost each its own start-up and compiled code. At
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

/** A worker thread of a scan (the CLI's own script, started by runScan; see main.ts): scans the candidates it is sent. */
export function serveScanWorker(data: ScanWorkerData): void {
  const options: FileScanOptions = { maxFileSize: data.maxFileSize, ...(data.now ? { now: data.now } : {}), engine: scanTextOnDemand, prefilter: true };
  serveJobs((candidate: ScanCandidate) => scanCandidate(candidate, options));
  loadEngineNow();
}
