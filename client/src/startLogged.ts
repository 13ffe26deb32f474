// Starting the language client and saying in the output channel how it went, the same way for the
// desktop connection and the web one (languageClientConnection.ts). Types only from vscode, so the
// web bundle pulls in no Node language client through it.
import type * as vscode from 'vscode';
import { describeError } from './output';

/** Starts `client`; logs `startedMessage`, or why it did not start. Never rejects. */
export function startLogged(client: { start(): Promise<void> }, output: vscode.LogOutputChannel, startedMessage: string): Promise<void> {
  return client.start().then(
    () => output.info(startedMessage),
    (error: unknown) => {
      output.error(`SAS Guard server did not start: ${describeError(error)}`);
    },
  );
}
