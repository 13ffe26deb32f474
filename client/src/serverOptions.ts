// How the client starts the language server: the bundled dist/server.js as a Node module over IPC.
import type * as vscode from 'vscode';
import { type ServerOptions, TransportKind } from 'vscode-languageclient/node';

export const SERVER_MODULE = 'dist/server.js';

export function createServerOptions(context: vscode.ExtensionContext): ServerOptions {
  const module = context.asAbsolutePath(SERVER_MODULE);
  return {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
}
