// Whether any SAS family could claim a query read around a `sig=` anchor, decided from the raw text
// near the anchor before the signature reader runs. Every family needs one of a few parameters
// besides `sig` (SAS_CLAIM_KEYS); a real-shaped signature with none around (`sig=` + 43 characters
// + `=&`, repeated) otherwise costs the reader's whole path per anchor, 15-30x ordinary text. The
// answer must be the reader's own: it is "no" only when no reading of the text the reader may
// look at (the token extent, the literals it joins, the lines it folds, every decoding round) can
// hold such a key. Hints are searched with one pattern whose last answer is kept, so the anchors
// of a text cost one pass over it together.
import type { LiteralSyntax } from '../parse/literalSyntax';
import { SAS_PARAMETER_NAMES } from '../parse/sasQuery';
import { JOIN_REACH } from '../parse/splitLiterals';
import { TOKEN_WINDOW } from '../parse/tokenExtent';

/**
 * Query parameters without one of which no family claims a SAS query: storageSas.ts (`sv`, `sr`,
 * `ss`, `srt`, `si`, `tn`), serviceBus.ts and iotHub.ts (`skn` or `sr`). A test holds the families
 * to it.
 */
export const SAS_CLAIM_KEYS: readonly string[] = ['sv', 'sr', 'ss', 'srt', 'si', 'tn', 'skn'];

/**
 * How far from the anchor, each way, the reader may read: the token extent (TOKEN_WINDOW), the
 * literals joined to it (JOIN_REACH) and the gaps between them, the lines folded before it (whose
 * markers sit right before the extent); more than enough.
 */
const READ_REACH = TOKEN_WINDOW + JOIN_REACH + 1024;

/**
 * The claim keys as written (any ASCII case; the Kelvin sign lower-cases to `k`), longest first
 * where one starts another.
 */
const KEYS = [...SAS_CLAIM_KEYS]
  .sort((a, b) => b.length - a.length)
  .map((key) => key.replace('k', '[k\\u212a]'))
  .join('|');

/**
 * What could make a claim key appear in the decoded query: the key itself between characters that
 * are no letter or digit (a query's keys sit between `&`, `?`, `=` or the ends of its extent, and an
 * extent ends at a character that is not a token character, or at its window's edge, checked on its
 * own), an escape that may spell a letter or decode a whole query (`%`, `\`, `&#`), a line folded
 * onto the token (`&` at the end of a line or the start of the next), and, in a language that joins
 * literals, a quote (a joined literal may hold the key, or part of it). Literals and fixed classes
 * only: nothing to backtrack into.
 */
function hintPattern(quotes: string): RegExp {
  const quoteClass = quotes.length > 0 ? `|[${quotes.replace(/[\\\]^-]/g, '\\$&')}]` : '';
  return new RegExp(`(?<![A-Za-z0-9])(?:${KEYS})(?![A-Za-z0-9])|[%\\\\]|&#|&[ \\t]*\\r?\\n|\\n[ \\t]*&${quoteClass}`, 'gi');
}

/** A claim key starting at the window's floor (whatever is before it). */
const KEY_AT_FLOOR = new RegExp(`(?:${KEYS})(?![A-Za-z0-9])`, 'iy');
/** A claim key starting after a character that is no letter or digit (whatever is after it). */
const KEY_AT = new RegExp(`(?<![A-Za-z0-9])(?:${KEYS})`, 'iy');

const PATTERN_BY_QUOTES = new Map<string, RegExp>();

/** The hints of a text that joins no literals (a decoded value). */
const PLAIN_HINTS = hintPattern('');

/**
 * mayClaimAround for every anchor of a text that joins no literals and is shorter than the reader's
 * reach (a short decoded value, read from its start): any hint in it at all. The window edges add
 * nothing: the floor is the text's start and the far edge is past its end.
 */
export function mayClaimAnywhere(text: string): boolean {
  if (text.length > READ_REACH) throw new RangeError('mayClaimAnywhere: text longer than the reader reaches');
  PLAIN_HINTS.lastIndex = 0;
  return PLAIN_HINTS.test(text);
}

/** 128 for a letter or digit (what may not touch a claim key), by code below 128; 0 otherwise. */
const ALNUM = (() => {
  const table = new Uint8Array(128);
  for (let c = 0; c < 128; c++) if (/[A-Za-z0-9]/.test(String.fromCharCode(c))) table[c] = 128;
  return table;
})();

/**
 * What a byte may start, by ALNUM of the byte before it plus its code: HINT (`%`, `\`: a hint alone),
 * AMPERSAND (`&#` is one), KEY (a claim key's first letter, either case, after no letter or digit).
 * One look-up decides most bytes: a key's letter inside a word (a signature's characters) is nothing.
 */
const HINT = 1;
const AMPERSAND = 2;
const KEY = 3;
const HINT_START = (() => {
  const table = new Uint8Array(256);
  for (const before of [0, 128]) {
    table[before | 37] = HINT;
    table[before | 92] = HINT;
    table[before | 38] = AMPERSAND;
  }
  for (const key of SAS_CLAIM_KEYS) {
    table[key.charCodeAt(0)] = KEY;
    table[key.toUpperCase().charCodeAt(0)] = KEY;
  }
  return table;
})();

