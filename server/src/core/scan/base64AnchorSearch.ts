// The anchor forms in a base64 run, found while the run itself is read. Short runs (a value in a
// Secret, a setting, a line of them) are the decoder's common case, and reading one, then searching
// it with a pattern of fifty literals, cost two passes in which the search (tried at every
// position) was the larger. Here one loop reads the run's characters, one table lookup each that
// also says whether it and the one before start some anchor form; only there are forms compared.
// Runs longer than SHORT_RUN_READ are left to the pattern (the caller reads them the long way): a
// loop in JavaScript steps over megabytes slower than the regular expression engine.
//
// The answers are the pattern's own: each position in text order, and at a position the first form
// in BASE64_ANCHOR_FORMS order that matches inside the run (its padding included), as
// `/form|form|…/g` with `lastIndex` set one past the last match. A property test compares them.
import { BASE64_ANCHOR_FORMS, type Base64AnchorForm } from './anchorLiterals';
import type { Base64Run } from '../parse/base64';

/** Characters of a run read in the one loop; longer runs are read and searched the long way. */
export const SHORT_RUN_READ = 1025;

/** Each base64 character's value plus one by code, 0 for any other code below 128. */
const SEXTET_PLUS_ONE = (() => {
  const table = new Uint8Array(128);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i + 1;
  return table;
})();

/**
 * BASE64_ANCHOR_FORMS, in its order, by the values of their first two characters (first * 64 +
 * second); every form starts with two base64 characters.
 */
const FORMS_BY_LEAD: (Base64AnchorForm[] | undefined)[] = (() => {
  const table: (Base64AnchorForm[] | undefined)[] = new Array(64 * 64).fill(undefined);
  for (const anchor of BASE64_ANCHOR_FORMS) {
    const lead = (SEXTET_PLUS_ONE[anchor.form.charCodeAt(0)]! - 1) * 64 + SEXTET_PLUS_ONE[anchor.form.charCodeAt(1)]! - 1;
    (table[lead] ??= []).push(anchor);
  }
  return table;
})();

/**
 * The one-loop reader's step, by the previous character's code (0: none) times 128 plus the next
 * character's code (both below 128): 0 when the next character is no base64 character, 1 when it is
 * one, 2 when the two characters also start some form. One lookup per character, keyed by the codes
 * themselves (which the reader keeps for the decoder).
 */
const PAIR_STEP = (() => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const table = new Uint8Array(128 * 128);
  for (let next = 0; next < 64; next++) {
    const code = alphabet.charCodeAt(next);
    table[code] = 1;
    for (let previous = 0; previous < 64; previous++) table[(alphabet.charCodeAt(previous) << 7) | code] = 1;
  }
  for (const { form } of BASE64_ANCHOR_FORMS) table[(form.charCodeAt(0) << 7) | form.charCodeAt(1)] = 2;
  return table;
})();

/** The anchor forms of one run, one after another. */
export interface AnchorForms {
  /** The last form found by next(): where it starts in the text, its characters, where its 4-character group starts within it. */
  readonly index: number;
  readonly form: string;
  readonly groupShift: number;
  /** The next anchor form in the run after the last one found (the first, on the first call): false when there is none. */
  next(): boolean;
}

/**
 * Any anchor form: literals only (base64 characters and `=`), so nothing to backtrack into. Forms
 * that start another form's text are not a concern: any match gives the run's grouping.
 */
const ANY_FORM = new RegExp(BASE64_ANCHOR_FORMS.map((anchor) => anchor.form.replace(/[+/]/g, '\\$&')).join('|'), 'g');

/** The anchor forms of a long run, searched with one pattern in the run's text. */
export class LongRunForms implements AnchorForms {
  index = -1;
  form = '';
  groupShift = 0;
  private encoded = '';
  private start = 0;

  /** Starts over on `encoded`, the text of a run that starts at `start`. */
  over(encoded: string, start: number): this {
    this.encoded = encoded;
    this.start = start;
    this.index = -1;
    return this;
  }

  next(): boolean {
    ANY_FORM.lastIndex = this.index < 0 ? 0 : this.index - this.start + 1;
    const match = ANY_FORM.exec(this.encoded);
    if (match === null) return false;
    this.index = this.start + match.index;
    this.form = match[0];
    this.groupShift = GROUP_SHIFT_BY_FORM.get(match[0])!;
    return true;
  }
}

const GROUP_SHIFT_BY_FORM: ReadonlyMap<string, number> = new Map(BASE64_ANCHOR_FORMS.map((anchor) => [anchor.form, anchor.groupShift]));

