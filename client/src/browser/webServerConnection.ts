// Owns the LanguageClient of the web build. It starts, restarts and serves the commands as the Node
// build does (languageClientConnection.ts), with the server started in a web worker from
// dist/web/server.js, the workspace's URIs shown to the server as file: URIs (uriMapping.ts) and its
// file requests answered through workspace.fs (fileSystemService.ts).
import * as vscode from 'vscode';
import {
  BrowserMessageReader,
  BrowserMessageWriter,
  LanguageClient,
  type LanguageClientOptions,
  type MessageTransports,
  type ServerOptions,
} from 'vscode-languageclient/browser';
import { CrashRestartPolicy } from '../crashRestartPolicy';
import { SERVER_DOCUMENT_SELECTOR } from '../documentSelector';
import { ServerErrorHandler } from '../errorHandling';
import { CLIENT_ID, CLIENT_NAME, LanguageClientConnection, sharedClientOptions } from '../languageClientConnection';
import { serveFileSystem } from './fileSystemService';
import { UriMapping } from './uriMapping';

export const WEB_SERVER_MODULE = 'dist/web/server.js';

/** The schemes a browser workbench gives workspace files, besides the desktop ones. */
const WEB_SCHEMES = ['vscode-remote', 'vscode-test-web'];

/** The browser's Worker, as much as is used here (the project compiles without the DOM lib). */
type BrowserWorker = Extract<ServerOptions, { terminate(): void }>;
declare const Worker: new (url: string, options?: { name?: string }) => BrowserWorker;

/** The browser's Blob and object URLs, as much as is used here. */
declare const Blob: new (parts: Uint8Array[], options: { type: string }) => object;
declare const URL: { createObjectURL(blob: object): string };

/**
 * A URL the extension host can start a worker from. An extension served over http(s) (vscode.dev,
 * github.dev) is loaded from its own URL; the web extension host refuses to start a worker from a
 * remote extension's `vscode-remote:` URI (code-server, remote tunnels), so there the script is read
 * through workspace.fs and started from a blob: URL.
 */
async function workerScriptUrl(script: vscode.Uri): Promise<string> {
  if (script.scheme === 'http' || script.scheme === 'https') return script.toString(true);
  const source = await vscode.workspace.fs.readFile(script);
  return URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
}

export class WebServerConnection extends LanguageClientConnection<LanguageClient> {
  readonly client: LanguageClient;
  private mapping = UriMapping.forWorkspace();
  /** The worker of the running server: a restart starts a new one and ends this one. */
  private worker: BrowserWorker | undefined;

  constructor(context: vscode.ExtensionContext, output: vscode.LogOutputChannel) {
    super(output, 'SAS Guard server started in a web worker.');
    // The same restart policy as the desktop client; the worker has no scan to repeat after a
    // restart, so the decisions only go to the output channel (the handler writes them there), and
    // the connection reports no crash to the commands (a scan runs once).
    const errorHandler = new ServerErrorHandler(output, new CrashRestartPolicy(), { restarting: () => undefined, gaveUp: () => undefined });
    const clientOptions: LanguageClientOptions = {
      ...sharedClientOptions(output, errorHandler),
      documentSelector: [...SERVER_DOCUMENT_SELECTOR, ...WEB_SCHEMES.map((scheme) => ({ scheme }))],
      uriConverters: {
        code2Protocol: (uri) => this.mapping.toServer(uri),
        protocol2Code: (value) => this.mapping.toCode(value),
      },
    };
    const serverMain = vscode.Uri.joinPath(context.extensionUri, WEB_SERVER_MODULE);
    // Transports made here, not by the client from the Worker: the extension host replaces the Worker
    // constructor, so the client's `instanceof Worker` test fails on the worker it returns.
    const startWorker = async (): Promise<MessageTransports> => {
      this.worker?.terminate();
      const worker = new Worker(await workerScriptUrl(serverMain), { name: 'SAS Guard language server' });
      this.worker = worker;
      return { reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) };
    };
    this.client = new LanguageClient(CLIENT_ID, CLIENT_NAME, startWorker, clientOptions);
    this.listenToServer();
    this.disposables.push(...serveFileSystem(this.client, () => this.mapping));
  }

  override start(): Promise<void> {
    // The first folder may have changed since the last start (a restart picks it up).
    if (!this.client.isRunning()) this.mapping = UriMapping.forWorkspace();
    return super.start();
  }

  override async stop(): Promise<void> {
    await super.stop();
    this.worker?.terminate();
    this.worker = undefined;
  }
}
