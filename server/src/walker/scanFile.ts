// Scans one file: read (synchronously), decide whether it is text, skip the decoding and the engine
// when the bytes cannot hold a token (prefilter.ts), scan, and place each finding on its line and
// column. The CLI and the language server's workspace scan share it, so it sits with the walker
// that lists their files. Runs in a main thread or in a worker thread, so the result is plain data:
// no text, no functions.
import type { scanText } from '../core/scan/scanText';
import type { Finding } from '../core/findings/types';
import type { FindingMemo } from '../core/findings/findingMemo';
import { hasLongBase64Run, mayContainSecrets } from './byteChecks';
import { decodeUtf8Body } from './decodeUtf8';
import { readTextBytesSync, textBytes } from './readTextFile';
import type { SkipReason } from './skipReasons';
import { LineIndex, type LineColumn } from '../report/lineIndex';

export interface PlacedFinding {
  readonly finding: Finding;
  readonly start: LineColumn;
  readonly end: LineColumn;
}

export type FileScanResult =
  | {
      readonly kind: 'scanned';
      readonly invalidUtf8: boolean;
      readonly findings?: readonly PlacedFinding[];
      readonly suppressed?: readonly PlacedFinding[];
      /** The engine threw on this file (a bug): reported, and the exit code is 2. */
      readonly error?: string;
    }
  | { readonly kind: 'skipped'; readonly reason: SkipReason; readonly detail?: string };

export interface FileScanOptions {
  readonly maxFileSize: number;
  readonly now?: Date;
  /** Shared by every file of the run (findingMemo.ts); the history scan gives one. */
  readonly memo?: FindingMemo;
  /** The engine; tests substitute one (then no byte prefilter: a test engine may find anything). */
  readonly engine: typeof scanText;
  /** Skip files whose bytes cannot hold a token. Only for the real engine. */
  readonly prefilter: boolean;
}

/**
 * A file whose bytes may hold a token: all the engine needs, as plain data, so that it can be
 * scanned in another thread (`scanCandidate`).
 */
export interface ScanCandidate {
  readonly kind: 'candidate';
  /** What the engine is told (the absolute path), if anything. */
  readonly fileName?: string;
  /** UTF-8 without its byte-order mark. */
  readonly bytes: Uint8Array;
  readonly invalidUtf8: boolean;
  /**
   * False when the bytes hold no base64 run the engine's decoder would read (then the engine skips
   * that pass: most files). A base64 character is one byte in UTF-8 and any other character is no
   * base64 character in either form, so the runs of the bytes are the runs of the decoded text.
   */
  readonly longBase64Runs?: boolean;
}

/**
 * Reads and scans the file at `path` (absolute), which is also the name the engine is told.
 * `isRegularFile`: the listing saw a regular file there (see `readTextBytesSync`).
 */
export function scanFile(path: string, options: FileScanOptions, isRegularFile = false): FileScanResult {
  const screened = screenFile(path, options, isRegularFile);
  return screened.kind === 'candidate' ? scanCandidate(screened, options) : screened;
}

/**
 * The first half of `scanFile`: reads the file and settles it when it is skipped or its bytes
 * cannot hold a token (most files); otherwise returns it as a candidate for `scanCandidate`. The
 * candidate's bytes are the read buffer, valid until the next read in this thread: copy them to
 * scan the candidate later or elsewhere.
 */
export function screenFile(path: string, options: FileScanOptions, isRegularFile: boolean): FileScanResult | ScanCandidate {
  return screen(readTextBytesSync(path, options.maxFileSize, isRegularFile), path, options);
}

/** Scans bytes already in memory (standard input, a blob) the same way. */
export function scanFileBytes(bytes: Uint8Array, fileName: string | undefined, options: FileScanOptions): FileScanResult {
  const screened = screenBytes(bytes, fileName, options);
  return screened.kind === 'candidate' ? scanCandidate(screened, options) : screened;
}

/** The first half of `scanFileBytes`: settles the bytes, or returns them as a candidate for `scanCandidate`. */
export function screenBytes(bytes: Uint8Array, fileName: string | undefined, options: FileScanOptions): FileScanResult | ScanCandidate {
  return screen(textBytes(bytes), fileName, options);
}

/** The result of a file with nothing in it: most files. Shared, so a tree of them makes no garbage. */
export const NOTHING_FOUND: FileScanResult = Object.freeze({ kind: 'scanned', invalidUtf8: false });
export const NOTHING_FOUND_INVALID_UTF8: FileScanResult = Object.freeze({ kind: 'scanned', invalidUtf8: true });

const nothingFound = (invalidUtf8: boolean): FileScanResult => (invalidUtf8 ? NOTHING_FOUND_INVALID_UTF8 : NOTHING_FOUND);

function screen(read: ReturnType<typeof textBytes>, fileName: string | undefined, options: FileScanOptions): FileScanResult | ScanCandidate {
  if (read.kind === 'skipped') return read.detail ? { kind: 'skipped', reason: read.reason, detail: read.detail } : { kind: 'skipped', reason: read.reason };
  if (options.prefilter && !mayContainSecrets(read.body)) return nothingFound(read.invalidUtf8);
  return {
    kind: 'candidate',
    ...(fileName !== undefined ? { fileName } : {}),
    bytes: read.body,
    invalidUtf8: read.invalidUtf8,
    ...(options.prefilter && !hasLongBase64Run(read.body) ? { longBase64Runs: false } : {}),
  };
}

/** The second half of `scanFile`: decodes a candidate, runs the engine and places what it finds. */
export function scanCandidate(candidate: ScanCandidate, options: FileScanOptions): FileScanResult {
  return scanDecodedText(decodeUtf8Body(candidate.bytes), candidate.invalidUtf8, candidate.fileName, options, candidate.longBase64Runs === false);
}

/**
 * Runs the engine on a file's decoded text and places what it finds (line and column).
 * `noLongBase64Runs`: the bytes were checked to hold no base64 run the decoder would read.
 */
export function scanDecodedText(
  text: string,
  invalidUtf8: boolean,
  fileName: string | undefined,
  options: FileScanOptions,
  noLongBase64Runs = false,
): FileScanResult {
  let result;
  try {
    result = options.engine(text, {
      ...(options.now ? { now: options.now } : {}),
      ...(fileName !== undefined ? { fileName } : {}),
      ...(options.memo ? { memo: options.memo } : {}),
      ...(noLongBase64Runs ? { noLongBase64Runs } : {}),
    });
  } catch (error) {
    // An engine bug must not cost the findings of every other file: record it, go on, exit 2.
    return { kind: 'scanned', invalidUtf8, error: error instanceof Error ? error.message : String(error) };
  }
  if (result.findings.length === 0 && result.suppressed.length === 0) return nothingFound(invalidUtf8);
  const lines = new LineIndex(text);
  const place = (finding: Finding): PlacedFinding => ({ finding, start: lines.position(finding.range.start), end: lines.position(finding.range.end) });
  return { kind: 'scanned', invalidUtf8, findings: result.findings.map(place), suppressed: result.suppressed.map(place) };
}
