// The text of an open document, held as a list of chunks of a few thousand characters rather than
// one string. vscode-languageserver-textdocument rebuilt the whole string on every keystroke (and
// the first read flattened it: a copy of the whole document per edit, 1–6 ms for 1 MB on this
// machine) and shifted every later line's offset by a JavaScript loop. Here an edit copies one
// chunk; each chunk's line starts are found again (at native speed) only when a position is next
// asked for inside it, and the per-chunk prefix sums (offsets, line numbers) are rebuilt lazily, in
// one pass over the chunks (hundreds, not hundreds of thousands of lines). The whole string is
// joined only when something reads all of it, once per version (joinChunks.ts: in Node, through a
// buffer, several times faster than V8's own join).
//
// Lines end as the library ends them: at LF, CRLF or a lone CR. So that a chunk's line starts
// depend on its own characters alone, no chunk but the last ends with a CR (a CR that would is
// moved to the front of the next chunk, keeping a CRLF pair together).
import { ChunkJoiner, isOneByte } from './joinChunks';
import { lineStarts } from './lineOffsets';

/** Chunks are cut this long when a text is split; an edit may grow one up to twice that before it is split again. */
const CHUNK_LENGTH = 16_384;
const CR = 13;
const LF = 10;

export class ChunkedText {
  private chunks: string[] = [];
  /** Per chunk: what has been found out about it since it last changed. */
  private facts: ChunkFacts[] = [];
  /** Per chunk (valid below `indexedUpTo`): its offset in the text. */
  private starts: number[] = [];
  /** Per chunk (valid below `indexedUpTo`): the line its first character is on. */
  private lineBases: number[] = [];
  /** Per chunk (valid below `indexedUpTo`): where that line starts (in this chunk or an earlier one). */
  private lineBaseStarts: number[] = [];
  private indexedUpTo = 0;
  private totalLength = 0;
  /** The whole text, once joined (until the next edit). */
  private joined: string | undefined;
  private readonly joiner = new ChunkJoiner();

  /** `chunkLength`: tests pass a few characters, so that every edit meets chunk boundaries. */
  constructor(
    text: string,
    private readonly chunkLength = CHUNK_LENGTH,
  ) {
    this.reset(text);
  }

  get length(): number {
    return this.totalLength;
  }

  /** Replaces the whole text. */
  reset(text: string): void {
    this.chunks = splitIntoChunks(text, this.chunkLength);
    this.facts = this.chunks.map(() => ({}));
    this.indexedUpTo = 0;
    this.totalLength = text.length;
    this.joined = text;
  }

  /** Replaces [start, end) (clamped to the text, start <= end) with `inserted`. */
  replace(start: number, end: number, inserted: string): void {
    start = clamp(start, 0, this.totalLength);
    end = clamp(end, start, this.totalLength);
    if (start === end && inserted.length === 0) return;
    this.ensureIndex(this.chunks.length);
    const first = this.chunkAt(start);
    const last = this.chunkAt(end);
    const merged = this.chunks[first]!.slice(0, start - this.starts[first]!) + inserted + this.chunks[last]!.slice(end - this.starts[last]!);
    const pieces = merged.length > 2 * this.chunkLength ? splitIntoChunks(merged, this.chunkLength) : [merged];
    this.chunks.splice(first, last - first + 1, ...pieces);
    this.facts.splice(first, last - first + 1, ...pieces.map(() => ({})));
    this.totalLength += inserted.length - (end - start);
    this.joined = undefined;
    this.indexedUpTo = Math.min(this.indexedUpTo, Math.max(0, first - 1));
    this.keepCarriageReturnsWithTheirLine(Math.max(0, first - 1), first + pieces.length);
  }

  /** The whole text (joined once per version). */
  toString(): string {
    this.joined ??= this.joiner.join(this.chunks, this.totalLength, (c) => (this.facts[c]!.oneByte ??= isOneByte(this.chunks[c]!)));
    return this.joined;
  }

  /** The text of [start, end), clamped to the text. */
  slice(start: number, end: number): string {
    start = clamp(start, 0, this.totalLength);
    end = clamp(end, start, this.totalLength);
    if (this.joined !== undefined) return this.joined.slice(start, end);
    if (start === end) return '';
    this.ensureIndex(this.chunks.length);
    const first = this.chunkAt(start);
    const last = this.chunkAt(end);
    if (first === last) return this.chunks[first]!.slice(start - this.starts[first]!, end - this.starts[first]!);
    const parts = [this.chunks[first]!.slice(start - this.starts[first]!)];
    for (let c = first + 1; c < last; c++) parts.push(this.chunks[c]!);
    parts.push(this.chunks[last]!.slice(0, end - this.starts[last]!));
    return parts.join('');
  }

  /** The UTF-16 code unit at `offset`; NaN outside the text (as String.prototype.charCodeAt). */
  charCodeAt(offset: number): number {
    if (this.joined !== undefined) return this.joined.charCodeAt(offset);
    if (!(offset >= 0 && offset < this.totalLength)) return NaN;
    this.ensureIndex(this.chunks.length);
    const c = this.chunkAt(offset);
    return this.chunks[c]!.charCodeAt(offset - this.starts[c]!);
  }

  get lineCount(): number {
    const last = this.chunks.length - 1;
    this.ensureIndex(this.chunks.length);
    return this.lineBases[last]! + this.breaksOf(last).length + 1;
  }

