// `sas-guard-ignore` on a finding's line, or `sas-guard-ignore-next-line` on the line before,
// in any comment syntax (the marker is matched as plain text, so //, #, --, /* */, <!-- -->, ;,
// REM, ' and % all work).

const IGNORE = 'sas-guard-ignore';
const IGNORE_NEXT_LINE = 'sas-guard-ignore-next-line';

/** Line boundaries, computed once per scan and only when there is something to check. */
export class LineIndex {
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
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
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

export class Suppressions {
  private readonly cache = new Map<number, boolean>();
  private lines: LineIndex | undefined;
  /** False when the text holds no marker at all: no need to index lines. */
  private readonly anyMarker: boolean;

  constructor(private readonly text: string) {
    this.anyMarker = text.includes(IGNORE);
  }

  isSuppressed(offset: number): boolean {
    if (!this.anyMarker) return false;
    this.lines ??= new LineIndex(this.text);
    const line = this.lines.lineOf(offset);
    const cached = this.cache.get(line);
    if (cached !== undefined) return cached;
    const suppressed = hasIgnoreForThisLine(this.lines.lineText(line)) || (line > 0 && this.lines.lineText(line - 1).includes(IGNORE_NEXT_LINE));
    this.cache.set(line, suppressed);
    return suppressed;
  }
}
