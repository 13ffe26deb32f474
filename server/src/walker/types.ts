// The walker's public data model. Plain data; shared by the CLI and the language server's workspace scan.
import type { SkipReason } from './skipReasons';

/**
 * Default size limit: 64 MiB. A token pasted into a notebook with outputs, a JSON or SQL export or a
 * log is as live as one in source code, so only files no person or build writes as text are
 * skipped. Memory stays bounded: small files share one reused buffer, and a large one is read once
 * and scanned in the thread that read it (see readTextFile.ts and cli/scanCommand.ts).
 */
export const DEFAULT_MAX_FILE_SIZE = 64 * 1024 * 1024;

/** Default number of files the walker reads at the same time (asynchronous reads only). */
export const DEFAULT_FILES_READ_AT_ONCE = 8;

/** Directory names never walked, whatever the ignore settings say. */
export const ALWAYS_SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set(['.git', '.hg', '.svn', 'node_modules']);

export interface WalkOptions {
  /** Directories to walk, or files to read. A file named here is read even when an ignore rule matches it. */
  roots: string[];
  /** Extra globs, gitignore-style, relative to each directory root (an absolute glob under a root is
   *  taken relative to it). They win over `.gitignore` negations; they do not apply to file roots. */
  exclude?: string[];
  /** Honour `.gitignore` files (nested, with negations), `.git/info/exclude`, and the `.gitignore`
   *  files between the repository top and the root. Default true. */
  useGitignore?: boolean;
  /** Files larger than this (bytes) are skipped as `too-large`. Default DEFAULT_MAX_FILE_SIZE (64 MiB). */
  maxFileSize?: number;
  /** Files read at the same time. Default DEFAULT_FILES_READ_AT_ONCE (8). */
  filesReadAtOnce?: number;
  /**
   * Use synchronous file-system calls (listing and reading) instead of the thread pool: cheaper a
   * file, but each call blocks the thread. For threads with nothing else to do (the CLI), never
   * for one that must stay responsive (the language server). Same entries, same order.
   */
  synchronousIo?: boolean;
  /** Polled between entries; when it returns true the walk ends early (no more entries are yielded). */
  isCancelled?: () => boolean;
  /** Test hook: awaited just before a listed file is opened (lets a test delete it mid-walk). */
  beforeRead?: (absolutePath: string) => void | Promise<void>;
}

export interface WalkFile {
  kind: 'file';
  /** Absolute path as reached (symbolic links not resolved). */
  path: string;
  /** The root (absolute) this file was found under. For a file root, its directory. */
  root: string;
  /** Path relative to `root`, with forward slashes. */
  relativePath: string;
  /** Decoded UTF-8, BOM stripped, invalid bytes replaced by U+FFFD. */
  text: string;
  /** Size in bytes on disk. */
  size: number;
  hadBom: boolean;
  invalidUtf8: boolean;
}

export interface WalkSkipped {
  kind: 'skipped';
  path: string;
  root: string;
  relativePath: string;
  reason: SkipReason;
  /** Human-readable detail: the error code, the size, the directory already walked, … */
  detail?: string;
}

export type WalkEntry = WalkFile | WalkSkipped;
