// Owns the LanguageClient of the web build: the same client options as the Node build
// (serverConnection.ts), with the server started in a web worker from dist/web/server.js, the
// workspace's URIs shown to the server as file: URIs (uriMapping.ts) and its file requests answered
// through workspace.fs (fileSystemService.ts). Same public shape as ServerConnection, so the shared
// commands drive either.
import * as vscode from 'vscode';
import {
  BrowserMessageReader,
  BrowserMessageWriter,
  LanguageClient,
  type LanguageClientOptions,
  type MessageTransports,
  RevealOutputChannelOn,
  type ServerOptions,
  type State,
} from 'vscode-languageclient/browser';
import { StatusNotification, type StatusParams } from '../../../server/src/lsp/protocol';
import { CLIENT_OWNED_SERVER_COMMANDS } from '../commandIds';
import { SERVER_DOCUMENT_SELECTOR } from '../documentSelector';
import { CrashRestartPolicy } from '../crashRestartPolicy';
import { ServerErrorHandler, createInitializationFailedHandler } from '../errorHandling';
import { withholdServerCommands } from '../serverCommands';
import { startLogged } from '../startLogged';
import { serveFileSystem } from './fileSystemService';
import { UriMapping } from './uriMapping';
import { ScanTracker } from '../scanTracker';

const CLIENT_ID = 'sasGuard'; // as in serverConnection.ts: also the settings prefix
const CLIENT_NAME = 'SAS Guard';
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

export class WebServerConnection implements vscode.Disposable {
  readonly client: LanguageClient;
  private starting: Promise<void> | undefined;
  private latestStatus: StatusParams | undefined;
  private mapping = UriMapping.forWorkspace();
  /** The worker of the running server: a restart starts a new one and ends this one. */
  private worker: BrowserWorker | undefined;
  private readonly statusEmitter = new vscode.EventEmitter<StatusParams>();
  private readonly disposables: vscode.Disposable[] = [this.statusEmitter];

  readonly onDidChangeStatus = this.statusEmitter.event;

  constructor(
    context: vscode.ExtensionContext,
    private readonly output: vscode.LogOutputChannel,
  ) {
    const clientOptions: LanguageClientOptions = {
      documentSelector: [...SERVER_DOCUMENT_SELECTOR, ...WEB_SCHEMES.map((scheme) => ({ scheme }))],
      synchronize: { configurationSection: CLIENT_ID },
      outputChannel: output,
      traceOutputChannel: output,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      diagnosticCollectionName: 'sas-guard',
      // The same restart policy as the desktop client; the worker has no scan to repeat after a
      // restart, so the decisions only go to the output channel (the handler writes them there).
      errorHandler: new ServerErrorHandler(output, new CrashRestartPolicy(), { restarting: () => undefined, gaveUp: () => undefined }),
      initializationFailedHandler: createInitializationFailedHandler(output),
      markdown: { isTrusted: false, supportHtml: false },
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
    withholdServerCommands(this.client, CLIENT_OWNED_SERVER_COMMANDS);
    this.disposables.push(
      this.client.onNotification(StatusNotification, (params) => {
        this.latestStatus = params;
        this.statusEmitter.fire(params);
      }),
      ...serveFileSystem(this.client, () => this.mapping),
    );
  }

  get onDidChangeState(): vscode.Event<{ oldState: State; newState: State }> {
    return this.client.onDidChangeState;
  }

  get status(): StatusParams | undefined {
    return this.latestStatus;
  }

  // What the shared commands (commands/scanWorkspace.ts) ask of the desktop connection about crashes:
  // the worker's server is restarted by the same error handler, but a scan it lost is not repeated
  // here, so these say "no crash seen" and a scan runs once.
  private readonly scans = new ScanTracker();

  trackScan<T>(scan: () => Promise<T>): Promise<T> {
    return this.scans.track(scan);
  }

  get scanInFlight(): boolean {
    return this.scans.scanInFlight;
  }

  get crashes(): number {
    return 0;
  }

  get restartingAfterCrash(): boolean {
    return false;
  }

  start(): Promise<void> {
    if (this.client.isRunning()) return Promise.resolve();
    // The first folder may have changed since the last start (a restart picks it up).
    this.mapping = UriMapping.forWorkspace();
    this.starting ??= startLogged(this.client, this.output, 'SAS Guard server started in a web worker.').finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  async ready(): Promise<LanguageClient> {
    await this.start();
    if (!this.client.isRunning()) {
      throw new Error('the SAS Guard server is not running (see the "SAS Guard" output)');
    }
    return this.client;
  }

  async restart(): Promise<void> {
    this.output.info('Restarting the SAS Guard server…');
    if (this.starting) await this.starting;
    this.latestStatus = undefined;
    if (this.client.needsStop()) await this.client.stop();
    await this.start();
  }

  async stop(): Promise<void> {
    if (this.client.needsStop()) await this.client.stop();
    this.worker?.terminate();
    this.worker = undefined;
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
    void this.stop().catch(() => undefined);
  }
}
