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

export const NOTEBOOK_CELL_SCHEME = 'vscode-notebook-cell';

/**
 * The file: URI of the notebook a cell belongs to, for a VS Code notebook cell URI
 * (`vscode-notebook-cell:/path/to/notebook.ipynb#<cell>`: the notebook's URI with another scheme and a
 * fragment naming the cell). Undefined for any other URI and for cells of notebooks not on disk
 * (untitled, remote authorities).
 */
export function notebookFileOfCell(uri: string): string | undefined {
  if (!uri.startsWith(`${NOTEBOOK_CELL_SCHEME}:`)) return undefined;
  const rest = uri.slice(NOTEBOOK_CELL_SCHEME.length + 1);
  const hash = rest.indexOf('#');
  const withoutCell = hash >= 0 ? rest.slice(0, hash) : rest;
  if (!withoutCell.startsWith('/')) return undefined; // untitled notebook: no path
  const p = uriToPath(`file:${withoutCell}`);
  return p === undefined ? undefined : pathToUri(p);
}

/**
 * The file an open document stands for, as scan results are keyed: its normalised file: URI, the
 * notebook file for a notebook cell, or the URI itself for anything else.
 */
export function fileKeyOf(uri: string): string {
  return notebookFileOfCell(uri) ?? normalizeUri(uri);
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
