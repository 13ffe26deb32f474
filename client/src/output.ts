// The one output channel. A LogOutputChannel gives levels and timestamps; the language client
// writes its own messages and the server's `window/logMessage` into it too.
import * as vscode from 'vscode';

export const OUTPUT_CHANNEL_NAME = 'SAS Guard';

export function createOutputChannel(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
}

/** An error as one line for the log; never the whole object (it may hold document text). */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error) return String((error as { message: unknown }).message);
  return String(error);
}
