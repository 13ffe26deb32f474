// Offsets (UTF-16 code units, what the engine reports) to LSP positions and back.
import type { Position, Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { OffsetRange } from '../core/findings/types';

/** What placing findings needs of a document: its URI and offset → position. */
export interface PositionSource {
  readonly uri: string;
  positionAt(offset: number): Position;
}

export function toRange(document: Pick<PositionSource, 'positionAt'>, range: OffsetRange): Range {
  return { start: document.positionAt(range.start), end: document.positionAt(range.end) };
}

export function toOffsetRange(document: TextDocument, range: Range): OffsetRange {
  return { start: document.offsetAt(range.start), end: document.offsetAt(range.end) };
}

/** True when the two half-open ranges share a character, or when an empty one touches the other. */
export function offsetRangesTouch(a: OffsetRange, b: OffsetRange): boolean {
  return a.start <= b.end && b.start <= a.end;
}

export function offsetInside(offset: number, range: OffsetRange): boolean {
  return offset >= range.start && offset <= range.end;
}
