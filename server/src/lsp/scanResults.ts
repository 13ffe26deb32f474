// Results of the last workspace scan, per file URI. Open documents publish their own diagnostics;
// these are what a file shows while it is not open, and what the SARIF export reports for it.
import type { Diagnostic, Range } from 'vscode-languageserver';
import type { Finding } from '../core/findings/types';
import type { WalkSkipped } from '../walker';
import type { WorkspaceScanSummary } from './protocol';

export interface LocatedFinding {
  readonly finding: Finding;
  /** Where the token is, as LSP positions (0-based line, UTF-16 character). */
  readonly range: Range;
}

export interface ScannedFile {
  readonly uri: string;
  readonly path: string;
  readonly root: string;
  readonly relativePath: string;
  readonly findings: readonly LocatedFinding[];
  readonly suppressed: readonly LocatedFinding[];
  readonly diagnostics: Diagnostic[];
}

export class ScanResults {
  private readonly files = new Map<string, ScannedFile>();
  summary: WorkspaceScanSummary | undefined;
  /** Files the last scan could not read, for the SARIF export. */
  skipped: readonly WalkSkipped[] = [];

  get(uri: string): ScannedFile | undefined {
    return this.files.get(uri);
  }

  set(file: ScannedFile): void {
    this.files.set(file.uri, file);
  }

  delete(uri: string): void {
    this.files.delete(uri);
  }

  uris(): string[] {
    return [...this.files.keys()];
  }

  all(): ScannedFile[] {
    return [...this.files.values()];
  }

  clear(): void {
    this.files.clear();
    this.summary = undefined;
    this.skipped = [];
  }
}
