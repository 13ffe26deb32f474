// `sas-guard scan --history` and the editor's "Scan Git History": every secret ever committed, once
// each. Content-addressed: `git log --raw` (commitLog.ts) lists the blobs each commit added, each
// distinct blob is read once (blobReader.ts) and goes through the CLI's own per-file path (binary
// sniff, UTF-16, the byte prefilter, the engine: walker/scanFile.ts), and the secrets it holds are
// credited to the earliest commit and path that added it (secretLedger.ts). A missing object,
// a binary or LFS-pointer blob or a submodule entry is counted, never fatal.
import { FindingMemo } from '../core/findings/findingMemo';
import { scanTextOnDemand } from '../walker/engineOnDemand';
import { literalSyntaxFor } from '../core/parse/literalSyntax';
import { scanCandidate, screenBytes, type FileScanOptions, type FileScanResult, type PlacedFinding } from '../walker/scanFile';
import { BlobReader, type BlobContent } from './blobReader';
import { CleanVersions, SMALLEST_DELTA_BLOB } from './cleanVersions';
import { streamCommitLog } from './commitLog';
import { blobsInHead } from './headBlobs';
import { isLfsPointer } from './lfsPointer';
import { listMissingObjects } from './missingObjects';
import type { HistoryOccurrence, HistoryOrigin } from '../report/historyOrigin';
import type { LoggedCommit, LoggedEntry, RawLogEvents } from './rawLogParser';
import { repositoryInfo, resolveCommit, type RepositoryInfo } from './repositoryInfo';
import { SecretLedger, type LedgerSecret, type Occurrence, type BlobFindings } from './secretLedger';
import { scanEditedVersion } from './editedVersionScan';
import { LineBigrams, lineHashes, type LineHashes } from './unchangedRegions';

export interface HistoryScanOptions {
  /** A directory inside the repository (or a bare repository). */
  readonly repository: string;
  /** Scan only the commits reachable from this ref (default: every ref, HEAD included). */
  readonly branch?: string;
  /** Leave out the commits reachable from this ref (a pull request's base). */
  readonly since?: string;
  readonly maxFileSize: number;
  readonly now?: Date;
  readonly isCancelled?: () => boolean;
  readonly onProgress?: (progress: HistoryProgress) => void;
}

export interface HistoryProgress {
  readonly commits: number;
  readonly blobsScanned: number;
}

/** How many occurrences a secret lists by name (all are counted). */
export const LISTED_OCCURRENCES = 5;

export interface HistorySecret {
  readonly placed: PlacedFinding;
  /** The path that first added it (the repository's), and the blob there. */
  readonly path: string;
  readonly blob: string;
  /** The commit that first added it, whether HEAD still holds it, and its occurrences (the first LISTED_OCCURRENCES). */
  readonly origin: HistoryOrigin;
}

export interface HistoryCounts {
  readonly commits: number;
  /** Commit/path entries that added or changed a blob. */
  readonly entries: number;
  readonly distinctBlobs: number;
  /** Distinct blobs read as text and checked. */
  readonly blobsScanned: number;
  readonly blobsWithInvalidUtf8: number;
  /** Blobs the repository lacks (partial clone, missing objects). */
  readonly missing: number;
  readonly binary: number;
  readonly lfsPointers: number;
  readonly submodules: number;
  readonly tooLarge: number;
  /** Large blobs scanned around their changes only (editedVersionScan.ts). */
  readonly settledByChanges: number;
}

export interface HistoryScanResult {
  readonly repository: RepositoryInfo;
  /** What was scanned, in words: "every ref", "main", "HEAD since origin/main". */
  readonly range: string;
  readonly secrets: readonly HistorySecret[];
  /** Secrets silenced by a sas-guard-ignore comment wherever they occur. */
  readonly suppressed: readonly HistorySecret[];
  readonly counts: HistoryCounts;
  /** Why git stopped early or a blob failed; the scan still reports what it read. */
  readonly errors: readonly string[];
  readonly cancelled: boolean;
}

const SUBMODULE_MODE = '160000';
const EVERY_REF: readonly string[] = ['--all'];

