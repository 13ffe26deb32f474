// Owns the LanguageClient: creates it once, starts it without blocking activation, restarts it, and
// hands it to commands once it is running. Commands run before the server is up simply wait.
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, RevealOutputChannelOn, State } from 'vscode-languageclient/node';
import { StatusNotification, type StatusParams } from '../../server/src/lsp/protocol';
import { CLIENT_OWNED_SERVER_COMMANDS } from './commandIds';
import { SERVER_DOCUMENT_SELECTOR } from './documentSelector';
import { type CrashDecision, CrashRestartPolicy } from './crashRestartPolicy';
import { ServerErrorHandler, createInitializationFailedHandler } from './errorHandling';
import { withholdServerCommands } from './serverCommands';
import { startLogged } from './startLogged';
import { createServerOptions } from './serverOptions';
import { ScanTracker } from './scanTracker';

/**
 * What the server's crashes led to: restarting (the client starts it again), recovered (it runs
 * again; `scanBeforeCrash` says whether a finished workspace scan's results were lost with it),
 * gaveUp (too many crashes: it stays stopped), reset (the user restarted it).
 */
export type CrashEvent =
  | { readonly kind: 'restarting' | 'gaveUp'; readonly decision: CrashDecision }
  | { readonly kind: 'recovered'; readonly scanBeforeCrash: boolean }
  | { readonly kind: 'reset' };

export const CLIENT_ID = 'sasGuard'; // also the settings prefix: the client reads `sasGuard.trace.server`
const CLIENT_NAME = 'SAS Guard';

export class ServerConnection implements vscode.Disposable {
  readonly client: LanguageClient;
  private starting: Promise<void> | undefined;
  private latestStatus: StatusParams | undefined;
  private readonly statusEmitter = new vscode.EventEmitter<StatusParams>();
  private readonly crashEmitter = new vscode.EventEmitter<CrashEvent>();
  private readonly crashPolicy = new CrashRestartPolicy();
  private crashCount = 0;
  private readonly scans = new ScanTracker();
  /** Set while the client restarts the server after a crash: whether a finished scan was lost. */
  private recovering: { scanBeforeCrash: boolean } | undefined;
  /** Set when the server crashed too often: nothing starts it again but "Restart Server". */
  private gaveUpMessage: string | undefined;
  private readonly disposables: vscode.Disposable[] = [this.statusEmitter, this.crashEmitter];

  /** Crashes, restarts after them and giving up (see CrashEvent). */
  readonly onDidCrash = this.crashEmitter.event;

  /** The server's `sasGuard/status` notifications. */
  readonly onDidChangeStatus = this.statusEmitter.event;

  constructor(
    context: vscode.ExtensionContext,
    private readonly output: vscode.LogOutputChannel,
  ) {
    const clientOptions: LanguageClientOptions = {
      documentSelector: SERVER_DOCUMENT_SELECTOR,
      synchronize: { configurationSection: CLIENT_ID },
      outputChannel: output,
      traceOutputChannel: output,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      diagnosticCollectionName: 'sas-guard',
      errorHandler: new ServerErrorHandler(output, this.crashPolicy, {
        restarting: (decision) => {
          this.crashCount++;
          const lastScan = this.latestStatus?.lastScan;
          this.recovering = { scanBeforeCrash: (this.recovering?.scanBeforeCrash ?? false) || (lastScan !== undefined && !lastScan.cancelled) };
          this.latestStatus = undefined;
          this.crashEmitter.fire({ kind: 'restarting', decision });
        },
        gaveUp: (decision) => {
          this.crashCount++;
          this.recovering = undefined;
          this.latestStatus = undefined;
          this.gaveUpMessage = decision.message;
          this.crashEmitter.fire({ kind: 'gaveUp', decision });
        },
      }),
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
      this.client.onDidChangeState((event) => {
        if (this.recovering === undefined) return;
        if (event.newState === State.Running) {
          const { scanBeforeCrash } = this.recovering;
          this.recovering = undefined;
          this.crashEmitter.fire({ kind: 'recovered', scanBeforeCrash });
        } else if (event.newState === State.StartFailed) {
          this.recovering = undefined;
          this.gaveUpMessage =
            'The SAS Guard server stopped unexpectedly and could not be started again. See the "SAS Guard" output, then run "SAS Guard: Restart Server".';
          this.crashEmitter.fire({ kind: 'gaveUp', decision: { restart: false, crashes: this.crashCount, message: this.gaveUpMessage } });
        }
      }),
    );
  }

  get onDidChangeState(): vscode.Event<{ oldState: State; newState: State }> {
    return this.client.onDidChangeState;
  }

  get status(): StatusParams | undefined {
    return this.latestStatus;
  }

  /** How many times the server died under us in this session (a scan that saw it rise runs again). */
  get crashes(): number {
    return this.crashCount;
  }

  /** True while the client brings the server back after a crash. */
  get restartingAfterCrash(): boolean {
    return this.recovering !== undefined;
  }

  /** Counts a workspace scan request in flight: one that a crash cut short repeats itself. */
  trackScan<T>(scan: () => Promise<T>): Promise<T> {
    return this.scans.track(scan);
  }

  get scanInFlight(): boolean {
    return this.scans.scanInFlight;
  }

  /** Starts the server once; later calls share the same start. Never throws (failures are logged). */
  start(): Promise<void> {
    if (this.client.isRunning() || this.gaveUpMessage !== undefined) return Promise.resolve();
    this.starting ??= startLogged(this.client, this.output, 'SAS Guard server started.').finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  /** The running client, starting the server when needed. Throws when it cannot run. */
  async ready(): Promise<LanguageClient> {
    // Right after a crash the client may still report Running on a dead connection: wait for the
    // restart to finish (or for the policy to give up).
    if (this.recovering !== undefined) {
      await new Promise<void>((resolve) => {
        const subscription = this.onDidCrash((event) => {
          if (event.kind === 'restarting') return;
          subscription.dispose();
          resolve();
        });
      });
    }
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
    this.recovering = undefined;
    this.gaveUpMessage = undefined;
    this.crashPolicy.reset();
    this.crashEmitter.fire({ kind: 'reset' });
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
