// Owns the desktop build's LanguageClient, the server in a Node process: creates it once, starts it
// without blocking activation, restarts it, and hands it to commands once it is running. Commands
// run before the server is up simply wait. What the web build does the same way is in
// languageClientConnection.ts; what is here is the crash bookkeeping: a workspace scan lost with the
// server runs again once it is back.
import * as vscode from 'vscode';
import { LanguageClient, State } from 'vscode-languageclient/node';
import { type CrashDecision, CrashRestartPolicy } from './crashRestartPolicy';
import { ServerErrorHandler } from './errorHandling';
import { CLIENT_ID, CLIENT_NAME, LanguageClientConnection, sharedClientOptions } from './languageClientConnection';
import { createServerOptions } from './serverOptions';

/**
 * What the server's crashes led to: restarting (the client starts it again), recovered (it runs
 * again; `scanBeforeCrash` says whether a finished workspace scan's results were lost with it),
 * gaveUp (too many crashes: it stays stopped), reset (the user restarted it).
 */
export type CrashEvent =
  | { readonly kind: 'restarting' | 'gaveUp'; readonly decision: CrashDecision }
  | { readonly kind: 'recovered'; readonly scanBeforeCrash: boolean }
  | { readonly kind: 'reset' };

export class ServerConnection extends LanguageClientConnection<LanguageClient> {
  readonly client: LanguageClient;
  private readonly crashEmitter = new vscode.EventEmitter<CrashEvent>();
  private readonly crashPolicy = new CrashRestartPolicy();
  private crashCount = 0;
  /** Set while the client restarts the server after a crash: whether a finished scan was lost. */
  private recovering: { scanBeforeCrash: boolean } | undefined;

  /** Crashes, restarts after them and giving up (see CrashEvent). */
  readonly onDidCrash = this.crashEmitter.event;

  constructor(context: vscode.ExtensionContext, output: vscode.LogOutputChannel) {
    super(output, 'SAS Guard server started.');
    const errorHandler = new ServerErrorHandler(output, this.crashPolicy, {
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
    });
    this.client = new LanguageClient(CLIENT_ID, CLIENT_NAME, createServerOptions(context), sharedClientOptions(output, errorHandler));
    this.listenToServer();
    this.disposables.push(
      this.crashEmitter,
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

  override get crashes(): number {
    return this.crashCount;
  }

  override get restartingAfterCrash(): boolean {
    return this.recovering !== undefined;
  }

  override async ready(): Promise<LanguageClient> {
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
    return super.ready();
  }

  protected override forgetCrashes(): void {
    this.recovering = undefined;
    this.crashPolicy.reset();
    this.crashEmitter.fire({ kind: 'reset' });
  }
}
