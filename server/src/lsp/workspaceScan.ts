// sasGuard.scanWorkspace: every workspace folder through the shared walker (the CLI's), with
// work-done progress and cancellation. Results are published for files that are not open; open
// documents keep their own diagnostics (a notebook with an open cell counts as open: its cells show
// the findings). A new scan replaces the last one's results: files that no longer have findings get
// empty diagnostics.
import type { CancellationToken, Connection, TextDocuments, WorkDoneProgressReporter } from 'vscode-languageserver';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../core/findings/types';
import { summarizeScan, type ScanTally } from '../report/scanSummary';
import { listFiles, readTextFile, walkFiles, type SkipReason, type WalkEntry, type WalkSkipped } from '../walker';
import { analyze } from './analyze';
import { findingsToDiagnostics } from './findingDiagnostics';
import { grades, isFileOpen } from './openDocumentDiagnostics';
import type { ScanWorkspaceArgs, WorkspaceScanSummary } from './protocol';
import type { PublishedDiagnostics } from './publishedDiagnosticsRegistry';
import type { LocatedFinding, ScanResults, ScannedFile } from './scanResults';
import { toRange } from './positions';
import { maxFileSizeBytes, type Settings, type SettingsStore } from './settings';
import type { StatusReporter } from './status';
import { fileKeyOf, pathToUri } from './uris';
import type { Folder, WorkspaceFolders } from './workspaceFolders';

export interface WorkspaceScanContext {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly folders: WorkspaceFolders;
  readonly settings: SettingsStore;
  readonly published: PublishedDiagnostics;
  readonly scanResults: ScanResults;
  readonly status: StatusReporter;
  readonly now: () => Date;
  readonly relatedInformation: () => boolean;
  readonly log: (message: string) => void;
}

