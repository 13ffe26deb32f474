// The language server keys its work on file paths (exclude globs relative to a folder, .gitignore,
// the .env beside a file). In the browser the workspace has other schemes: `vscode-vfs://github/…`
// on github.dev, `vscode-remote://host/…` in code-server. The client shows the server the first
// workspace folder's scheme and authority as file: URIs with the same path, and maps them back; URIs
// of any other scheme or authority (untitled editors, a second remote) pass through unchanged, and the
// server checks them as open documents only.
import * as vscode from 'vscode';

const NOTEBOOK_CELL_SCHEME = 'vscode-notebook-cell';

export class UriMapping {
  constructor(private readonly origin: { readonly scheme: string; readonly authority: string } | undefined) {}

  /** The mapping for the window's first workspace folder (none without a folder, or when it is on disk). */
  static forWorkspace(): UriMapping {
    const first = vscode.workspace.workspaceFolders?.[0]?.uri;
    return new UriMapping(first === undefined || first.scheme === 'file' ? undefined : { scheme: first.scheme, authority: first.authority });
  }

  /** Whether the server can reach this URI's files (through the client's workspace.fs). */
  reaches(uri: vscode.Uri): boolean {
    return this.origin !== undefined && uri.scheme === this.origin.scheme && uri.authority === this.origin.authority;
  }

  toServer(uri: vscode.Uri): string {
    if (this.origin === undefined) return uri.toString();
    if (this.reaches(uri)) return vscode.Uri.from({ scheme: 'file', path: uri.path, query: uri.query, fragment: uri.fragment }).toString();
    // A cell of a notebook in the workspace: the server finds its notebook file by the cell URI's path.
    if (uri.scheme === NOTEBOOK_CELL_SCHEME && uri.authority === this.origin.authority) {
      return vscode.Uri.from({ scheme: NOTEBOOK_CELL_SCHEME, path: uri.path, fragment: uri.fragment }).toString();
    }
    return uri.toString();
  }

  toCode(value: string): vscode.Uri {
    const uri = vscode.Uri.parse(value);
    if (this.origin === undefined) return uri;
    if (uri.scheme === 'file') return uri.with({ scheme: this.origin.scheme, authority: this.origin.authority });
    if (uri.scheme === NOTEBOOK_CELL_SCHEME && uri.authority === '') return uri.with({ authority: this.origin.authority });
    return uri;
  }
}
