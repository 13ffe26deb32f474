// `sas-guard-ignore` on a finding's line, or `sas-guard-ignore-next-line` on the line before,
// in any comment syntax (the marker is matched as plain text, so //, #, --, /* */, <!-- -->, ;,
// REM, ' and % all work).
import { lastAtOrBefore } from '../util/lastAtOrBefore';

const IGNORE = 'sas-guard-ignore';
const IGNORE_NEXT_LINE = 'sas-guard-ignore-next-line';

/** Line boundaries of the whole text: built once, only for lines too long to read locally. */
class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
  }

  lineOf(offset: number): number {
    return lastAtOrBefore(this.starts, offset);
  }

  lineText(line: number): string {
    if (line < 0 || line >= this.starts.length) return '';
    const start = this.starts[line]!;
    let end = line + 1 < this.starts.length ? this.starts[line + 1]! : this.text.length;
    while (end > start && (this.text.charCodeAt(end - 1) === 10 || this.text.charCodeAt(end - 1) === 13)) end--;
    return this.text.slice(start, end);
  }
}

function hasIgnoreForThisLine(line: string): boolean {
  let from = 0;
  for (;;) {
    const at = line.indexOf(IGNORE, from);
    if (at < 0) return false;
    if (!line.startsWith(IGNORE_NEXT_LINE, at)) return true;
    from = at + IGNORE.length;
  }
}

/** Lines longer than this are not read character by character around each finding. */
const LOCAL_LINE_LIMIT = 2048;

/**
 * Start of the line holding `offset` (lines end at `\n`, `\r\n` or `\r`), reading back at most
 * LOCAL_LINE_LIMIT characters; -1 if the line starts further back.
 */
function lineStartAt(text: string, offset: number): number {
  let i = Math.min(offset, text.length);
  // The LF of a CRLF ends the line its CR is on.
  if (text.charCodeAt(i) === 10 && text.charCodeAt(i - 1) === 13) i--;
  const stop = i - LOCAL_LINE_LIMIT;
  while (i > 0) {
    if (i <= stop) return -1;
    const c = text.charCodeAt(i - 1);
    if (c === 10 || c === 13) break;
    i--;
  }
  return i;
}

/** End of the line starting at `start` (before its line break); -1 if it is longer than LOCAL_LINE_LIMIT. */
function lineEndFrom(text: string, start: number): number {
  const stop = Math.min(text.length, start + LOCAL_LINE_LIMIT);
  for (let i = start; i < stop; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return stop === text.length ? stop : -1;
}

/**
 * Answers per offset by reading only the offset's line and the line before it, so re-checking the
 * findings after an edit costs nothing like the document's size. A line too long for that switches
 * to the whole-text way once (is there a marker at all? then an index of every line), which keeps
 * a text of a few huge lines with many findings linear.
 */
export class Suppressions {
  private readonly cache = new Map<number, boolean>();
  /** Whole-text mode: undefined until a line is too long to read locally. */
  private anyMarker: boolean | undefined;
  private lines: LineIndex | undefined;

  constructor(private readonly text: string) {}

  isSuppressed(offset: number): boolean {
    if (this.anyMarker === false) return false;
    if (this.anyMarker === undefined) {
      const local = this.local(offset);
      if (local !== undefined) return local;
      this.anyMarker = this.text.includes(IGNORE);
      if (!this.anyMarker) return false;
    }
    this.lines ??= new LineIndex(this.text);
    const line = this.lines.lineOf(offset);
    const key = -1 - line;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const suppressed = hasIgnoreForThisLine(this.lines.lineText(line)) || (line > 0 && this.lines.lineText(line - 1).includes(IGNORE_NEXT_LINE));
    this.cache.set(key, suppressed);
    return suppressed;
  }

  /** The answer from the offset's line and the one before, or undefined if either is too long. */
  private local(offset: number): boolean | undefined {
    const text = this.text;
    const start = lineStartAt(text, offset);
    if (start < 0) return undefined;
    const cached = this.cache.get(start);
    if (cached !== undefined) return cached;
    const end = lineEndFrom(text, start);
    if (end < 0) return undefined;
    let suppressed = hasIgnoreForThisLine(text.slice(start, end));
    if (!suppressed && start > 0) {
      // The previous line ends at the line break before `start` (one or two characters).
      const breakStart = text.charCodeAt(start - 1) === 10 && text.charCodeAt(start - 2) === 13 ? start - 2 : start - 1;
      const previousStart = lineStartAt(text, breakStart);
      if (previousStart < 0) return undefined;
      suppressed = text.slice(previousStart, breakStart).includes(IGNORE_NEXT_LINE);
    }
    this.cache.set(start, suppressed);
    return suppressed;
  }
}
