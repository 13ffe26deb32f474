// Reads one file for scanning, never throwing: text, or the reason it was skipped. Used by the
// walker for every file and directly by the language server for a single file.
import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { looksBinary, utf16Bom } from './binarySniff';
import { decodeUtf8 } from './decodeUtf8';
import { DEFAULT_MAX_FILE_SIZE, type WalkSkipReason } from './types';

export type ReadTextResult =
  | { kind: 'text'; text: string; size: number; hadBom: boolean; invalidUtf8: boolean }
  | { kind: 'skipped'; reason: WalkSkipReason; detail?: string };

// O_NONBLOCK: should the path turn into a FIFO between stat and open, opening it must not hang a
// libuv thread forever waiting for a writer. Harmless for regular files; absent on Windows.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

export async function readTextFile(path: string, maxFileSize: number = DEFAULT_MAX_FILE_SIZE): Promise<ReadTextResult> {
  try {
    const info = await stat(path);
    const notRegular = describeNonRegular(info);
    if (notRegular) return { kind: 'skipped', reason: 'unreadable', detail: notRegular };
    if (info.size > maxFileSize) return tooLarge(info.size, maxFileSize);

    const handle = await open(path, OPEN_FLAGS);
    try {
      const opened = await handle.stat();
      const notRegularNow = describeNonRegular(opened);
      if (notRegularNow) return { kind: 'skipped', reason: 'unreadable', detail: notRegularNow };
      if (opened.size > maxFileSize) return tooLarge(opened.size, maxFileSize);

      // Read at most maxFileSize + 1 bytes: the file may grow between stat and read.
      let buffer = Buffer.allocUnsafe(Math.min(opened.size, maxFileSize) + 1);
      let length = 0;
      for (;;) {
        if (length === buffer.length) {
          if (buffer.length > maxFileSize) break;
          const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxFileSize + 1));
          buffer.copy(bigger, 0, 0, length);
          buffer = bigger;
        }
        const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
        if (bytesRead === 0) break;
        length += bytesRead;
      }
      if (length > maxFileSize) return tooLarge(length, maxFileSize);
      return textFromBytes(buffer.subarray(0, length));
    } finally {
      await handle.close().catch(() => undefined);
    }
  } catch (error) {
    return { kind: 'skipped', ...classifyReadError(error) };
  }
}

/** Decides whether bytes already in memory (a file, standard input) are text, and decodes them. */
export function textFromBytes(bytes: Uint8Array): ReadTextResult {
  const utf16 = utf16Bom(bytes);
  if (utf16) return { kind: 'skipped', reason: 'binary', detail: `${utf16} text is not scanned` };
  if (looksBinary(bytes)) return { kind: 'skipped', reason: 'binary' };
  return { kind: 'text', size: bytes.length, ...decodeUtf8(bytes) };
}

/** Maps a file-system error to a skip reason: gone → vanished, everything else → unreadable. */
export function classifyReadError(error: unknown): { reason: WalkSkipReason; detail: string } {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return { reason: 'vanished', detail: 'deleted during the scan' };
    case 'ELOOP':
      return { reason: 'symlink-loop', detail: 'too many levels of symbolic links' };
    case 'EACCES':
    case 'EPERM':
      return { reason: 'unreadable', detail: `permission denied (${code})` };
    case 'EISDIR':
      return { reason: 'unreadable', detail: 'is a directory (EISDIR)' };
    case undefined:
      return { reason: 'unreadable', detail: error instanceof Error ? error.message : String(error) };
    default:
      return { reason: 'unreadable', detail: code };
  }
}

interface FileKind {
  isFile(): boolean;
  isDirectory(): boolean;
  isFIFO(): boolean;
  isSocket(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
}

function describeNonRegular(info: FileKind): string | undefined {
  if (info.isFile()) return undefined;
  if (info.isDirectory()) return 'is a directory (EISDIR)';
  if (info.isFIFO()) return 'not a regular file (named pipe)';
  if (info.isSocket()) return 'not a regular file (socket)';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'not a regular file (device)';
  return 'not a regular file';
}

function tooLarge(size: number, limit: number): ReadTextResult {
  return { kind: 'skipped', reason: 'too-large', detail: `${formatBytes(size)} > limit ${formatBytes(limit)}` };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${+(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 * 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  return `${+(bytes / (1024 * 1024 * 1024)).toFixed(1)} GiB`;
}
