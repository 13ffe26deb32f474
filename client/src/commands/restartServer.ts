import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import { offerShowOutput } from '../errorHandling';
import { describeError } from '../output';
import type { CommandServer } from './commandServer';

export function registerRestartServer(server: CommandServer, output: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand(CommandIds.restartServer, async () => {
    try {
      await server.restart();
    } catch (error) {
      const message = `SAS Guard: restarting the server failed: ${describeError(error)}`;
      output.error(message);
      offerShowOutput(output, message);
    }
  });
}
