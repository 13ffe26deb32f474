// A worker for the shared-file-scan tests that dies on the first work it is sent, answering nothing.
require('node:worker_threads').parentPort.on('message', () => process.exit(3));
