// Queries folded across lines: YAML folded scalars (`>-`), shell/Java line continuations, a `\`
// continuing a string literal (Rust, Python, C) and wrapped Markdown split one token into "…&sr=c"
// and "  &sp=rl&sig=…". A line that starts with `&` (or follows a line ending with `&`) continues
// the previous line's token; the pieces are joined without the line break and indentation. The
// lines before a signature and the lines after it are joined alike, so the parameters written
// after `sig=` on the next lines (`se`, `skn`) are read too.
import { concatenateMapped, type MappedString } from './mappedString';
import { scanTokenEnd, scanTokenStart } from './tokenExtent';

/** At most this many earlier lines are joined to a token. */
const MAX_FOLDED_LINES = 4;
/** Indentation and trailing blanks skipped around a fold. */
const MAX_FOLD_GAP = 200;

export interface Fragment {
  readonly start: number;
  readonly end: number;
}

/**
 * The fragments of earlier lines that the token starting at `start` continues, first line first;
 * empty when it continues nothing. Never reads below `lowerBound`.
 */
export function foldedFragmentsBefore(text: string, start: number, lowerBound: number): Fragment[] {
  const fragments: Fragment[] = [];
  let current = start;
  for (let n = 0; n < MAX_FOLDED_LINES; n++) {
    let j = current;
    while (j > lowerBound && current - j < MAX_FOLD_GAP && (text.charCodeAt(j - 1) === 32 || text.charCodeAt(j - 1) === 9)) j--;
    if (j <= lowerBound || text.charCodeAt(j - 1) !== 10) break;
    j--;
    if (j > lowerBound && text.charCodeAt(j - 1) === 13) j--;
    const lineBreak = j;
    while (j > lowerBound && lineBreak - j < MAX_FOLD_GAP && (text.charCodeAt(j - 1) === 32 || text.charCodeAt(j - 1) === 9)) j--;
    if (j > lowerBound && text.charCodeAt(j - 1) === 92 /* \ line continuation */) j--;
    const previousEnd = j;
    const previousStart = scanTokenStart(text, previousEnd, lowerBound);
    if (previousEnd - previousStart < 3) break;
    const joins = text.charCodeAt(current) === 38 || text.charCodeAt(previousEnd - 1) === 38;
    if (!joins || !text.slice(previousStart, previousEnd).includes('=')) break;
    fragments.unshift({ start: previousStart, end: previousEnd });
    current = previousStart;
  }
  return fragments;
}

/**
 * The fragments of later lines that continue the token ending at `end`, first line first; empty
 * when none does. The mirror of foldedFragmentsBefore, with the same limits.
 */
export function foldedFragmentsAfter(text: string, end: number): Fragment[] {
  const fragments: Fragment[] = [];
  let current = end;
  for (let n = 0; n < MAX_FOLDED_LINES; n++) {
    let j = skipBlanksForward(text, current);
    if (text.charCodeAt(j) === 92 /* \ line continuation */) j = skipBlanksForward(text, j + 1);
    if (text.charCodeAt(j) === 13) j++;
    if (text.charCodeAt(j) !== 10) break;
    const nextStart = skipBlanksForward(text, j + 1);
    const nextEnd = scanTokenEnd(text, nextStart);
    if (nextEnd - nextStart < 3) break;
    const joins = text.charCodeAt(nextStart) === 38 || text.charCodeAt(current - 1) === 38;
    if (!joins || !text.slice(nextStart, nextEnd).includes('=')) break;
    fragments.push({ start: nextStart, end: nextEnd });
    current = nextEnd;
  }
  return fragments;
}

/** The first index at or after `from` (at most MAX_FOLD_GAP on) that is not a space or a tab. */
function skipBlanksForward(text: string, from: number): number {
  let j = from;
  while (j - from < MAX_FOLD_GAP && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j++;
  return j;
}

/** One mapped string from several decoded pieces, keeping every piece's offsets. */
export function joinMapped(parts: readonly MappedString[]): MappedString {
  return concatenateMapped(parts);
}
