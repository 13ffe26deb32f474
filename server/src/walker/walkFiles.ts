// Walks directory trees and yields every file's text or the reason it was skipped, in a fixed order:
// the files of a directory sorted by name, then its subdirectories, depth first. Directory reads
// overlap (a few are started ahead), files are read `filesReadAtOnce` at a time, and everything is
// yielded in that order whatever finishes first, so the output is deterministic.
import { lstatSync, readdirSync, statSync, type BigIntStats, type Dirent } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve, sep } from 'node:path';
import type { Ignore } from 'ignore';
import { createMatcher, IgnoreStack, loadIgnoreFile, testPath } from './ignoreRules';
import { asyncListingFs, succeeds, syncListingFs, type ListingFs } from './listingFs';
import { classifyReadError, readTextFile, readTextFileSync } from './readTextFile';
import { repositoryIgnores } from './repositoryIgnores';
import { ALWAYS_SKIPPED_DIRECTORIES, DEFAULT_FILES_READ_AT_ONCE, DEFAULT_MAX_FILE_SIZE, type WalkEntry, type WalkOptions, type WalkSkipped } from './types';

/** A file the walk will read: what the listing pass yields for it. */
type FileCandidate = ListedFile;

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );
}

/** Directories whose listing is started ahead of their turn: directory reads overlap. */
const LISTING_PREFETCH = 8;

interface DirectoryFrame {
  path: string;
  root: string;
  /** Relative to root, posix, '' for the root itself. */
  relativePath: string;
  ignores: IgnoreStack;
  exclude: Ignore | undefined;
}

export async function* walkFiles(options: WalkOptions): AsyncGenerator<WalkEntry, void, undefined> {
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const filesReadAtOnce = Math.max(1, Math.floor(options.filesReadAtOnce ?? DEFAULT_FILES_READ_AT_ONCE));
  const cancelled = (): boolean => options.isCancelled?.() === true;
  const beforeRead = options.beforeRead;

  const read = async (candidate: FileCandidate): Promise<WalkEntry> => {
    const { path, root, relativePath, isRegularFile } = candidate;
    if (beforeRead) {
      try {
        await beforeRead(path);
      } catch {
        // A failing test hook must not break the walk.
      }
    }
    const result = options.synchronousIo ? readTextFileSync(path, maxFileSize, isRegularFile) : await readTextFile(path, maxFileSize);
    return result.kind === 'text'
      ? { kind: 'file', path, root, relativePath, text: result.text, size: result.size, hadBom: result.hadBom, invalidUtf8: result.invalidUtf8 }
      : { kind: 'skipped', path, root, relativePath, reason: result.reason, ...(result.detail ? { detail: result.detail } : {}) };
  };

  // A sliding window of reads in list order: at most `filesReadAtOnce` in flight, yielded in order.
  const window: Promise<WalkEntry>[] = [];
  for await (const batch of listCandidates(options, cancelled)) {
    for (const item of batch) {
      if (cancelled()) return;
      window.push(item.kind === 'listed' ? read(item) : Promise.resolve(item));
      while (window.length >= filesReadAtOnce) {
        yield await window.shift()!;
        if (cancelled()) return;
      }
    }
  }
  while (window.length > 0) {
    if (cancelled()) return;
    yield await window.shift()!;
  }
}

/** A file the walk would read, without reading it. */
export interface ListedFile {
  kind: 'listed';
  path: string;
  root: string;
  relativePath: string;
  /** The listing saw a regular file here (not through a link): reading needs no fstat first. */
  isRegularFile: boolean;
}

/**
 * The listing pass alone: the same files, ignore rules and directory skips as `walkFiles`, without
 * opening a file (for a progress total). Skips found while listing (symlink loops, dangling links,
 * vanished directories) are yielded too; binary, size and read problems only show up when reading.
 */
export async function* listFiles(options: WalkOptions): AsyncGenerator<ListedFile | WalkSkipped, void, undefined> {
  const cancelled = (): boolean => options.isCancelled?.() === true;
  for await (const batch of listFileBatches(options)) {
    for (const item of batch) {
      if (cancelled()) return;
      yield item;
    }
  }
}

/**
 * `listFiles` a directory at a time: the same items in the same order, in one array per directory
 * (or per file root). For callers that hand files on in bulk (the CLI's worker pool): one step of
 * the generator per directory instead of one per file, which on a tree of small files is a good
 * part of the listing's cost.
 */
