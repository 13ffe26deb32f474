// The CLI's scan worker threads (dist/cli-worker.js): a bundle of its own, holding only what reading
// and scanning files needs (walker/sharedFileScan), so that a worker starts without compiling the
// rest of the CLI (the command line, reports, configs, git). runScan starts it; see main.ts.
import { workerData } from 'node:worker_threads';
import { scanText } from '../core';
import { isFileScanWorkerData, serveFileScans } from '../walker/sharedFileScan';

if (isFileScanWorkerData(workerData)) serveFileScans(workerData, scanText);
