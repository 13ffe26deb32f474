// Checks open documents and publishes their diagnostics, on open and on every change. Files not
// open get theirs from workspaceScan.ts; findingDiagnostics.ts builds both, and every push is
// recorded by publishedDiagnosticsRegistry.ts. Analysis is synchronous and fast, so there is no
// timer: a change schedules one run on the next turn of the event loop, changes that arrive before
// it runs are coalesced into it, and a result whose document version moved on while the settings
// were fetched is dropped (the newer version has its own run queued).
import type { Finding } from '../core/findings/types';
import { analyze, type AnalysisOutcome } from './analyze';
import type { DiagnosticsContext } from './diagnosticsContext';
import type { IncrementalScans } from './incremental';
import { findingsToDiagnostics, skippedDiagnostic } from './findingDiagnostics';
import type { GitIgnoredFiles } from './gitIgnored';
import type { OpenDocument } from './openDocument';
import type { OpenDocumentSource } from './openDocuments';
import { fileKeyOf, notebookFileOfCell, uriToPath } from './uris';

export interface DocumentAnalysis {
  readonly version: number;
  readonly outcome: AnalysisOutcome;
}

export interface OpenDocumentDiagnosticsContext extends DiagnosticsContext {
  /** Re-scans open documents around their edits only (exactly equivalent to a full scan). */
  readonly incremental?: IncrementalScans;
  /** Which files git ignores (their findings are graded info); absent: none. */
  readonly gitIgnored?: GitIgnoredFiles;
}

export class OpenDocumentDiagnostics {
  private readonly queued = new Set<string>();
  private readonly lastAnalysis = new Map<string, DocumentAnalysis>();

  constructor(private readonly ctx: OpenDocumentDiagnosticsContext) {}

  /** Queue a check of an open document; several calls before it runs make one check. */
  schedule(uri: string): void {
    if (this.queued.has(uri)) return;
    this.queued.add(uri);
    setImmediate(() => {
      this.queued.delete(uri);
      void this.validate(uri).catch((error: unknown) => this.ctx.log(`Checking a document failed: ${String(error)}`));
    });
  }

  scheduleAll(): void {
    for (const document of this.ctx.documents.all()) this.schedule(document.uri);
  }

  /** The analysis behind the diagnostics last published for an open document. */
  analysisOf(uri: string): DocumentAnalysis | undefined {
    return this.lastAnalysis.get(uri);
  }

  /** Runs the engine on an open document with its settings (used by hover and code actions too). */
  async analyzeDocument(document: OpenDocument): Promise<AnalysisOutcome> {
    const settings = await this.ctx.settings.get(document.uri);
    const gitIgnored = await this.isGitIgnored(document.uri);
    return this.analyzeWith(document, settings, gitIgnored);
  }

  /**
   * Whether git ignores the document's file: only files inside a workspace folder (by the folder's
   * ignore rules, as the workspace scan walks it); never untitled documents or notebook cells.
   */
  private isGitIgnored(uri: string): Promise<boolean> {
    const gitIgnored = this.ctx.gitIgnored;
    const filePath = uriToPath(uri);
    if (gitIgnored === undefined || filePath === undefined) return Promise.resolve(false);
    const folder = this.ctx.folders.folderOf(filePath)?.path;
    return folder === undefined ? Promise.resolve(false) : gitIgnored.isIgnored(filePath, folder);
  }

  private analyzeWith(document: OpenDocument, settings: Parameters<typeof analyze>[1], gitIgnored: boolean): AnalysisOutcome {
    const filePath = uriToPath(document.uri);
    const folder = filePath === undefined ? undefined : this.ctx.folders.folderOf(filePath)?.path;
    const incremental = this.ctx.incremental;
    const outcome = analyze(
      {
        text: document.getText(),
        filePath,
        fileName: filePath === undefined ? lastSegment(document.uri) : undefined,
        languageId: document.languageId,
        folder,
        gitIgnored,
        now: incremental ? incremental.clock(document.uri, this.ctx.now()) : this.ctx.now(),
        byteLength: () => document.byteLength(),
        ...(incremental ? { scan: incremental.scanner(document.uri) } : {}),
      },
      settings,
    );
    if (outcome.kind !== 'checked') incremental?.forget(document.uri);
    return outcome;
  }

