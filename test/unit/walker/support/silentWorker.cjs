// A worker for the worker-pool tests that starts but never answers: it stands for a thread still
// starting up (or stuck). The pool must not wait for it once this thread has given out everything.
const { parentPort } = require('node:worker_threads');
parentPort.on('message', () => undefined);
