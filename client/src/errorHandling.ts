// What happens when the server fails: log it, restart a few times (crashRestartPolicy.ts), then stop
// and offer the log.
// Messages go to the output channel (which never pops open by itself) and, when the user must
// know, to one notification with a "Show Output" button.
import * as vscode from 'vscode';
import {
  CloseAction,
  type CloseHandlerResult,
  ErrorAction,
  type ErrorHandler,
  type ErrorHandlerResult,
  type InitializationFailedHandler,
  LSPErrorCodes,
  ResponseError,
} from 'vscode-languageclient/node';
import type { CrashDecision, CrashRestartPolicy } from './crashRestartPolicy';
import { describeError } from './output';

const SHOW_OUTPUT = 'Show Output';

export function offerShowOutput(output: vscode.LogOutputChannel, message: string): void {
  void vscode.window.showErrorMessage(message, SHOW_OUTPUT).then((choice) => {
    if (choice === SHOW_OUTPUT) output.show(true);
  });
}

/**
 * A long command (`what`: "workspace scan", "history scan") ended with an error: a cancellation is
 * said in passing, anything else in a notification that offers the log.
 */
export function reportCommandFailure(output: vscode.LogOutputChannel, what: string, error: unknown): void {
  if (error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled) {
    output.info(`${what[0]!.toUpperCase()}${what.slice(1)} cancelled.`);
    void vscode.window.showInformationMessage(`SAS Guard: ${what} cancelled.`);
    return;
  }
  const message = `SAS Guard: the ${what} failed: ${describeError(error)}`;
  output.error(message);
  offerShowOutput(output, message);
}

/** Who else hears of a crash: the status item and the connection (which repeats a lost scan). */
export interface CrashListener {
  restarting(decision: CrashDecision): void;
  gaveUp(decision: CrashDecision): void;
}

export class ServerErrorHandler implements ErrorHandler {
  constructor(
    private readonly output: vscode.LogOutputChannel,
    private readonly policy: CrashRestartPolicy,
    private readonly listener: CrashListener,
  ) {}

  error(error: Error, _message: unknown, count: number | undefined): ErrorHandlerResult {
    this.output.error(`Connection to the SAS Guard server failed: ${describeError(error)}`);
    if (count !== undefined && count <= 3) return { action: ErrorAction.Continue, handled: true };
    return { action: ErrorAction.Shutdown, handled: true };
  }

  // The message goes back to the language client, which writes it to the output channel (info on a
  // restart, error when it gives up): logging it here as well would say it twice.
  closed(): CloseHandlerResult {
    const decision = this.policy.crashed();
    if (decision.restart) {
      this.listener.restarting(decision);
      return { action: CloseAction.Restart, handled: true, message: decision.message };
    }
    this.listener.gaveUp(decision);
    offerShowOutput(this.output, decision.message);
    return { action: CloseAction.DoNotRestart, handled: true, message: decision.message };
  }
}

export function createInitializationFailedHandler(output: vscode.LogOutputChannel): InitializationFailedHandler {
  return (error: unknown) => {
    // Logged with the reason; no notification of our own, because the language client then
    // always shows "couldn't create connection to server" with a button that opens this output.
    output.error(`SAS Guard could not start its language server: ${describeError(error)}`);
    return false; // do not retry: a server that cannot initialize will fail the same way again
  };
}
