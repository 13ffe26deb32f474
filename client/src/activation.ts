// Activation as both builds do it (extension.ts, browser/extension.ts): the output channel, the
// status item and the commands, then the server started in the background without awaiting it, so
// activation stays cheap (onStartupFinished). Each build passes the connection it runs the server
// through, and what it wires to that connection alone.
import type * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient/node';
import type { SasGuardApi } from './api';
import { registerCommands } from './commands/registerCommands';
import type { LanguageClientConnection } from './languageClientConnection';
import { createOutputChannel } from './output';
import { StatusItem } from './statusItem';

let connection: LanguageClientConnection<BaseLanguageClient> | undefined;

/** What a build wires to its own connection, registered before the commands. */
export type ConnectionWiring<Connection> = (server: Connection, status: StatusItem, output: vscode.LogOutputChannel) => vscode.Disposable[];

export function activateConnection<Connection extends LanguageClientConnection<BaseLanguageClient>>(
  context: vscode.ExtensionContext,
  connect: (output: vscode.LogOutputChannel) => Connection,
  wire: ConnectionWiring<Connection> = () => [],
): SasGuardApi {
  const output = createOutputChannel();
  const status = new StatusItem();
  const server = connect(output);
  connection = server;

  context.subscriptions.push(
    output,
    status,
    server,
    server.onDidChangeState((event) => status.setClientState(event.newState)),
    server.onDidChangeStatus((params) => status.setServerStatus(params)),
    ...wire(server, status, output),
    ...registerCommands(server, output),
  );

  void server.start();
  return { whenServerReady: () => server.ready().then(() => undefined) };
}

export function deactivateConnection(): Promise<void> | undefined {
  const server = connection;
  connection = undefined;
  return server?.stop();
}
