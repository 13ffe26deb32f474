// sasGuard.scanWorkspace: every workspace folder through the shared walker and the CLI's per-file
// path (walker/scanFile.ts: synchronous read, byte prefilter, decode and scan only the files that may
// hold a token, in worker threads as the CLI does), with work-done progress and cancellation. The
// synchronous reading runs in short time slices (timeSlice.ts) so the server keeps answering.
// Results (scannedFile.ts) are published for files that are not open, throttled (publishThrottle.ts);
// open documents keep their own diagnostics (a notebook with an open cell counts as open: its cells
// show the findings). A new scan replaces the last one's results: files that no longer have
// findings get empty diagnostics.
import type { CancellationToken, WorkDoneProgressReporter } from 'vscode-languageserver';
import * as path from 'node:path';
import { scanText } from '../core';
import { gradeAtLeast } from '../core/findings/grades';
import {
  scanCandidate,
  scanDecodedText,
  screenFile,
  type FileScanOptions,
  type FileScanResult,
  type PlacedFinding,
  type ScanCandidate,
} from '../walker/scanFile';
import { summarizeScan, type ScanTally } from '../report/scanSummary';
import { listFileBatches, readTextFile, type ListedFile, type SkipReason, type WalkSkipped } from '../walker';
import { analyze, redactSecrets } from './analyze';
import type { CandidatePoolFactory, FileAccess } from './candidatePool';
import type { DiagnosticsContext } from './diagnosticsContext';
import { grades, isFileOpen } from './openDocumentDiagnostics';
import { projectFinding, type ProjectPolicy } from './projectPolicy';
import type { ScanWorkspaceArgs, WorkspaceScanSummary } from './protocol';
import type { ScannedFile } from './scanResults';
import { placedScannedFile, scannedFileOfText } from './scannedFile';
import { TimeSlicer } from './timeSlice';
import { maxFileSizeBytes, type Settings } from './settings';
import type { StatusReporter } from './status';
import { fileKeyOf, pathToUri } from './uris';
import type { Folder } from './workspaceFolders';

export interface WorkspaceScanContext extends DiagnosticsContext {
  readonly status: StatusReporter;
  /** Worker threads for the files that may hold a token (as the CLI has); absent: this thread scans them. */
  readonly candidatePools?: CandidatePoolFactory;
  /** Synchronous reads in Node; the web worker reads through the client, asynchronously. */
  readonly fileAccess: FileAccess;
}

/**
 * Candidates larger than this are scanned in this thread (the CLI's rule): copying one to a worker
 * costs memory in proportion and saves little, as its scan dwarfs the copy.
 */
const LARGEST_CANDIDATE_FOR_WORKERS = 1024 * 1024;

/** Progress is reported at most this often (and, as slices are short, about this often). */
const PROGRESS_INTERVAL_MS = 100;

interface FolderPlan {
  readonly folder: Folder & { readonly path: string };
  readonly settings: Settings;
  readonly exclude: string[];
}

export class WorkspaceScanner {
  private running: { cancel: () => void; done: Promise<unknown> } | undefined;

  constructor(private readonly ctx: WorkspaceScanContext) {}

  async scan(args: ScanWorkspaceArgs | undefined, tokens: readonly CancellationToken[], progress: WorkDoneProgressReporter): Promise<WorkspaceScanSummary> {
    // One scan at a time: a new request supersedes the one in flight.
    if (this.running !== undefined) {
      this.running.cancel();
      await this.running.done.catch(() => undefined);
    }
    let cancelledByNewer = false;
    const isCancelled = (): boolean => cancelledByNewer || tokens.some((t) => t.isCancellationRequested);
    const done = this.run(args, isCancelled, progress);
    const entry = { cancel: () => (cancelledByNewer = true), done };
    this.running = entry;
    try {
      return await done;
    } finally {
      if (this.running === entry) this.running = undefined;
    }
  }

