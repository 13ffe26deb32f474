// Entry of the shared-file-scan tests' worker thread: worker threads do not inherit the test
// runner's TypeScript loader for their entry file, so register it here and load the TypeScript worker.
require('tsx/cjs');
require('./fileScanWorker.ts');