export async function* listFileBatches(options: WalkOptions): AsyncGenerator<(ListedFile | WalkSkipped)[], void, undefined> {
  const cancelled = (): boolean => options.isCancelled?.() === true;
  for await (const batch of listCandidates(options, cancelled)) {
    if (cancelled()) return;
    yield batch;
  }
}

/**
 * A file-system call of the listing (`listingSteps`), answered by `listCandidates`: at once with
 * synchronous calls (the CLI), or through the thread pool (the language server). The steps are one
 * generator for both, so that the two give the same files and skips in the same order, and the
 * synchronous listing makes no promise per directory and per subdirectory.
 */
type ListingCall =
  /** Answer: Settled<BigIntStats>. */
  | { readonly call: 'stat'; readonly path: string }
  /** Answer: Settled<Dirent[]>. `ahead`: directories listed soon after, whose reading may start now. */
  | { readonly call: 'readdir'; readonly path: string; readonly ahead: readonly string[] }
  /** Answer: for each path, Settled<DirectoryId>, or undefined where the path is. */
  | { readonly call: 'statEach'; readonly paths: readonly (string | undefined)[] }
  /** Answer: whether lstat succeeds. */
  | { readonly call: 'lstat'; readonly path: string }
  /** Answer: the ignore file's rules, or undefined (loadIgnoreFile). */
  | { readonly call: 'ignoreFile'; readonly path: string }
  /** Answer: the ignore rules of the repository above a root (repositoryIgnores). */
  | { readonly call: 'repositoryIgnores'; readonly root: string };

/** What the listing steps give out: one directory's (or file root's) files and skips. */
interface ListingBatch {
  readonly batch: (FileCandidate | WalkSkipped)[];
}

type DirectoryId = { id: string; isDirectory: boolean };

/** The files and skips of each directory (or file root), in walk order, one array at a time. */
async function* listCandidates(options: WalkOptions, cancelled: () => boolean): AsyncGenerator<(FileCandidate | WalkSkipped)[], void, undefined> {
  const synchronous = options.synchronousIo === true;
  const fs = synchronous ? syncListingFs : asyncListingFs;
  // Directory listings started ahead of their turn (asynchronous calls only): directory reads overlap.
  const listingsAhead = new Map<string, Promise<Settled<Dirent[]>>>();
  const answer = async (call: ListingCall): Promise<unknown> => {
    switch (call.call) {
      case 'stat':
        return settle(fs.stat(call.path));
      case 'readdir': {
        const listing = listingsAhead.get(call.path) ?? settle(fs.readdir(call.path));
        listingsAhead.delete(call.path);
        for (const path of call.ahead) if (!listingsAhead.has(path)) listingsAhead.set(path, settle(fs.readdir(path)));
        return listing;
      }
      case 'statEach':
        return Promise.all(call.paths.map((path) => (path === undefined ? Promise.resolve(undefined) : settle(statDirectoryId(path, fs)))));
      case 'lstat':
        return succeeds(() => fs.lstat(call.path));
      case 'ignoreFile':
        return loadIgnoreFile(call.path, fs);
      case 'repositoryIgnores':
        return repositoryIgnores(call.root, fs);
    }
  };
  const steps = listingSteps(options, cancelled);
  let reply: unknown;
  for (;;) {
    const step = steps.next(reply);
    if (step.done) return;
    const value = step.value;
    if ('batch' in value) {
      reply = undefined;
      yield value.batch;
    } else if (synchronous && value.call !== 'ignoreFile' && value.call !== 'repositoryIgnores') {
      reply = answerSynchronously(value);
    } else {
      reply = await answer(value);
    }
  }
}

/** The listing's calls that synchronous I/O answers at once (ignore files are rare and go through `answer`). */
function answerSynchronously(call: Exclude<ListingCall, { call: 'ignoreFile' | 'repositoryIgnores' }>): unknown {
  switch (call.call) {
    case 'stat':
      return settleNow(() => statSync(call.path, { bigint: true }));
    case 'readdir':
      return settleNow(() => readdirSync(call.path, { withFileTypes: true }));
    case 'statEach':
      return call.paths.map((path) => (path === undefined ? undefined : settleNow(() => directoryId(statSync(path, { bigint: true })))));
    case 'lstat':
      return settleNow(() => lstatSync(call.path)).ok;
  }
}

function settleNow<T>(call: () => T): Settled<T> {
  try {
    return { ok: true, value: call() };
  } catch (error) {
    return { ok: false, error };
  }
}

