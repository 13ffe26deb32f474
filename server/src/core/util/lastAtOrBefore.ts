// Binary search over ascending start offsets (string parts, lines, YAML documents): which span an
// offset falls in. Written once here because four lookups (the report's line index too) needed the same loop.

/**
 * The index of the last entry of `starts` (ascending) that is at or before `offset`; 0 when none
 * is or `starts` is empty.
 */
export function lastAtOrBefore(starts: ArrayLike<number>, offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}
