// Activation of the desktop build (package.json `main`): the language server in a Node process
// (serverConnection.ts). Activation is cheap on purpose (onStartupFinished): see activation.ts.
import type * as vscode from 'vscode';
import { activateConnection, deactivateConnection } from './activation';
import type { SasGuardApi } from './api';
import { registerScanHistory } from './commands/scanHistory';
import { rescanAfterCrash } from './commands/scanWorkspace';
import { ServerConnection } from './serverConnection';

export function activate(context: vscode.ExtensionContext): SasGuardApi {
  return activateConnection(
    context,
    (output) => new ServerConnection(context, output),
    (server, status, output) => [
      server.onDidCrash((event) => {
        status.setCrashState(event);
        // Open documents come back by themselves (the client opens them again on the new server);
        // the results of a finished workspace scan do not.
        if (event.kind === 'recovered' && event.scanBeforeCrash) void rescanAfterCrash(server, output);
      }),
      // Desktop only: the history scan runs git in the server (the web build hides the command).
      ...registerScanHistory(server, output),
    ],
  );
}

export function deactivate(): Promise<void> | undefined {
  return deactivateConnection();
}
