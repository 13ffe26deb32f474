// The bundled CLI the end-to-end CLI tests spawn, rebuilt when it is missing or older than a source
// file (npm test builds first anyway; this keeps a single test file runnable on its own).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const repo = resolve(__dirname, '../../..');
export const cli = join(repo, 'dist', 'cli.js');

function newestSourceTime(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((max, entry) => {
    const path = join(dir, entry.name);
    return Math.max(max, entry.isDirectory() ? newestSourceTime(path) : statSync(path).mtimeMs);
  }, 0);
}

export function ensureBuilt(): void {
  const sourceTime = Math.max(newestSourceTime(join(repo, 'server', 'src')), statSync(join(repo, 'package.json')).mtimeMs);
  if (existsSync(cli) && statSync(cli).mtimeMs >= sourceTime) return;
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: repo, encoding: 'utf8' });
  assert.equal(build.status, 0, `npm run build failed:\n${build.stdout}\n${build.stderr}`);
}