  private async run(args: ScanWorkspaceArgs | undefined, isCancelled: () => boolean, progress: WorkDoneProgressReporter): Promise<WorkspaceScanSummary> {
    const { ctx } = this;
    const started = Date.now();
    ctx.status.setState('scanning');
    progress.begin('SAS Guard: scanning the workspace', 0, 'Listing files…', true);
    const slicer = new TimeSlicer();
    let lastReport = performance.now();
    /** Progress at least every PROGRESS_INTERVAL_MS, at a slice's end (never in the middle of one). */
    const reportProgress = (percent: number, message: string, always = false): void => {
      if (!always && performance.now() - lastReport < PROGRESS_INTERVAL_MS) return;
      lastReport = performance.now();
      progress.report(percent, message);
    };
    try {
      const plans = await this.plan(args);
      // One listing pass, kept: its length is the progress total, then its files are read in order.
      const listings: { plan: FolderPlan; items: (ListedFile | WalkSkipped)[] }[] = [];
      let total = 0;
      for (const plan of plans) {
        const items: (ListedFile | WalkSkipped)[] = [];
        listings.push({ plan, items });
        const batches = listFileBatches({
          roots: [plan.folder.path],
          exclude: plan.exclude,
          useGitignore: true,
          synchronousIo: ctx.fileAccess === 'synchronous',
          isCancelled,
        });
        for await (const batch of batches) {
          for (const item of batch) items.push(item);
          total += batch.length;
          if (slicer.due()) {
            reportProgress(0, `Listing files… ${total}`);
            await slicer.nextSlice();
          }
        }
      }

      reportProgress(0, `0 of ${total} files`, true);
      const summary = newCounts();
      const newResults = new Map<string, ScannedFile>();
      let processed = 0;
      const now = ctx.now();
      // As in the CLI: this thread reads every file and settles most from their bytes; worker
      // threads decode and scan the few that may hold a token. Their results are settled in
      // listing order once the pool is done.
      const pool = ctx.candidatePools?.(now, (candidate: ScanCandidate) =>
        scanCandidate(candidate, { maxFileSize: 0, now, engine: scanText, prefilter: true }),
      );
      const candidates: { item: ListedFile; plan: FolderPlan; result: FileScanResult | number }[] = [];
      let jobs = 0;
      try {
        outer: for (const { plan, items } of listings) {
          const options: FileScanOptions = { maxFileSize: maxFileSizeBytes(plan.settings), now, engine: scanText, prefilter: true };
          for (const item of items) {
            if (isCancelled()) break outer;
            processed++;
            if (item.kind === 'skipped') {
              this.settle(item, plan, item, summary, newResults);
            } else {
              const screened = ctx.fileAccess === 'synchronous' ? screenFile(item.path, options, item.isRegularFile) : await readAndScan(item.path, options);
              if (screened.kind !== 'candidate') {
                this.settle(item, plan, screened, summary, newResults);
              } else if (pool === undefined || screened.bytes.byteLength > LARGEST_CANDIDATE_FOR_WORKERS) {
                candidates.push({ item, plan, result: scanCandidate(screened, options) });
              } else {
                // The read buffer is reused by the next read: the job keeps a copy.
                pool.submit({ ...screened, bytes: screened.bytes.slice() });
                candidates.push({ item, plan, result: jobs++ });
              }
            }
            if (slicer.due()) {
              reportProgress(total > 0 ? Math.min(99, Math.floor((processed / total) * 100)) : 0, `${processed} of ${total} files`);
              await slicer.nextSlice();
            }
          }
        }
        // The pool finishes its jobs one event-loop turn at a time: progress keeps coming meanwhile.
        const finishing = `${processed} of ${total} files; scanning the ${jobs} that may hold a token`;
        const heartbeat = setInterval(() => reportProgress(99, finishing), PROGRESS_INTERVAL_MS);
        let scanned: FileScanResult[];
        try {
          scanned = isCancelled() || pool === undefined ? [] : await pool.finish();
        } finally {
          clearInterval(heartbeat);
        }
        for (const { item, plan, result } of candidates) {
          const settled = typeof result === 'number' ? scanned[result] : result;
          if (settled !== undefined) this.settle(item, plan, settled, summary, newResults);
          if (slicer.due()) {
            reportProgress(99, `${processed} of ${total} files`);
            await slicer.nextSlice();
          }
        }
      } finally {
        pool?.close();
      }
      const cancelled = isCancelled();
      reportProgress(total > 0 ? Math.floor((processed / total) * 100) : 100, `${processed} of ${total} files`, true);
      this.replaceResults(newResults, cancelled ? visitedUris(listings, processed) : undefined);
      // The response comes after the last diagnostics, so a client that reads them then sees them all.
      await ctx.published.whenSent();

      ctx.scanResults.skipped = summary.skippedEntries;
      const tally: ScanTally = {
        filesScanned: summary.filesScanned,
        filesWithInvalidUtf8: summary.filesWithInvalidUtf8,
        findings: [...newResults.values()].flatMap((file) => file.findings.map(({ finding }) => ({ path: file.uri, finding }))),
        suppressed: summary.suppressed,
        skipped: summary.skipped,
        durationMs: Date.now() - started,
      };
      const result: WorkspaceScanSummary = {
        folders: plans.map((p) => p.folder.path),
        foldersNotScanned: ctx.folders
          .all()
          .filter((f) => f.path === undefined)
          .map((f) => f.uri),
        ...summarizeScan(tally),
        cancelled,
      };
      ctx.scanResults.summary = result;
      ctx.status.setLastScan(result);
      return result;
    } finally {
      progress.done();
      ctx.status.setState('ready');
      ctx.status.flush();
    }
  }

