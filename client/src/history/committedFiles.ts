// Files as they were at a commit, for the history view: a read-only document on the
// `sas-guard-history` scheme whose text the server reads with git (sasGuard.showCommittedFile), so
// a secret that is gone from the working tree can still be shown where it was committed. The URI
// ends with the file's own path, so VS Code picks its language from the extension.
import * as vscode from 'vscode';
import { ExecuteCommandRequest } from 'vscode-languageclient/node';
import { ServerCommands, type CommittedFile, type CommittedFileArgs } from '../../../server/src/lsp/protocol';
import type { ServerConnection } from '../serverConnection';

export const COMMITTED_FILE_SCHEME = 'sas-guard-history';

/** sas-guard-history:/<short commit>/<path>?<the arguments, as JSON> */
export function committedFileUri(args: CommittedFileArgs): vscode.Uri {
  return vscode.Uri.from({ scheme: COMMITTED_FILE_SCHEME, path: `/${args.commit.slice(0, 7)}/${args.path}`, query: JSON.stringify(args) });
}

function argsOf(uri: vscode.Uri): CommittedFileArgs {
  return JSON.parse(uri.query) as CommittedFileArgs;
}

export function registerCommittedFiles(server: ServerConnection): vscode.Disposable {
  const provider: vscode.TextDocumentContentProvider = {
    async provideTextDocumentContent(uri) {
      const client = await server.ready();
      const file = (await client.sendRequest(ExecuteCommandRequest.type, {
        command: ServerCommands.showCommittedFile,
        arguments: [argsOf(uri)],
      })) as CommittedFile;
      return file.text;
    },
  };
  return vscode.workspace.registerTextDocumentContentProvider(COMMITTED_FILE_SCHEME, provider);
}
