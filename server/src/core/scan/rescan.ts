// Re-scanning a text after an edit without reading all of it again. Pure: old text, old result,
// the edit(s) and the new text in; the new result out — the same (deep-equal) result as
// `scanText(newText)` with the same clock, findings and suppressed alike.
//
// How. A full scan is a loop over anchors whose state at the top of each iteration (search
// positions, lower bounds, cached connection string, findings so far) is recorded as a checkpoint
// (`scanTextTraced`). Handling an anchor at index `a` reads no text beyond `a + FORWARD_REACH`, and
// below `a - BACKWARD_REACH` nothing at all. So:
//   1. Every iteration whose anchor lies more than FORWARD_REACH before the edit read only the
//      unchanged prefix: it runs the same on the new text. The scan resumes from the first other
//      checkpoint, with the findings collected before it.
//   2. It runs over the new text until, past the edit by at least BACKWARD_REACH, it finds the same
//      next anchor (shifted by the edit's length change) as a checkpoint of the old scan, in an
//      otherwise equal state: from there
//      on both scans read the same (shifted) text from the same state, so the old scan's later
//      findings and checkpoints are taken over, shifted. Lower bounds, the cached connection string
//      and earlier findings that no later read can reach count as equal whatever their value.
//   3. Sorting and suppression comments are applied to the whole list again, as a full scan does
//      (suppression reads only each finding's line and the line before).
// The old result must come from `scanTextIncremental` or `rescanAfterEdit` (it carries a trace) and
// the clock must be the same; otherwise, and for large edits, it is a full scan.
import type { Checkpoint, ScanTrace } from './checkpoints';
import { encodedFindings, isRunBoundary, type EncodedCredential } from './base64Wrapped';
import { withEncodedFindings } from './scanner';
import { encodedCredentialsBetween, finishScan, resumeScan, scanTextTraced } from './scanText';
import type { ConnectionString, ConnectionStringPair } from '../parse/connectionString';
import type { Finding, OffsetRange, ScanOptions, ScanResult } from '../findings/types';
import { BACKWARD_REACH, FORWARD_REACH } from './reach';

export { BACKWARD_REACH, FORWARD_REACH } from './reach';
/** Text after an anchor that decides whether it is one (key anchors look ~700 characters ahead). */
const ANCHOR_LOOKAHEAD = 2048;
/** Edits that change more than this share of the text are re-scanned in full. */
const LARGE_EDIT_SHARE = 0.25;

/**
 * One replacement, in offsets of the text as it was just before this change (LSP content changes in
 * order). Named apart from LSP's TextEdit, which is in line/character positions.
 */
export interface TextChange {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/** What changed, as a common prefix and suffix: old [start, oldEnd) became new [start, newEnd). */
export interface ChangedSpan {
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
}

const traces = new WeakMap<ScanResult, ScanTrace>();

/** `scanText` that remembers what it did, so the next `rescanAfterEdit` can reuse it. */
export function scanTextIncremental(text: string, options: ScanOptions = {}): ScanResult {
  const { result, trace } = scanTextTraced(text, options);
  if (trace) traces.set(result, trace);
  return result;
}

/**
 * Composes edits applied one after the other (each in the offsets of the text the previous one
 * produced) into one changed span of the original text; undefined if they do not fit its length.
 */
export function composeEdits(oldLength: number, edits: readonly TextChange[]): ChangedSpan | undefined {
  let prefix = oldLength;
  let suffix = oldLength;
  let length = oldLength;
  for (const edit of edits) {
    const { start, end } = edit;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > length) return undefined;
    prefix = Math.min(prefix, start);
    suffix = Math.min(suffix, length - end);
    length = length - (end - start) + edit.newText.length;
  }
  // Unchanged prefix and suffix may not overlap in either text.
  prefix = Math.min(prefix, length, oldLength);
  suffix = Math.min(suffix, length - prefix, oldLength - prefix);
  return { start: prefix, oldEnd: oldLength - suffix, newEnd: length - suffix };
}

/**
 * The result of scanning `newText`, computed from the result of scanning `oldText` and the edits
 * that turned one into the other (a list of sequential edits, or the changed span directly).
 */