export async function scanHistory(options: HistoryScanOptions): Promise<HistoryScanResult> {
  // The repository's answers are asked first: the scan waits for them, and each git start blocks
  // this thread until its process runs, longer once other git processes compete for the cores.
  const answers = repositoryInfo(options.repository);
  // The default range (every ref) needs none of the repository's answers: git log starts at once,
  // alongside the git calls that ask them, and its output waits until the scan is ready.
  const logEvents: { commit?: RawLogEvents['commit']; entry?: RawLogEvents['entry'] } = {};
  const forwarded: RawLogEvents = { commit: (logged) => logEvents.commit!(logged), entry: (entry) => logEvents.entry!(entry) };
  const everyRef = options.branch === undefined && options.since === undefined;
  const earlyLog = everyRef ? streamCommitLog(options.repository, EVERY_REF, forwarded, true) : undefined;
  // cat-file needs nothing but the repository either: started now, it is running when the first
  // ids come, instead of starting after the repository's answers (it is the longest of the git
  // processes: every blob's content is inflated there).
  const reader = new BlobReader(options.repository, options.maxFileSize, onBlob);
  reader.startGit();
  let repository: RepositoryInfo;
  let revisions: string[];
  let range: string;
  try {
    repository = await answers;
    ({ revisions, range } = await revisionsFor(repository, options));
  } catch (error) {
    earlyLog?.kill();
    reader.kill();
    await reader.stopped;
    throw error;
  }
  // One clock for the whole history, so a token in many versions is graded once and alike.
  const fileOptions: FileScanOptions = {
    maxFileSize: options.maxFileSize,
    now: options.now ?? new Date(),
    memo: new FindingMemo(),
    engine: scanTextOnDemand,
    prefilter: true,
  };
  const missingObjects = repository.partialClone ? await listMissingObjects(options.repository, revisions) : new Set<string>();
  const ledger = new SecretLedger();
  const counts = {
    commits: 0,
    entries: 0,
    blobsScanned: 0,
    blobsWithInvalidUtf8: 0,
    missing: 0,
    binary: 0,
    lfsPointers: 0,
    submodules: 0,
    tooLarge: 0,
    settledByChanges: 0,
  };
  const cleanVersions = new CleanVersions();
  const errors: string[] = [];
  const submodules = new Set<string>();
  const isCancelled = options.isCancelled ?? (() => false);
  let cancelled = false;

  // The blobs asked for, in order: cat-file answers in the same order.
  const requests: { key: string; path: string; previousKey?: string }[] = [];
  let nextAnswer = 0;
  function onBlob(_id: string, content: BlobContent): void {
    const request = requests[nextAnswer++]!;
    if (nextAnswer > 4096 && nextAnswer * 2 > requests.length) {
      requests.splice(0, nextAnswer);
      nextAnswer = 0;
    }
    ledger.settle(request.key, scanBlob(content, request.path, request.key, request.previousKey));
    if (log !== undefined && paused && reader.outstanding < RESUME_BELOW) {
      paused = false;
      log.resume();
    }
  }
  const scanBlob = (content: BlobContent, path: string, key: string, previousKey: string | undefined): BlobFindings | undefined => {
    switch (content.kind) {
      case 'missing':
        counts.missing++;
        return undefined;
      case 'too-large':
        counts.tooLarge++;
        return undefined;
      case 'not-blob':
        counts.submodules++;
        return undefined;
      case 'blob':
        break;
    }
    if (isLfsPointer(content.bytes)) {
      counts.lfsPointers++;
      return undefined;
    }
    const screened = screenBytes(content.bytes, path, fileOptions);
    if (screened.kind === 'skipped') {
      if (screened.reason === 'binary') counts.binary++;
      else counts.tooLarge++;
      return undefined;
    }
    counts.blobsScanned++;
    if (screened.invalidUtf8) counts.blobsWithInvalidUtf8++;
    if (screened.kind === 'scanned') return undefined; // the prefilter's verdict: nothing to find
    // A large candidate: first ask whether its edits to a clean predecessor can hold anything.
    let hashes: LineHashes | undefined;
    if (screened.bytes.length >= SMALLEST_DELTA_BLOB) {
      hashes = lineHashes(screened.bytes);
      const old = previousKey !== undefined ? cleanVersions.get(previousKey) : undefined;
      const edited = old !== undefined ? scanEditedVersion(screened.bytes, hashes, old, path, fileOptions) : undefined;
      if (edited !== undefined && edited.kind === 'scanned') {
        counts.settledByChanges++;
        const result = blobFindings({ ...edited, invalidUtf8: screened.invalidUtf8 }, path);
        if (result === undefined) cleanVersions.set(key, LineBigrams.of(hashes));
        return result;
      }
    }
    const result = blobFindings(scanCandidate(screened, fileOptions), path);
    if (result === undefined && hashes !== undefined) cleanVersions.set(key, LineBigrams.of(hashes));
    return result;
  };
  const blobFindings = (result: FileScanResult, path: string): BlobFindings | undefined => {
    if (result.kind !== 'scanned') return undefined;
    if (result.error !== undefined) errors.push(`internal error while scanning ${path}: ${result.error}`);
    if ((result.findings ?? []).length === 0 && (result.suppressed ?? []).length === 0) return undefined;
    return { findings: result.findings ?? [], suppressed: result.suppressed ?? [] };
  };

  let commit: LoggedCommit | undefined;
  let paused = false;
  let readerStopped = false;
  let lastProgress = 0;
  const syntaxKeys = new Map<unknown, number>();
  logEvents.commit = (logged) => {
    commit = logged;
    counts.commits++;
    if (isCancelled()) {
      cancelled = true;
      log.kill();
      reader.kill();
    }
    const now = Date.now();
    if (options.onProgress !== undefined && now - lastProgress >= PROGRESS_INTERVAL_MS) {
      lastProgress = now;
      options.onProgress({ commits: counts.commits, blobsScanned: counts.blobsScanned });
    }
  };
  logEvents.entry = (entry: LoggedEntry) => {
    if (commit === undefined || cancelled) return;
    counts.entries++;
    if (entry.mode === SUBMODULE_MODE) {
      // A submodule's entry names a commit of another repository: nothing here to read.
      if (!submodules.has(entry.blob)) {
        submodules.add(entry.blob);
        counts.submodules++;
      }
      return;
    }
    const key = scanKey(syntaxKeys, entry.blob, entry.path);
    if (!ledger.noteEntry(key, commit, entry.path, entry.blob)) return;
    if (missingObjects.has(entry.blob)) {
      counts.missing++;
      ledger.settle(key, undefined);
      return;
    }
    const previousKey = entry.previous !== undefined ? scanKey(syntaxKeys, entry.previous, entry.path) : undefined;
    requests.push(previousKey !== undefined ? { key, path: entry.path, previousKey } : { key, path: entry.path });
    reader.request(entry.blob);
    if (!paused && !readerStopped && reader.outstanding > PAUSE_ABOVE) {
      paused = true;
      log.pause();
    }
  };
  const log = earlyLog ?? streamCommitLog(options.repository, revisions, forwarded);
  log.resume();
  // A reader that stopped early answers nothing more: a log paused for it would wait forever.
  void reader.stopped.then(() => {
    readerStopped = true;
    if (paused) {
      paused = false;
      log.resume();
    }
  });

  const logError = await log.done;
  if (logError !== undefined && !cancelled) errors.push(logError);
  if (cancelled) reader.kill();
  // HEAD's blobs are listed while git answers the last requests (headBlobs.ts).
  const headBlobs = cancelled ? Promise.resolve(new Set<string>()) : blobsInHead(options.repository, repository.head);
  const readError = await reader.finish();
  if (readError !== undefined && !cancelled) errors.push(readError);

  const found = ledger.secrets('findings');
  const silenced = ledger.secrets('suppressed');
  const inHead = cancelled ? new Set<string>() : await headBlobs;
  const shape = (secret: LedgerSecret): HistorySecret => historySecret(secret, inHead);
  return {
    repository,
    range,
    secrets: found.map(shape),
    suppressed: silenced.map(shape),
    counts: { ...counts, distinctBlobs: ledger.distinctBlobs },
    errors,
    cancelled,
  };
}

