// What the code action tests share: which diagnostics are problems a fix must clear, the edits an
// action makes to one document, and which fix an action is.
import { DiagnosticSeverity, type CodeAction, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-protocol';

/** A SAS Guard error or warning: what a fix must make go away. */
export const isProblem = (d: Diagnostic): boolean =>
  d.source === 'SAS Guard' && (d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning);

/** The edits a WorkspaceEdit makes to one document (documentChanges or changes). */
export function editsFor(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  if (edit === undefined) return [];
  const out: TextEdit[] = [];
  for (const change of edit.documentChanges ?? []) {
    if ('textDocument' in change && change.textDocument.uri === uri) out.push(...(change.edits as TextEdit[]));
  }
  out.push(...(edit.changes?.[uri] ?? []));
  return out;
}

/** Which fix an action is, by its title (the environment reference is the preferred one). */
export function kindOf(action: CodeAction): 'revoke' | 'strip' | 'env' | 'move' | 'suppress' | 'other' {
  if (action.title === 'Copy the revoke command') return 'revoke';
  if (/^Strip the signature|^Remove the key/.test(action.title)) return 'strip';
  if (/^Move the value to /.test(action.title)) return 'move';
  if (/sas-guard-ignore/.test(action.title)) return 'suppress';
  if (action.isPreferred) return 'env';
  return 'other';
}
