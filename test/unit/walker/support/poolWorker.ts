// A worker for the worker-pool tests: answers each job (a number) with its square and the thread
// that did it; a job of -1 kills the worker (to test that a dead worker's jobs are done elsewhere).
// When the test passes a shared counter as its workerData, it counts the jobs done here, so a test
// can wait until this worker is really working.
import { threadId } from 'node:worker_threads';
import { poolWorkerData, serveJobs } from '../../../../server/src/walker/workerPool';

const data = poolWorkerData() as { jobsDone?: SharedArrayBuffer } | undefined;
const jobsDone = data?.jobsDone ? new Int32Array(data.jobsDone) : undefined;

serveJobs((job: number) => {
  if (job === -1) process.exit(3);
  if (jobsDone) Atomics.add(jobsDone, 0, 1);
  return { value: job * job, thread: threadId };
});
