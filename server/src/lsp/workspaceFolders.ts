// The client's workspace folders (multi-root), kept current through didChangeWorkspaceFolders.
import type { InitializeParams, WorkspaceFolder } from 'vscode-languageserver';
import { containingFolder, normalizeUri, uriToPath } from './uris';

export interface Folder {
  readonly uri: string;
  readonly name: string;
  /** File system path; undefined for folders that are not on disk. */
  readonly path: string | undefined;
}

export class WorkspaceFolders {
  private folders: Folder[] = [];

  initialize(params: InitializeParams): void {
    if (params.workspaceFolders && params.workspaceFolders.length > 0) {
      this.folders = params.workspaceFolders.map(toFolder);
    } else if (params.rootUri) {
      this.folders = [toFolder({ uri: params.rootUri, name: params.rootUri })];
    } else if (params.rootPath) {
      this.folders = [{ uri: '', name: params.rootPath, path: params.rootPath }];
    }
  }

  change(added: readonly WorkspaceFolder[], removed: readonly WorkspaceFolder[]): void {
    const gone = new Set(removed.map((f) => normalizeUri(f.uri)));
    this.folders = this.folders.filter((f) => !gone.has(f.uri)).concat(added.map(toFolder));
  }

  all(): readonly Folder[] {
    return this.folders;
  }

  onDisk(): Folder[] {
    return this.folders.filter((f) => f.path !== undefined);
  }

  /** The innermost workspace folder holding a file path. */
  folderOf(filePath: string): Folder | undefined {
    const paths = this.onDisk().map((f) => f.path as string);
    const hit = containingFolder(filePath, paths);
    return hit === undefined ? undefined : this.folders.find((f) => f.path === hit);
  }
}

function toFolder(folder: WorkspaceFolder): Folder {
  const uri = normalizeUri(folder.uri);
  return { uri, name: folder.name, path: uriToPath(uri) };
}
