// "SAS Guard: Export SARIF Report": the server builds the SARIF 2.1.0 log from the findings it
// holds (scanning first when no workspace scan ran yet); the client asks where to save it.
import * as vscode from 'vscode';
import { ExecuteCommandRequest, LSPErrorCodes, ResponseError } from 'vscode-languageclient/node';
import type { ExportSarifArgs } from '../../../server/src/lsp/protocol';
import { CommandIds } from '../commandIds';
import { offerShowOutput } from '../errorHandling';
import { describeError } from '../output';
import type { CommandServer } from './commandServer';

const OPEN = 'Open';
export const DEFAULT_SARIF_FILE_NAME = 'sas-guard.sarif';

/** Optional argument, for keybindings, tasks and tests: `{ target: uri, rescan: true }` skips the dialog. */
export interface ExportSarifCommandArgs {
  readonly target?: vscode.Uri | string;
  readonly rescan?: boolean;
}

export function registerExportSarif(server: CommandServer, output: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand(CommandIds.exportSarif, (args?: ExportSarifCommandArgs) => exportSarif(server, output, args));
}

function asUri(target: vscode.Uri | string): vscode.Uri {
  return typeof target === 'string'
    ? /^[a-z][a-z0-9+.-]*:/i.test(target) && !/^[a-z]:[\\/]/i.test(target)
      ? vscode.Uri.parse(target)
      : vscode.Uri.file(target)
    : target;
}

export async function exportSarif(server: CommandServer, output: vscode.LogOutputChannel, args: ExportSarifCommandArgs = {}): Promise<vscode.Uri | undefined> {
  const serverArgs: ExportSarifArgs = { rescan: args.rescan ?? server.status?.lastScan === undefined };
  let sarif: string;
  try {
    const answer: unknown = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'SAS Guard: preparing the SARIF report', cancellable: true },
      async (_progress, token) => {
        const client = await server.ready();
        return client.sendRequest(ExecuteCommandRequest.type, { command: CommandIds.exportSarif, arguments: [serverArgs] }, token);
      },
    );
    if (typeof answer === 'string') sarif = answer;
    else if (typeof answer === 'object' && answer !== null) sarif = JSON.stringify(answer, null, 2);
    else throw new Error('the server returned no report');
  } catch (error) {
    if (error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled) return undefined;
    const message = `SAS Guard: exporting the SARIF report failed: ${describeError(error)}`;
    output.error(message);
    offerShowOutput(output, message);
    return undefined;
  }

  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = args.target
    ? asUri(args.target)
    : await vscode.window.showSaveDialog({
        title: 'Export SAS Guard SARIF Report',
        saveLabel: 'Export',
        ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, DEFAULT_SARIF_FILE_NAME) } : {}),
        filters: { 'SARIF log': ['sarif'], JSON: ['json'] },
      });
  if (!target) return undefined;

  try {
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(sarif));
  } catch (error) {
    const message = `SAS Guard: could not write ${target.fsPath || target.toString()}: ${describeError(error)}`;
    output.error(message);
    offerShowOutput(output, message);
    return undefined;
  }
  output.info(`SARIF report written to ${target.toString()}.`);
  if (!args.target) {
    const name = target.path.slice(target.path.lastIndexOf('/') + 1);
    void vscode.window.showInformationMessage(`SAS Guard: SARIF report saved to ${name}.`, OPEN).then((choice) => {
      if (choice === OPEN) void vscode.window.showTextDocument(target);
    });
  }
  return target;
}
