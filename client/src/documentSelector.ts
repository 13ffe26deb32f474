// Which documents the server sees. Secrets land in every kind of file, so the selector is by
// scheme, not by language: files on disk, unsaved editors, notebook cells and the virtual file
// systems that hold real source (GitHub Repositories / Remote Repositories use `vscode-vfs`).
import type * as vscode from 'vscode';
import type { DocumentSelector } from 'vscode-languageclient/node';

const TEXT_SCHEMES = ['file', 'untitled', 'vscode-notebook-cell', 'vscode-vfs'] as const;

/** For the language client (LSP filters). `notebook: '*'` covers cells of every notebook type. */
export const SERVER_DOCUMENT_SELECTOR: DocumentSelector = [...TEXT_SCHEMES.map((scheme) => ({ scheme })), { notebook: '*' }];

/** For VS Code APIs such as the language status item (same documents). */
export const EDITOR_DOCUMENT_SELECTOR: vscode.DocumentSelector = TEXT_SCHEMES.map((scheme) => ({ scheme }));
