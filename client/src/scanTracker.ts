// Which workspace scan requests are in flight: the desktop client repeats a scan a server crash cut
// short, and both clients skip a quiet re-scan while one runs. Shared by the Node and the web
// connection so the bookkeeping is written once. No vscode import: it is plain counting.

export class ScanTracker {
  private inFlight = 0;

  /** Runs a scan request, counted while it is in flight. */
  async track<T>(scan: () => Promise<T>): Promise<T> {
    this.inFlight++;
    try {
      return await scan();
    } finally {
      this.inFlight--;
    }
  }

  get scanInFlight(): boolean {
    return this.inFlight > 0;
  }
}
