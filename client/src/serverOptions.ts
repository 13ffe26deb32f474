// How the client starts the language server: the bundled dist/server.js as a Node module over
// standard input and output. Not over Node's IPC channel: there every message is a line of JSON
// that Node gathers and parses itself once the last byte is in, which for a 30 MB document took
// 1.05–1.29 s from didOpen to the first diagnostic; over stdio the server's own reader parses a
// large document while it arrives (server/src/node/streamingMessageReader.ts): ~0.8–0.9 s.
import type * as vscode from 'vscode';
import { type ServerOptions, TransportKind } from 'vscode-languageclient/node';

export const SERVER_MODULE = 'dist/server.js';

export function createServerOptions(context: vscode.ExtensionContext): ServerOptions {
  const module = context.asAbsolutePath(SERVER_MODULE);
  return {
    run: { module, transport: TransportKind.stdio },
    debug: { module, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
}
