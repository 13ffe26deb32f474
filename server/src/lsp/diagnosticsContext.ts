// What both publishers of diagnostics need from the server: the open-document check
// (openDocumentDiagnostics.ts) and the workspace scan (workspaceScan.ts) publish into the same
// registry from the same settings and folders, so their contexts share this one description.
import type { Connection } from 'vscode-languageserver';
import type { Finding } from '../core/findings/types';
import type { OpenDocumentSource } from './openDocuments';
import type { PublishedDiagnostics } from './publishedDiagnosticsRegistry';
import type { ScanResults } from './scanResults';
import type { SettingsStore } from './settings';
import type { WorkspaceFolders } from './workspaceFolders';

export interface DiagnosticsContext {
  readonly connection: Connection;
  readonly documents: OpenDocumentSource;
  readonly folders: WorkspaceFolders;
  readonly settings: SettingsStore;
  readonly published: PublishedDiagnostics;
  readonly scanResults: ScanResults;
  readonly now: () => Date;
  readonly relatedInformation: () => boolean;
  readonly log: (message: string) => void;
  /** The clause an open document's finding ends with when its secret is already committed (after a history scan). */
  readonly committedNote?: (finding: Finding) => string | undefined;
}