/**
 * mayClaimAnywhere for the text of bytes[0, length), every one printable ASCII (32-126, as
 * parse/base64.ts decodePrintableAscii leaves them), read in place instead of made into a string:
 * there the pattern's hints are `%`, `\`, `&#` or a claim key between characters that are no letter
 * or digit (folded lines need a line break, the Kelvin sign a byte over 127). A property test holds it
 * to mayClaimAnywhere.
 */
export function mayClaimAnywhereInAscii(bytes: Uint8Array, length: number): boolean {
  const starts = HINT_START;
  const alnum = ALNUM;
  let before = 0;
  for (let i = 0; i < length; i++) {
    const b = bytes[i]!;
    const kind = starts[before | b]!;
    before = alnum[b]!;
    if (kind === 0) continue;
    if (kind === HINT) return true;
    if (kind === AMPERSAND) {
      if (i + 1 < length && bytes[i + 1] === 35 /* # */) return true;
    } else if (startsClaimKey(bytes, length, i)) {
      return true;
    }
  }
  return false;
}

/** A claim key at bytes[i] in any ASCII case, with no letter or digit after it. */
function startsClaimKey(bytes: Uint8Array, length: number, i: number): boolean {
  for (const key of SAS_CLAIM_KEYS) {
    const end = i + key.length;
    if (end > length) continue;
    let k = 0;
    while (k < key.length && (bytes[i + k]! | 32) === key.charCodeAt(k)) k++;
    if (k === key.length && (end === length || ALNUM[bytes[end]!] === 0)) return true;
  }
  return false;
}

/**
 * Any SAS parameter but `sig` as a whole key (no letter or digit on either side): what a signature cut
 * across literals needs within reach to be worth reading (a query that may continue it).
 */
const PARAMETER_NAME = new RegExp(
  `(?<![A-Za-z0-9])(?:${[...SAS_PARAMETER_NAMES]
    .filter((name) => name !== 'sig')
    .sort((a, b) => b.length - a.length)
    .join('|')})(?![A-Za-z0-9])`,
  'gi',
);

/** The first match of a global pattern at or after a position, remembered: positions asked in text order cost one pass together. */
class ForwardSearch {
  /** Where the last search started and the match it found (-1: none up to the end of the text). */
  private searchedFrom = -1;
  private found = -1;

  constructor(
    private readonly text: string,
    private readonly pattern: RegExp,
  ) {}

  at(from: number): number {
    if (this.searchedFrom >= 0 && this.searchedFrom <= from && (this.found < 0 || this.found >= from)) return this.found;
    this.searchedFrom = from;
    this.pattern.lastIndex = from;
    const match = this.pattern.exec(this.text);
    this.found = match === null ? -1 : match.index;
    return this.found;
  }
}

export class SasClaimHints {
  /** Hints searched from each anchor's reach floor, and from the anchor itself (two caches, each searched in text order). */
  private readonly fromFloor: ForwardSearch;
  private readonly fromAnchor: ForwardSearch;
  private readonly parameters: ForwardSearch;
  /** The last hint found: where hints are dense (quotes in code) it answers the next anchors with no search. */
  private lastHint = -1;

  constructor(
    private readonly text: string,
    syntax: LiteralSyntax | undefined,
  ) {
    const quotes = syntax?.quotes ?? '';
    let pattern = PATTERN_BY_QUOTES.get(quotes);
    if (pattern === undefined) {
      pattern = hintPattern(quotes);
      PATTERN_BY_QUOTES.set(quotes, pattern);
    }
    this.fromFloor = new ForwardSearch(text, pattern);
    this.fromAnchor = new ForwardSearch(text, pattern);
    this.parameters = new ForwardSearch(text, PARAMETER_NAME);
  }

  /**
   * Whether a family may claim a query that the signature reader reads for the `sig=` anchor at
   * `index` with nothing below `lowerBound` (the reader's own bound): false only when no hint lies
   * within its reach and the extent's floor starts no claim key.
   */
  mayClaimAround(index: number, lowerBound: number): boolean {
    const from = Math.max(0, lowerBound, index - READ_REACH);
    const end = index + READ_REACH;
    if (this.lastHint >= from && this.lastHint < end) return true;
    for (const hint of [this.fromAnchor.at(index), this.fromFloor.at(from)]) {
      if (hint >= 0 && hint < end) {
        this.lastHint = hint;
        return true;
      }
    }
    // The extent may start at its window's floor, after a letter or digit, or end at its window's
    // edge, before one.
    KEY_AT_FLOOR.lastIndex = Math.max(0, lowerBound, index - TOKEN_WINDOW);
    if (KEY_AT_FLOOR.test(this.text)) return true;
    const edge = index + TOKEN_WINDOW;
    return keyEndsAt(this.text, edge, 2) || keyEndsAt(this.text, edge, 3);
  }

  /**
   * Whether a SAS parameter other than `sig` is written whole within the reader's reach of the anchor
   * at `index`: the condition on a signature cut across literals. Unlike mayClaimAround this is not
   * every query the reader could read (a parameter name split across literals too, or spelled with
   * escapes, is not seen): such anchors were never read before either.
   */
  namesParameterAround(index: number, lowerBound: number): boolean {
    const found = this.parameters.at(Math.max(0, lowerBound, index - READ_REACH));
    return found >= 0 && found < index + READ_REACH;
  }
}
/** A claim key of `length` characters ends at `end` (and starts after no letter or digit). */
function keyEndsAt(text: string, end: number, length: number): boolean {
  KEY_AT.lastIndex = end - length;
  return end - length >= 0 && KEY_AT.test(text) && KEY_AT.lastIndex === end;
}