export function rescanAfterEdit(
  oldText: string,
  oldResult: ScanResult,
  edits: readonly TextChange[] | ChangedSpan,
  newText: string,
  options: ScanOptions = {},
): ScanResult {
  const opts = options ?? {};
  const trace = traces.get(oldResult);
  const span = Array.isArray(edits) ? composeEdits(oldText.length, edits as readonly TextChange[]) : (edits as ChangedSpan);
  const nowMs = opts.now instanceof Date && !Number.isNaN(opts.now.getTime()) ? opts.now.getTime() : undefined;
  if (
    trace === undefined ||
    span === undefined ||
    nowMs !== trace.nowMs ||
    typeof newText !== 'string' ||
    typeof oldText !== 'string' ||
    !isValidSpan(span, oldText.length, newText.length) ||
    span.oldEnd - span.start + (span.newEnd - span.start) > LARGE_EDIT_SHARE * Math.max(newText.length, 1)
  ) {
    return scanTextIncremental(newText, opts);
  }
  const delta = span.newEnd - span.oldEnd;
  const old = trace.checkpoints;

  // 1. The first checkpoint whose anchor may have read the changed text.
  let c = 0;
  while (c < old.length && old[c]!.anchor + FORWARD_REACH <= span.start) c++;
  if (c >= old.length) c = old.length - 1; // the last checkpoint (anchor Infinity) always qualifies
  const start = old[c]!;

  // 2. Resume there; join the old scan once past the edit in an equal state.
  // Two states that find the same next anchor, in the unchanged text past the edit, and agree on
  // everything later reads can reach (`sameState`), continue identically: each family finds its
  // first anchor at or after its position, and neither state's families have one before that anchor.
  let k = c;
  // With no anchor found below the horizon, the state's next anchor is the old scan's first one at
  // or after it (text and anchors there are the old ones, shifted): it joins the old checkpoint
  // that found that anchor, if that checkpoint searched from positions below the horizon too.
  const converge = (state: Checkpoint, findings: readonly Finding[], beyond?: number): number => {
    const next = beyond ?? state.anchor;
    const low = next - BACKWARD_REACH;
    if (low < span.newEnd) return -1;
    const target = next - delta;
    while (k < old.length && old[k]!.anchor < target) k++;
    if (k >= old.length) return -1;
    const candidate = old[k]!;
    if (beyond === undefined ? candidate.anchor !== target : candidate.sasFrom > target || candidate.keyFrom > target) return -1;
    return sameState(candidate, state, findings, trace.findings, delta, low) ? k : -1;
  };
  let joinState: Checkpoint | undefined;
  const resumed = resumeScan(newText, opts, {
    start,
    findings: trace.findings,
    horizon: span.newEnd + BACKWARD_REACH,
    // The old scan found no anchor from the start checkpoint's positions to its anchor, and an
    // anchor's validity reads at most ~700 characters ahead: none appeared well before the edit.
    searchFloor: Math.max(0, Math.min(start.anchor, span.start - ANCHOR_LOOKAHEAD)),
    converge: (state, findings, beyond) => {
      const joined = converge(state, findings, beyond);
      if (joined >= 0) joinState = state;
      return joined;
    },
  });
  if (resumed.cancelled) return finishScan(newText, resumed.findings, true);

  let findings: Finding[] = resumed.findings;
  const checkpoints: Checkpoint[] = old.slice(0, c).concat(resumed.checkpoints);
  if (resumed.convergedAt >= 0) {
    const joined = old[resumed.convergedAt]!;
    const countShift = findings.length - joined.findingCount;
    findings = findings.concat(trace.findings.slice(joined.findingCount).map((f) => shiftFinding(f, delta)));
    for (let i = resumed.convergedAt; i < old.length; i++) checkpoints.push(shiftCheckpoint(old[i]!, joined, joinState!, delta, countShift));
  }
  const encoded = rescanEncoded(newText, opts, trace.encoded, span, delta);
  const result = finishScan(newText, withEncodedFindings(findings, encodedFindings(newText, encoded)), false);
  traces.set(result, { nowMs: trace.nowMs, checkpoints, findings, encoded });
  return result;
}

/**
 * The credentials in base64 values of the new text: the old ones of runs before the edit, the runs
 * from the run boundary before the edit to the one after it read again, and the old ones after it,
 * shifted (a pass started at a run boundary reads the same runs as a full one).
 */
function rescanEncoded(
  newText: string,
  options: ScanOptions,
  old: readonly EncodedCredential[],
  span: ChangedSpan,
  delta: number,
): readonly EncodedCredential[] {
  let from = span.start;
  while (!isRunBoundary(newText, from)) from--;
  // The boundary after the edit is checked on a character after it (unchanged, and shifted in the old text).
  let to = Math.min(newText.length, span.newEnd + 1);
  while (!isRunBoundary(newText, to)) to++;
  const before = old.filter((c) => c.value.start < from);
  const fresh = encodedCredentialsBetween(newText, options, from, to);
  const after = old.filter((c) => c.value.start >= to - delta).map((c) => (delta === 0 ? c : { ...c, value: shiftRange(c.value, delta) }));
  return before.concat(fresh, after);
}

function isValidSpan(span: ChangedSpan, oldLength: number, newLength: number): boolean {
  const { start, oldEnd, newEnd } = span;
  return (
    Number.isInteger(start) &&
    Number.isInteger(oldEnd) &&
    Number.isInteger(newEnd) &&
    start >= 0 &&
    oldEnd >= start &&
    newEnd >= start &&
    oldEnd <= oldLength &&
    newEnd <= newLength &&
    oldLength - oldEnd === newLength - newEnd
  );
}

