// "SAS Guard: Scan Workspace". The scan runs in the server (`workspace/executeCommand`
// sasGuard.scanWorkspace) so every LSP client has it; here we add the cancellable progress
// notification, fed by the server's work-done progress on a token we create, and the summary.
import * as vscode from 'vscode';
import { ExecuteCommandRequest, WorkDoneProgress } from 'vscode-languageclient/node';
import type { WorkspaceScanSummary, ScanWorkspaceArgs } from '../../../server/src/lsp/protocol';
import { CommandIds, PROBLEMS_VIEW_COMMAND } from '../commandIds';
import { reportCommandFailure } from '../errorHandling';
import { enabledExcludeGlobs, type FilesExcludeSetting } from '../filesExclude';
import { describeError } from '../output';
import { describeScanSummary, hasSevereFindings } from '../scanSummaryText';
import type { CommandServer } from './commandServer';

const OPEN_PROBLEMS = 'Open Problems';

export function registerScanWorkspace(server: CommandServer, output: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand(CommandIds.scanWorkspace, () => scanWorkspace(server, output));
}

/** `files.exclude` globs switched on, from the window and from every folder (multi-root). */
export function filesExcludeGlobs(): string[] {
  const settings: (FilesExcludeSetting | undefined)[] = [vscode.workspace.getConfiguration('files').get<FilesExcludeSetting>('exclude')];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    settings.push(vscode.workspace.getConfiguration('files', folder.uri).get<FilesExcludeSetting>('exclude'));
  }
  return enabledExcludeGlobs(...settings);
}

function isScanSummary(value: unknown): value is WorkspaceScanSummary {
  return typeof value === 'object' && value !== null && typeof (value as WorkspaceScanSummary).filesScanned === 'number';
}

/** Resolves to the summary (also returned to callers of the command, such as tests), or undefined. */
export async function scanWorkspace(server: CommandServer, output: vscode.LogOutputChannel): Promise<WorkspaceScanSummary | undefined> {
  if (!vscode.workspace.workspaceFolders?.length) {
    void vscode.window.showInformationMessage('SAS Guard: open a folder or workspace to scan it.');
    return undefined;
  }
  const args: ScanWorkspaceArgs = { exclude: filesExcludeGlobs() };
  output.info(`Workspace scan started (files.exclude: ${args.exclude?.length ?? 0} globs).`);
  let result: unknown;
  try {
    result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'SAS Guard: scanning workspace', cancellable: true },
      (progress, token) => requestScan(server, output, args, token, progress),
    );
  } catch (error) {
    reportCommandFailure(output, 'workspace scan', error);
    return undefined;
  }

  if (!isScanSummary(result)) {
    output.warn('The server answered the workspace scan without a summary.');
    return undefined;
  }
  const text = describeScanSummary(result);
  output.info(`Workspace scan: ${text}`);
  showSummary(result, text);
  return result;
}

type ScanProgress = vscode.Progress<{ message?: string; increment?: number }>;

/**
 * Sends the scan request and relays the server's progress. When the server dies during the scan and
 * the client restarts it, the scan runs again on the new server (its results died with the old one);
 * when the client gives up restarting, the error stands.
 */
async function requestScan(
  server: CommandServer,
  output: vscode.LogOutputChannel,
  args: ScanWorkspaceArgs,
  token: vscode.CancellationToken,
  progress: ScanProgress,
): Promise<unknown> {
  // The whole loop counts as one scan in flight, so a crash restart does not start a second one.
  return server.trackScan(async () => {
    for (;;) {
      const client = await server.ready();
      const crashesBefore = server.crashes;
      const workDoneToken = globalThis.crypto.randomUUID(); // Web Crypto: in Node and in the browser
      let percentSoFar = 0;
      const subscription = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
        if (value.kind === 'end') return;
        let increment: number | undefined;
        if (typeof value.percentage === 'number') {
          increment = Math.max(0, value.percentage - percentSoFar);
          percentSoFar = Math.max(percentSoFar, value.percentage);
        }
        progress.report({ ...(value.message !== undefined ? { message: value.message } : {}), ...(increment !== undefined ? { increment } : {}) });
      });
      try {
        return await client.sendRequest(ExecuteCommandRequest.type, { command: CommandIds.scanWorkspace, arguments: [args], workDoneToken }, token);
      } catch (error) {
        if (server.crashes === crashesBefore || token.isCancellationRequested || !server.restartingAfterCrash) throw error;
        output.info('The server stopped during the workspace scan; the scan runs again once it is back.');
        progress.report({ message: 'the server restarted; scanning again' });
      } finally {
        subscription.dispose();
      }
    }
  });
}

/**
 * After a crash restart: the last scan's diagnostics of files that are not open went with the old
 * server, so the scan runs again, in the status bar only (the user saw its summary already).
 */
export async function rescanAfterCrash(server: CommandServer, output: vscode.LogOutputChannel): Promise<void> {
  if (server.scanInFlight || !vscode.workspace.workspaceFolders?.length) return;
  try {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'SAS Guard: scanning workspace again after the server restart' },
      (progress, token) => requestScan(server, output, { exclude: filesExcludeGlobs() }, token, progress),
    );
    output.info(`Workspace scan repeated after the server restart: ${isScanSummary(result) ? describeScanSummary(result) : 'no summary'}`);
  } catch (error) {
    output.error(`Repeating the workspace scan after the server restart failed: ${describeError(error)}`);
  }
}

/** Not awaited: the command resolves with the summary while the message stays up. */
function showSummary(summary: WorkspaceScanSummary, text: string): void {
  const message = `SAS Guard: ${text}`;
  const buttons = summary.findings > 0 ? [OPEN_PROBLEMS] : [];
  const shown = hasSevereFindings(summary.findingsByGrade)
    ? vscode.window.showErrorMessage(message, ...buttons)
    : summary.findings > 0
      ? vscode.window.showWarningMessage(message, ...buttons)
      : vscode.window.showInformationMessage(message);
  void shown.then((choice) => {
    if (choice === OPEN_PROBLEMS) void vscode.commands.executeCommand(PROBLEMS_VIEW_COMMAND);
  });
}