  private async plan(args: ScanWorkspaceArgs | undefined): Promise<FolderPlan[]> {
    const extra = (args?.exclude ?? []).filter((g): g is string => typeof g === 'string' && g.trim() !== '');
    const plans: FolderPlan[] = [];
    for (const folder of this.ctx.folders.onDisk()) {
      const settings = await this.ctx.settings.get(folder.uri === '' ? undefined : folder.uri);
      if (!settings.enable) continue;
      plans.push({ folder: folder as FolderPlan['folder'], settings, exclude: [...extra, ...settings.exclude, ...(settings.project?.walkerExclude ?? [])] });
    }
    return plans;
  }

  /**
   * Records one listed file's result, worked out the CLI's way (walker/scanFile.ts): read
   * synchronously, settled from its bytes when they cannot hold a token (most files, never
   * decoded), otherwise decoded and scanned.
   */
  private settle(
    item: ListedFile | WalkSkipped,
    plan: FolderPlan,
    result: FileScanResult | WalkSkipped,
    counts: Counts,
    newResults: Map<string, ScannedFile>,
  ): void {
    if (item.kind === 'skipped') {
      this.skip(counts, item.relativePath, item.reason, item.detail);
      counts.skippedEntries.push(item);
      return;
    }
    if (result.kind === 'skipped') {
      const skipped: WalkSkipped = {
        kind: 'skipped',
        path: item.path,
        root: item.root,
        relativePath: item.relativePath,
        reason: result.reason,
        ...(result.detail ? { detail: result.detail } : {}),
      };
      this.skip(counts, item.relativePath, result.reason, result.detail);
      counts.skippedEntries.push(skipped);
      return;
    }
    if (result.error !== undefined) {
      this.ctx.log(`Could not check ${item.relativePath}: ${redactSecrets(result.error)}`);
      this.skip(counts, item.relativePath, 'unreadable');
      return;
    }
    counts.filesScanned++;
    if (result.invalidUtf8) counts.filesWithInvalidUtf8++;
    const suppressed = result.suppressed ?? [];
    counts.suppressed += suppressed.length;
    const findings = withPolicy(result.findings ?? [], item.path, plan.settings.project).filter((placed) =>
      gradeAtLeast(placed.finding.grade, plan.settings.minimumGrade),
    );
    if (findings.length === 0 && suppressed.length === 0) return;
    const uri = pathToUri(item.path);
    const file = placedScannedFile(
      { uri, path: item.path, root: item.root, relativePath: item.relativePath },
      findings,
      suppressed,
      this.ctx.relatedInformation(),
    );
    newResults.set(uri, file);
    this.ctx.scanResults.set(file);
    if (!this.isOpen(uri) && (file.diagnostics.length > 0 || this.ctx.published.originOf(uri) === 'scan')) {
      this.ctx.published.publishThrottled(
        uri,
        file.diagnostics,
        'scan',
        file.findings.map((f) => f.finding.grade),
      );
    }
  }

  private skip(counts: Counts, relativePath: string, reason: SkipReason, detail?: string): void {
    counts.skipped.push({ path: relativePath, reason, ...(detail !== undefined ? { detail } : {}) });
  }

  /**
   * Forget the last scan's results that this scan did not confirm and clear their diagnostics.
   * `visited`: the files a cancelled scan reached (the others keep their last results); undefined
   * when the scan ran to the end.
   */
  private replaceResults(newResults: ReadonlyMap<string, ScannedFile>, visited: ReadonlySet<string> | undefined): void {
    const openUris = new Set(this.ctx.documents.all().map((d) => fileKeyOf(d.uri)));
    for (const uri of this.ctx.scanResults.uris()) {
      if (newResults.has(uri)) continue;
      if (visited !== undefined && !visited.has(uri)) continue;
      this.ctx.scanResults.delete(uri);
      if (!openUris.has(uri) && this.ctx.published.originOf(uri) !== 'document') this.ctx.published.clearThrottled(uri);
    }
  }

