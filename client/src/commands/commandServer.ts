// What the commands need from a connection to the language server. The desktop connection
// (serverConnection.ts) and the web one (browser/webServerConnection.ts) both give it, so one set of
// commands serves either build. A type only: the web bundle pulls in no Node language client here.
import type { BaseLanguageClient } from 'vscode-languageclient/node';
import type { StatusParams } from '../../../server/src/lsp/protocol';

export interface CommandServer {
  /** The server's latest `sasGuard/status`, or undefined until it sends one (and after a restart). */
  readonly status: StatusParams | undefined;
  /** How many times the server died under us in this session (a scan that saw it rise runs again). */
  readonly crashes: number;
  /** True while the client brings the server back after a crash. */
  readonly restartingAfterCrash: boolean;
  /** True while a workspace scan request is in flight. */
  readonly scanInFlight: boolean;
  /** Counts a workspace scan request in flight: one that a crash cut short repeats itself. */
  trackScan<T>(scan: () => Promise<T>): Promise<T>;
  /** The running client, starting the server when needed. Rejects when it cannot run. */
  ready(): Promise<BaseLanguageClient>;
  /** Stops the server and starts it again, clearing what a crash left behind. */
  restart(): Promise<void>;
}
