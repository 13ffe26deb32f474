import * as vscode from 'vscode';
import { ClearScanResultsRequest } from '../../../server/src/lsp/protocol';
import { CommandIds } from '../commandIds';
import { offerShowOutput } from '../errorHandling';
import { describeError } from '../output';
import type { CommandServer } from './commandServer';

/** Forgets the last workspace scan: diagnostics of files that are not open disappear. */
export function registerClearScanResults(server: CommandServer, output: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand(CommandIds.clearScanResults, async () => {
    try {
      const client = await server.ready();
      await client.sendRequest(ClearScanResultsRequest, undefined);
      output.info('Workspace scan results cleared.');
      vscode.window.setStatusBarMessage('SAS Guard: workspace scan results cleared', 4000);
    } catch (error) {
      const message = `SAS Guard: clearing the scan results failed: ${describeError(error)}`;
      output.error(message);
      offerShowOutput(output, message);
    }
  });
}
