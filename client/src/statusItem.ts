// The language status item ("{ }" in the status bar, next to the language mode) shows the server's
// state and the findings it publishes; a plain status bar item shows the count only when there are
// findings, so a clean workspace has no extra clutter.
import * as vscode from 'vscode';
import { State } from 'vscode-languageclient/node';
import type { StatusParams } from '../../server/src/lsp/protocol';
import { CommandIds, PROBLEMS_VIEW_COMMAND } from './commandIds';
import { EDITOR_DOCUMENT_SELECTOR } from './documentSelector';
import type { CrashEvent } from './serverConnection';
import { countOf, describeGrades, hasSevereFindings } from './scanSummaryText';

export class StatusItem implements vscode.Disposable {
  private readonly language: vscode.LanguageStatusItem;
  private readonly bar: vscode.StatusBarItem;
  private clientState: State = State.Starting;
  private server: StatusParams | undefined;
  /** After a crash: said once, and kept in the detail until the user restarts the server. */
  private crashNote: string | undefined;
  private gaveUp: string | undefined;

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

  setCrashState(event: CrashEvent): void {
    const time = new Date().toLocaleTimeString();
    if (event.kind === 'restarting') {
      this.crashNote = `restarted at ${time} after the server stopped unexpectedly`;
    } else if (event.kind === 'gaveUp') {
      this.crashNote = undefined;
      this.gaveUp = `server stopped: it crashed ${event.decision.crashes} times; run Restart Server`;
    } else if (event.kind === 'reset') {
      this.crashNote = undefined;
      this.gaveUp = undefined;
    }
    this.render();
  }

  private render(): void {
    const item = this.language;
    item.busy = false;
    item.severity = vscode.LanguageStatusSeverity.Information;

    if (this.gaveUp !== undefined || this.clientState === State.Stopped || this.clientState === State.StartFailed) {
      // A crash restart passes through Stopped on its way back: it shows as starting.
      if (this.gaveUp === undefined && this.crashNote !== undefined && this.clientState === State.Stopped) {
        item.text = 'SAS Guard';
        item.detail = 'restarting after the server stopped unexpectedly…';
        item.busy = true;
        item.command = { title: 'Show Output', command: CommandIds.showOutput };
        this.bar.hide();
        return;
      }
      item.text = '$(circle-slash) SAS Guard';
      item.detail = this.gaveUp ?? 'server stopped';
      item.severity = this.gaveUp !== undefined ? vscode.LanguageStatusSeverity.Error : vscode.LanguageStatusSeverity.Warning;
      item.command = { title: 'Restart', command: CommandIds.restartServer, tooltip: 'Restart the SAS Guard server' };
      this.bar.hide();
      return;
    }
    const status = this.server;
    if (this.clientState === State.Starting || status === undefined || status.state === 'starting') {
      item.text = 'SAS Guard';
      item.detail = this.crashNote !== undefined ? 'restarting after the server stopped unexpectedly…' : 'starting…';
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
    item.detail = `${status.state === 'scanning' ? `scanning workspace… ${findings}` : findings}${this.crashNote !== undefined ? ` · ${this.crashNote}` : ''}`;
    if (severe) item.severity = vscode.LanguageStatusSeverity.Error;
    else if (status.findings > 0) item.severity = vscode.LanguageStatusSeverity.Warning;
    item.command =
      status.findings > 0
        ? { title: 'Open Problems', command: PROBLEMS_VIEW_COMMAND }
        : { title: 'Scan Workspace', command: CommandIds.scanWorkspace, tooltip: 'Scan every file of the workspace for SAS tokens and keys' };

    if (status.findings > 0) {
      this.bar.text = `$(shield) ${status.findings}`;
      this.bar.tooltip = `SAS Guard: ${findings}${this.crashNote !== undefined ? ` (${this.crashNote})` : ''}. Click to open the Problems panel.`;
      this.bar.accessibilityInformation = { label: this.bar.tooltip };
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
