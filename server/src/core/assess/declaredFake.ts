// Values their author calls fake. In Azure/azure-iot-sdk-node's e2e deploy script, `# fake secrets`
// stands above a block of IoT Hub and DPS connection strings with random-looking keys (used to test
// that a client rejects a host's bad certificate); graded by what such keys grant, they were three
// errors claiming full control of a hub. The comment is the text's own evidence: the finding stays,
// at info, saying so.
//
// What counts: a whole-line comment (#, //, --, ;, /*, *, <!--, REM) holding the word fake, dummy,
// bogus or "not real", directly above the finding's line or above the block of code lines it is
// in, at most BLOCK_LINES lines up. A blank line ends a block, and so does code above a comment (a
// comment speaks for the lines below it, up to the next blank line), with one exception: a comment
// paragraph of its own (a blank line or the file's start above it) set apart from the block by one
// blank line, as a header comment is written (Azure/azure-storage-python's tests/settings_fake.py:
// "# NOTE: these keys are fake, but valid base-64 data", a blank line, then the keys, which were
// four critical errors). A comment at the end of a code line does not count: where it starts
// cannot be told from a string's content without parsing.

import type { Finding } from '../findings/types';
import { infoByEvidence } from '../findings/infoByEvidence';

const FAKE_WORDS = /\b(?:fake|dummy|bogus|not[ -]real)\b/i;
const COMMENT_LINE = /^[ \t]*(?:#|\/\/|--|;|\/\*|\*|<!--|rem\b)/i;
/** How far up a block a comment still speaks for a line. */
const BLOCK_LINES = 40;
/** Longest comment paragraph read as a header set apart from its block by a blank line. */
const HEADER_LINES = 8;
/** Comment lines read above the one right over a block, for the fake word. */
const COMMENT_RUN_LINES = 8;
/** Lines longer than this are not read (a minified file has no comment to find). */
const LONGEST_LINE = 2048;

type LineKind = 'blank' | 'comment' | 'fake-comment' | 'code' | 'unreadable';

/** Answers per offset, remembering each line's answer so that many findings in one block cost one walk. */
export class DeclaredFake {
  /** Per line start: 0 = not declared fake; n > 0 = a fake comment n lines above (through code lines). */
  private readonly answers = new Map<number, number>();

  constructor(private readonly text: string) {}

  /** Whether the line holding `offset` is under a comment calling its values fake. */
  isDeclaredFake(offset: number): boolean {
    const start = lineStart(this.text, offset);
    return start >= 0 && this.distanceAbove(start) > 0;
  }

  /**
   * For the line starting at `start`: how many lines up the fake comment governing it is (1: the
   * line right above), or 0 when there is none within BLOCK_LINES.
   */
  private distanceAbove(start: number): number {
    const visited: number[] = [];
    let line = start;
    let found = 0;
    /** False when the walk stopped at its bound: then only the first line's answer is known. */
    let exact = true;
    for (;;) {
      const known = this.answers.get(line);
      if (known !== undefined) {
        found = known === 0 ? 0 : known + visited.length;
        break;
      }
      if (line === 0) break;
      const above = previousLine(this.text, line);
      if (above === undefined) break;
      visited.push(line);
      const kind = lineKind(this.text, above.start, above.end);
      if (kind === 'fake-comment') {
        found = visited.length;
        break;
      }
      if (kind === 'comment') {
        found = this.fakeInCommentRun(above.start) ? visited.length : 0;
        break;
      }
      if (kind === 'blank') {
        const header = this.fakeHeaderAbove(above.start);
        found = header > 0 ? visited.length + header : 0;
        break;
      }
      if (kind !== 'code') break;
      if (visited.length >= BLOCK_LINES) {
        exact = false;
        break;
      }
      line = above.start;
    }
    // Each visited line is one step further from the comment than the next one down.
    for (let k = 0; k < (exact ? visited.length : 1); k++) {
      const distance = found === 0 ? 0 : found - k;
      this.answers.set(visited[k]!, distance > 0 && distance <= BLOCK_LINES ? distance : 0);
    }
    return found > 0 && found <= BLOCK_LINES ? found : 0;
  }

  /**
   * The comment paragraph right above the line starting at `start`, read up to `limit` comment
   * lines: how many lines up its nearest fake comment is (0: none), how many comment lines it has,
   * and whether a blank line or the file's start is above them (false past the limit).
   */
  private commentsAbove(start: number, limit: number): { fakeAt: number; count: number; standsAlone: boolean } {
    let line = start;
    let fakeAt = 0;
    for (let k = 1; ; k++) {
      if (line === 0) return { fakeAt, count: k - 1, standsAlone: true };
      const above = previousLine(this.text, line);
      if (above === undefined) return { fakeAt, count: k - 1, standsAlone: false };
      const kind = lineKind(this.text, above.start, above.end);
      if (kind === 'blank') return { fakeAt, count: k - 1, standsAlone: true };
      if ((kind !== 'comment' && kind !== 'fake-comment') || k > limit) return { fakeAt, count: k - 1, standsAlone: false };
      if (kind === 'fake-comment') fakeAt ||= k;
      line = above.start;
    }
  }

  /**
   * For the blank line starting at `blankStart`: how many lines up from it a fake comment is when the
   * lines above it are a comment paragraph of its own (at most HEADER_LINES comment lines, with a
   * blank line or the file's start above them) that says fake; 0 otherwise.
   */
  private fakeHeaderAbove(blankStart: number): number {
    const paragraph = this.commentsAbove(blankStart, HEADER_LINES);
    return paragraph.count > 0 && paragraph.standsAlone ? paragraph.fakeAt : 0;
  }

  /** Whether the comment lines running up from the one starting at `start` (a few at most) say fake. */
  private fakeInCommentRun(start: number): boolean {
    return this.commentsAbove(start, COMMENT_RUN_LINES).fakeAt > 0;
  }
}

function lineKind(text: string, start: number, end: number): LineKind {
  if (end - start > LONGEST_LINE) return 'unreadable';
  const line = text.slice(start, end);
  if (line.trim() === '') return 'blank';
  if (!COMMENT_LINE.test(line)) return 'code';
  return FAKE_WORDS.test(line) ? 'fake-comment' : 'comment';
}

/** Start of the line holding `offset`, reading back at most LONGEST_LINE characters; -1 if further. */
function lineStart(text: string, offset: number): number {
  let i = Math.min(offset, text.length);
  const stop = Math.max(0, i - LONGEST_LINE);
  while (i > 0) {
    const c = text.charCodeAt(i - 1);
    if (c === 10 || c === 13) return i;
    if (i === stop) return -1;
    i--;
  }
  return 0;
}

/** The line before the one starting at `start` (> 0): its start and end (before its line break). */
function previousLine(text: string, start: number): { start: number; end: number } | undefined {
  let end = start - 1;
  if (text.charCodeAt(end) === 10 && end > 0 && text.charCodeAt(end - 1) === 13) end--;
  const begin = lineStart(text, end);
  return begin < 0 ? undefined : { start: begin, end };
}

/** The reason given, first, for the grade of a value a comment calls fake. */
export const DECLARED_FAKE_REASON = 'a comment above calls it fake: info, whatever the value would grant';

/** `finding` at info, for a value a comment calls fake: its message and reasons say so. */
export function asDeclaredFake(finding: Finding): Finding {
  return infoByEvidence(finding, DECLARED_FAKE_REASON, 'a comment above calls it fake');
}
