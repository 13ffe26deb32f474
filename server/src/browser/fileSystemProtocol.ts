// The requests the language server in a web worker sends to the browser client to reach the
// workspace's files: the worker has no file system, the client has VS Code's `workspace.fs` (local,
// remote or virtual, such as github.dev's `vscode-vfs:`). URIs are the server's file: URIs; the
// client maps them back to the workspace's own (client/src/browser/uriMapping.ts).
import { RequestType } from 'vscode-languageserver-protocol';

/** VS Code's FileType bits: 1 file, 2 directory, 64 symbolic link (combined with one of the others). */
export const FileTypeBits = { file: 1, directory: 2, symbolicLink: 64 } as const;

/** A failed call, as Node names the error (`ENOENT`, `EISDIR`, `EACCES`, …), with VS Code's message. */
export interface FileSystemFailure {
  readonly error: string;
  readonly message: string;
}

export interface FileUriParams {
  readonly uri: string;
}

export type StatResult = { readonly type: number; readonly size: number } | FileSystemFailure;
export type ReadDirectoryResult = { readonly entries: ReadonlyArray<readonly [name: string, type: number]> } | FileSystemFailure;
/** The bytes, base64: the message channel carries JSON. */
export type ReadFileResult = { readonly base64: string } | FileSystemFailure;

export const FileSystemRequests = {
  stat: new RequestType<FileUriParams, StatResult, void>('sasGuard/fs/stat'),
  readDirectory: new RequestType<FileUriParams, ReadDirectoryResult, void>('sasGuard/fs/readDirectory'),
  readFile: new RequestType<FileUriParams, ReadFileResult, void>('sasGuard/fs/readFile'),
};

export function isFailure(result: object): result is FileSystemFailure {
  return typeof (result as FileSystemFailure).error === 'string';
}

/** The runtime the server reports at start (the e2e test reads it to prove the web build runs). */
export interface ServerRuntime {
  readonly host: 'web-worker' | 'node';
  readonly processDefined: boolean;
}