/** A short run read by ShortRunForms.read, and its anchor forms one after another. */
export class ShortRunForms implements AnchorForms, Base64Run {
  /** Whether the last run read ended within SHORT_RUN_READ characters (then the fields below are its own). */
  whole = false;
  /** The run: first base64 character, end of the base64 characters, end with its `=` padding (at most two). */
  start = 0;
  dataEnd = 0;
  end = 0;
  index = -1;
  form = '';
  groupShift = 0;
  /** Positions from the one read around on where some form's first two characters start, in text order; the next one to try. */
  private readonly leads = new Int32Array(SHORT_RUN_READ);
  private count = 0;
  /** Positions before the one read around, where some form's first two characters start, nearest first. */
  private readonly backLeads = new Int32Array(SHORT_RUN_READ);
  private backCount = 0;
  /**
   * The codes of the last run read whole (all below 128), the code of text[at] at codes[at +
   * codesShift]: the decoder reads them there instead of from the text (a typed array is read several
   * times faster than a string's characters). Either the text's units window or, without one, the
   * codes the reader wrote as it read.
   */
  codes: Uint16Array;
  codesShift = 0;
  private readonly ownCodes = new Uint16Array(2 * SHORT_RUN_READ);
  private cursor = 0;
  private text = '';
  /** The text given to over(), whose characters are read from `window` (undefined: from the text itself). */
  private windowText: string | undefined;
  /** Made on the first text long enough to be read through it (null: not to be made). */
  private window: UnitWindow | undefined | null;
  /**
   * Whether the window is read from (the caller asks, and calls readAroundWindowed): decided at the
   * first short run read whole WINDOW_SEGMENT characters or more past the last decision, by the
   * characters of such runs read since (`wholeRead`), so that ordinary text, where nearly every look
   * ends in a few characters, never pays for windows it would hardly read, nor a check per look.
   */
  windowOn = false;
  private segmentEnd = 0;
  private wholeRead = 0;

  /**
   * `native`: read the text through a window of its UTF-16 units written by Node (when there is a
   * Buffer); `worth`: characters of short runs read whole in a segment past which the window is read
   * from (0: from the start, for tests).
   */
  constructor(
    native = true,
    private readonly worth = WINDOW_WORTH,
  ) {
    this.codes = this.ownCodes;
    this.window = native ? undefined : null;
  }

  /**
   * Reads `text` (or nothing, when undefined) through the window from now on: its units are copied by
   * Node a window at a time, in place of a charCodeAt per character read. Call again after reading
   * another text with this reader (the window is then another text's).
   */
  over(text: string | undefined): void {
    // A text shorter than a segment (most files) is never read through a window, and makes none.
    if (this.window === undefined && text !== undefined && (text.length > WINDOW_SEGMENT || this.worth === 0)) this.window = UnitWindow.make() ?? null;
    this.windowText = this.window ? text : undefined;
    this.window?.clear();
    this.windowOn = this.windowText !== undefined && this.worth === 0;
    this.segmentEnd = WINDOW_SEGMENT;
    this.wholeRead = 0;
  }

  /** Where the reading of the text given to over() stands, for resume() after reading another text. */
  pause(): ReaderPause {
    return { text: this.windowText, windowOn: this.windowOn, segmentEnd: this.segmentEnd, wholeRead: this.wholeRead };
  }

  /**
   * Goes on reading the text paused (after a nested scan read its own with this reader): the window's
   * units are written again, and whether it is read from stays as it was (a reset after each value
   * scanned would read the next WINDOW_SEGMENT characters the slow way).
   */
  resume(paused: ReaderPause): void {
    this.windowText = paused.text;
    this.window?.clear();
    this.windowOn = paused.windowOn;
    this.segmentEnd = paused.segmentEnd;
    this.wholeRead = paused.wholeRead;
  }

