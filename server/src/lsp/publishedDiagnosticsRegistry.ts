// The registry of what the server currently shows the client, per URI, and where it came from (an
// open document or the last workspace scan). Every publishDiagnostics goes through here, from
// openDocumentDiagnostics.ts and workspaceScan.ts alike, so the status counts stay true. The
// workspace scan's go through a throttle (publishThrottle.ts): the registry changes at once, the
// notification follows in the next batch.
import type { Connection, Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';
import type { Grade } from '../core/findings/types';
import { plural } from '../core/util/wording';
import { PUBLISH_BATCH_SIZE, PUBLISH_INTERVAL_MS, PublishThrottle } from './publishThrottle';

export type DiagnosticOrigin = 'document' | 'scan';

interface Published {
  readonly origin: DiagnosticOrigin;
  readonly grades: readonly Grade[];
}

export class PublishedDiagnostics {
  private readonly published = new Map<string, Published>();
  /** Problems of a project file (a bad .sas-guard.json or baseline), shown on it along with anything else. */
  private readonly projectFileProblems = new Map<string, Diagnostic[]>();
  private readonly listeners: (() => void)[] = [];
  /**
   * What was last sent directly for each open document's version: a re-check that finds the same
   * (every open document is checked again when settings, ignore rules or the project config change)
   * sends nothing. Each notification replaces the file's markers in the editor, and VS Code drops a
   * Ctrl+. that is pending when they change (seen once in a cold e2e run).
   */
  private readonly lastSent = new Map<string, { readonly version: number; readonly diagnostics: Diagnostic[] }>();

  private readonly throttle: PublishThrottle<PublishDiagnosticsParams>;

  constructor(private readonly connection: Connection) {
    this.throttle = new PublishThrottle(
      (params) => void this.connection.sendDiagnostics(params),
      PUBLISH_BATCH_SIZE,
      PUBLISH_INTERVAL_MS,
      undefined,
      // One line a burst: what a user (or the e2e test) reads to see that thousands of files'
      // diagnostics went out in batches rather than as one flood.
      ({ messages, batches, ms }) =>
        this.connection.console.info(
          `Sent the diagnostics of ${plural(messages, 'file', { grouped: true })} in ${plural(batches, 'batch', { plural: 'batches' })} over ${Math.round(ms)} ms (at most ${PUBLISH_BATCH_SIZE} a batch, ${PUBLISH_INTERVAL_MS} ms apart).`,
        ),
    );
  }

  onDidChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  publish(uri: string, diagnostics: Diagnostic[], origin: DiagnosticOrigin, grades: readonly Grade[], version?: number): void {
    this.record(uri, diagnostics, origin, grades);
    const queued = this.throttle.drop(uri);
    const all = this.withProjectFileProblems(uri, diagnostics);
    if (version === undefined) {
      this.lastSent.delete(uri);
      void this.connection.sendDiagnostics({ uri, diagnostics: all });
      return;
    }
    const last = this.lastSent.get(uri);
    // Compared only for the same version (a re-check): an edit's publish, on every keystroke, pays
    // nothing for it. A throttled notification dropped here was not sent: the client may show something else.
    if (!queued && last !== undefined && last.version === version && JSON.stringify(last.diagnostics) === JSON.stringify(all)) return;
    this.lastSent.set(uri, { version, diagnostics: all });
    void this.connection.sendDiagnostics({ uri, version, diagnostics: all });
  }

  /** Shows (or, with none, clears) the problems of a project file; they stay until set again. */
  setProjectFileProblems(uri: string, problems: Diagnostic[]): void {
    const had = this.projectFileProblems.has(uri);
    if (problems.length === 0) this.projectFileProblems.delete(uri);
    else this.projectFileProblems.set(uri, problems);
    if (had || problems.length > 0) {
      this.lastSent.delete(uri);
      void this.connection.sendDiagnostics({ uri, diagnostics: problems });
    }
  }

  private withProjectFileProblems(uri: string, diagnostics: Diagnostic[]): Diagnostic[] {
    const problems = this.projectFileProblems.get(uri);
    return problems === undefined ? diagnostics : [...diagnostics, ...problems];
  }

  /**
   * `publish` for one of many files at once (the workspace scan): recorded now, sent in the
   * throttle's next batch. A direct `publish` for the same URI meanwhile wins.
   */
  publishThrottled(uri: string, diagnostics: Diagnostic[], origin: DiagnosticOrigin, grades: readonly Grade[]): void {
    this.record(uri, diagnostics, origin, grades);
    this.lastSent.delete(uri);
    this.throttle.enqueue(uri, { uri, diagnostics: this.withProjectFileProblems(uri, diagnostics) });
  }

  /** Resolves once every throttled notification has been sent. */
  whenSent(): Promise<void> {
    return this.throttle.whenIdle();
  }

  clear(uri: string): void {
    this.publish(uri, [], 'document', []);
  }

  clearThrottled(uri: string): void {
    this.publishThrottled(uri, [], 'document', []);
  }

  private record(uri: string, diagnostics: Diagnostic[], origin: DiagnosticOrigin, grades: readonly Grade[]): void {
    const before = this.published.get(uri);
    if (diagnostics.length === 0) this.published.delete(uri);
    else this.published.set(uri, { origin, grades });
    if (before !== undefined || grades.length > 0) this.changed();
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
