// Reads one file for scanning, never throwing: text, or the reason it was skipped. Used by the
// walker for every file and directly by the language server for a single file. The synchronous
// variant does the same steps and checks without the thread pool: four promisified calls a file
// (open, fstat, read, close) each wake a pool thread, which on a small machine takes the core the
// caller needs. It is for threads that may block (the CLI and its workers), not for the server.
import { close, closeSync, constants, fstat, fstatSync, open, openSync, read, readSync } from 'node:fs';
import { promisify } from 'node:util';
import { formatBytes } from '../core/util/wording';
import { looksBinary, scannerBuffer } from './byteChecks';
import { decodeUtf16, detectUtf16, utf16BomEncoding } from './decodeUtf16';
import { decodeUtf8Body, splitUtf8 } from './decodeUtf8';
import type { SkipReason } from './skipReasons';
import { DEFAULT_MAX_FILE_SIZE } from './types';

export type ReadSkipped = { kind: 'skipped'; reason: SkipReason; detail?: string };

export type ReadTextResult = { kind: 'text'; text: string; size: number; hadBom: boolean; invalidUtf8: boolean } | ReadSkipped;

/**
 * Bytes judged to be text, not decoded yet: `body` is the file as UTF-8 without its byte-order
 * mark (a UTF-16 file is transcoded, so that the byte prefilter and the decoding after it see
 * UTF-8 whatever the file's encoding).
 */
export type ReadBytesResult = { kind: 'text-bytes'; body: Uint8Array; size: number; hadBom: boolean; invalidUtf8: boolean } | ReadSkipped;

// O_NONBLOCK: opening a named pipe must not hang a libuv thread forever waiting for a writer.
// Harmless for regular files; absent on Windows.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

// The callback API on a plain descriptor: measurably cheaper per file than FileHandle.
const openFile = promisify(open);
const fstatFile = promisify(fstat);
const readFile = promisify(read);
const closeFile = promisify(close);

export async function readTextFile(path: string, maxFileSize: number = DEFAULT_MAX_FILE_SIZE): Promise<ReadTextResult> {
  try {
    // open + fstat rather than stat + open: one system call fewer a file, and what is checked is
    // what is read. O_NONBLOCK keeps a named pipe from blocking the open.
    const fd = await openFile(path, OPEN_FLAGS);
    try {
      const info = await fstatFile(fd);
      const notRegular = describeNonRegular(info);
      if (notRegular) return { kind: 'skipped', reason: 'unreadable', detail: notRegular };
      if (info.size > maxFileSize) return tooLarge(info.size, maxFileSize);

      // Read the size fstat reported. A file that grows meanwhile is read as it was; one that
      // shrinks ends early.
      const buffer = Buffer.allocUnsafe(info.size);
      let length = 0;
      while (length < buffer.length) {
        const { bytesRead } = await readFile(fd, buffer, length, buffer.length - length, length);
        if (bytesRead === 0) break;
        length += bytesRead;
      }
      return textFromBytes(buffer.subarray(0, length));
    } finally {
      await closeFile(fd).catch(() => undefined);
    }
  } catch (error) {
    return { kind: 'skipped', ...classifyReadError(error) };
  }
}

/** `readTextFile` with synchronous calls: the same checks, the same results; blocks the thread. */
export function readTextFileSync(path: string, maxFileSize: number = DEFAULT_MAX_FILE_SIZE, isRegularFile = false): ReadTextResult {
  const read = readTextBytesSync(path, maxFileSize, isRegularFile);
  return read.kind === 'text-bytes' ? decodeTextBytes(read) : read; // decoded before the buffer is reused
}

/** Files up to this size are read into one buffer reused from call to call (one per thread). */
const REUSED_BUFFER_LIMIT = 4 * 1024 * 1024;
let reusedBuffer: Buffer | undefined;

/**
 * A buffer for `size` bytes: for a file small enough, memory reused from call to call, inside the
 * WebAssembly byte scanner when there is one (then checking the bytes copies nothing).
 */
function bufferFor(size: number): Uint8Array {
  // Even a large file goes into the scanner's memory: the prefilter would copy it there anyway.
  const inScanner = scannerBuffer(size);
  if (inScanner !== undefined) return inScanner;
  if (size > REUSED_BUFFER_LIMIT) return Buffer.allocUnsafe(size);
  if (reusedBuffer === undefined || reusedBuffer.length < size) {
    reusedBuffer = Buffer.allocUnsafeSlow(Math.min(REUSED_BUFFER_LIMIT, Math.max(size, 64 * 1024, (reusedBuffer?.length ?? 0) * 2)));
  }
  return reusedBuffer.subarray(0, size);
}