  private async validate(uri: string): Promise<void> {
    const before = this.ctx.documents.get(uri);
    if (before === undefined) return;
    const version = before.version;
    const settings = await this.ctx.settings.get(uri);
    const generation = this.ctx.gitIgnored?.generation;
    const gitIgnored = await this.isGitIgnored(uri);
    const document = this.ctx.documents.get(uri);
    if (document === undefined || document.version !== version) return; // stale: a newer run is queued
    if (this.ctx.gitIgnored?.generation !== generation) {
      // The ignore rules changed while deciding: decide again with the new ones.
      this.schedule(uri);
      return;
    }
    const outcome = this.analyzeWith(document, settings, gitIgnored);
    this.lastAnalysis.set(uri, { version, outcome });
    this.publish(document, outcome);
  }

  private publish(document: OpenDocument, outcome: AnalysisOutcome): void {
    const { published } = this.ctx;
    switch (outcome.kind) {
      case 'checked': {
        const diagnostics = findingsToDiagnostics(document, outcome.findings, {
          relatedInformation: this.ctx.relatedInformation(),
          version: document.version,
          ...(this.ctx.committedNote !== undefined ? { noteFor: this.ctx.committedNote } : {}),
        });
        published.publish(document.uri, diagnostics, 'document', grades(outcome.findings), document.version);
        return;
      }
      case 'too-large':
        published.publish(document.uri, [skippedDiagnostic(outcome.sizeBytes, outcome.limitKB)], 'document', [], document.version);
        return;
      case 'failed':
        this.ctx.log(`Could not check ${document.uri}: ${outcome.error}`);
        published.publish(document.uri, [], 'document', [], document.version);
        return;
      case 'disabled':
      case 'excluded':
        published.publish(document.uri, [], 'document', [], document.version);
        return;
    }
  }

  /**
   * didOpen. A scanned file opened as a text document replaces the scan's diagnostics on its own URI.
   * A notebook cell has its own URI, so the scan's diagnostics for the notebook file are hidden while
   * any of its cells is open (the cells show the findings; otherwise each would be listed twice).
   */
  opened(uri: string): void {
    const notebook = notebookFileOfCell(uri);
    if (notebook === undefined) return;
    if (this.ctx.published.originOf(notebook) === 'scan') this.ctx.published.clear(notebook);
  }

  /**
   * didClose: the open document's diagnostics go; the last scan's results for the file come back
   * (re-read from disk) once nothing stands for the file any more: neither the file itself nor, for
   * a notebook, any of its cells.
   */
  closed(uri: string, refreshFromDisk: (uri: string) => Promise<void>): void {
    this.queued.delete(uri);
    this.lastAnalysis.delete(uri);
    this.ctx.incremental?.close(uri);
    const fileUri = fileKeyOf(uri);
    const restore = this.ctx.scanResults.get(fileUri) !== undefined && !isFileOpen(this.ctx.documents, fileUri);
    // Publishing the refreshed scan result replaces the closed document's diagnostics on the same URI.
    if (!restore || fileUri !== uri) this.ctx.published.clear(uri);
    if (!restore) return;
    void refreshFromDisk(fileUri).catch((error: unknown) => this.ctx.log(`Re-reading a closed file failed: ${String(error)}`));
  }
}

/** Some open document stands for the file (scan-result key): the file itself or a cell of the notebook. */
export function isFileOpen(documents: OpenDocumentSource, fileUri: string): boolean {
  return documents.all().some((d) => fileKeyOf(d.uri) === fileUri);
}

export function grades(findings: readonly Finding[]): Finding['grade'][] {
  return findings.map((f) => f.grade);
}

function lastSegment(uri: string): string {
  const cut = uri.lastIndexOf('/');
  try {
    return decodeURIComponent(cut >= 0 ? uri.slice(cut + 1) : uri);
  } catch {
    return cut >= 0 ? uri.slice(cut + 1) : uri;
  }
}
