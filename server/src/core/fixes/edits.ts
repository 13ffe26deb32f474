// Plain text edits: applying, ordering and checking them. The LSP glue converts FixEdit to TextEdit;
// everything here works on UTF-16 offsets into the document text.
import type { FixEdit } from '../findings/types';

/** Applies non-overlapping edits (in any order) to `text`. Throws on overlap: a caller bug, never user input. */
export function applyEdits(text: string, edits: readonly FixEdit[]): string {
  const sorted = sortEdits(edits);
  assertNonOverlapping(sorted);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    out += text.slice(pos, e.start) + e.newText;
    pos = e.end;
  }
  return out + text.slice(pos);
}

/** Sorted by start, insertions before replacements that start at the same offset. */
export function sortEdits(edits: readonly FixEdit[]): FixEdit[] {
  return [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
}

/** True when no two edits overlap. Two edits that only touch (one ends where the next starts) do not overlap. */
export function editsOverlap(edits: readonly FixEdit[]): boolean {
  const sorted = sortEdits(edits);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    const cur = sorted[i]!;
    if (cur.start < prev.end) return true;
    // Two insertions at one offset have no defined order in LSP: treat them as overlapping.
    if (cur.start === prev.start && cur.start === cur.end && prev.start === prev.end) return true;
  }
  return false;
}

export function assertNonOverlapping(edits: readonly FixEdit[]): void {
  if (editsOverlap(edits)) throw new Error('SAS Guard: overlapping fix edits');
}
