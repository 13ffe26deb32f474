// Runs every test file under test/ (except fixtures and the in-VS-Code suite) with node's own test
// runner. Node 20 cannot glob test files itself, so this script lists them.
// Usage: node scripts/run-tests.mjs [folder or file filter …]
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = 'test';
const skipDirs = new Set(['fixtures', 'vscode', 'e2e', 'clients', 'node_modules']);
const filters = process.argv.slice(2);

function collect(dir, out) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (!skipDirs.has(name)) collect(path, out);
    } else if (/\.test\.ts$/.test(name)) {
      out.push(path);
    }
  }
  return out;
}

const files = collect(root, []).filter((f) => filters.length === 0 || filters.some((p) => relative('.', f).includes(p)));
if (files.length === 0) {
  console.error('run-tests: no test files matched');
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
