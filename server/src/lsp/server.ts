// The SAS Guard language server: wires documents, settings, diagnostics, hover, code actions and the
// workspace scan to a connection. Nothing happens at module load; `startServer` does it all, so tests
// and other hosts can drive the real server over any connection.
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  type CancellationToken,
  type ClientCapabilities,
  type Connection,
  type ExecuteCommandParams,
  type InitializeParams,
  type InitializeResult,
  WorkDoneProgressReporter,
} from 'vscode-languageserver';
import * as path from 'node:path';
import { describeError } from './analyze';
import { provideCodeActions } from './codeActions';
import { OpenDocumentDiagnostics } from './openDocumentDiagnostics';
import { OpenDocuments } from './openDocuments';
import { GitIgnoredFiles, isIgnoreRulesFile } from './gitIgnored';
import { hoverAt } from './hover';
import { IncrementalScans } from './incremental';
import type { CandidatePoolFactory, FileAccess } from './candidatePool';
import {
  ClearScanResultsRequest,
  FIX_ALL_CODE_ACTION_KIND,
  ServerCommands,
  type CommittedFileArgs,
  type CopyRevokeCommandArgs,
  type ExportSarifArgs,
  type HistorySecretItem,
  type ScanHistoryArgs,
  type ScanWorkspaceArgs,
} from './protocol';
import { showRevokeCommand } from './revokeCommand';
import { PublishedDiagnostics } from './publishedDiagnosticsRegistry';
import { exportSarif } from './sarifExport';
import { ScanResults } from './scanResults';
import { committedMessageNote, committedNote } from './committedNote';
import type { GitHistoryCommands } from './historyCommands';
import { ProjectPolicies, withProjectPolicy } from './projectPolicy';
import { maxFileSizeBytes, SettingsStore, type Settings } from './settings';
import { StatusReporter } from './status';
import { uriToPath } from './uris';
import { WorkspaceFolders } from './workspaceFolders';
import { WorkspaceScanner } from './workspaceScan';

export interface ServerDependencies {
  /**
   * The clock findings are graded against. Default: the real time. node/main.ts passes none, so
   * the LSP tests (which run the built server) grade against the real time too.
   */
  readonly now?: () => Date;
  /** Server name and version reported in initialize. */
  readonly serverInfo?: { readonly name: string; readonly version?: string };
  /**
   * Worker threads for the workspace scan's candidate files (node/main.ts gives them, as the CLI
   * has). Absent: the scan runs in the server's thread alone.
   */
  readonly candidatePools?: CandidatePoolFactory;
  /** How the workspace scan reads files; default synchronous (Node). The web worker's are asynchronous. */
  readonly fileAccess?: FileAccess;
  /** The git history commands (lsp/historyCommands.ts; node/main.ts gives them). Absent: not offered. */
  readonly gitHistory?: GitHistoryCommands;
  /**
   * Tests only: awaited by the workspace scan once it has reported its total, so a test can act
   * (kill the server) while a scan is certainly in flight rather than racing a fast scan.
   */
  readonly holdScanAfterListing?: () => Promise<void>;
}

