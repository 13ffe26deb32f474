// The language status item ("{ }" in the status bar, next to the language mode) shows the server's
// state and the findings it publishes; a plain status bar item shows the count only when there are
// findings, so a clean workspace has no extra clutter.
import * as vscode from 'vscode';
import { State } from 'vscode-languageclient/node';
import type { StatusParams } from '../../server/src/lsp/protocol';
import { CommandIds, PROBLEMS_VIEW_COMMAND } from './commandIds';
import { EDITOR_DOCUMENT_SELECTOR } from './documentSelector';
import { countOf, describeGrades, hasSevereFindings } from './scanSummaryText';

export class StatusItem implements vscode.Disposable {
  private readonly language: vscode.LanguageStatusItem;
  private readonly bar: vscode.StatusBarItem;
  private clientState: State = State.Starting;
  private server: StatusParams | undefined;

  constructor() {
    this.language = vscode.languages.createLanguageStatusItem('sasGuard.status', EDITOR_DOCUMENT_SELECTOR);
    this.language.name = 'SAS Guard';
    this.bar = vscode.window.createStatusBarItem('sasGuard.findings', vscode.StatusBarAlignment.Left, 10);
    this.bar.name = 'SAS Guard Findings';
    this.bar.command = PROBLEMS_VIEW_COMMAND;
    this.render();
  }

  setClientState(state: State): void {
    this.clientState = state;
    if (state !== State.Running) this.server = undefined;
    this.render();
  }

  setServerStatus(status: StatusParams): void {
    this.server = status;
    this.render();
  }

  private render(): void {
    const item = this.language;
    item.busy = false;
    item.severity = vscode.LanguageStatusSeverity.Information;

    if (this.clientState === State.Stopped) {
      item.text = '$(circle-slash) SAS Guard';
      item.detail = 'server stopped';
      item.severity = vscode.LanguageStatusSeverity.Warning;
      item.command = { title: 'Restart', command: CommandIds.restartServer, tooltip: 'Restart the SAS Guard server' };
      this.bar.hide();
      return;
    }
    const status = this.server;
    if (this.clientState === State.Starting || status === undefined || status.state === 'starting') {
      item.text = 'SAS Guard';
      item.detail = 'starting…';
      item.busy = true;
      item.command = { title: 'Show Output', command: CommandIds.showOutput };
      return;
    }
    if (status.state === 'error') {
      item.text = '$(error) SAS Guard';
      item.detail = status.message ?? 'server error';
      item.severity = vscode.LanguageStatusSeverity.Error;
      item.command = { title: 'Show Output', command: CommandIds.showOutput };
      return;
    }

    const severe = hasSevereFindings(status.findingsByGrade);
    const grades = describeGrades(status.findingsByGrade);
    const findings = status.findings > 0 ? `${countOf(status.findings, 'finding')}${grades ? ` (${grades})` : ''}` : 'no findings';
    item.busy = status.state === 'scanning';
    item.text = status.findings > 0 ? `$(shield) SAS Guard: ${status.findings}` : '$(shield) SAS Guard';
    item.detail = status.state === 'scanning' ? `scanning workspace… ${findings}` : findings;
    if (severe) item.severity = vscode.LanguageStatusSeverity.Error;
    else if (status.findings > 0) item.severity = vscode.LanguageStatusSeverity.Warning;
    item.command =
      status.findings > 0
        ? { title: 'Open Problems', command: PROBLEMS_VIEW_COMMAND }
        : { title: 'Scan Workspace', command: CommandIds.scanWorkspace, tooltip: 'Scan every file of the workspace for SAS tokens and keys' };

    if (status.findings > 0) {
      this.bar.text = `$(shield) ${status.findings}`;
      this.bar.tooltip = `SAS Guard: ${findings}. Click to open the Problems panel.`;
      this.bar.backgroundColor = new vscode.ThemeColor(severe ? 'statusBarItem.errorBackground' : 'statusBarItem.warningBackground');
      this.bar.show();
    } else {
      this.bar.hide();
    }
  }

  dispose(): void {
    this.language.dispose();
    this.bar.dispose();
  }
}
