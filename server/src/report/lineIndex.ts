// Maps UTF-16 offsets of a text to 1-based line and column numbers. Lines end at LF, CRLF or a lone
// CR, as in VS Code and LSP; columns count UTF-16 code units, SARIF's default `columnKind`.
//
// Line starts are found lazily, only as far into the text as a position is asked for, by jumping
// from line break to line break with `indexOf` (native, vectorised) rather than visiting every
// character in JavaScript: a report places a few findings in each file, most of them far from the end.
import { lastAtOrBefore } from '../core/util/lastAtOrBefore';

export interface LineColumn {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units. */
  column: number;
}

export class LineIndex {
  /** Offset at which each line found so far starts; lineStarts[0] === 0. */
  private readonly lineStarts: number[] = [0];
  /** Every line start at or before this offset is in `lineStarts`. */
  private scannedTo = 0;
  /** Next LF and CR at or after `scannedTo` (-1: none left), kept between calls. */
  private nextLf: number;
  private nextCr: number;

  constructor(private readonly text: string) {
    this.nextLf = text.indexOf('\n');
    this.nextCr = text.indexOf('\r');
  }

  get lineCount(): number {
    this.scanTo(this.text.length);
    return this.lineStarts.length;
  }

  /** Position of the code unit at `offset` (clamped to the text); for an exclusive end, the column after. */
  position(offset: number): LineColumn {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    this.scanTo(clamped);
    const line = lastAtOrBefore(this.lineStarts, clamped);
    return { line: line + 1, column: clamped - this.lineStarts[line]! + 1 };
  }

  /** Records every line start up to and including `offset`. */
  private scanTo(offset: number): void {
    const { text } = this;
    while (this.scannedTo < offset) {
      const lf = this.nextLf;
      const cr = this.nextCr;
      if (lf === -1 && cr === -1) {
        this.scannedTo = text.length;
        return;
      }
      let lineStart: number;
      if (cr !== -1 && (lf === -1 || cr < lf)) {
        // A CR, alone or the first half of a CRLF: the line starts after both.
        lineStart = text.charCodeAt(cr + 1) === 0x0a ? cr + 2 : cr + 1;
        this.nextCr = text.indexOf('\r', cr + 1);
        if (lineStart === cr + 2) this.nextLf = text.indexOf('\n', lineStart);
      } else {
        lineStart = lf + 1;
        this.nextLf = text.indexOf('\n', lineStart);
      }
      this.lineStarts.push(lineStart);
      this.scannedTo = lineStart;
    }
  }
}
