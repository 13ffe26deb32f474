// Every command the client registers, in one list for both builds: the desktop activation
// (extension.ts) and the web one (browser/extension.ts) must offer the same commands. It takes
// either connection as a CommandServer, a type only, so the web bundle pulls in no Node language client.
import type * as vscode from 'vscode';
import type { CommandServer } from './commandServer';
import { registerClearScanResults } from './clearScanResults';
import { registerCopyRevokeCommand } from './copyRevokeCommand';
import { registerExportSarif } from './exportSarif';
import { registerRestartServer } from './restartServer';
import { registerScanWorkspace } from './scanWorkspace';
import { registerShowOutput } from './showOutput';

/** Registers the commands; the disposables come back in registration order. */
export function registerCommands(server: CommandServer, output: vscode.LogOutputChannel): vscode.Disposable[] {
  return [
    registerScanWorkspace(server, output),
    registerExportSarif(server, output),
    registerRestartServer(server, output),
    registerShowOutput(output),
    registerClearScanResults(server, output),
    registerCopyRevokeCommand(output),
  ];
}
