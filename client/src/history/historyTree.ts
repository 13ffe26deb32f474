// The "SAS Guard: Git History" view: one row per secret the last history scan found, with its grade,
// path, first commit and date, and whether HEAD still holds it. Selecting a row opens the file as
// it was at that commit (committedFiles.ts), read-only, with the token selected.
import * as vscode from 'vscode';
import type { HistoryScanSummary, HistorySecretItem } from '../../../server/src/lsp/protocol';
import { committedFileUri } from './committedFiles';

const GRADE_ICONS: Readonly<Record<string, string>> = { critical: 'error', high: 'error', medium: 'warning', low: 'warning', info: 'info' };

export class HistoryTree implements vscode.TreeDataProvider<HistorySecretItem> {
  private summary: HistoryScanSummary | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  show(summary: HistoryScanSummary): void {
    this.summary = summary;
    this.changed.fire();
  }

  getChildren(element?: HistorySecretItem): HistorySecretItem[] {
    return element === undefined ? [...(this.summary?.secrets ?? [])] : [];
  }

  getTreeItem(secret: HistorySecretItem): vscode.TreeItem {
    const item = new vscode.TreeItem(`${secret.path}:${secret.range.start.line + 1}`, vscode.TreeItemCollapsibleState.None);
    const where = secret.inHead ? 'still in HEAD' : 'removed, still in history';
    item.description = `${secret.grade} · ${secret.commit.slice(0, 7)} ${secret.date.slice(0, 10)} · ${where}`;
    item.tooltip = new vscode.MarkdownString(
      `**${secret.ruleId}** — ${secret.grade}\n\n${secret.message}\n\nFirst committed in \`${secret.commit.slice(0, 7)}\` by ${secret.author} on ${secret.date}; ` +
        `${where}; committed ${secret.occurrences} time${secret.occurrences === 1 ? '' : 's'}. Removing it from the code does not revoke it.`,
    );
    item.iconPath = new vscode.ThemeIcon(GRADE_ICONS[secret.grade] ?? 'info');
    item.contextValue = secret.inHead ? 'secretInHead' : 'secretInHistory';
    const uri = committedFileUri({ repository: this.summary?.repository ?? '', commit: secret.commit, path: secret.path });
    const range = new vscode.Range(secret.range.start.line, secret.range.start.character, secret.range.end.line, secret.range.end.character);
    item.command = {
      command: 'vscode.open',
      title: 'Open at the commit',
      arguments: [uri, { selection: range, preview: true } satisfies vscode.TextDocumentShowOptions],
    };
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
