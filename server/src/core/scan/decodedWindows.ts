// A long decoded base64 value (a 1 MiB run: a Kubernetes Secret's file, a document in base64) read
// a window at a time instead of as one string. V8 puts a string of 2^17 bytes or more in its
// large-object space, on memory fresh from the system: making the 768 KiB text of a 1 MiB run took
// ~3 ms, most of it page faults (system time), more than scanning that text. Strings below that
// size are made in the young generation, on memory used again and again (~0.1 ms for every window
// of a 768 KiB value).
//
// The windows give the answer of the whole text because of the engine's reach (reach.ts): deciding
// whether a position is an anchor reads no text more than ANCHOR_SEARCH_REACH away from it, and
// handling an anchor none more than BACKWARD_REACH before it or FORWARD_REACH after it. Each window
// runs the scanner's main loop (scanner.ts `loopWindow`) from the state the previous one stopped in
// (search positions, examined ends: the same numbers in the window's offsets; one below the window's
// start is the same to every read as the start), searching anchors from ANCHOR_SEARCH_REACH after
// its start to ANCHOR_SEARCH_REACH before its end, and handling those at least BACKWARD_REACH after
// its start and FORWARD_REACH before its end. An anchor to handle outside that stops the loop, and
// the next window starts BACKWARD_REACH before it; otherwise the next starts ANCHOR_SEARCH_REACH
// before where the search stopped. The base64 pass over the value reads the runs between two run
// boundaries in a window (a pass from a run boundary reads the runs a whole pass reads:
// base64Wrapped.ts), with room on both sides. Windows start at multiples of the pass's stride.
//
// This only shows that a value holds nothing, the common case for a long one. At a finding, or
// anything a window cannot vouch for (a connection string kept by the scanner that reaches into the
// next window, a byte that is not printable ASCII or a tab or line break, no run boundary near a
// window's end, cancellation), the caller decodes the value whole and scans it as before: findings
// are the whole scan's by construction.
import { decodeBase64Kept, type KeptBytes } from '../parse/base64';
import type { EncodedCredential } from './base64Wrapped';
import { ANCHOR_SEARCH_REACH, BACKWARD_REACH, FORWARD_REACH } from './reach';

/** The scanner's main-loop state where a window stopped: what the next window's loop starts from. */
export interface WindowState {
  readonly sasFrom: number;
  readonly keyFrom: number;
  readonly sasExaminedEnd: number;
  readonly keyExaminedEnd: number;
  readonly connectionExaminedEnd: number;
  /** No anchor before this (the search stopped here, or the next anchor is here). */
  readonly floor: number;
  /** `floor` is the next anchor, to be handled. */
  readonly anchorNext: boolean;
  /** End of the connection string the scanner keeps for anchors inside it (-1: none). */
  readonly connectionStringEnd: number;
}

/** Where a window's loop searches anchors and handles them (below `searchStop`, in [handleFrom, handleStop)). */
export interface WindowBounds {
  readonly searchStop: number;
  readonly handleFrom: number;
  readonly handleStop: number;
}

/** The scanner of one window's text (scanner.ts). */
export interface WindowScan {
  /**
   * The main loop from `state` (undefined: the text's start) within `bounds`: the state where it
   * stopped at them, 'ended' at the text's end, or undefined when the window cannot stand for the
   * whole text.
   */
  loopWindow(state: WindowState | undefined, bounds: WindowBounds): WindowState | 'ended' | undefined;
  /** The credentials in the base64 runs that start in [from, to); undefined when the scan was cancelled. */
  encodedCredentials(from: number, to: number): readonly EncodedCredential[] | undefined;
}

/**
 * Longest window: below V8's 2^17-byte bound for objects outside the large-object space, less a
 * string's header (16 bytes), with room to spare.
 */
export const WINDOW_UNITS = (1 << 17) - 64;
/**
 * Room the base64 pass leaves at a window's ends: a run's setting name and a digest's prefix are read
 * before it (under 128 characters), and the pass reads around stride points up to a stride and
 * SHORT_RUN_READ past its end (base64AnchorSearch.ts).
 */
const RUN_ROOM = 4096;
/** How far past its nominal end the base64 pass looks for a run boundary to end at. */
const RUN_BOUNDARY_SLACK = 4096;
/** Window starts are multiples of this (a multiple of the base64 pass's stride): the same stride points as a whole pass. */
const WINDOW_ALIGN = 64;
/** Any character but a tab, a line break or printable ASCII (as parse/base64.ts judges a long value). */
const NOT_PRINTABLE_ASCII = /[^\t\n\r\x20-\x7e]/g;

