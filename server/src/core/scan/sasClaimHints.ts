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

/**
 * The hint pattern on printable ASCII (what a short base64 run decodes to, parse/base64.ts
 * decodePrintableAsciiThrough) as a byte automaton: `%`, `\`, `&#`, or a claim key after no letter or digit and
 * before none (folded lines need a line break, the Kelvin sign a byte over 127). One look-up per byte,
 * no branch: the decoder runs it over the bytes as it makes them. A property test holds it to
 * mayClaimAnywhere.
 */
export interface ClaimHintAutomaton {
  /** The next state by the state times 128 plus the byte (below 128). */
  readonly steps: Uint8Array;
  /** The state after the bytes read so far (START before any). */
  state: number;
  /** A hint found: every step from it leads back to it (the decoder stops stepping there). */
  readonly final: number;
}

/** States: after a letter or digit, after anything else (or at the start), after `&`, a hint found; then one per key prefix. */
const IN_WORD = 0;
const START = 1;
const AFTER_AMPERSAND = 2;
const FOUND = 3;

/** The automaton's steps, and which states hold a hint when the text ends there. */
const { STEPS, FOUND_AT_END } = (() => {
  const prefixes = [...new Set(SAS_CLAIM_KEYS.flatMap((key) => [...key].map((_, k) => key.slice(0, k + 1))))];
  const stateOf = new Map(prefixes.map((prefix, k) => [prefix, FOUND + 1 + k]));
  const count = FOUND + 1 + prefixes.length;
  const steps = new Uint8Array(count * 128);
  const foundAtEnd = new Uint8Array(count);
  foundAtEnd[FOUND] = 1;
  const isKey = (prefix: string | undefined): boolean => prefix !== undefined && SAS_CLAIM_KEYS.includes(prefix);
  for (let state = 0; state < count; state++) {
    const prefix = prefixes[state - FOUND - 1];
    if (isKey(prefix)) foundAtEnd[state] = 1;
    for (let b = 0; b < 128; b++) {
      const c = String.fromCharCode(b);
      const alnum = /[A-Za-z0-9]/.test(c);
      const lower = c.toLowerCase();
      let next: number;
      if (state === FOUND || c === '%' || c === '\\' || (state === AFTER_AMPERSAND && c === '#') || (isKey(prefix) && !alnum)) next = FOUND;
      else if (prefix !== undefined && stateOf.has(prefix + lower)) next = stateOf.get(prefix + lower)!;
      else if (c === '&') next = AFTER_AMPERSAND;
      else if (!alnum) next = START;
      else if ((state === START || state === AFTER_AMPERSAND) && stateOf.has(lower)) next = stateOf.get(lower)!;
      else next = IN_WORD;
      steps[state * 128 + b] = next;
    }
  }
  return { STEPS: steps, FOUND_AT_END: foundAtEnd };
})();

/** A new automaton at its start. */
export function claimHintAutomaton(): ClaimHintAutomaton {
  return { steps: STEPS, state: START, final: FOUND };
}

/** Whether the bytes the automaton read (all of a text) hold a hint: mayClaimAnywhere's answer. */
export function claimHintFound(automaton: ClaimHintAutomaton): boolean {
  return FOUND_AT_END[automaton.state] === 1;
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
  /** Hints searched from each anchor's reach floor, and from the anchor itself when a bound puts the floor past it (two caches, each searched in text order). */
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
    // The first hint at or after the floor answers for all of [from, end), the anchor's side
    // included: one search, not a second one from the anchor (where no hint is left, as in a long
    // decoded value of anchors, each was a pass over the rest of the text). Only a bound past the
    // anchor leaves [index, from) to search from the anchor.
    const hint = this.fromFloor.at(from);
    if (hint >= 0 && hint < end) {
      // Anchors come in text order and the floor moves up with them: the first hint after this
      // floor, behind the anchor, is soon below the next ones' floors, and a query of near-tokens
      // (\`sv=…&sig=…\`, a line of them) cost a search per anchor. The first hint at or after the
      // anchor stays within the reach of the anchors that follow (one search for many); that search
      // moves forward only, so it reads the text once in all.
      const ahead = hint < index ? this.fromAnchor.at(index) : -1;
      this.lastHint = ahead >= 0 && ahead < end ? ahead : hint;
      return true;
    }
    if (from > index) {
      const nearer = this.fromAnchor.at(index);
      if (nearer >= 0 && nearer < end) {
        this.lastHint = nearer;
        return true;
      }
    }
    // The extent may start at its window's floor, after a letter or digit, or end at its window's
    // edge, before one.
    const floor = Math.max(0, lowerBound, index - TOKEN_WINDOW);
    if (startsClaimKey(this.text.charCodeAt(floor))) {
      KEY_AT_FLOOR.lastIndex = floor;
      if (KEY_AT_FLOOR.test(this.text)) return true;
    }
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
  if (end - length < 0 || !startsClaimKey(text.charCodeAt(end - length))) return false;
  KEY_AT.lastIndex = end - length;
  return KEY_AT.test(text) && KEY_AT.lastIndex === end;
}

/** 1 for the first letter of a claim key, in either ASCII case, by code. */
const CLAIM_KEY_FIRST = (() => {
  const table = new Uint8Array(128);
  for (const key of SAS_CLAIM_KEYS) {
    table[key.toLowerCase().charCodeAt(0)] = 1;
    table[key.toUpperCase().charCodeAt(0)] = 1;
  }
  return table;
})();

/**
 * The first letter of some claim key. Checked before the patterns: an anchor with no hint in reach
 * asks at three positions, and a regular expression costs far more than a character to rule out.
 */
function startsClaimKey(c: number): boolean {
  return c < 128 && CLAIM_KEY_FIRST[c] === 1;
}
