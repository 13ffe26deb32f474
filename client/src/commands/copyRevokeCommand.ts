// "Copy the revoke command" in VS Code: the code action carries the commands (never the secret) and
// this puts them on the clipboard, with a way to the guide. The server lists the same command id for
// other LSP clients, where it shows the commands instead (server/src/lsp/revokeCommand.ts); the
// language client is kept from registering it a second time (CLIENT_OWNED_SERVER_COMMANDS).
import * as vscode from 'vscode';
import type { CopyRevokeCommandArgs } from '../../../server/src/lsp/protocol';
import { CommandIds } from '../commandIds';

const OPEN_GUIDE = 'How to Revoke';

function isArgs(value: unknown): value is CopyRevokeCommandArgs {
  if (value === null || typeof value !== 'object') return false;
  const args = value as Record<string, unknown>;
  return typeof args.text === 'string' && typeof args.action === 'string' && typeof args.docs === 'string';
}

export function registerCopyRevokeCommand(output: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand(CommandIds.copyRevokeCommand, async (args?: unknown) => {
    if (!isArgs(args)) {
      output.warn('Copy the revoke command: called without the commands (use it from a SAS Guard quick fix).');
      return;
    }
    await vscode.env.clipboard.writeText(args.text);
    output.info(`Revoke command copied: ${args.action}.`);
    const choice = await vscode.window.showInformationMessage(
      `SAS Guard: the revoke command is on the clipboard. ${args.action}. Replace any <placeholder> before you run it.`,
      OPEN_GUIDE,
    );
    if (choice === OPEN_GUIDE) await vscode.env.openExternal(vscode.Uri.parse(args.docs));
  });
}
