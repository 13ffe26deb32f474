// A worker for the worker-pool tests: answers each job (a number) with its square and the thread
// that did it; a job of -1 kills the worker (to test that a dead worker's jobs are done elsewhere).
import { threadId } from 'node:worker_threads';
import { serveJobs } from '../../../../server/src/walker/workerPool';

serveJobs((job: number) => {
  if (job === -1) process.exit(3);
  return { value: job * job, thread: threadId };
});