/** The listing: the files and skips of each directory (or file root) in walk order, asking for each file-system call it needs. */
function* listingSteps(options: WalkOptions, cancelled: () => boolean): Generator<ListingCall | ListingBatch, void, unknown> {
  const useGitignore = options.useGitignore ?? true;
  const excludePatterns = (options.exclude ?? []).filter((p) => p.trim() !== '');
  // Directories already walked, by device and inode: a symbolic link back up the tree (or to a
  // directory walked elsewhere) is reported once and never followed again.
  const visited = new Map<string, string>();
  // With several roots the same file can be named and also found in a walked directory: once only.
  const seenFiles = options.roots.length > 1 ? new Set<string>() : undefined;
  const firstTime = (path: string): boolean => {
    if (seenFiles === undefined) return true;
    if (seenFiles.has(path)) return false;
    seenFiles.add(path);
    return true;
  };

  for (const rootArgument of options.roots) {
    if (cancelled()) return;
    const rootPath = resolve(rootArgument);
    const stated = (yield { call: 'stat', path: rootPath }) as Settled<BigIntStats>;
    if (!stated.ok) {
      yield { batch: [{ kind: 'skipped', path: rootPath, root: dirname(rootPath), relativePath: basename(rootPath), ...classifyReadError(stated.error) }] };
      continue;
    }
    const info = stated.value;
    if (!info.isDirectory()) {
      // A file named explicitly is always read, whatever ignore rules say.
      if (firstTime(rootPath))
        yield { batch: [{ kind: 'listed', path: rootPath, root: dirname(rootPath), relativePath: basename(rootPath), isRegularFile: false }] };
      continue;
    }
    const key = `${info.dev}:${info.ino}`;
    if (visited.has(key)) continue; // the same root twice, or a root inside one already walked
    visited.set(key, rootPath);

    const ignores = useGitignore ? ((yield { call: 'repositoryIgnores', root: rootPath }) as IgnoreStack) : IgnoreStack.empty;
    const rootExcludes = excludePatterns.map((pattern) => anchorAbsolutePattern(pattern, rootPath));
    const exclude = rootExcludes.length > 0 ? createMatcher(rootExcludes) : undefined;
    const stack: DirectoryFrame[] = [{ path: rootPath, root: rootPath, relativePath: '', ignores, exclude }];
    while (stack.length > 0) {
      if (cancelled()) return;
      const frame = stack.pop()!;
      const ahead: string[] = [];
      for (let i = stack.length - 1; i >= Math.max(0, stack.length - LISTING_PREFETCH); i--) ahead.push(stack[i]!.path);
      const listing = (yield { call: 'readdir', path: frame.path, ahead }) as Settled<Dirent[]>;
      const subdirectories: DirectoryFrame[] = [];
      const items = yield* listDirectory(frame, listing, useGitignore, visited, subdirectories);
      if (cancelled()) return;
      const batch = seenFiles === undefined ? items : items.filter((item) => item.kind === 'skipped' || firstTime(item.path));
      if (batch.length > 0) yield { batch };
      for (let i = subdirectories.length - 1; i >= 0; i--) stack.push(subdirectories[i]!);
    }
  }
}

