// Answers the web worker server's file requests (server/src/browser/fileSystemProtocol.ts) with
// VS Code's workspace.fs, which reaches local, remote and virtual workspaces alike. Only URIs of the
// mapped workspace are served; anything else is reported missing.
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { FileSystemRequests, type FileSystemFailure } from '../../../server/src/browser/fileSystemProtocol';
import type { UriMapping } from './uriMapping';

/** Node's error names for VS Code's FileSystemError codes, as the server's walker expects them. */
const ERROR_NAMES: Record<string, string> = {
  FileNotFound: 'ENOENT',
  FileExists: 'EEXIST',
  FileNotADirectory: 'ENOTDIR',
  FileIsADirectory: 'EISDIR',
  NoPermissions: 'EACCES',
  Unavailable: 'EAGAIN',
};

function failure(error: unknown): FileSystemFailure {
  const code = error instanceof vscode.FileSystemError ? error.code : undefined;
  return { error: (code && ERROR_NAMES[code]) ?? 'EIO', message: error instanceof Error ? error.message : String(error) };
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

export function serveFileSystem(client: BaseLanguageClient, mapping: () => UriMapping): vscode.Disposable[] {
  const target = (uri: string): vscode.Uri | FileSystemFailure => {
    const code = mapping().toCode(uri);
    return mapping().reaches(code) ? code : { error: 'ENOENT', message: 'outside the workspace' };
  };
  const guarded = <T>(uri: string, run: (target: vscode.Uri) => Thenable<T>): Promise<T | FileSystemFailure> => {
    const resolved = target(uri);
    if (!(resolved instanceof vscode.Uri)) return Promise.resolve(resolved);
    return Promise.resolve(run(resolved)).catch((error: unknown) => failure(error));
  };
  return [
    client.onRequest(FileSystemRequests.stat, ({ uri }) =>
      guarded(uri, async (u) => {
        const info = await vscode.workspace.fs.stat(u);
        return { type: info.type, size: info.size };
      }),
    ),
    client.onRequest(FileSystemRequests.readDirectory, ({ uri }) => guarded(uri, async (u) => ({ entries: await vscode.workspace.fs.readDirectory(u) }))),
    client.onRequest(FileSystemRequests.readFile, ({ uri }) => guarded(uri, async (u) => ({ base64: toBase64(await vscode.workspace.fs.readFile(u)) }))),
  ];
}