/**
 * Reads a file synchronously and decides whether it is text, without decoding it: a caller that
 * can tell from the bytes that there is nothing to find skips the decoding.
 *
 * `isRegularFile`: the directory listing said this is a regular file (not a link, pipe or
 * device). Then the size check needs no fstat: the file is read until its end into a buffer one
 * byte larger than the limit, and only a file that fills it is looked at again. On a tree of
 * small files fstat (and the Stats object Node builds from it) is a sixth of the reading cost.
 *
 * The bytes (`body`) are valid only until the next call in the same thread: small files are read
 * into one reused buffer, so that reading thousands of files makes no garbage. Decode or copy
 * them before reading the next file.
 */
export function readTextBytesSync(path: string, maxFileSize: number = DEFAULT_MAX_FILE_SIZE, isRegularFile = false): ReadBytesResult {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (error) {
    return { kind: 'skipped', ...classifyReadError(error) };
  }
  try {
    if (isRegularFile) {
      const buffer = bufferFor(Math.min(maxFileSize + 1, REUSED_BUFFER_LIMIT));
      const length = readToEnd(fd, buffer);
      if (length < buffer.length) return textBytes(buffer.subarray(0, length));
      // Filled: over the limit, or over the reused buffer's size. Its size decides, as below.
    }
    const info = fstatSync(fd);
    const notRegular = describeNonRegular(info);
    if (notRegular) return { kind: 'skipped', reason: 'unreadable', detail: notRegular };
    if (info.size > maxFileSize) return tooLarge(info.size, maxFileSize);
    const buffer = bufferFor(info.size);
    return textBytes(buffer.subarray(0, readToEnd(fd, buffer)));
  } catch (error) {
    return { kind: 'skipped', ...classifyReadError(error) };
  } finally {
    try {
      closeSync(fd);
    } catch {
      // Nothing to do: the bytes (or the error) are what count.
    }
  }
}

/**
 * Reads from the start of `fd` (a regular file) until its end or until `buffer` is full; the bytes
 * read. A file that grows meanwhile is read as far as the buffer goes; one that shrinks ends early.
 */
function readToEnd(fd: number, buffer: Uint8Array): number {
  let length = 0;
  while (length < buffer.length) {
    const bytesRead = readSync(fd, buffer, length, buffer.length - length, length);
    if (bytesRead === 0) break;
    length += bytesRead;
    // A regular file's read comes back short only at the file's end, or where a file system hands
    // the file out in chunks (FUSE direct I/O, network mounts), which end on block boundaries. A
    // short read that ends inside a 512-byte block is therefore the end: asking again only to be
    // told 0 was one more system call for every file of a tree. (Kernel pseudo-files such as
    // /proc's, which hand out one record at a time, may end early here: not what a scan reads.)
    if (length < buffer.length && length % SHORTEST_BLOCK !== 0) break;
  }
  return length;
}

/** The smallest block a file system hands a file out in. */
const SHORTEST_BLOCK = 512;

/** Decides whether bytes already in memory (a file, standard input) are text, and decodes them. */
export function textFromBytes(bytes: Uint8Array): ReadTextResult {
  const read = textBytes(bytes);
  return read.kind === 'text-bytes' ? decodeTextBytes(read) : read;
}

/**
 * Decides whether bytes are text (binary sniff, UTF-16 with or without a byte-order mark, UTF-8
 * validity), without decoding UTF-8. UTF-16 is looked for only in bytes that declare it or that the
 * binary sniff rejects, so UTF-8 files take the same path as before UTF-16 was read.
 */
export function textBytes(bytes: Uint8Array): ReadBytesResult {
  if (utf16BomEncoding(bytes) !== undefined || looksBinary(bytes)) {
    const utf16 = detectUtf16(bytes);
    if (utf16 === undefined) {
      return utf32Bom(bytes) ? { kind: 'skipped', reason: 'binary', detail: 'UTF-32 text is not scanned' } : { kind: 'skipped', reason: 'binary' };
    }
    const body = Buffer.from(decodeUtf16(bytes, utf16.encoding), 'utf8');
    return { kind: 'text-bytes', body, size: bytes.length, hadBom: utf16.hadBom, invalidUtf8: false };
  }
  return { kind: 'text-bytes', size: bytes.length, ...splitUtf8(bytes) };
}

function utf32Bom(bytes: Uint8Array): boolean {
  if (bytes.length < 4) return false;
  const [b0, b1, b2, b3] = bytes;
  return (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) || (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff);
}

/** The text of bytes `textBytes` accepted. */
export function decodeTextBytes(read: Extract<ReadBytesResult, { kind: 'text-bytes' }>): Extract<ReadTextResult, { kind: 'text' }> {
  return { kind: 'text', text: decodeUtf8Body(read.body), size: read.size, hadBom: read.hadBom, invalidUtf8: read.invalidUtf8 };
}

/** Maps a file-system error to a skip reason: gone → vanished, everything else → unreadable. */
export function classifyReadError(error: unknown): { reason: SkipReason; detail: string } {
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

function tooLarge(size: number, limit: number): ReadSkipped {
  return { kind: 'skipped', reason: 'too-large', detail: `${formatBytes(size)} > limit ${formatBytes(limit)}` };
}
