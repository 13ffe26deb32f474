// Incremental re-scans of open documents: the content changes of each didChange are recorded as
// offset edits (openDocuments.ts passes them on), and the next analysis re-scans only around them
// (`rescanAfterEdit`, exactly equivalent to a full scan) instead of the whole document.
import { rescanAfterEdit, scanTextIncremental, type ScanOptions, type ScanResult, type TextChange } from '../core';

/** A scan's clock is reused this long, so that edits can re-scan incrementally (same clock, same result). */
const CLOCK_REUSE_MS = 60_000;

interface DocumentState {
  text: string;
  result: ScanResult;
  now: Date;
}

export class IncrementalScans {
  private readonly states = new Map<string, DocumentState>();
  /** Edits since the state's text; undefined when they cannot be mapped (full-text change). */
  private readonly edits = new Map<string, TextChange[] | undefined>();

  /** A didChange's offset edits (undefined: the whole text was replaced), in order. */
  changed(uri: string, edits: readonly TextChange[] | undefined): void {
    const pending = this.edits.get(uri);
    if (edits === undefined) this.edits.set(uri, undefined);
    else pending?.push(...edits);
  }

  /** The clock to grade `uri` with: the last scan's while recent (so the re-scan can be incremental). */
  clock(uri: string, now: Date): Date {
    const state = this.states.get(uri);
    if (state && now.getTime() >= state.now.getTime() && now.getTime() - state.now.getTime() < CLOCK_REUSE_MS) return state.now;
    return now;
  }

  /** A scan function for `analyze` that re-scans `uri` incrementally when it can. */
  scanner(uri: string): (text: string, options: ScanOptions) => ScanResult {
    return (text, options) => {
      const state = this.states.get(uri);
      const edits = this.edits.get(uri);
      let result: ScanResult;
      if (state && edits && options.now) {
        result =
          state.text === text && edits.length === 0 && state.now.getTime() === options.now.getTime()
            ? state.result
            : rescanAfterEdit(state.text, state.result, edits, text, options);
      } else {
        result = scanTextIncremental(text, options);
      }
      if (!result.cancelled && options.now) {
        this.states.set(uri, { text, result, now: options.now });
        this.edits.set(uri, []);
      } else {
        this.forget(uri);
      }
      return result;
    };
  }

  /** The document was analysed some other way (or not at all): the next scan is a full one. */
  forget(uri: string): void {
    this.states.delete(uri);
    this.edits.delete(uri);
  }

  /** The document was closed: nothing of it is kept. */
  close(uri: string): void {
    this.forget(uri);
  }
}
