// Activation of the web build (package.json `browser`: vscode.dev, github.dev, code-server's web
// extension host): the same output channel, status item and commands as the desktop build
// (activation.ts), with the language server in a web worker (webServerConnection.ts).
import * as vscode from 'vscode';
import { activateConnection, deactivateConnection } from '../activation';
import type { SasGuardApi } from '../api';
import { WebServerConnection } from './webServerConnection';

/**
 * Context key for the manifest's `when` clauses: the web build scans virtual workspaces (through
 * workspace.fs), which the desktop build cannot.
 */
export const WEB_HOST_CONTEXT_KEY = 'sasGuard.webHost';

export function activate(context: vscode.ExtensionContext): SasGuardApi {
  void vscode.commands.executeCommand('setContext', WEB_HOST_CONTEXT_KEY, true);
  return activateConnection(context, (output) => new WebServerConnection(context, output));
}

export function deactivate(): Promise<void> | undefined {
  return deactivateConnection();
}
