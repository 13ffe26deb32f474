// A worker for the shared-file-scan tests that says it is ready, then dies on the first work it is
// sent, answering nothing.
const { parentPort } = require('node:worker_threads');
parentPort.on('message', () => process.exit(3));
parentPort.postMessage({ ready: true });