/** Requests in flight before the log is paused, and below which it goes on: bounds the memory of the queue. */
const PAUSE_ABOVE = 4000;
const RESUME_BELOW = 1000;
const PROGRESS_INTERVAL_MS = 100;

/**
 * The ledger's key of a blob: its id, plus the kind of string literals its path's extension has,
 * since that is all of the path the engine uses (joining split literals); the same blob under
 * another kind of name is scanned again.
 */
function scanKey(syntaxKeys: Map<unknown, number>, blob: string, path: string): string {
  const syntax = literalSyntaxFor(undefined, path);
  let id = syntaxKeys.get(syntax);
  if (id === undefined) {
    id = syntaxKeys.size;
    syntaxKeys.set(syntax, id);
  }
  return id === 0 ? blob : `${blob}:${id}`;
}

async function revisionsFor(repository: RepositoryInfo, options: HistoryScanOptions): Promise<{ revisions: string[]; range: string }> {
  const path = options.repository;
  const branch = options.branch !== undefined ? await resolveCommit(path, options.branch, '--branch') : undefined;
  const since = options.since !== undefined ? await resolveCommit(path, options.since, '--since') : undefined;
  if (since === undefined) return { revisions: branch !== undefined ? [branch] : [...EVERY_REF], range: options.branch ?? 'every ref' };
  // A range is a pull request's: its head (the branch, or HEAD) without what the base already has.
  const head = branch ?? repository.head;
  if (head === undefined) return { revisions: [], range: 'nothing (HEAD has no commit)' };
  return { revisions: [head, `^${since}`], range: `${options.branch ?? 'HEAD'} since ${options.since}` };
}

function historySecret(secret: LedgerSecret, inHead: ReadonlySet<string>): HistorySecret {
  const { first } = secret;
  return {
    placed: secret.placed,
    path: first.path,
    blob: first.blob,
    origin: {
      ...first.commit,
      inHead: [...secret.blobs].some((blob) => inHead.has(blob)),
      occurrences: secret.occurrences.length,
      firstOccurrences: secret.occurrences.slice(0, LISTED_OCCURRENCES).map(describeOccurrence),
    },
  };
}

function describeOccurrence(occurrence: Occurrence): HistoryOccurrence {
  return { commit: occurrence.commit.commit, path: occurrence.path, date: occurrence.commit.date };
}
