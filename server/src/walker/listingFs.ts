// The file-system calls of the listing pass (directories, links, ignore files), behind one
// promise-returning interface with two implementations: the thread pool (the language server, whose
// thread must never block) and synchronous calls (the CLI, whose main thread only lists while worker
// threads read: on a small machine every thread-pool hop waits for a core those workers hold).
import { lstatSync, readdirSync, readFileSync, statSync, type BigIntStats, type Dirent } from 'node:fs';
import { lstat, readdir, readFile, stat } from 'node:fs/promises';

export interface ListingFs {
  readdir(path: string): Promise<Dirent[]>;
  /** Follows symbolic links; device and inode as bigints. */
  stat(path: string): Promise<BigIntStats>;
  lstat(path: string): Promise<unknown>;
  readTextFile(path: string): Promise<string>;
}

export const asyncListingFs: ListingFs = {
  readdir: (path) => readdir(path, { withFileTypes: true }),
  stat: (path) => stat(path, { bigint: true }),
  lstat: (path) => lstat(path),
  readTextFile: (path) => readFile(path, 'utf8'),
};

// `async`, so a failing call rejects like its thread-pool twin instead of throwing.
export const syncListingFs: ListingFs = {
  readdir: async (path) => readdirSync(path, { withFileTypes: true }),
  stat: async (path) => statSync(path, { bigint: true }),
  lstat: async (path) => lstatSync(path),
  readTextFile: async (path) => readFileSync(path, 'utf8'),
};

/** Whether a call succeeds: the probe for a path that may not be there (or may not be openable). */
export async function succeeds(call: () => Promise<unknown>): Promise<boolean> {
  try {
    await call();
    return true;
  } catch {
    return false;
  }
}
