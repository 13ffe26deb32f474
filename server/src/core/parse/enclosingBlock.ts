// The stretch of text around a value that counts as "the same object, block or call" when a key's
// surroundings are read for storage evidence (an account name, an endpoint, an `AccountKey=` join).
// Braces and brackets are counted, not parsed: the block is bounded by the nearest unmatched opener before
// the value and its closer after it. A `{…}` that is one item of a list (`[{"name": …}, {"name":
// …}]`, name/value settings) widens to the list, because its siblings are the setting's
// neighbours. Where no bracket bounds the value within reach (module-level code, .env files, XML),
// a few lines on each side stand in for the block. Work per call is bounded by BLOCK_REACH on
// each side.
import type { OffsetRange } from '../findings/types';

/** How far from the value a block's bounds are looked for, on each side. */
export const BLOCK_REACH = 1200;
/** Lines on each side that stand in for the block where no bracket bounds the value. */
const FALLBACK_LINES = 6;

// Parentheses are not counted: a call's argument list is part of the statement, and a key passed
// to `name(WRAPPER("…"))` belongs with the statements around it (the account name set just before).
function isOpener(c: number): boolean {
  return c === 123 || c === 91; // { [
}

function isCloser(c: number): boolean {
  return c === 125 || c === 93; // } ]
}

/** Start of the line `lines` lines before `index` (bounded by `floor`). */
function linesBefore(text: string, index: number, lines: number, floor: number): number {
  let i = index;
  for (let seen = 0; seen <= lines; seen++) {
    const nl = text.lastIndexOf('\n', i - 1);
    if (nl < floor) return floor;
    i = nl;
  }
  return i + 1;
}

/** End of the line `lines` lines after `index` (bounded by `ceiling`). */
function linesAfter(text: string, index: number, lines: number, ceiling: number): number {
  let i = index - 1;
  for (let seen = 0; seen <= lines; seen++) {
    const nl = text.indexOf('\n', i + 1);
    if (nl < 0 || nl >= ceiling) return ceiling;
    i = nl;
  }
  return i;
}

const BRACKETS = ['{', '}', '[', ']'] as const;

/**
 * Bracket positions in a bounded window, walked backwards or forwards with native searches (one per
 * bracket character, each resumed where it stopped), so that long runs without brackets (base64,
 * prose) cost no loop and each bracket is found once.
 */
class BracketWalk {
  private readonly next: number[];
  constructor(
    private readonly window: string,
    private readonly base: number,
    private readonly backwards: boolean,
  ) {
    const from = backwards ? window.length - 1 : 0;
    this.next = BRACKETS.map((ch) => (backwards ? window.lastIndexOf(ch, from) : window.indexOf(ch, from)));
  }

  /** The next bracket's offset in the text, or -1. */
  take(): number {
    let pick = -1;
    for (let k = 0; k < 4; k++) {
      const at = this.next[k]!;
      if (at < 0) continue;
      if (pick < 0 || (this.backwards ? at > this.next[pick]! : at < this.next[pick]!)) pick = k;
    }
    if (pick < 0) return -1;
    const at = this.next[pick]!;
    this.next[pick] = this.backwards ? (at > 0 ? this.window.lastIndexOf(BRACKETS[pick]!, at - 1) : -1) : this.window.indexOf(BRACKETS[pick]!, at + 1);
    return this.base + at;
  }
}

/**
 * The unmatched bracket `levels` levels out, walking `text[start, end)` backwards (an opener) or
 * forwards (a closer), or -1 within the reach. Each direction steps in at one kind of bracket and
 * out at the other.
 */
function unmatchedBracket(text: string, start: number, end: number, levels: number, backwards: boolean): number {
  const walk = new BracketWalk(text.slice(start, end), start, backwards);
  const stepsIn = backwards ? isCloser : isOpener;
  const stepsOut = backwards ? isOpener : isCloser;
  let depth = 0;
  for (let i = walk.take(); i >= 0; i = walk.take()) {
    const c = text.charCodeAt(i);
    if (stepsIn(c)) depth++;
    else if (stepsOut(c)) {
      if (depth > 0) depth--;
      else if (--levels === 0) return i;
    }
  }
  return -1;
}

/** The unmatched opener before `index` at `levels` levels out, or -1 within the reach. */
function openerBefore(text: string, index: number, floor: number, levels: number): number {
  return unmatchedBracket(text, floor, index, levels, true);
}

/** The unmatched closer after `index` at `levels` levels out, or -1 within the reach. */
function closerAfter(text: string, index: number, ceiling: number, levels: number): number {
  return unmatchedBracket(text, index, ceiling, levels, false);
}

/** Whether the `{` at `index` is an item of a list: a `[` or `,` before it. */
function isListItem(text: string, index: number): boolean {
  for (let i = index - 1, n = 0; i >= 0 && n < 40; i--, n++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) continue;
    return c === 91 || c === 44;
  }
  return false;
}

/**
 * The block around `value`: its object, block or call, or a few lines each side. `outer` widens it
 * by that many more levels (the parameter object around an ARM `{"value": …}`).
 */
export function enclosingBlock(text: string, value: OffsetRange, outer = 0): OffsetRange {
  const floor = Math.max(0, value.start - BLOCK_REACH);
  const ceiling = Math.min(text.length, value.end + BLOCK_REACH);
  let levels = 1 + outer;
  let opener = openerBefore(text, value.start, floor, levels);
  // No block that far out: the value's own block (or lines) is all there is.
  if (opener < 0 && outer > 0) return enclosingBlock(text, value, 0);
  if (opener >= 0 && text.charCodeAt(opener) === 123 && isListItem(text, opener)) {
    const list = openerBefore(text, value.start, floor, levels + 1);
    if (list >= 0) {
      opener = list;
      levels++;
    }
  }
  const closer = closerAfter(text, value.end, ceiling, levels);
  // Inside a block longer than the reach, the reach stands in for its far side; with no bracket at
  // all (module level, .env, XML), a few lines do.
  const start = opener >= 0 ? opener + 1 : closer >= 0 ? floor : linesBefore(text, value.start, FALLBACK_LINES, floor);
  const end = closer >= 0 ? closer : opener >= 0 ? ceiling : linesAfter(text, value.end, FALLBACK_LINES, ceiling);
  return { start, end };
}

/**
 * The name of the field whose value is the object around `value`: `Jwt` for
 * `"Jwt": { "Key": "…" }`, `AzureStorage` for `AzureStorage: { key: "…" }`. Undefined when the
 * value is not directly inside such an object.
 */
export function parentFieldName(text: string, value: OffsetRange): string | undefined {
  const floor = Math.max(0, value.start - BLOCK_REACH);
  let i = openerBefore(text, value.start, floor, 1);
  if (i < 0 || text.charCodeAt(i) !== 123) return undefined;
  const stop = Math.max(0, i - 16);
  while (i > stop && (text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 9 || text.charCodeAt(i - 1) === 10 || text.charCodeAt(i - 1) === 13)) i--;
  const op = text.charCodeAt(i - 1);
  if (op !== 58 && op !== 61) return undefined;
  i--;
  while (i > stop && (text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 9)) i--;
  if (text.charCodeAt(i - 1) === 34 || text.charCodeAt(i - 1) === 39) i--;
  const end = i;
  while (i > 0 && end - i < 64) {
    const c = text.charCodeAt(i - 1);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 45) i--;
    else break;
  }
  return i < end ? text.slice(i, end) : undefined;
}