/** Yield to the event loop this often so cancellation and edits get through during a scan. */
const FILES_PER_TURN = 16;

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
    try {
      const plans = await this.plan(args);
      const total = await this.countFiles(plans, isCancelled);

      const summary = newCounts();
      const newResults = new Map<string, ScannedFile>();
      const visited = new Set<string>();
      let processed = 0;
      let lastPercent = -1;

      outer: for (const plan of plans) {
        const walk = walkFiles({
          roots: [plan.folder.path],
          exclude: plan.exclude,
          useGitignore: true,
          maxFileSize: maxFileSizeBytes(plan.settings),
          isCancelled,
        });
        for await (const entry of walk) {
          if (isCancelled()) break outer;
          processed++;
          this.handleEntry(entry, plan, summary, newResults, visited);
          const percent = total > 0 ? Math.min(99, Math.floor((processed / total) * 100)) : 0;
          if (percent !== lastPercent) {
            lastPercent = percent;
            progress.report(percent, `${processed} of ${Math.max(total, processed)} files`);
          }
          if (processed % FILES_PER_TURN === 0) await nextTurn();
        }
      }
      const cancelled = isCancelled();
      this.replaceResults(newResults, visited, cancelled);

      ctx.scanResults.skipped = summary.skippedEntries;
      const tally: ScanTally = {
        filesScanned: summary.filesScanned,
        filesWithInvalidUtf8: summary.filesWithInvalidUtf8,
        findings: [...newResults.values()].flatMap((file) => file.findings.map(({ finding }) => ({ path: file.uri, finding }))),
        suppressed: summary.suppressed,
        skipped: summary.skipped,
        durationMs: Date.now() - started,
      };
      const result: WorkspaceScanSummary = { folders: plans.map((p) => p.folder.path), ...summarizeScan(tally), cancelled };
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
      plans.push({ folder: folder as FolderPlan['folder'], settings, exclude: [...extra, ...settings.exclude] });
    }
    return plans;
  }

  /** The walker's listing pass (no file is opened) so progress can say how far along the scan is. */
  private async countFiles(plans: readonly FolderPlan[], isCancelled: () => boolean): Promise<number> {
    let total = 0;
    for (const plan of plans) {
      for await (const entry of listFiles({ roots: [plan.folder.path], exclude: plan.exclude, useGitignore: true, isCancelled })) {
        void entry;
        total++;
        if (total % 256 === 0) await nextTurn();
        if (isCancelled()) return total;
      }
    }
    return total;
  }

  private handleEntry(
    entry: WalkEntry,
    plan: FolderPlan,
    counts: Counts,
    newResults: Map<string, ScannedFile>,
    visited: Set<string>,
  ): void {
    const uri = pathToUri(entry.path);
    visited.add(uri);
    if (entry.kind === 'skipped') {
      this.skip(counts, entry.relativePath, entry.reason, entry.detail);
      counts.skippedEntries.push(entry);
      return;
    }
    // The walker already applied the exclude globs (gitignore semantics) and the size limit.
    const outcome = analyze(
      { text: entry.text, filePath: entry.path, folder: plan.folder.path, now: this.ctx.now() },
      { ...plan.settings, exclude: [], maxFileSizeKB: Number.MAX_SAFE_INTEGER },
    );
    if (outcome.kind === 'failed') {
      this.ctx.log(`Could not check ${entry.relativePath}: ${outcome.error}`);
      this.skip(counts, entry.relativePath, 'unreadable');
      return;
    }
    if (outcome.kind !== 'checked') return;
    counts.filesScanned++;
    if (entry.invalidUtf8) counts.filesWithInvalidUtf8++;
    counts.suppressed += outcome.suppressed.length;
    if (outcome.findings.length === 0 && outcome.suppressed.length === 0) return;
    const file = this.toScannedFile(uri, entry.path, entry.root, entry.relativePath, entry.text, outcome.findings, outcome.suppressed);
    newResults.set(uri, file);
    this.ctx.scanResults.set(file);
    if (!this.isOpen(uri) && (file.diagnostics.length > 0 || this.ctx.published.originOf(uri) === 'scan')) {
      this.ctx.published.publish(uri, file.diagnostics, 'scan', file.findings.map((f) => f.finding.grade));
    }
  }

  private toScannedFile(
    uri: string,
    path: string,
    root: string,
    relativePath: string,
    text: string,
    findings: readonly Finding[],
    suppressed: readonly Finding[],
  ): ScannedFile {
    const document = TextDocument.create(uri, 'plaintext', 0, text);
    const diagnostics = findingsToDiagnostics(document, findings, { relatedInformation: this.ctx.relatedInformation(), version: null });
    const locate = (finding: Finding): LocatedFinding => ({ finding, range: toRange(document, finding.range) });
    return { uri, path, root, relativePath, findings: findings.map(locate), suppressed: suppressed.map(locate), diagnostics };
  }

  private skip(counts: Counts, relativePath: string, reason: SkipReason, detail?: string): void {
    counts.skipped.push({ path: relativePath, reason, ...(detail !== undefined ? { detail } : {}) });
  }

  /** Forget the last scan's results that this scan did not confirm and clear their diagnostics. */
  private replaceResults(newResults: ReadonlyMap<string, ScannedFile>, visited: ReadonlySet<string>, cancelled: boolean): void {
    const openUris = new Set(this.ctx.documents.all().map((d) => fileKeyOf(d.uri)));
    for (const uri of this.ctx.scanResults.uris()) {
      if (newResults.has(uri)) continue;
      // A cancelled scan only knows about the files it reached; the others keep their last results.
      if (cancelled && !visited.has(uri)) continue;
      this.ctx.scanResults.delete(uri);
      if (!openUris.has(uri) && this.ctx.published.originOf(uri) !== 'document') this.ctx.published.clear(uri);
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
    const file = this.toScannedFile(uri, previous.path, previous.root, previous.relativePath, read.text, outcome.findings, outcome.suppressed);
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

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
