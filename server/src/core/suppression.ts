// `sas-guard-ignore` on a finding's line, or `sas-guard-ignore-next-line` on the line before,
// in any comment syntax (the marker is matched as plain text, so //, #, --, /* */, <!-- -->, ;,
// REM, ' and % all work).

const IGNORE = 'sas-guard-ignore';
const IGNORE_NEXT_LINE = 'sas-guard-ignore-next-line';

function hasIgnoreForThisLine(line: string): boolean {
  let from = 0;
  for (;;) {
    const at = line.indexOf(IGNORE, from);
    if (at < 0) return false;
    if (!line.startsWith(IGNORE_NEXT_LINE, at)) return true;
    from = at + IGNORE.length;
  }
}

/** Start of the line holding `offset` (lines end at `\n`, `\r\n` or `\r`); reads only that line. */
function lineStartAt(text: string, offset: number): number {
  let i = Math.min(offset, text.length);
  // The LF of a CRLF ends the line its CR is on.
  if (text.charCodeAt(i) === 10 && text.charCodeAt(i - 1) === 13) i--;
  while (i > 0) {
    const c = text.charCodeAt(i - 1);
    if (c === 10 || c === 13) break;
    i--;
  }
  return i;
}

/** End of the line starting at `start` (before its line break). */
function lineEndFrom(text: string, start: number): number {
  let i = start;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) break;
    i++;
  }
  return i;
}

/**
 * Answers per offset by reading only the offset's line and the line before it (no index of the
 * whole text), so re-checking a few findings after an edit costs nothing like the document's size.
 */
export class Suppressions {
  private readonly cache = new Map<number, boolean>();
  /** False when the text holds no marker at all: nothing to read. */
  private readonly anyMarker: boolean;

  constructor(private readonly text: string) {
    this.anyMarker = text.includes(IGNORE);
  }

  isSuppressed(offset: number): boolean {
    if (!this.anyMarker) return false;
    const text = this.text;
    const start = lineStartAt(text, offset);
    const cached = this.cache.get(start);
    if (cached !== undefined) return cached;
    let suppressed = hasIgnoreForThisLine(text.slice(start, lineEndFrom(text, start)));
    if (!suppressed && start > 0) {
      // The previous line ends at the line break before `start` (one or two characters).
      const breakStart = text.charCodeAt(start - 1) === 10 && text.charCodeAt(start - 2) === 13 ? start - 2 : start - 1;
      const previousStart = lineStartAt(text, breakStart);
      suppressed = text.slice(previousStart, breakStart).includes(IGNORE_NEXT_LINE);
    }
    this.cache.set(start, suppressed);
    return suppressed;
  }
}
