// What happens when the server fails: log it, restart a few times, then stop and offer the log.
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
} from 'vscode-languageclient/node';
import { describeError } from './output';

const SHOW_OUTPUT = 'Show Output';
const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

export function offerShowOutput(output: vscode.LogOutputChannel, message: string): void {
  void vscode.window.showErrorMessage(message, SHOW_OUTPUT).then((choice) => {
    if (choice === SHOW_OUTPUT) output.show(true);
  });
}

export class ServerErrorHandler implements ErrorHandler {
  private readonly crashes: number[] = [];

  constructor(private readonly output: vscode.LogOutputChannel) {}

  error(error: Error, _message: unknown, count: number | undefined): ErrorHandlerResult {
    this.output.error(`Connection to the SAS Guard server failed: ${describeError(error)}`);
    if (count !== undefined && count <= 3) return { action: ErrorAction.Continue, handled: true };
    return { action: ErrorAction.Shutdown, handled: true };
  }

  closed(): CloseHandlerResult {
    const now = Date.now();
    this.crashes.push(now);
    while (this.crashes.length > 0 && now - this.crashes[0]! > RESTART_WINDOW_MS) this.crashes.shift();
    if (this.crashes.length <= MAX_RESTARTS) {
      this.output.warn(`The SAS Guard server stopped unexpectedly; restarting it (${this.crashes.length} of ${MAX_RESTARTS}).`);
      return { action: CloseAction.Restart, handled: true };
    }
    const message = `The SAS Guard server stopped ${this.crashes.length} times in the last 3 minutes and will not be restarted. Run "SAS Guard: Restart Server" after fixing the cause.`;
    this.output.error(message);
    offerShowOutput(this.output, message);
    return { action: CloseAction.DoNotRestart, handled: true };
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