  /**
   * Reads the run of base64 characters through `index`, not reaching below `floor`: its start, or -1
   * when text[index, through] (both included, `through` inside the text) are not all base64
   * characters (checked first: in ordinary text that ends most looks after a few characters).
   * `whole` says whether the run ended within SHORT_RUN_READ characters (its bounds and forms are
   * then here); otherwise the caller reads it the long way.
   */
  readAround(text: string, index: number, floor: number, through: number): number {
    if (through >= text.length) return -1;
    const step = PAIR_STEP;
    // The far end first: when it is no base64 character, one character is read instead of every one
    // up to the first that is not (in texts of 43-character signatures, one look in six or seven).
    const last = text.charCodeAt(through);
    if (last > 127 || step[last] === 0) return -1;
    const codes = this.ownCodes;
    // codes[at + shift] is the code of text[at], for the characters read within SHORT_RUN_READ of `index`.
    const shift = SHORT_RUN_READ - index;
    // Forward from `index` first: in ordinary text most looks end within `through`.
    const leads = this.leads;
    const limit = Math.min(text.length, index + SHORT_RUN_READ);
    let count = 0;
    let previous = 0;
    let i = index;
    for (; i < limit; i++) {
      const c = text.charCodeAt(i);
      if (c > 127) break;
      const next = step[(previous << 7) | c]!;
      if (next === 0) break;
      if (next === 2) leads[count++] = i - 1;
      codes[i + shift] = c;
      previous = c;
    }
    if (i <= through) return -1;
    // Then back to the run's start, noting the pairs there nearest first (each character is read once).
    const back = this.backLeads;
    let backCount = 0;
    let start = index;
    let following = text.charCodeAt(index);
    // Past SHORT_RUN_READ characters back the run is long (read again the long way): not kept.
    const kept = Math.max(floor, index - SHORT_RUN_READ);
    while (start > kept) {
      const c = text.charCodeAt(start - 1);
      if (c > 127 || step[c] === 0) break;
      if (step[(c << 7) | following] === 2) back[backCount++] = start - 1;
      codes[start - 1 + shift] = c;
      following = c;
      start--;
    }
    if (start === kept) {
      while (start > floor) {
        const c = text.charCodeAt(start - 1);
        if (c > 127 || step[c] === 0) break;
        start--;
      }
    }
    this.start = start;
    this.whole = i - start < SHORT_RUN_READ;
    if (!this.whole) return start;
    // Short runs read whole, counted for the window: turned on past WINDOW_WORTH characters of them
    // in WINDOW_SEGMENT or more of the text (counted here only: ordinary text, where nearly every look
    // ends in a few characters, costs nothing more per look).
    this.wholeRead += i - start;
    if (i >= this.segmentEnd && this.windowText === text) this.nextSegment(i);
    let end = i;
    while (end < text.length && end - i < 2 && text.charCodeAt(end) === 61) end++;
    this.text = text;
    this.codes = codes;
    this.codesShift = shift;
    this.dataEnd = i;
    this.end = end;
    this.count = count;
    this.backCount = backCount;
    this.cursor = 0;
    this.index = -1;
    return start;
  }

  /** From `at` on: the window is read from when the segment that ends here read enough short runs whole. */
  private nextSegment(at: number): void {
    this.windowOn = this.wholeRead >= this.worth;
    this.wholeRead = 0;
    this.segmentEnd = at + WINDOW_SEGMENT;
  }

  /**
   * readAround, read through the window when it is on for the text given to over()
   * (the caller asks `windowOn` first: readAround itself stays as small as before).
   */
  readAroundWindowed(text: string, index: number, floor: number, through: number): number {
    if (!this.windowOn || text !== this.windowText) return this.readAround(text, index, floor, through);
    if (index >= this.segmentEnd) this.nextSegment(index);
    if (through >= text.length) return -1;
    const window = this.window!;
    // Positions in [low, high) are read around within the window (the common case: no call).
    if (index < window.low || index >= window.high) window.cover(text, index);
    // The far end and the first character here, where many looks end.
    const units = window.units;
    const last = units[through - window.base]!;
    const first = units[index - window.base]!;
    if (last > 127 || first > 127 || PAIR_STEP[last] === 0 || PAIR_STEP[first] === 0) return -1;
    return this.readAroundUnits(text, window, index, floor, through);
  }

  /**
   * readAround on the window's units (`window.units[at - window.base]` is text[at], for at within
   * SHORT_RUN_READ + 2 of `index`), text[through] and text[index] known to be base64 characters: the
   * same reading, from a typed array.
   */
  private readAroundUnits(text: string, window: UnitWindow, index: number, floor: number, through: number): number {
    const step = PAIR_STEP;
    const units = window.units;
    const base = window.base;
    const leads = this.leads;
    // In the window's offsets (j is text[j + base]): no subtraction per character.
    const jLimit = Math.min(text.length, index + SHORT_RUN_READ) - base;
    let count = 0;
    let previous = 0;
    let j = index - base;
    for (; j < jLimit; j++) {
      const c = units[j]!;
      if (c > 127) break;
      const next = step[(previous << 7) | c]!;
      if (next === 0) break;
      if (next === 2) leads[count++] = j + base - 1;
      previous = c;
    }
    const i = j + base;
    if (i <= through) return -1;
    const back = this.backLeads;
    let backCount = 0;
    // k - 1 is the window offset of the character before the run's start so far.
    let k = index - base;
    let following = units[k]!;
    const kKept = Math.max(floor, index - SHORT_RUN_READ) - base;
    while (k > kKept) {
      const c = units[k - 1]!;
      if (c > 127 || step[c] === 0) break;
      if (step[(c << 7) | following] === 2) back[backCount++] = k - 1 + base;
      following = c;
      k--;
    }
    let start = k + base;
    const kept = kKept + base;
    if (start === kept) {
      while (start > floor) {
        const c = text.charCodeAt(start - 1);
        if (c > 127 || step[c] === 0) break;
        start--;
      }
    }
    this.start = start;
    this.whole = i - start < SHORT_RUN_READ;
    if (!this.whole) return start;
    this.wholeRead += i - start;
    let end = i;
    while (end < text.length && end - i < 2 && units[end - base] === 61) end++;
    this.text = text;
    this.codes = units;
    this.codesShift = -base;
    this.dataEnd = i;
    this.end = end;
    this.count = count;
    this.backCount = backCount;
    this.cursor = 0;
    this.index = -1;
    return start;
  }

