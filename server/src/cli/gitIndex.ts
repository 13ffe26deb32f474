// Reads what `git commit` would record: the staged files (added, copied, modified, renamed) and
// their blobs from the index, not from the working tree. Git runs with the history scan's safe
// settings and environment (history/gitCommand.ts), which keep an untrusted repository's config from
// running anything; no filters run either (cat-file without --filters).
import { childProcess } from '../history/childProcess';
import { safeGitArgs, safeGitEnv } from '../history/gitCommand';
import { FatalError } from './errors';

/** One staged file: its path in the repository (forward slashes) and its blob in the index. */
export interface StagedFile {
  readonly path: string;
  readonly mode: string;
  readonly blob: string;
}

/** Submodules (gitlinks) and symbolic links: nothing a secret scanner can read as a file. */
const NOT_FILES = new Set(['160000', '120000']);

function git(repository: string, args: readonly string[], input?: string): Buffer {
  const result = childProcess().spawnSync('git', safeGitArgs(repository, args), {
    env: safeGitEnv(),
    maxBuffer: Number.MAX_SAFE_INTEGER,
    ...(input !== undefined ? { input } : {}),
  });
  if (result.error !== undefined) throw new FatalError(`cannot run git: ${result.error.message}`);
  if (result.status !== 0) {
    throw new FatalError(`git ${args[0]} failed: ${result.stderr.toString('utf8').trim().split('\n')[0] ?? `exit ${result.status}`}`);
  }
  return result.stdout;
}

/** The files `git commit` would add or change, with their index blobs (symbolic links and submodules left out). */
export function stagedFiles(repository: string): StagedFile[] {
  const names = git(repository, ['diff', '--cached', '--name-only', '-z', '--diff-filter=ACMR', '--no-renames', '--no-ext-diff', '--no-textconv'])
    .toString('utf8')
    .split('\0')
    .filter((name) => name !== '');
  if (names.length === 0) return [];
  const staged = new Set(names);
  const files: StagedFile[] = [];
  // `ls-files -s -z`: "<mode> <blob> <stage>\t<path>\0" for every index entry.
  for (const record of git(repository, ['ls-files', '-s', '-z']).toString('utf8').split('\0')) {
    const tab = record.indexOf('\t');
    if (tab === -1) continue;
    const [mode, blob, stage] = record.slice(0, tab).split(' ');
    const path = record.slice(tab + 1);
    if (!staged.has(path) || mode === undefined || blob === undefined || stage !== '0' || NOT_FILES.has(mode)) continue;
    files.push({ path, mode, blob });
  }
  return files;
}

/** Blob sizes in bytes, by blob id (`cat-file --batch-check`). */
export function blobSizes(repository: string, blobs: readonly string[]): Map<string, number> {
  const sizes = new Map<string, number>();
  if (blobs.length === 0) return sizes;
  for (const line of git(repository, ['cat-file', '--batch-check'], blobs.join('\n') + '\n')
    .toString('utf8')
    .split('\n')) {
    const [blob, type, size] = line.split(' ');
    if (blob !== undefined && type === 'blob' && size !== undefined) sizes.set(blob, Number(size));
  }
  return sizes;
}

/** The blobs' bytes, by blob id (`cat-file --batch`: "<id> blob <size>\n<bytes>\n" each; no filters run). */
export function readBlobs(repository: string, blobs: readonly string[]): Map<string, Buffer> {
  const contents = new Map<string, Buffer>();
  if (blobs.length === 0) return contents;
  const out = git(repository, ['cat-file', '--batch'], blobs.join('\n') + '\n');
  let at = 0;
  while (at < out.length) {
    const headerEnd = out.indexOf(0x0a, at);
    if (headerEnd === -1) break;
    const [blob, type, size] = out.subarray(at, headerEnd).toString('utf8').split(' ');
    if (type !== 'blob' || blob === undefined || size === undefined) {
      at = headerEnd + 1; // "<id> missing": nothing follows
      continue;
    }
    const length = Number(size);
    contents.set(blob, out.subarray(headerEnd + 1, headerEnd + 1 + length));
    at = headerEnd + 1 + length + 1;
  }
  return contents;
}
