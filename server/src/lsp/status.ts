// The sasGuard/status notification: server state and the findings currently published. Bursts of
// changes (a workspace scan publishing thousands of files) are coalesced into one notification.
import type { Connection } from 'vscode-languageserver';
import { StatusNotification, type WorkspaceScanSummary, type ServerState, type StatusParams } from './protocol';
import type { PublishedDiagnostics } from './publishedDiagnosticsRegistry';

export class StatusReporter {
  private state: ServerState = 'starting';
  private message: string | undefined;
  private lastScan: WorkspaceScanSummary | undefined;
  private scheduled = false;
  private lastSent: string | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly published: PublishedDiagnostics,
  ) {
    published.onDidChange(() => this.schedule());
  }

  setState(state: ServerState, message?: string): void {
    this.state = state;
    this.message = message;
    this.schedule();
  }

  setLastScan(summary: WorkspaceScanSummary | undefined): void {
    this.lastScan = summary;
    this.schedule();
  }

  getLastScan(): WorkspaceScanSummary | undefined {
    return this.lastScan;
  }

  current(): StatusParams {
    return {
      state: this.state,
      ...this.published.counts(),
      ...(this.lastScan !== undefined ? { lastScan: this.lastScan } : {}),
      ...(this.message !== undefined ? { message: this.message } : {}),
    };
  }

  /** Sends now (used at the end of a scan so the client sees the final counts without waiting). */
  flush(): void {
    this.scheduled = false;
    const params = this.current();
    const key = JSON.stringify(params);
    if (key === this.lastSent) return;
    this.lastSent = key;
    void this.connection.sendNotification(StatusNotification, params).catch(() => undefined);
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setTimeout(() => {
      if (this.scheduled) this.flush();
    }, 50);
  }
}
