// The worker's way to the workspace's files: each call is a request to the browser client, which
// answers with VS Code's workspace.fs. Until the server is connected (and for paths outside the
// workspace the client does not map) calls fail as a missing file would, so callers treat the file as
// absent: that is how the glue already handles a file it cannot read.
import type { Connection } from 'vscode-languageserver';
import { FileSystemRequests, isFailure, type FileSystemFailure } from '../fileSystemProtocol';
import { pathToFileURL } from './url';

let connection: Connection | undefined;

export function connectFileSystem(to: Connection): void {
  connection = to;
}

export class FileSystemError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly path: string,
  ) {
    super(`${code}: ${message}, ${path}`);
  }
}

function fail(path: string, failure: FileSystemFailure): never {
  throw new FileSystemError(failure.error, failure.message, path);
}

function channel(path: string): Connection {
  if (connection === undefined) throw new FileSystemError('ENOENT', 'no file system before the client connects', path);
  return connection;
}

export async function statPath(path: string): Promise<{ type: number; size: number }> {
  const result = await channel(path).sendRequest(FileSystemRequests.stat, { uri: pathToFileURL(path).toString() });
  return isFailure(result) ? fail(path, result) : result;
}

export async function readDirectoryPath(path: string): Promise<ReadonlyArray<readonly [string, number]>> {
  const result = await channel(path).sendRequest(FileSystemRequests.readDirectory, { uri: pathToFileURL(path).toString() });
  return isFailure(result) ? fail(path, result) : result.entries;
}

export async function readFilePath(path: string): Promise<Uint8Array<ArrayBuffer>> {
  const result = await channel(path).sendRequest(FileSystemRequests.readFile, { uri: pathToFileURL(path).toString() });
  if (isFailure(result)) fail(path, result);
  const binary = atob(result.base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
