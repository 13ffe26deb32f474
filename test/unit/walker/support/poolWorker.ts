// A worker for the worker-pool tests: answers each path with its size and the thread that did it,
// and dies on a file named "crash-*" (to test that a dead worker's files are done elsewhere).
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { threadId } from 'node:worker_threads';
import { serveFileJobs } from '../../../../server/src/walker/workerPool';

serveFileJobs((path) => {
  if (basename(path).startsWith('crash-')) process.exit(3);
  return { size: statSync(path).size, thread: threadId };
});
