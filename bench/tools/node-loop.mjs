// Baseline: the least a Node scanner must do. Walks the tree, reads every file as UTF-8 and counts
// one anchor with indexOf. No ignore rules, no binary sniffing, no parsing.
// Usage: node bench/tools/node-loop.mjs PATH [ANCHOR]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = process.argv[2];
const anchor = process.argv[3] ?? 'sig=';
let files = 0;
let bytes = 0;
let hits = 0;

function scan(path) {
  const text = readFileSync(path, 'utf8');
  files++;
  bytes += text.length;
  for (let i = text.indexOf(anchor); i !== -1; i = text.indexOf(anchor, i + anchor.length)) hits++;
}

function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (entry.isFile()) scan(path);
  }
}

if (statSync(root).isDirectory()) walk(root);
else scan(root);
console.log(JSON.stringify({ files, chars: bytes, anchor, hits }));
