// The registry of what the server currently shows the client, per URI, and where it came from (an
// open document or the last workspace scan). Every publishDiagnostics goes through here, from
// openDocumentDiagnostics.ts and workspaceScan.ts alike, so the status counts stay true.
import type { Connection, Diagnostic } from 'vscode-languageserver';
import type { Grade } from '../core/findings/types';

export type DiagnosticOrigin = 'document' | 'scan';

interface Published {
  readonly origin: DiagnosticOrigin;
  readonly grades: readonly Grade[];
}

export class PublishedDiagnostics {
  private readonly published = new Map<string, Published>();
  private readonly listeners: (() => void)[] = [];

  constructor(private readonly connection: Connection) {}

  onDidChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  publish(uri: string, diagnostics: Diagnostic[], origin: DiagnosticOrigin, grades: readonly Grade[], version?: number): void {
    const before = this.published.get(uri);
    if (diagnostics.length === 0) this.published.delete(uri);
    else this.published.set(uri, { origin, grades });
    void this.connection.sendDiagnostics(version === undefined ? { uri, diagnostics } : { uri, version, diagnostics });
    if (before !== undefined || grades.length > 0) this.changed();
  }

  clear(uri: string): void {
    this.publish(uri, [], 'document', []);
  }

  originOf(uri: string): DiagnosticOrigin | undefined {
    return this.published.get(uri)?.origin;
  }

  counts(): { findings: number; findingsByGrade: Record<Grade, number> } {
    const findingsByGrade: Record<Grade, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
    let findings = 0;
    for (const entry of this.published.values()) {
      for (const grade of entry.grades) {
        findingsByGrade[grade]++;
        findings++;
      }
    }
    return { findings, findingsByGrade };
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