  /** Where line `line` starts (0 <= line < lineCount). */
  lineStart(line: number): number {
    this.ensureIndex(this.chunks.length);
    // The last chunk whose first character is on `line` or an earlier one.
    const low = lastAtOrBefore(this.lineBases, this.chunks.length, line);
    const within = line - this.lineBases[low]!;
    return within === 0 ? this.lineBaseStarts[low]! : this.starts[low]! + this.breaksOf(low)[within - 1]!;
  }

  /** The line `offset` (0 <= offset <= length) is on, and where that line starts. */
  lineOf(offset: number): { line: number; start: number } {
    this.ensureIndex(this.chunks.length);
    const c = this.chunkAt(offset);
    const breaks = this.breaksOf(c);
    const local = offset - this.starts[c]!;
    // How many of the chunk's line starts are at or before `local`.
    let low = 0;
    let high = breaks.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (breaks[mid]! <= local) low = mid + 1;
      else high = mid;
    }
    return { line: this.lineBases[c]! + low, start: low === 0 ? this.lineBaseStarts[c]! : this.starts[c]! + breaks[low - 1]! };
  }

  /** The last chunk starting at or before `offset` (the index must be up to date). */
  private chunkAt(offset: number): number {
    return lastAtOrBefore(this.starts, this.chunks.length, offset);
  }

  private breaksOf(c: number): number[] {
    const facts = this.facts[c]!;
    if (facts.breaks === undefined) {
      facts.breaks = lineStarts(this.chunks[c]!);
      facts.breaks.shift(); // the chunk's offset 0 is not a line start of its own (the previous chunk's breaks say)
    }
    return facts.breaks;
  }

  /** Brings the prefix sums up to date for the chunks below `upTo`. */
  private ensureIndex(upTo: number): void {
    let c = this.indexedUpTo;
    if (c >= upTo) return;
    let start = c === 0 ? 0 : this.starts[c - 1]! + this.chunks[c - 1]!.length;
    let lineBase = 0;
    let lineBaseStart = 0;
    if (c > 0) {
      const breaks = this.breaksOf(c - 1);
      lineBase = this.lineBases[c - 1]! + breaks.length;
      lineBaseStart = breaks.length > 0 ? this.starts[c - 1]! + breaks[breaks.length - 1]! : this.lineBaseStarts[c - 1]!;
    }
    this.starts.length = this.lineBases.length = this.lineBaseStarts.length = this.chunks.length;
    for (; c < upTo; c++) {
      this.starts[c] = start;
      this.lineBases[c] = lineBase;
      this.lineBaseStarts[c] = lineBaseStart;
      const breaks = this.breaksOf(c);
      if (breaks.length > 0) lineBaseStart = start + breaks[breaks.length - 1]!;
      lineBase += breaks.length;
      start += this.chunks[c]!.length;
    }
    this.indexedUpTo = upTo;
  }

  /**
   * Restores the invariants on chunks [from, to] after an edit: no chunk is empty (unless it is the
   * only one) and none but the last ends with a CR. An edit mostly keeps them by itself (its merged
   * chunk runs to the end of the chunk that held the edit's end); deleting the text's last chunk
   * whole leaves an empty one, and the CR rule is cheap to enforce rather than to prove.
   */
  private keepCarriageReturnsWithTheirLine(from: number, to: number): void {
    for (let c = Math.min(to, this.chunks.length - 1); c >= from; c--) {
      const chunk = this.chunks[c]!;
      if (c + 1 < this.chunks.length && chunk.charCodeAt(chunk.length - 1) === CR) {
        this.chunks[c] = chunk.slice(0, -1);
        this.chunks[c + 1] = '\r' + this.chunks[c + 1]!;
        this.facts[c] = {};
        this.facts[c + 1] = {};
      }
    }
    for (let c = Math.min(to + 1, this.chunks.length - 1); c >= from && this.chunks.length > 1; c--) {
      if (this.chunks[c]!.length === 0) {
        this.chunks.splice(c, 1);
        this.facts.splice(c, 1);
      }
    }
    this.indexedUpTo = Math.min(this.indexedUpTo, from);
  }
}

interface ChunkFacts {
  /** Offsets (1..length) inside the chunk at which a line starts. */
  breaks?: number[];
  /** Every code unit is below 256 (joinChunks.ts). */
  oneByte?: boolean;
}

/** Cuts `text` into chunks of about `chunkLength`, never right after a CR (at least one chunk). */
function splitIntoChunks(text: string, chunkLength: number): string[] {
  if (text.length <= chunkLength) return [text];
  const chunks: string[] = [];
  let from = 0;
  while (from < text.length) {
    let to = Math.min(text.length, from + chunkLength);
    while (to < text.length && text.charCodeAt(to - 1) === CR) to++;
    chunks.push(text.slice(from, to));
    from = to;
  }
  return chunks;
}

/** The last index below `count` whose value (non-decreasing) is at most `target`; 0 if none is. */
function lastAtOrBefore(values: readonly number[], count: number, target: number): number {
  let low = 0;
  let high = count - 1;
  while (low < high) {
    const mid = (low + high + 1) >>> 1;
    if (values[mid]! <= target) low = mid;
    else high = mid - 1;
  }
  return low;
}

function clamp(value: number, low: number, high: number): number {
  return Math.max(low, Math.min(high, value));
}

/** The line-ending code units, for positions that must not land inside a line break. */
export function isLineBreak(code: number): boolean {
  return code === CR || code === LF;
}
