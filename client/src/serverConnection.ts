// Owns the LanguageClient: creates it once, starts it without blocking activation, restarts it, and
// hands it to commands once it is running. Commands run before the server is up simply wait.
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, RevealOutputChannelOn, type State } from 'vscode-languageclient/node';
import { StatusNotification, type StatusParams } from '../../server/src/lsp/protocol';
import { CLIENT_OWNED_SERVER_COMMANDS } from './commandIds';
import { SERVER_DOCUMENT_SELECTOR } from './documentSelector';
import { ServerErrorHandler, createInitializationFailedHandler } from './errorHandling';
import { describeError } from './output';
import { withholdServerCommands } from './serverCommands';
import { createServerOptions } from './serverOptions';

export const CLIENT_ID = 'sasGuard'; // also the settings prefix: the client reads `sasGuard.trace.server`
const CLIENT_NAME = 'SAS Guard';

export class ServerConnection implements vscode.Disposable {
  readonly client: LanguageClient;
  private starting: Promise<void> | undefined;
  private latestStatus: StatusParams | undefined;
  private readonly statusEmitter = new vscode.EventEmitter<StatusParams>();
  private readonly disposables: vscode.Disposable[] = [this.statusEmitter];

  /** The server's `sasGuard/status` notifications. */
  readonly onDidChangeStatus = this.statusEmitter.event;

  constructor(context: vscode.ExtensionContext, private readonly output: vscode.LogOutputChannel) {
    const clientOptions: LanguageClientOptions = {
      documentSelector: SERVER_DOCUMENT_SELECTOR,
      synchronize: { configurationSection: CLIENT_ID },
      outputChannel: output,
      traceOutputChannel: output,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      diagnosticCollectionName: 'sas-guard',
      errorHandler: new ServerErrorHandler(output),
      initializationFailedHandler: createInitializationFailedHandler(output),
      markdown: { isTrusted: false, supportHtml: false },
    };
    this.client = new LanguageClient(CLIENT_ID, CLIENT_NAME, createServerOptions(context), clientOptions);
    withholdServerCommands(this.client, CLIENT_OWNED_SERVER_COMMANDS);
    // Handlers registered before start survive restarts.
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

  /** Starts the server once; later calls share the same start. Never throws (failures are logged). */
  start(): Promise<void> {
    if (this.client.isRunning()) return Promise.resolve();
    this.starting ??= this.client.start().then(
      () => this.output.info('SAS Guard server started.'),
      (error: unknown) => {
        this.output.error(`SAS Guard server did not start: ${describeError(error)}`);
      },
    ).finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  /** The running client, starting the server when needed. Throws when it cannot run. */
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
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
    void this.stop().catch(() => undefined);
  }
}