  next(): boolean {
    const text = this.text;
    const backCount = this.backCount;
    while (this.cursor < backCount + this.count) {
      const k = this.cursor++;
      const at = k < backCount ? this.backLeads[backCount - 1 - k]! : this.leads[k - backCount]!;
      const lead = (SEXTET_PLUS_ONE[text.charCodeAt(at)]! - 1) * 64 + SEXTET_PLUS_ONE[text.charCodeAt(at + 1)]! - 1;
      for (const anchor of FORMS_BY_LEAD[lead]!) {
        if (at + anchor.form.length <= this.end && hasFormAt(text, at, anchor.form)) {
          this.index = at;
          this.form = anchor.form;
          this.groupShift = anchor.groupShift;
          return true;
        }
      }
    }
    return false;
  }
}

/** ShortRunForms.pause's answer. */
export interface ReaderPause {
  readonly text: string | undefined;
  readonly windowOn: boolean;
  readonly segmentEnd: number;
  readonly wholeRead: number;
}

/** What the reader uses of Node's Buffer. */
interface UnitsBuffer extends Uint8Array {
  ucs2Write(text: string, offset: number): number;
}
const NATIVE_BUFFER = (globalThis as unknown as { Buffer?: { allocUnsafeSlow(size: number): UnitsBuffer } }).Buffer;

/** Characters of the text for which the reader decides whether to read through a window. */
const WINDOW_SEGMENT = 1 << 16;
/** Characters of short runs read whole in a segment above which the next one is read through a window (an eighth). */
const WINDOW_WORTH = WINDOW_SEGMENT >> 3;

/** Units copied into a window at a time: a little over the SHORT_RUN_READ each way the reader reads around a position. */
const WINDOW_UNITS = 1 << 16;

/**
 * A window of a text's UTF-16 units, written by Node (`ucs2Write`: a copy, ~35 ns per KiB) where
 * the reader would call charCodeAt for each character it reads.
 */
class UnitWindow {
  /** The units of text[base, top). */
  base = 0;
  top = -1;
  /** Where cover() has nothing to do: positions the reader may read around without leaving the window. */
  low = 0;
  high = -1;

  private constructor(
    private readonly buffer: UnitsBuffer,
    readonly units: Uint16Array,
  ) {}

  /** A window, when Node's Buffer is there and writes units in this machine's order (undefined otherwise). */
  static make(): UnitWindow | undefined {
    if (NATIVE_BUFFER === undefined) return undefined;
    const buffer = NATIVE_BUFFER.allocUnsafeSlow(2 * WINDOW_UNITS);
    if (typeof buffer.ucs2Write !== 'function' || buffer.byteOffset % 2 !== 0) return undefined;
    const units = new Uint16Array(buffer.buffer, buffer.byteOffset, WINDOW_UNITS);
    buffer.ucs2Write('\u0102', 0);
    return units[0] === 0x102 ? new UnitWindow(buffer, units) : undefined;
  }

  clear(): void {
    this.top = -1;
    this.high = -1;
  }

  /** Itself, holding text[index - SHORT_RUN_READ, index + SHORT_RUN_READ + 2) (within the text). */
  cover(text: string, index: number): this {
    const from = Math.max(0, index - SHORT_RUN_READ);
    const to = Math.min(text.length, index + SHORT_RUN_READ + 2);
    if (from < this.base || to > this.top) {
      this.base = from;
      this.top = Math.min(text.length, from + WINDOW_UNITS);
      this.buffer.ucs2Write(text.slice(from, this.top), 0);
      this.low = from === 0 ? 0 : from + SHORT_RUN_READ;
      this.high = this.top === text.length ? text.length : this.top - SHORT_RUN_READ - 2;
    }
    return this;
  }
}

/**
 * `form` at text[at], whose first two characters are known to be there: compared a character at a
 * time (startsWith costs more than the few characters a form has).
 */
function hasFormAt(text: string, at: number, form: string): boolean {
  for (let k = 2; k < form.length; k++) if (text.charCodeAt(at + k) !== form.charCodeAt(k)) return false;
  return true;
}
