// Incremental re-scans of open documents: the content changes of each didChange are recorded as
// offset edits (before the document applies them), and the next analysis re-scans only around
// them (`rescanAfterEdit`, exactly equivalent to a full scan) instead of the whole document. The
// document's size in UTF-8 is kept up to date the same way, edit by edit: counting the bytes of a
// 30 MB document on every keystroke (for the size limit) would read all of it each time.
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { primeLineOffsets } from './lineOffsets';
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
  /** UTF-8 size of a document's text at a version. */
  private readonly byteLengths = new Map<string, { version: number; bytes: number }>();

  /** The `update` of a `TextDocuments` configuration: records each change's offsets, then applies it. */
  readonly update = (document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument => {
    const uri = document.uri;
    let pending = this.edits.get(uri);
    let size = this.byteLengths.get(uri)?.version === document.version ? this.byteLengths.get(uri)!.bytes : undefined;
    for (const change of changes) {
      if ('range' in change && change.range !== undefined) {
        const start = document.offsetAt(change.range.start);
        const end = document.offsetAt(change.range.end);
        pending?.push({ start, end, newText: change.text });
        if (size !== undefined) size = sizeAfterChange(size, document.getText(), start, end, change.text);
      } else {
        pending = undefined;
        size = undefined;
      }
      TextDocument.update(document, [change], version);
      // A full change (or one next to a CRLF) drops the line index: rebuild it at native speed.
      primeLineOffsets(document);
    }
    this.edits.set(uri, pending);
    if (size === undefined) this.byteLengths.delete(uri);
    else this.byteLengths.set(uri, { version, bytes: size });
    return document;
  };

  /** The document's size in UTF-8 bytes (counted once, then kept up to date by `update`). */
  byteLength(document: TextDocument): number {
    const known = this.byteLengths.get(document.uri);
    if (known !== undefined && known.version === document.version) return known.bytes;
    const bytes = Buffer.byteLength(document.getText(), 'utf8');
    this.byteLengths.set(document.uri, { version: document.version, bytes });
    return bytes;
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
    this.byteLengths.delete(uri);
  }
}

/**
 * The UTF-8 size after replacing [start, end) of `text` (of `size` bytes) with `inserted`;
 * undefined when a surrogate sits at an edge of the change (a pair split or joined by the edit
 * counts differently from its halves: then the next size is counted whole).
 */
function sizeAfterChange(size: number, text: string, start: number, end: number, inserted: string): number | undefined {
  const edges = [
    text.charCodeAt(start - 1),
    text.charCodeAt(start),
    text.charCodeAt(end - 1),
    text.charCodeAt(end),
    inserted.charCodeAt(0),
    inserted.charCodeAt(inserted.length - 1),
  ];
  if (edges.some((code) => code >= 0xd800 && code <= 0xdfff)) return undefined;
  return size - Buffer.byteLength(text.slice(start, end), 'utf8') + Buffer.byteLength(inserted, 'utf8');
}
