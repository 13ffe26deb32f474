// Activation of the web build (package.json `browser`: vscode.dev, github.dev, code-server's web
// extension host): the same output channel, status item and commands as the desktop build
// (client/src/extension.ts), with the language server in a web worker (webServerConnection.ts).
import * as vscode from 'vscode';
import type { SasGuardApi } from '../api';
import { registerCommands } from '../commands/registerCommands';
import { createOutputChannel } from '../output';
import type { ServerConnection } from '../serverConnection';
import { StatusItem } from '../statusItem';
import { WebServerConnection } from './webServerConnection';

/**
 * Context key for the manifest's `when` clauses: the web build scans virtual workspaces (through
 * workspace.fs), which the desktop build cannot.
 */
export const WEB_HOST_CONTEXT_KEY = 'sasGuard.webHost';

let connection: WebServerConnection | undefined;

export function activate(context: vscode.ExtensionContext): SasGuardApi {
  const output = createOutputChannel();
  const status = new StatusItem();
  const server = new WebServerConnection(context, output);
  connection = server;
  // The commands use only what both connections have (ready, restart, status), with the same meaning.
  const commandServer = server as unknown as ServerConnection;

  context.subscriptions.push(
    output,
    status,
    server,
    server.onDidChangeState((event) => status.setClientState(event.newState)),
    server.onDidChangeStatus((params) => status.setServerStatus(params)),
    ...registerCommands(commandServer, output),
  );
  void vscode.commands.executeCommand('setContext', WEB_HOST_CONTEXT_KEY, true);

  void server.start();
  return { whenServerReady: () => server.ready().then(() => undefined) };
}

export function deactivate(): Promise<void> | undefined {
  const server = connection;
  connection = undefined;
  return server?.stop();
}
