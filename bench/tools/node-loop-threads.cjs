// Floor: the least a Node scanner on two cores must do, written to be as fast as Node allows.
// This thread lists the tree (readdirSync) and hands the paths out in batches. One worker thread
// and this thread each read files into one reused buffer (open, read, close: no fstat, no
// decoding) and count the files holding one anchor with Buffer.indexOf. There are no ignore
// rules, no binary sniffing and no parsing.
// With FLOOR_THREADS=1 this thread does it all (the one-thread floor: how much a second reader gains).
// Usage: node bench/tools/node-loop-threads.cjs PATH [ANCHOR]
'use strict';
const { closeSync, openSync, readdirSync, readSync, statSync } = require('node:fs');
const { isMainThread, parentPort, Worker, workerData } = require('node:worker_threads');

const BATCH = 64;
const buffer = Buffer.allocUnsafeSlow(1024 * 1024 + 1);

function readAll(paths, needle) {
  let files = 0;
  let bytes = 0;
  let hits = 0;
  for (const path of paths) {
    const fd = openSync(path, 'r');
    let length = 0;
    for (let n; length < buffer.length && (n = readSync(fd, buffer, length, buffer.length - length, length)) > 0;) length += n;
    closeSync(fd);
    files++;
    bytes += length;
    if (buffer.subarray(0, length).indexOf(needle) !== -1) hits++;
  }
  return { files, bytes, hits };
}

if (!isMainThread) {
  const needle = Buffer.from(workerData.anchor);
  parentPort.on('message', (paths) => parentPort.postMessage(readAll(paths, needle)));
} else {
  const root = process.argv[2];
  const anchor = process.argv[3] ?? 'sig=';
  const needle = Buffer.from(anchor);
  const oneThread = process.env.FLOOR_THREADS === '1';
  const worker = oneThread ? undefined : new Worker(__filename, { workerData: { anchor } });
  const paths = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) paths.push(path);
    }
  };
  if (statSync(root).isDirectory()) walk(root);
  else paths.push(root);

  const total = { files: 0, bytes: 0, hits: 0 };
  const add = (r) => {
    total.files += r.files;
    total.bytes += r.bytes;
    total.hits += r.hits;
  };
  let next = 0;
  let inFlight = 0;
  let hereDone = false;
  const finish = () => {
    console.log(JSON.stringify({ ...total, anchor }));
    process.exit(0);
  };
  const send = () => {
    if (worker === undefined || next >= paths.length) return;
    inFlight++;
    worker.postMessage(paths.slice(next, (next += BATCH)));
  };
  worker?.on('message', (r) => {
    add(r);
    inFlight--;
    send();
    if (inFlight === 0 && hereDone) finish();
  });
  send();
  send();
  // This thread takes a batch at a time too, letting the worker's answers in between.
  const workHere = () => {
    if (next < paths.length) {
      add(readAll(paths.slice(next, (next += BATCH)), needle));
      setImmediate(workHere);
      return;
    }
    hereDone = true;
    if (inFlight === 0) finish();
  };
  workHere();
}
