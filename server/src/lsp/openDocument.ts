// An open document as the server holds it: the TextDocument interface of
// vscode-languageserver-textdocument (positions in UTF-16 code units, lines ending at LF, CRLF or a
// lone CR, the same clamping), over a ChunkedText so that an edit costs one chunk rather than the
// whole text. Each change is also returned as an offset edit (for the incremental re-scan), and the
// document's UTF-8 size is kept up to date edit by edit (for the size limit): counting the bytes of
// a 30 MB document on every keystroke would read all of it each time.
import type { Position, Range, TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { TextChange } from '../core';
import { ChunkedText, isLineBreak } from './chunkedText';

export class OpenDocument implements TextDocument {
  private readonly text: ChunkedText;
  private currentVersion: number;
  /** UTF-8 size of the text; undefined until counted, and after a change it cannot follow. */
  private utf8Bytes: number | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    version: number,
    content: string,
    /** Tests pass a few characters (chunkedText.ts); the server, the default. */
    chunkLength?: number,
  ) {
    this.text = new ChunkedText(content, chunkLength);
    this.currentVersion = version;
  }

  get version(): number {
    return this.currentVersion;
  }

  get lineCount(): number {
    return this.text.lineCount;
  }

  getText(range?: Range): string {
    if (range === undefined) return this.text.toString();
    return this.text.slice(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.text.length), 0);
    const { line, start } = this.text.lineOf(offset);
    return { line, character: this.beforeLineBreak(offset, start) - start };
  }

  offsetAt(position: Position): number {
    const lineCount = this.text.lineCount;
    if (position.line >= lineCount) return this.text.length;
    if (position.line < 0) return 0;
    if (position.character <= 0) return this.text.lineStart(position.line);
    const { start, next } = this.lineBounds(position.line, lineCount);
    return this.beforeLineBreak(Math.min(start + position.character, next), start);
  }

  getLineRange(line: number): Range {
    const lineCount = this.text.lineCount;
    if (line >= lineCount) {
      const last = lineCount - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: this.text.length - this.text.lineStart(last) } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const { start, next } = this.lineBounds(line, lineCount);
    return { start: { line, character: 0 }, end: { line, character: this.beforeLineBreak(next, start) - start } };
  }

  getEOLCharacters(line: number): string {
    const lineCount = this.text.lineCount;
    if (line >= lineCount || line < 0) return '';
    const { start, next } = this.lineBounds(line, lineCount);
    return this.text.slice(this.beforeLineBreak(next, start), next);
  }

  /** The UTF-8 size of the text (counted once, then kept up to date by `applyChanges`). */
  byteLength(): number {
    this.utf8Bytes ??= Buffer.byteLength(this.text.toString(), 'utf8');
    return this.utf8Bytes;
  }

  /**
   * Applies a didChange's content changes in order and moves to `version`. Returns them as offset
   * edits, each in the offsets of the text just before it; undefined when one replaced the whole text.
   */
  applyChanges(changes: readonly TextDocumentContentChangeEvent[], version: number): TextChange[] | undefined {
    let edits: TextChange[] | undefined = [];
    for (const change of changes) {
      if ('range' in change && change.range !== undefined) {
        const [from, to] = ordered(change.range);
        const start = this.offsetAt(from);
        const end = this.offsetAt(to);
        edits?.push({ start, end, newText: change.text });
        if (this.utf8Bytes !== undefined) this.utf8Bytes = this.sizeAfterChange(this.utf8Bytes, start, end, change.text);
        this.text.replace(start, end, change.text);
      } else {
        edits = undefined;
        this.utf8Bytes = undefined;
        this.text.reset(change.text);
      }
    }
    this.currentVersion = version;
    return edits;
  }

  /** Where line `line` (0 <= line < lineCount) starts, and where the next one does (or the text ends). */
  private lineBounds(line: number, lineCount: number): { start: number; next: number } {
    return { start: this.text.lineStart(line), next: line + 1 < lineCount ? this.text.lineStart(line + 1) : this.text.length };
  }

  /** Steps back over a line break's characters, not past the line's start (the library's ensureBeforeEOL). */
  private beforeLineBreak(offset: number, lineStart: number): number {
    while (offset > lineStart && isLineBreak(this.text.charCodeAt(offset - 1))) offset--;
    return offset;
  }

  /**
   * The UTF-8 size after replacing [start, end) with `inserted`; undefined when a surrogate sits at
   * an edge of the change (a pair split or joined by the edit counts differently from its halves:
   * then the next size is counted whole).
   */
  private sizeAfterChange(size: number, start: number, end: number, inserted: string): number | undefined {
    const edges = [
      this.text.charCodeAt(start - 1),
      this.text.charCodeAt(start),
      this.text.charCodeAt(end - 1),
      this.text.charCodeAt(end),
      inserted.charCodeAt(0),
      inserted.charCodeAt(inserted.length - 1),
    ];
    if (edges.some((code) => code >= 0xd800 && code <= 0xdfff)) return undefined;
    return size - Buffer.byteLength(this.text.slice(start, end), 'utf8') + Buffer.byteLength(inserted, 'utf8');
  }
}

/** A range's ends in document order (the library accepts them reversed). */
function ordered(range: Range): [Position, Position] {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character) ? [end, start] : [start, end];
}
