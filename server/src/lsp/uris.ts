// file: URIs and paths. Only file: URIs can be read from disk or scanned; others are left alone.
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as path from 'node:path';

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(fsPath: string): string {
  return pathToFileURL(fsPath).toString();
}

/** Normalises a URI so the same file always gives the same key (VS Code encodes ':' in drive letters). */
export function normalizeUri(uri: string): string {
  const p = uriToPath(uri);
  return p === undefined ? uri : pathToUri(p);
}

/** The innermost folder (of `folders`, as paths) that holds `filePath`. */
export function containingFolder(filePath: string, folders: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const folder of folders) {
    const rel = path.relative(folder, filePath);
    if (rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel)) {
      if (best === undefined || folder.length > best.length) best = folder;
    }
  }
  return best;
}
