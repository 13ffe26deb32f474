// Every VS Code command the client contributes. The scan and SARIF ids are the same strings the
// server lists for `workspace/executeCommand` (ServerCommands in protocol.ts), on purpose: other
// LSP clients call the server by these names, and VS Code users see one command per action.
import { ServerCommands } from '../../server/src/lsp/protocol';

export const CommandIds = {
  scanWorkspace: ServerCommands.scanWorkspace,
  exportSarif: ServerCommands.exportSarif,
  copyRevokeCommand: ServerCommands.copyRevokeCommand,
  restartServer: 'sasGuard.restartServer',
  showOutput: 'sasGuard.showOutput',
  clearScanResults: 'sasGuard.clearScanResults',
  scanHistory: ServerCommands.scanHistory,
} as const;

/**
 * Server command ids the client registers itself (with progress, dialogs and a summary, or the
 * clipboard for the revoke command), so the
 * language client must not register them a second time when the server advertises them.
 */
export const CLIENT_OWNED_SERVER_COMMANDS: ReadonlySet<string> = new Set([
  CommandIds.scanWorkspace,
  CommandIds.exportSarif,
  CommandIds.copyRevokeCommand,
  CommandIds.scanHistory,
  // Not a VS Code command at all: the history view's documents ask the server for it directly.
  ServerCommands.showCommittedFile,
]);

/** The history view's id (package.json `views`). */
export const HISTORY_VIEW_ID = 'sasGuard.history';
/** Context key: a history scan has results to show (the view's `when`). */
export const HISTORY_SCANNED_CONTEXT_KEY = 'sasGuard.historyScanned';

export const PROBLEMS_VIEW_COMMAND = 'workbench.actions.view.problems';
