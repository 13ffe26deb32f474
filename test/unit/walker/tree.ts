// Temporary directory trees for walker tests.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { walkFiles, type WalkEntry, type WalkOptions } from '../../../server/src/walker';

/** Creates files (string or bytes) under a fresh temp dir; a key ending in '/' makes an empty directory. */
export function makeTree(files: Record<string, string | Uint8Array>): string {
  const root = mkdtempSync(join(tmpdir(), 'sas-guard-walker-'));
  for (const [name, content] of Object.entries(files)) {
    const path = join(root, name);
    if (name.endsWith('/')) {
      mkdirSync(path, { recursive: true });
      continue;
    }
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  return root;
}

/** Files that only need to exist: the test is about their paths, so each holds "x". */
export function filesAt(...paths: string[]): Record<string, string> {
  return Object.fromEntries(paths.map((path) => [path, 'x']));
}

export function removeTree(root: string): void {
  rmSync(root, { recursive: true, force: true });
}

export async function collect(options: WalkOptions): Promise<WalkEntry[]> {
  const entries: WalkEntry[] = [];
  for await (const entry of walkFiles(options)) entries.push(entry);
  return entries;
}

export function scannedPaths(entries: readonly WalkEntry[]): string[] {
  return entries.filter((e) => e.kind === 'file').map((e) => e.relativePath);
}

export function skippedBy(entries: readonly WalkEntry[]): Array<[string, string]> {
  return entries.flatMap((e) => (e.kind === 'skipped' ? [[e.relativePath, e.reason] as [string, string]] : []));
}