/** The files (and skips) of one directory, in name order; its subdirectories go into `subdirectories`. */
function* listDirectory(
  frame: DirectoryFrame,
  listing: Settled<Dirent[]>,
  useGitignore: boolean,
  visited: Map<string, string>,
  subdirectories: DirectoryFrame[],
): Generator<ListingCall, (FileCandidate | WalkSkipped)[], unknown> {
  const { root } = frame;
  if (!listing.ok) {
    // The root itself is reported as '.', so the summary always has something to show.
    return [{ kind: 'skipped', path: frame.path, root, relativePath: frame.relativePath || '.', ...classifyReadError(listing.error) }];
  }
  const items: (FileCandidate | WalkSkipped)[] = [];
  const entries = listing.value.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // Every directory and link is stat-ed; asked for all at once rather than one after another.
  const targets = (yield {
    call: 'statEach',
    paths: entries.map((e) => (e.isDirectory() || e.isSymbolicLink() ? childPath(frame.path, e.name) : undefined)),
  }) as (Settled<DirectoryId> | undefined)[];

  let ignores = frame.ignores;
  if (useGitignore && entries.some((e) => e.name === '.gitignore' && !e.isDirectory())) {
    ignores = ignores.with(frame.path, (yield { call: 'ignoreFile', path: join(frame.path, '.gitignore') }) as Ignore | undefined);
  }

  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index]!;
    const path = childPath(frame.path, entry.name);
    const relativePath = frame.relativePath ? `${frame.relativePath}/${entry.name}` : entry.name;

    // A name that is not valid UTF-8 reaches us with U+FFFD in it and cannot be opened by that name.
    if (entry.name.includes('\uFFFD') && !((yield { call: 'lstat', path }) as boolean)) {
      if (!excluded(frame.exclude, ignores, path, relativePath, false))
        items.push({ kind: 'skipped', path, root, relativePath, reason: 'unreadable', detail: 'file name is not valid UTF-8' });
      continue;
    }

    let isDirectory = entry.isDirectory();
    const viaSymlink = entry.isSymbolicLink();
    const stated = targets[index];
    if (viaSymlink) {
      if (stated?.ok) {
        isDirectory = stated.value.isDirectory;
      } else {
        if (excluded(frame.exclude, ignores, path, relativePath, false)) continue;
        const classified = classifyReadError(stated?.error);
        items.push({
          kind: 'skipped',
          path,
          root,
          relativePath,
          ...(classified.reason === 'vanished' ? { reason: 'unreadable', detail: 'broken symbolic link' } : classified),
        });
        continue;
      }
    }

    if (!isDirectory) {
      if (!excluded(frame.exclude, ignores, path, relativePath, false))
        items.push({ kind: 'listed', path, root, relativePath, isRegularFile: !viaSymlink && entry.isFile() });
      continue;
    }

    if (ALWAYS_SKIPPED_DIRECTORIES.has(entry.name) || excluded(frame.exclude, ignores, path, relativePath, true)) continue;
    if (!stated?.ok) {
      items.push({ kind: 'skipped', path, root, relativePath, ...classifyReadError(stated?.error) });
      continue;
    }
    const target = stated.value;
    const first = visited.get(target.id);
    if (first !== undefined) {
      // Reached twice: only a symbolic link (or a bind mount) can do that.
      if (viaSymlink) {
        const isAncestor = path.startsWith(first + '/') || path.startsWith(first + '\\');
        items.push({
          kind: 'skipped',
          path,
          root,
          relativePath,
          reason: 'symlink-loop',
          detail: isAncestor ? `links back to ${first}` : `already walked as ${first}`,
        });
      }
      continue;
    }
    visited.set(target.id, path);
    subdirectories.push({ path, root, relativePath, ignores, exclude: frame.exclude });
  }
  return items;
}

/** Whether an --exclude glob (relative to the root) or an ignore file leaves this entry out. */
function excluded(exclude: Ignore | undefined, ignores: IgnoreStack, path: string, relativePath: string, isDirectory: boolean): boolean {
  if (exclude !== undefined && testPath(exclude, isDirectory ? `${relativePath}/` : relativePath).ignored) return true;
  return ignores.isIgnored(path, isDirectory);
}

/**
 * Exclude globs are relative to each root, but editors hand over absolute ones too: a pattern that
 * starts with the root's own path becomes a root-anchored one ("/abs/root/dist/**" → "/dist/**").
 */
export function anchorAbsolutePattern(pattern: string, rootPath: string): string {
  const negated = pattern.startsWith('!');
  const body = negated ? pattern.slice(1) : pattern;
  const normalized = sep === '/' ? body : body.split('\\').join('/');
  const root = sep === '/' ? rootPath : rootPath.split('\\').join('/');
  if (!isAbsolute(body) || !(normalized === root || normalized.startsWith(`${root}/`))) return pattern;
  const rest = normalized.slice(root.length).replace(/^\/+/, '');
  return `${negated ? '!' : ''}/${rest === '' ? '**' : rest}`;
}

/**
 * `join(directory, name)` for a directory path that is already absolute and normalized (resolved
 * or built here) and a name read from it: the same string without re-normalizing the whole path
 * for each of thousands of entries.
 */
function childPath(directory: string, name: string): string {
  return directory.endsWith(sep) ? directory + name : directory + sep + name;
}

async function statDirectoryId(path: string, fs: ListingFs): Promise<DirectoryId> {
  return directoryId(await fs.stat(path));
}

function directoryId(info: BigIntStats): DirectoryId {
  return { id: `${info.dev}:${info.ino}`, isDirectory: info.isDirectory() };
}
