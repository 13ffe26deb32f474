// Entry of the language server in a browser web worker (vscode.dev, github.dev, code-server's web
// extension host): the same server (lsp/server.ts) on a message-port connection. The worker has no
// Node: the web bundle maps the few Node modules the glue names to host/ (scripts/build.mjs), and
// files are read through the client's workspace.fs (host/fileSystemBridge.ts).
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { ProposedFeatures } from 'vscode-languageserver';
import { describeError } from '../lsp/analyze';
import { startServer } from '../lsp/server';
import { version } from '../../../package.json';
import { connectFileSystem } from './host/fileSystemBridge';
import type { ServerRuntime } from './fileSystemProtocol';

/** The worker's global scope, as much of it as is used here (the project compiles without the DOM lib). */
interface WorkerScope {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  removeEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}
const scope = globalThis as unknown as WorkerScope;

const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(scope as never), new BrowserMessageWriter(scope as never));
connectFileSystem(connection);
console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
console.info = (...args: unknown[]) => connection.console.info(args.map(String).join(' '));
console.warn = (...args: unknown[]) => connection.console.warn(args.map(String).join(' '));
console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));

export const runtime: ServerRuntime = { host: 'web-worker', processDefined: typeof (globalThis as { process?: unknown }).process !== 'undefined' };

startServer(connection, { serverInfo: { name: 'SAS Guard', version }, fileAccess: 'asynchronous' });
// Read by the e2e test (test/e2e) to prove that the web build runs: a worker, no Node `process`.
// window/logMessage may be sent before initialize completes.
connection.console.info(`SAS Guard language server ${version} runs in a web worker (process: ${runtime.processDefined ? 'defined' : 'undefined'}).`);
(globalThis as { addEventListener?: (type: string, listener: (event: { reason?: unknown }) => void) => void }).addEventListener?.(
  'unhandledrejection',
  (event) => connection.console.error(`Unhandled rejection: ${describeError(event.reason)}`),
);
