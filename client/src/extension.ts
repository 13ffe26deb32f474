// Activation is cheap on purpose (onStartupFinished): create the output channel, the status item
// and the commands, then start the server in the background without awaiting it.
import type * as vscode from 'vscode';
import type { SasGuardApi } from './api';
import { registerCommands } from './commands/registerCommands';
import { registerScanHistory } from './commands/scanHistory';
import { rescanAfterCrash } from './commands/scanWorkspace';
import { createOutputChannel } from './output';
import { ServerConnection } from './serverConnection';
import { StatusItem } from './statusItem';

let connection: ServerConnection | undefined;

export function activate(context: vscode.ExtensionContext): SasGuardApi {
  const output = createOutputChannel();
  const status = new StatusItem();
  const server = new ServerConnection(context, output);
  connection = server;

  context.subscriptions.push(
    output,
    status,
    server,
    server.onDidChangeState((event) => status.setClientState(event.newState)),
    server.onDidChangeStatus((params) => status.setServerStatus(params)),
    server.onDidCrash((event) => {
      status.setCrashState(event);
      // Open documents come back by themselves (the client opens them again on the new server);
      // the results of a finished workspace scan do not.
      if (event.kind === 'recovered' && event.scanBeforeCrash) void rescanAfterCrash(server, output);
    }),
    ...registerCommands(server, output),
    // Desktop only: the history scan runs git in the server (the web build hides the command).
    ...registerScanHistory(server, output),
  );

  void server.start();
  return { whenServerReady: () => server.ready().then(() => undefined) };
}

export function deactivate(): Promise<void> | undefined {
  const server = connection;
  connection = undefined;
  return server?.stop();
}