/** Windowed scans under way, one inside another: each keeps its bytes in a buffer of its level. */
let level = 0;

/**
 * text[from, to) decoded as base64 (as decodeBase64Text decodes it) holds nothing for the scan
 * `windowScan` makes of each window: true when that is shown window by window, undefined when the
 * value must be scanned whole (see above; also when it is not longer than one window).
 */
export function nothingInDecodedWindows(text: string, from: number, to: number, windowScan: (window: string) => WindowScan): true | undefined {
  const bytes = decodeBase64Kept(text, from, to, level);
  if (bytes === undefined || bytes.length <= WINDOW_UNITS) return undefined;
  level++;
  try {
    return nothingInWindows(bytes, windowScan);
  } finally {
    level--;
  }
}

function nothingInWindows(bytes: KeptBytes, windowScan: (window: string) => WindowScan): true | undefined {
  const length = bytes.length;
  // In the value's offsets: the window's start, the loop's state, the first run the base64 pass has
  // not read, the end of the bytes known to be printable ASCII.
  let start = 0;
  let state: WindowState | undefined;
  let runsFrom = 0;
  let checked = 0;
  for (;;) {
    const end = Math.min(length, start + WINDOW_UNITS);
    const last = end === length;
    const window = bytes.latin1(start, end);
    if (end > checked) {
      NOT_PRINTABLE_ASCII.lastIndex = Math.max(0, checked - start);
      if (NOT_PRINTABLE_ASCII.test(window)) return undefined;
      checked = end;
    }
    const scan = windowScan(window);
    const bounds: WindowBounds = {
      searchStop: last ? Infinity : end - ANCHOR_SEARCH_REACH - start,
      handleFrom: start === 0 ? 0 : BACKWARD_REACH,
      handleStop: last ? Infinity : end - FORWARD_REACH - start,
    };
    const stop = scan.loopWindow(state === undefined ? undefined : shifted(state, -start), bounds);
    if (stop === undefined) return undefined;
    // The runs from where the pass stopped to a run boundary near this window's end, read here when
    // the window holds them with room on both sides.
    if (runsFrom - start >= (start === 0 ? 0 : RUN_ROOM)) {
      const runsTo = last ? length : runBoundaryAtOrAfter(window, end - start - 2 * RUN_ROOM) + start;
      if (runsTo < start) return undefined;
      if (runsTo > runsFrom) {
        const found = scan.encodedCredentials(runsFrom - start, runsTo - start);
        if (found === undefined || found.length > 0) return undefined;
        runsFrom = runsTo;
      }
    }
    if (stop === 'ended') return last && runsFrom === length ? true : undefined;
    state = shifted(stop, start);
    const reach = state.anchorNext ? BACKWARD_REACH : ANCHOR_SEARCH_REACH;
    start = Math.max(0, Math.floor((state.floor - reach) / WINDOW_ALIGN) * WINDOW_ALIGN);
    // The next window's scanner keeps no connection string: one that reaches into it would be read
    // again where the whole scan reuses it.
    if (state.connectionStringEnd > start) return undefined;
  }
}

/**
 * The state with every offset moved by `delta`; an offset that falls before the window's start is
 * that start (the loop reads nothing before it for any anchor it may search or handle there: any
 * value there is the same to it).
 */
function shifted(state: WindowState, delta: number): WindowState {
  return {
    sasFrom: Math.max(0, state.sasFrom + delta),
    keyFrom: Math.max(0, state.keyFrom + delta),
    sasExaminedEnd: Math.max(0, state.sasExaminedEnd + delta),
    keyExaminedEnd: Math.max(0, state.keyExaminedEnd + delta),
    connectionExaminedEnd: Math.max(0, state.connectionExaminedEnd + delta),
    floor: Math.max(0, state.floor + delta),
    anchorNext: state.anchorNext,
    connectionStringEnd: state.connectionStringEnd < 0 ? -1 : state.connectionStringEnd + delta,
  };
}

/**
 * The first index at or after `from`, within RUN_BOUNDARY_SLACK, after a character that is not a
 * base64 character (`=` may be: a run's padding is its own, read with it, and no run goes on through
 * it); -1 if none. Every run either starts before that index, and ends (with its padding) within two
 * characters after it, or starts at or after it, where a pass from there finds it as a whole pass does.
 */
function runBoundaryAtOrAfter(text: string, from: number): number {
  for (let i = Math.max(1, from); i < text.length && i <= from + RUN_BOUNDARY_SLACK; i++) if (!isBase64Character(text.charCodeAt(i - 1))) return i;
  return -1;
}

/** A base64 character (not padding). */
function isBase64Character(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47;
}