  /** A scanned file was closed in the editor: re-read it from disk so what comes back is current. */
  async refreshFile(uri: string): Promise<void> {
    const previous = this.ctx.scanResults.get(uri);
    if (previous === undefined) return;
    const settings = await this.ctx.settings.get(uri);
    const read = await readTextFile(previous.path, maxFileSizeBytes(settings));
    if (this.isOpen(uri)) return; // reopened meanwhile: the document's diagnostics win
    if (read.kind !== 'text') {
      this.ctx.scanResults.delete(uri);
      this.ctx.published.clear(uri);
      return;
    }
    const outcome = analyze({ text: read.text, filePath: previous.path, folder: previous.root, now: this.ctx.now() }, settings);
    if (outcome.kind !== 'checked' || (outcome.findings.length === 0 && outcome.suppressed.length === 0)) {
      this.ctx.scanResults.delete(uri);
      this.ctx.published.clear(uri);
      return;
    }
    const file = scannedFileOfText(previous, read.text, outcome.findings, outcome.suppressed, this.ctx.relatedInformation());
    this.ctx.scanResults.set(file);
    this.ctx.published.publish(uri, file.diagnostics, 'scan', grades(outcome.findings));
  }

  /** ClearScanResultsRequest: drop the scan's results; files not open lose their diagnostics. */
  clear(): void {
    const open = new Set(this.ctx.documents.all().map((d) => fileKeyOf(d.uri)));
    for (const uri of this.ctx.scanResults.uris()) if (!open.has(uri)) this.ctx.published.clear(uri);
    this.ctx.scanResults.clear();
    this.ctx.status.setLastScan(undefined);
  }

  /** Workspace folders were removed: their files' scan results go, with their diagnostics. */
  forgetFolders(removedPaths: readonly string[]): void {
    if (removedPaths.length === 0) return;
    const gone = new Set(removedPaths.map((p) => path.resolve(p)));
    for (const file of this.ctx.scanResults.all()) {
      if (!gone.has(path.resolve(file.root))) continue;
      this.ctx.scanResults.delete(file.uri);
      if (!this.isOpen(file.uri)) this.ctx.published.clear(file.uri);
    }
  }

  /** An open document stands for the file: the file itself, or a cell of the notebook it is. */
  private isOpen(uri: string): boolean {
    return isFileOpen(this.ctx.documents, uri);
  }
}

/** What the scan saw so far, for summarizeScan; findings are counted from the results at the end. */
interface Counts {
  filesScanned: number;
  filesWithInvalidUtf8: number;
  suppressed: number;
  skipped: { path: string; reason: SkipReason; detail?: string }[];
  skippedEntries: WalkSkipped[];
}

function newCounts(): Counts {
  return { filesScanned: 0, filesWithInvalidUtf8: 0, suppressed: 0, skipped: [], skippedEntries: [] };
}

/** The URIs of the first `processed` items of the listings: the files a cancelled scan reached. */
function visitedUris(listings: readonly { items: readonly (ListedFile | WalkSkipped)[] }[], processed: number): Set<string> {
  const visited = new Set<string>();
  for (const { items } of listings) {
    for (const item of items) {
      if (visited.size >= processed) return visited;
      visited.add(pathToUri(item.path));
    }
  }
  return visited;
}

/** The web worker's way to the same result: an asynchronous read (through the client), then the engine. */
async function readAndScan(path: string, options: FileScanOptions): Promise<FileScanResult> {
  const read = await readTextFile(path, options.maxFileSize);
  if (read.kind === 'skipped') return read.detail ? { kind: 'skipped', reason: read.reason, detail: read.detail } : { kind: 'skipped', reason: read.reason };
  return scanDecodedText(read.text, read.invalidUtf8, path, options);
}

/** The project's policy (projectPolicy.ts) on findings the scan already placed on lines and columns. */
function withPolicy(placed: readonly PlacedFinding[], filePath: string, policy: ProjectPolicy | undefined): PlacedFinding[] {
  return placed.flatMap((p) => {
    const finding = projectFinding(p.finding, filePath, policy);
    return finding === undefined ? [] : [{ ...p, finding }];
  });
}
