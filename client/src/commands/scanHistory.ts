// "SAS Guard: Scan Git History" (desktop only: the server runs git). The scan runs in the server
// (sasGuard.scanHistory) so every LSP client has it; here: the folder to scan, a cancellable
// progress notification fed by the server's work-done progress, the history view, and a summary.
import * as vscode from 'vscode';
import { ExecuteCommandRequest, WorkDoneProgress } from 'vscode-languageclient/node';
import type { HistoryScanSummary, ScanHistoryArgs } from '../../../server/src/lsp/protocol';
import { CommandIds, HISTORY_SCANNED_CONTEXT_KEY, HISTORY_VIEW_ID } from '../commandIds';
import { reportCommandFailure } from '../errorHandling';
import { registerCommittedFiles } from '../history/committedFiles';
import { HistoryTree } from '../history/historyTree';
import type { ServerConnection } from '../serverConnection';

/** The command, the view and the committed-file documents. */
export function registerScanHistory(server: ServerConnection, output: vscode.LogOutputChannel): vscode.Disposable[] {
  const tree = new HistoryTree();
  return [
    tree,
    vscode.window.createTreeView(HISTORY_VIEW_ID, { treeDataProvider: tree, showCollapseAll: false }),
    registerCommittedFiles(server),
    vscode.commands.registerCommand(CommandIds.scanHistory, () => scanHistory(server, output, tree)),
  ];
}

async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file');
  if (folders.length <= 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Scan the git history of which folder?' });
}

/** Resolves to the summary (also returned to callers of the command, such as tests), or undefined. */
export async function scanHistory(server: ServerConnection, output: vscode.LogOutputChannel, tree: HistoryTree): Promise<HistoryScanSummary | undefined> {
  const folder = await pickFolder();
  if (folder === undefined) {
    void vscode.window.showInformationMessage('SAS Guard: open a folder in a git repository to scan its history.');
    return undefined;
  }
  const args: ScanHistoryArgs = { folder: folder.uri.toString() };
  output.info(`History scan of ${folder.uri.fsPath} started.`);
  let summary: HistoryScanSummary;
  try {
    summary = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'SAS Guard: scanning the git history', cancellable: true },
      async (progress, token) => {
        const client = await server.ready();
        const workDoneToken = globalThis.crypto.randomUUID();
        const relay = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
          if (value.kind !== 'end' && value.message !== undefined) progress.report({ message: value.message });
        });
        try {
          return (await client.sendRequest(
            ExecuteCommandRequest.type,
            { command: CommandIds.scanHistory, arguments: [args], workDoneToken },
            token,
          )) as HistoryScanSummary;
        } finally {
          relay.dispose();
        }
      },
    );
  } catch (error) {
    reportCommandFailure(output, 'history scan', error);
    return undefined;
  }
  for (const warning of summary.warnings) output.warn(`History scan: ${warning}`);
  tree.show(summary);
  // Showing the view is a courtesy: the summary below stands even where these commands are missing.
  // The view takes the focus before the summary is shown, never after: a focus that landed late
  // would pull the keyboard away from whatever the user went on to open from the summary or view.
  const ignore = (): undefined => undefined;
  await Promise.resolve(vscode.commands.executeCommand('setContext', HISTORY_SCANNED_CONTEXT_KEY, true)).then(ignore, ignore);
  await Promise.resolve(vscode.commands.executeCommand(`${HISTORY_VIEW_ID}.focus`)).then(ignore, ignore);
  const text = describeHistorySummary(summary);
  output.info(`History scan: ${text}`);
  void (summary.secrets.length > 0 || summary.warnings.length > 0
    ? vscode.window.showWarningMessage(`SAS Guard: ${text}`)
    : vscode.window.showInformationMessage(`SAS Guard: ${text}`));
  return summary;
}

/** One sentence: how many secrets, how many gone from HEAD, what was scanned and what was not. */
export function describeHistorySummary(summary: HistoryScanSummary): string {
  if (summary.commits === 0 && summary.warnings.length > 0) return summary.warnings[0]!;
  const removed = summary.secrets.filter((secret) => !secret.inHead).length;
  const secrets = summary.secrets.length === 1 ? '1 secret' : `${summary.secrets.length} secrets`;
  const parts = [`${secrets} in ${summary.commits} commits (${summary.range})`];
  if (removed > 0) parts.push(`${removed} removed from HEAD but still in history: revoke them`);
  if (summary.shallow) parts.push('shallow clone: older commits not scanned');
  if (summary.missing > 0) parts.push(`${summary.missing} blobs missing, not scanned`);
  if (summary.cancelled) parts.push('cancelled before the end');
  return `${parts.join('; ')}.`;
}
