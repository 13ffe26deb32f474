// What the desktop connection (serverConnection.ts, the server in a Node process) and the web one
// (browser/webServerConnection.ts, the server in a web worker) do the same way: the client options,
// starting the client once and logging how it went, handing the running client to commands,
// restarting it, keeping the server's latest status and counting scans in flight. Each subclass
// makes its own LanguageClient and adds only what its build does differently. Values come from
// vscode-languageclient/node, which the web bundle aliases to the browser client.
import * as vscode from 'vscode';
import { type BaseLanguageClient, type ErrorHandler, type LanguageClientOptions, RevealOutputChannelOn, type State } from 'vscode-languageclient/node';
import { StatusNotification, type StatusParams } from '../../server/src/lsp/protocol';
import { CLIENT_OWNED_SERVER_COMMANDS } from './commandIds';
import type { CommandServer } from './commands/commandServer';
import { SERVER_DOCUMENT_SELECTOR } from './documentSelector';
import { createInitializationFailedHandler } from './errorHandling';
import { ScanTracker } from './scanTracker';
import { withholdServerCommands } from './serverCommands';
import { startLogged } from './startLogged';

export const CLIENT_ID = 'sasGuard'; // also the settings prefix: the client reads `sasGuard.trace.server`
export const CLIENT_NAME = 'SAS Guard';

/** The client options of both builds; the web build adds its schemes and URI converters. */
export function sharedClientOptions(output: vscode.LogOutputChannel, errorHandler: ErrorHandler): LanguageClientOptions {
  return {
    documentSelector: SERVER_DOCUMENT_SELECTOR,
    synchronize: { configurationSection: CLIENT_ID },
    outputChannel: output,
    traceOutputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    diagnosticCollectionName: 'sas-guard',
    errorHandler,
    initializationFailedHandler: createInitializationFailedHandler(output),
    markdown: { isTrusted: false, supportHtml: false },
  };
}

export abstract class LanguageClientConnection<Client extends BaseLanguageClient> implements CommandServer, vscode.Disposable {
  /** Made by the subclass's constructor, which then calls `listenToServer()`. */
  abstract readonly client: Client;
  private starting: Promise<void> | undefined;
  private readonly scans = new ScanTracker();
  private readonly statusEmitter = new vscode.EventEmitter<StatusParams>();
  protected latestStatus: StatusParams | undefined;
  /** Set when the server crashed too often: nothing starts it again but "Restart Server". */
  protected gaveUpMessage: string | undefined;
  protected readonly disposables: vscode.Disposable[] = [this.statusEmitter];

  /** The server's `sasGuard/status` notifications. */
  readonly onDidChangeStatus = this.statusEmitter.event;

  protected constructor(
    protected readonly output: vscode.LogOutputChannel,
    /** What the output channel says once the server runs. */
    private readonly startedMessage: string,
  ) {}

  /** Keeps the server's own copies of the client's commands out, and its status in. Handlers registered before start survive restarts. */
  protected listenToServer(): void {
    withholdServerCommands(this.client, CLIENT_OWNED_SERVER_COMMANDS);
    this.disposables.push(
      this.client.onNotification(StatusNotification, (params) => {
        this.latestStatus = params;
        this.statusEmitter.fire(params);
      }),
    );
  }

  get onDidChangeState(): vscode.Event<{ oldState: State; newState: State }> {
    return this.client.onDidChangeState;
  }

  get status(): StatusParams | undefined {
    return this.latestStatus;
  }

  /** No crash seen: the desktop connection counts them and repeats the scan one cut short. */
  get crashes(): number {
    return 0;
  }

  get restartingAfterCrash(): boolean {
    return false;
  }

  trackScan<T>(scan: () => Promise<T>): Promise<T> {
    return this.scans.track(scan);
  }

  get scanInFlight(): boolean {
    return this.scans.scanInFlight;
  }

  /** Starts the server once; later calls share the same start. Never throws (failures are logged). */
  start(): Promise<void> {
    if (this.client.isRunning() || this.gaveUpMessage !== undefined) return Promise.resolve();
    this.starting ??= startLogged(this.client, this.output, this.startedMessage).finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  /** The running client, starting the server when needed. Throws when it cannot run. */
  async ready(): Promise<Client> {
    await this.start();
    if (this.gaveUpMessage !== undefined) throw new Error(this.gaveUpMessage);
    if (!this.client.isRunning()) {
      throw new Error('the SAS Guard server is not running (see the "SAS Guard" output)');
    }
    return this.client;
  }

  async restart(): Promise<void> {
    this.output.info('Restarting the SAS Guard server…');
    if (this.starting) await this.starting;
    this.latestStatus = undefined;
    this.gaveUpMessage = undefined;
    this.forgetCrashes();
    if (this.client.needsStop()) await this.client.stop();
    await this.start();
  }

  /** A restart the user asked for starts the crash bookkeeping afresh; the desktop connection keeps some. */
  protected forgetCrashes(): void {}

  async stop(): Promise<void> {
    if (this.client.needsStop()) await this.client.stop();
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
    void this.stop().catch(() => undefined);
  }
}
