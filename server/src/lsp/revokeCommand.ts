// The server side of "Copy the revoke command", for LSP clients other than VS Code (Neovim, Emacs,
// Helix …): a server has no clipboard, so it shows the commands in a `window/showMessage` the user
// can copy from, and returns them as the command's result for clients that use it. The VS Code
// client handles the same command id itself and writes the clipboard (client/src/commands).
import { ErrorCodes, MessageType, ResponseError, ShowMessageNotification, type Connection } from 'vscode-languageserver';
import type { CopyRevokeCommandArgs, CopyRevokeCommandResult } from './protocol';

export function isCopyRevokeCommandArgs(value: unknown): value is CopyRevokeCommandArgs {
  if (value === null || typeof value !== 'object') return false;
  const args = value as Record<string, unknown>;
  return typeof args.text === 'string' && typeof args.action === 'string' && typeof args.docs === 'string';
}

export async function showRevokeCommand(connection: Connection, args: unknown): Promise<CopyRevokeCommandResult> {
  if (!isCopyRevokeCommandArgs(args)) {
    throw new ResponseError(ErrorCodes.InvalidParams, 'sasGuard.copyRevokeCommand takes one argument: { text, action, docs }.');
  }
  await connection.sendNotification(ShowMessageNotification.type, {
    type: MessageType.Info,
    message: `SAS Guard: ${args.action}. Run:\n${args.text}\nSee ${args.docs}`,
  });
  return { text: args.text };
}