export function startServer(connection: Connection, deps: ServerDependencies = {}): void {
  const now = deps.now ?? (() => new Date());
  const incremental = new IncrementalScans();
  const documents = new OpenDocuments();
  const folders = new WorkspaceFolders();
  const published = new PublishedDiagnostics(connection);
  const status = new StatusReporter(connection, published);
  const scanResults = new ScanResults();
  // An open .gitignore counts as it stands in the editor, saved or not.
  const gitIgnored = new GitIgnoredFiles((filePath) =>
    documents
      .all()
      .find((d) => uriToPath(d.uri) === filePath)
      ?.getText(),
  );
  let capabilities: ClientCapabilities = {};
  let settings: SettingsStore = new SettingsStore(connection, () => false, undefined);
  const projectPolicies = new ProjectPolicies(connection, published, (message) => connection.console.error(message));
  // The project config and baseline of the resource's workspace folder, on top of the editor settings.
  const overlayProjectPolicy = async (own: Settings, resource: string | undefined): Promise<Settings> => {
    const filePath = resource !== undefined ? uriToPath(resource) : undefined;
    // The resource may be a workspace folder itself (the workspace scan asks for its settings); a
    // file outside every folder gets its own directory's (and repository's) config.
    const isFolder = filePath !== undefined && folders.all().some((f) => f.path === filePath);
    const folder = filePath === undefined || isFolder ? filePath : (folders.folderOf(filePath)?.path ?? path.dirname(filePath));
    return folder === undefined ? own : withProjectPolicy(own, await projectPolicies.forFolder(folder));
  };
  const log = (message: string): void => connection.console.error(message);

  const supports = {
    configuration: () => capabilities.workspace?.configuration === true,
    relatedInformation: () => capabilities.textDocument?.publishDiagnostics?.relatedInformation === true,
    workDoneProgress: () => capabilities.window?.workDoneProgress === true,
    documentChanges: () => capabilities.workspace?.workspaceEdit?.documentChanges === true,
    createFiles: () => capabilities.workspace?.workspaceEdit?.resourceOperations?.includes('create') === true,
  };

  /** The secrets of the last history scan, by fingerprint: open files' findings say they are committed. */
  let committedSecrets = new Map<string, HistorySecretItem>();

  const diagnostics = new OpenDocumentDiagnostics({
    committedNote: (finding) => committedMessageNote(committedSecrets.get(finding.fingerprint)),
    connection,
    documents,
    get settings() {
      return settings;
    },
    published,
    scanResults,
    folders,
    now,
    relatedInformation: supports.relatedInformation,
    log,
    incremental,
    gitIgnored,
  });
  const scanner = new WorkspaceScanner({
    connection,
    documents,
    folders,
    get settings() {
      return settings;
    },
    published,
    scanResults,
    status,
    now,
    relatedInformation: supports.relatedInformation,
    log,
    fileAccess: deps.fileAccess ?? 'synchronous',
    ...(deps.candidatePools !== undefined ? { candidatePools: deps.candidatePools } : {}),
    ...(deps.holdScanAfterListing !== undefined ? { holdScanAfterListing: deps.holdScanAfterListing } : {}),
  });

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    capabilities = params.capabilities ?? {};
    folders.initialize(params);
    settings = new SettingsStore(connection, supports.configuration, params.initializationOptions);
    settings.overlay = overlayProjectPolicy;
    const literalCodeActions = capabilities.textDocument?.codeAction?.codeActionLiteralSupport !== undefined;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        codeActionProvider: literalCodeActions ? { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_CODE_ACTION_KIND] } : false,
        executeCommandProvider: {
          commands: [
            ServerCommands.scanWorkspace,
            ServerCommands.exportSarif,
            ServerCommands.copyRevokeCommand,
            ...(deps.gitHistory !== undefined ? [ServerCommands.scanHistory, ServerCommands.showCommittedFile] : []),
          ],
        },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: deps.serverInfo?.name ?? 'SAS Guard', ...(deps.serverInfo?.version ? { version: deps.serverInfo.version } : {}) },
    };
  });

  connection.onInitialized(() => {
    if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'sasGuard' }).catch(() => undefined);
    }
    if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true) {
      // Ignore rules changed on disk (a checkout, another editor): decide again which open files git ignores.
      void connection.client
        .register(DidChangeWatchedFilesNotification.type, {
          watchers: [
            { globPattern: '**/.gitignore' },
            { globPattern: '**/.git/info/exclude' },
            // .sas-guard.json and the baseline, whatever the config names it (projectPolicies.isProjectFile picks them out).
            { globPattern: '**/*.json' },
          ],
        })
        .catch(() => undefined);
    }
    if (capabilities.workspace?.workspaceFolders === true) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        folders.change(event.added, event.removed);
        gitIgnored.invalidate();
        scanner.forgetFolders(event.removed.map((f) => uriToPath(f.uri)).filter((p): p is string => p !== undefined));
        diagnostics.scheduleAll();
      });
    }
    status.setState('ready');
  });

  connection.onDidChangeConfiguration((params) => {
    settings.changed(params?.settings);
    diagnostics.scheduleAll();
  });

  // Ignore rules: an open .gitignore's text counts (saved or not), so opening, editing, saving and
  // closing one re-checks every open document; any didOpen drops the cached rules, so a file opened
  // after an edit written to disk (the .env move's .gitignore line) sees the rules on disk now.
  const isRulesDocument = (uri: string): boolean => {
    const filePath = uriToPath(uri);
    return filePath !== undefined && isIgnoreRulesFile(filePath);
  };
  const rulesChanged = (): void => {
    gitIgnored.invalidate();
    diagnostics.scheduleAll();
  };

  documents.onDidOpen((event) => {
    diagnostics.opened(event.document.uri);
    if (isRulesDocument(event.document.uri)) {
      rulesChanged();
    } else {
      gitIgnored.invalidate();
      diagnostics.schedule(event.document.uri);
    }
  });
  documents.onDidChangeContent((event) => {
    // Each change's offsets, for the incremental re-scan.
    incremental.changed(event.document.uri, event.edits);
    if (isRulesDocument(event.document.uri)) rulesChanged();
    else diagnostics.schedule(event.document.uri);
  });
  documents.onDidSave((event) => {
    if (isRulesDocument(event.document.uri)) rulesChanged();
  });
  documents.onDidClose((event) => {
    settings.forget(event.document.uri);
    diagnostics.closed(event.document.uri, (uri) => scanner.refreshFile(uri));
    if (isRulesDocument(event.document.uri)) rulesChanged(); // back to the file on disk
  });
  connection.onDidChangeWatchedFiles((params) => {
    if (params.changes.some((change) => isRulesDocument(change.uri))) rulesChanged();
    if (params.changes.some((change) => projectPolicies.isProjectFile(uriToPath(change.uri) ?? ''))) {
      // Read the config and baseline again, then check every open document with them.
      projectPolicies.invalidate();
      settings.changed(undefined);
      diagnostics.scheduleAll();
    }
  });

  connection.onHover(async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (document === undefined) return null;
    try {
      const outcome = await diagnostics.analyzeDocument(document);
      return hoverAt(document, document.offsetAt(params.position), outcome, (finding) => committedNote(committedSecrets.get(finding.fingerprint)));
    } catch (error) {
      log(`Hover failed: ${describeError(error)}`);
      return null;
    }
  });

  connection.onCodeAction(async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (document === undefined) return null;
    try {
      return await provideCodeActions(
        {
          document,
          settings: await settings.get(document.uri),
          folders,
          documents,
          now: now(),
          documentChanges: supports.documentChanges(),
          createFiles: supports.createFiles(),
        },
        params,
      );
    } catch (error) {
      log(`Code actions failed: ${describeError(error)}`);
      return null;
    }
  });

  connection.onExecuteCommand(async (params: ExecuteCommandParams, token: CancellationToken, workDone: WorkDoneProgressReporter) => {
    switch (params.command) {
      case ServerCommands.scanWorkspace:
        return runScan(firstArg<ScanWorkspaceArgs>(params), token, workDone);
      case ServerCommands.exportSarif: {
        const args = firstArg<ExportSarifArgs>(params);
        if (args?.rescan === true) await runScan(undefined, token, workDone);
        return exportSarif({ scanResults, documents, analysisOf: (uri) => diagnostics.analysisOf(uri), folders, version: deps.serverInfo?.version ?? '0.0.0' });
      }
      case ServerCommands.copyRevokeCommand:
        return showRevokeCommand(connection, firstArg<CopyRevokeCommandArgs>(params));
      case ServerCommands.scanHistory:
        if (deps.gitHistory !== undefined) return runHistoryScan(deps.gitHistory, firstArg<ScanHistoryArgs>(params), token, workDone);
        break;
      case ServerCommands.showCommittedFile: {
        const args = firstArg<CommittedFileArgs>(params);
        if (deps.gitHistory !== undefined && args !== undefined) {
          return deps.gitHistory.showCommittedFile(args).catch((error: unknown) => {
            throw new ResponseError(ErrorCodes.InvalidParams, describeError(error));
          });
        }
        break;
      }
    }
    // An unknown command, or one this server does not offer (git history in the web worker).
    throw new ResponseError(ErrorCodes.InvalidParams, `Unknown SAS Guard command: ${params.command}`);
  });

  /** The reporter of a long command and the tokens that cancel it. */
  async function commandProgress(
    token: CancellationToken,
    workDone: WorkDoneProgressReporter,
  ): Promise<{ tokens: CancellationToken[]; progress: WorkDoneProgressReporter }> {
    const tokens: CancellationToken[] = [token];
    // The client gave no token (attachWorkDone then hands over a reporter that discards everything):
    // ask it for one; it may show a cancellable notification.
    if (WorkDoneProgressReporter.isNullInstance(workDone) && supports.workDoneProgress()) {
      try {
        const created = await connection.window.createWorkDoneProgress();
        tokens.push(created.token);
        return { tokens, progress: created };
      } catch {
        // the client refused; run without progress
      }
    }
    return { tokens, progress: workDone };
  }

  async function runHistoryScan(
    gitHistory: GitHistoryCommands,
    args: ScanHistoryArgs | undefined,
    token: CancellationToken,
    workDone: WorkDoneProgressReporter,
  ) {
    const folder = args?.folder !== undefined ? uriToPath(args.folder) : folders.onDisk()[0]?.path;
    if (folder === undefined) throw new ResponseError(ErrorCodes.InvalidParams, 'SAS Guard: no workspace folder on disk to scan the history of.');
    const { tokens, progress } = await commandProgress(token, workDone);
    try {
      const summary = await gitHistory.scanHistory({
        folderPath: folder,
        ...(args !== undefined ? { args } : {}),
        maxFileSize: maxFileSizeBytes(await settings.get(args?.folder ?? folders.onDisk()[0]?.uri)),
        now: now(),
        isCancelled: () => tokens.some((t) => t.isCancellationRequested),
        progress,
      });
      // Open files' diagnostics and hovers say when their secret is already committed.
      if (!summary.cancelled) {
        committedSecrets = new Map(summary.secrets.map((secret) => [secret.fingerprint, secret]));
        diagnostics.scheduleAll();
      }
      return summary;
    } catch (error) {
      log(`History scan failed: ${describeError(error)}`);
      throw new ResponseError(ErrorCodes.InternalError, 'SAS Guard: the history scan failed; see the server log.');
    }
  }

  async function runScan(args: ScanWorkspaceArgs | undefined, token: CancellationToken, workDone: WorkDoneProgressReporter) {
    const { tokens, progress } = await commandProgress(token, workDone);
    try {
      return await scanner.scan(args, tokens, progress);
    } catch (error) {
      log(`Workspace scan failed: ${describeError(error)}`);
      status.setState('error', 'The workspace scan failed; see the output.');
      throw new ResponseError(ErrorCodes.InternalError, 'SAS Guard: the workspace scan failed; see the server log.');
    }
  }

  connection.onRequest(ClearScanResultsRequest, () => {
    scanner.clear();
  });

  documents.listen(connection);
  connection.listen();
}

function firstArg<T>(params: ExecuteCommandParams): T | undefined {
  const first = params.arguments?.[0];
  return first !== null && typeof first === 'object' ? (first as T) : undefined;
}
