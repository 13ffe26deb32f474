import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';

export function registerShowOutput(output: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand(CommandIds.showOutput, () => output.show(true));
}
