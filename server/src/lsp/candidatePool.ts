// How the workspace scan hands out the files whose bytes may hold a token. In Node (node/main.ts)
// they go to worker threads, as in the CLI; the web worker has no threads and no synchronous file
// reads, so there the scan reads each file through the client and scans it in its own thread. The
// scan only sees this interface, so the web bundle never pulls in worker_threads or node:os.
import type { FileScanResult, ScanCandidate } from '../walker/scanFile';

/** Scans candidates elsewhere; `finish` gives their results in the order they were submitted. */
export interface CandidatePool {
  submit(candidate: ScanCandidate): void;
  finish(): Promise<FileScanResult[]>;
  close(): void;
}

/**
 * Makes a pool for one scan (`runHere` scans a candidate in this thread, for jobs a thread never
 * answered), or undefined when there is no thread to spare.
 */
export type CandidatePoolFactory = (now: Date, runHere: (candidate: ScanCandidate) => FileScanResult) => CandidatePool | undefined;

/** How the scan reads files: synchronously (Node, the CLI's fast path) or through async calls (the web worker). */
export type FileAccess = 'synchronous' | 'asynchronous';
