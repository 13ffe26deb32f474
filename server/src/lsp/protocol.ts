// Messages between the SAS Guard client and server beyond standard LSP. The VS Code client imports
// this file for its values (command ids, notification and request types); everything else it takes
// from the server is types or pure wording. Its own imports are the LSP protocol package and types.
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { Range } from 'vscode-languageserver-protocol';
import type { Finding, Grade, OffsetRange, RuleId, TokenContainer, TokenEncoding } from '../core/findings/types';
import type { HistoryOrigin, HistoryScanInfo } from '../report/historyOrigin';
import type { ScanSummary } from '../report/scanSummary';

/** `workspace/executeCommand` ids the server handles (every LSP client can call them). */
export const ServerCommands = {
  /** Scans every workspace folder. Arguments: [ScanWorkspaceArgs?]. Returns WorkspaceScanSummary. Honours a client workDoneToken. */
  scanWorkspace: 'sasGuard.scanWorkspace',
  /** Returns the SARIF 2.1.0 log (as a JSON string) of the findings the server currently holds. Arguments: [ExportSarifArgs?]. */
  exportSarif: 'sasGuard.exportSarif',
  /**
   * The "Copy the revoke command" code action's command. Arguments: [CopyRevokeCommandArgs]. The VS Code
   * client handles it itself (clipboard); any other client sends it to the server, which shows the
   * commands with `window/showMessage` (to copy from there) and returns them as `{ text }`.
   */
  copyRevokeCommand: 'sasGuard.copyRevokeCommand',
  /**
   * Scans the git history of a workspace folder: every secret ever committed, once each (desktop
   * server only: it runs git). Arguments: [ScanHistoryArgs?]. Returns HistoryScanSummary. Honours a
   * client workDoneToken; cancellable.
   */
  scanHistory: 'sasGuard.scanHistory',
  /** The text of a file as it was at a commit (desktop server only). Arguments: [CommittedFileArgs]. Returns CommittedFile. */
  showCommittedFile: 'sasGuard.showCommittedFile',
} as const;

export interface ScanHistoryArgs {
  /** The workspace folder (URI) whose repository is scanned; default the first folder. */
  readonly folder?: string;
  /** Only the commits reachable from this ref (default every ref). */
  readonly branch?: string;
  /** Leave out the commits reachable from this ref. */
  readonly since?: string;
}

/** One secret of the history, where it was first committed. Never the secret itself. */
export interface HistorySecretItem
  extends
    Pick<Finding, 'ruleId' | 'grade' | 'message' | 'redactedSecret' | 'fingerprint'>,
    Pick<HistoryOrigin, 'commit' | 'date' | 'author' | 'inHead' | 'occurrences'> {
  /** The repository's path of the file at that commit (forward slashes). */
  readonly path: string;
  /** 0-based LSP range of the token in that file at that commit, UTF-16 columns. */
  readonly range: Range;
}

export interface HistoryScanSummary extends Pick<HistoryScanInfo, 'range' | 'commits' | 'blobsScanned' | 'shallow' | 'partialClone' | 'missing' | 'warnings'> {
  /** The repository's root (absolute path): `path` of each secret is relative to it. */
  readonly repository: string;
  readonly secrets: readonly HistorySecretItem[];
  readonly cancelled: boolean;
}

export interface CommittedFileArgs {
  /** The repository's root, as HistoryScanSummary.repository gives it. */
  readonly repository: string;
  readonly commit: string;
  readonly path: string;
}

export interface CommittedFile {
  /** The file's text at that commit (UTF-8, invalid bytes replaced). */
  readonly text: string;
}

export interface CopyRevokeCommandArgs {
  /** The commands as a shell script: one a line, alternatives under `#` comment lines. Never the secret. */
  readonly text: string;
  /** What the commands do, in one sentence. */
  readonly action: string;
  /** docs/revoking.md, at this kind's section. */
  readonly docs: string;
}

/** The result of sasGuard.copyRevokeCommand on the server. */
export interface CopyRevokeCommandResult {
  readonly text: string;
}

export interface ScanWorkspaceArgs {
  /** Extra exclude globs from the client (for example VS Code's `files.exclude`), relative to each folder. */
  readonly exclude?: readonly string[];
}

export interface ExportSarifArgs {
  /** Run a fresh workspace scan first (default false: export what the server holds). */
  readonly rescan?: boolean;
}

/** The result of sasGuard.scanWorkspace: the counts the CLI reports too (report/scanSummary), and where. */
export interface WorkspaceScanSummary extends ScanSummary {
  /** The workspace folders scanned (absolute paths); skipped examples are relative to theirs. */
  readonly folders: readonly string[];
  /**
   * Workspace folders (URIs) the scan could not read because they are not on a file system the server
   * reaches, such as a virtual workspace's `vscode-vfs:` folder in desktop VS Code: only their open
   * documents are checked.
   */
  readonly foldersNotScanned: readonly string[];
  readonly cancelled: boolean;
}

export type ServerState = 'starting' | 'ready' | 'scanning' | 'error';

/** Server → client: state and the findings it currently publishes, for the language status item. */
export interface StatusParams {
  readonly state: ServerState;
  /** Findings currently published across all documents (open ones and the last workspace scan). */
  readonly findings: number;
  readonly findingsByGrade: Readonly<Record<Grade, number>>;
  /** Summary of the last workspace scan, when one ran. */
  readonly lastScan?: WorkspaceScanSummary;
  readonly message?: string;
}

export const StatusNotification = new NotificationType<StatusParams>('sasGuard/status');

/** Client → server: forget the last workspace scan's results (diagnostics of files not open are cleared). */
export const ClearScanResultsRequest = new RequestType<void, void, void>('sasGuard/clearScanResults');

/** `source` of every SAS Guard diagnostic. */
export const DIAGNOSTIC_SOURCE = 'SAS Guard';

/** `code` of the single Information diagnostic on an open document too large to check (no `data`). */
export const SKIPPED_FILE_CODE = 'skipped-file';

/** Code action kind of "strip every signature and key in this file" (for editor.codeActionsOnSave). */
export const FIX_ALL_CODE_ACTION_KIND = 'source.fixAll.sasGuard';

/**
 * `Diagnostic.data` of every SAS Guard finding: what the quick fixes need to find the token again.
 * Plain JSON, never the secret (the server re-reads it from the document when a fix is asked for).
 */
export interface SasGuardDiagnosticData {
  readonly sasGuard: 1;
  readonly ruleId: RuleId;
  readonly grade: Grade;
  /** UTF-16 offsets of the whole token in the text the diagnostic was computed on. */
  readonly range: OffsetRange;
  /** Offsets of the signature or key value. */
  readonly secretRange: OffsetRange;
  /** Version of the open document the offsets belong to; null for files checked from disk by a scan. */
  readonly version: number | null;
  /** Stable id of the secret: equal wherever the same secret appears, in any encoding. */
  readonly fingerprint: string;
  readonly container: TokenContainer;
  readonly encoding: TokenEncoding;
  /** At most four characters of the secret and an ellipsis. */
  readonly redactedSecret: string;
  readonly account?: string;
  readonly host?: string;
  readonly keyName?: string;
  readonly expired?: boolean;
}