/**
 * Equal states for everything that follows: no read of a later anchor reaches below `low` (in the
 * new text's offsets), so values below it are equal whatever they are.
 */
function sameState(old: Checkpoint, state: Checkpoint, newFindings: readonly Finding[], oldFindings: readonly Finding[], delta: number, low: number): boolean {
  const oldLow = low - delta;
  const bound = (a: number, b: number): boolean => (a <= low && b <= oldLow) || a === b + delta;
  if (!bound(state.sasExaminedEnd, old.sasExaminedEnd)) return false;
  if (!bound(state.keyExaminedEnd, old.keyExaminedEnd)) return false;
  if (!bound(state.connectionExaminedEnd, old.connectionExaminedEnd)) return false;
  // The cached connection string is looked up only at positions after `low`.
  const a = state.lastConnectionString;
  const b = old.lastConnectionString;
  const aLive = a !== undefined && a.end > low;
  const bLive = b !== undefined && b.end > oldLow;
  if (aLive !== bLive) return false;
  if (aLive && bLive) {
    // Same span of the same (unchanged, shifted) text, read the same way.
    if (a.start !== b.start + delta || a.end !== b.end + delta || b.start - 8 < oldLow) return false;
    if (state.keysReportedLast !== old.keysReportedLast) return false;
  }
  // Later findings are checked for overlap against the last 16 found: position by position from the
  // end, each is below `low` in both lists (out of reach) or has the same secret range in both.
  for (let seen = 0; seen < 16; seen++) {
    const a = newFindings[newFindings.length - 1 - seen];
    const b = seen < old.findingCount ? oldFindings[old.findingCount - 1 - seen] : undefined;
    const aLive = a !== undefined && a.secretRange.end > low;
    const bLive = b !== undefined && b.secretRange.end > oldLow;
    if (aLive !== bLive) return false;
    if (aLive && (a!.secretRange.start !== b!.secretRange.start + delta || a!.secretRange.end !== b!.secretRange.end + delta)) return false;
  }
  return true;
}

function shiftRange(range: OffsetRange, delta: number): OffsetRange {
  return { start: range.start + delta, end: range.end + delta };
}

function shiftFinding(finding: Finding, delta: number): Finding {
  if (delta === 0) return finding;
  return {
    ...finding,
    range: shiftRange(finding.range, delta),
    secretRange: shiftRange(finding.secretRange, delta),
    ...(finding.queryRange !== undefined ? { queryRange: shiftRange(finding.queryRange, delta) } : {}),
  };
}

/**
 * An old checkpoint at or after the join, in the new text's offsets, as a full scan of the new text
 * would have recorded it: what changed in the old scan after the join checkpoint happened past the
 * edit (shifted); what did not change since is what the new scan had at the join. (A value that is
 * merely equivalent here, such as a search position anywhere before the next anchor, would not be
 * after a later edit in front of it.)
 */
function shiftCheckpoint(cp: Checkpoint, joined: Checkpoint, join: Checkpoint, delta: number, countShift: number): Checkpoint {
  const pick = (now: number, then: number, atJoin: number): number => (now !== then ? now + delta : atJoin);
  const csChanged = cp.lastConnectionString !== joined.lastConnectionString;
  const cs = csChanged ? shiftConnectionString(cp.lastConnectionString!, delta) : join.lastConnectionString;
  const keysReported = csChanged || cp.keysReportedLast !== joined.keysReportedLast ? cp.keysReportedLast : join.keysReportedLast;
  return {
    sasFrom: pick(cp.sasFrom, joined.sasFrom, join.sasFrom),
    keyFrom: pick(cp.keyFrom, joined.keyFrom, join.keyFrom),
    sasExaminedEnd: pick(cp.sasExaminedEnd, joined.sasExaminedEnd, join.sasExaminedEnd),
    keyExaminedEnd: pick(cp.keyExaminedEnd, joined.keyExaminedEnd, join.keyExaminedEnd),
    connectionExaminedEnd: pick(cp.connectionExaminedEnd, joined.connectionExaminedEnd, join.connectionExaminedEnd),
    lastConnectionString: cs,
    keysReportedLast: cs !== undefined && keysReported,
    findingCount: cp.findingCount + countShift,
    anchor: cp.anchor === Infinity ? Infinity : cp.anchor + delta,
  };
}

function shiftConnectionString(cs: ConnectionString, delta: number): ConnectionString {
  if (delta === 0) return cs;
  const pairs: ConnectionStringPair[] = cs.pairs.map((p) => ({
    ...p,
    keyStart: p.keyStart + delta,
    valueStart: p.valueStart + delta,
    valueEnd: p.valueEnd + delta,
  }));
  const byKey = new Map<string, ConnectionStringPair>();
  for (const pair of pairs) if (pair.key && !byKey.has(pair.key)) byKey.set(pair.key, pair);
  return { start: cs.start + delta, end: cs.end + delta, pairs, get: (key: string) => byKey.get(key) };
}
