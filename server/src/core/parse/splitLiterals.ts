// SAS tokens written as several string literals that the language joins into one value:
// `"https://…?sv=…&sp=rwdl" +` and `"&se=…&sig=…"` on the next line, Python's adjacent literals in
// parentheses, PHP's `.`, C's adjacent literals in a macro continued with `\`, PowerShell's backtick,
// shell words that touch (`"…?sv=…"'&sig=…'`). Given the token extent of an anchor that ends at a
// quote, this walks to the literals joined to it, back and forth, and returns each one's content, so
// the signature reader decodes and joins them (joinMapped) and reads one token whose offsets still
// point into each literal. The model is foldedLines.ts, which does the same for folded lines.
//
// Only literals join, with only the language's own joining between them (blanks, line breaks where
// the language allows them, one operator, a line continuation): never a variable, a call, a comment or
// an interpolation (`"sig=" + sig`, `${x}`, `"$SIG"` are runtime values, and no token is invented from
// them). A literal that starts a new URL (`scheme://`) is another token and is not joined.
//
// Bounded so the scan stays linear: at most MAX_LITERALS_EACH_SIDE literals and JOIN_REACH characters
// each way, never below `lowerBound` (the end of what the previous anchor examined); the reader then
// moves that bound past the last literal joined, so the anchors inside it are never visited again.
import type { Fragment } from './foldedLines';
import type { LiteralSyntax } from './literalSyntax';
import { scanTokenEnd, scanTokenStart, TOKEN_WINDOW } from './tokenExtent';

/** At most this many literals are joined on each side of the anchor's own. */
export const MAX_LITERALS_EACH_SIDE = 64;
/** How far past the anchor's extent, on each side, a joined literal may reach. */
export const JOIN_REACH = 4096;
/** Blanks, line breaks, an operator and continuations between two literals: a longer gap joins nothing. */
const MAX_GAP = 200;
/** Letters or sigils before an opening quote (`u8`, `rb`, `$@`). */
const MAX_PREFIX = 3;

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]{0,15}:\/\//;

/** The literals joined to the token extent [extentStart, extentEnd), its own included, in text order; undefined when none is. */
export function splitLiteralPieces(text: string, extentStart: number, extentEnd: number, syntax: LiteralSyntax, lowerBound: number): Fragment[] | undefined {
  const quotedAnchor = isQuote(text, extentStart - 1, syntax);
  // An unquoted shell word ends at a bare `&`: such a word joins nothing.
  if (!quotedAnchor && syntax.shellWords === true && endsShellWord(text, extentStart, extentEnd)) return undefined;
  const before = piecesBefore(text, extentStart, quotedAnchor, syntax, Math.max(lowerBound, extentStart - JOIN_REACH));
  const after = piecesAfter(text, extentEnd, quotedAnchor || syntax.shellWords !== true, syntax, Math.min(text.length, extentEnd + JOIN_REACH));
  if (before.length === 0 && after.length === 0) return undefined;
  return [...before, { start: extentStart, end: extentEnd }, ...after];
}

function piecesBefore(text: string, extentStart: number, quotedAnchor: boolean, syntax: LiteralSyntax, floor: number): Fragment[] {
  const pieces: Fragment[] = [];
  let pieceStart = extentStart;
  // The opening quote of the current literal, or -1 for an unquoted shell word.
  let opening = quotedAnchor && extentStart - 1 >= floor ? extentStart - 1 : -1;
  if (!quotedAnchor && syntax.shellWords !== true) return pieces;
  for (let n = 0; n < MAX_LITERALS_EACH_SIDE; n++) {
    if (startsWithScheme(text, pieceStart)) break;
    let contentEnd: number;
    let closingQuote: number; // the previous literal's quote character, or -1 for an unquoted word
    if (opening >= 0) {
      const literalStart = prefixStartBefore(text, opening, floor, syntax);
      const gapStart = gapStartBefore(text, literalStart, floor, syntax);
      if (gapStart < 0) break;
      if (gapStart - 1 >= floor && isQuote(text, gapStart - 1, syntax)) {
        contentEnd = gapStart - 1;
        closingQuote = text.charCodeAt(contentEnd);
      } else if (syntax.shellWords === true && gapStart === literalStart) {
        contentEnd = gapStart;
        closingQuote = -1;
      } else {
        break;
      }
    } else {
      // An unquoted shell word: the literal before it closes right where it starts.
      if (pieceStart - 1 < floor || !isQuote(text, pieceStart - 1, syntax)) break;
      contentEnd = pieceStart - 1;
      closingQuote = text.charCodeAt(contentEnd);
    }
    const contentStart = scanTokenStart(text, contentEnd, floor);
    if (contentStart === contentEnd) break;
    const complete =
      closingQuote >= 0
        ? contentStart - 1 >= floor && text.charCodeAt(contentStart - 1) === closingQuote
        : contentStart - 1 >= floor && isQuote(text, contentStart - 1, syntax);
    // Likewise a quote that no quote opens within reach closes no literal (`0'` before the token).
    if (closingQuote >= 0 && !complete && quoteBefore(text, contentStart, floor, closingQuote) < 0) break;
    const prefix = closingQuote >= 0 && complete ? text.slice(prefixStartBefore(text, contentStart - 1, floor, syntax), contentStart - 1) : '';
    if (interpolates(text, contentStart, contentEnd, closingQuote, prefix, syntax)) break;
    pieces.unshift({ start: contentStart, end: contentEnd });
    // A literal only partly made of token characters is where the token starts: the walk ends there.
    if (!complete) break;
    pieceStart = contentStart;
    opening = closingQuote >= 0 ? contentStart - 1 : -1;
  }
  return pieces;
}

function piecesAfter(text: string, extentEnd: number, quotedAnchor: boolean, syntax: LiteralSyntax, limit: number): Fragment[] {
  const pieces: Fragment[] = [];
  let pieceEnd = extentEnd;
  let quoted = quotedAnchor;
  for (let n = 0; n < MAX_LITERALS_EACH_SIDE; n++) {
    // A quoted literal ends at its closing quote; an unquoted shell word at the next literal's opening one.
    if (pieceEnd >= limit || !isQuote(text, pieceEnd, syntax)) break;
    let contentStart: number;
    let openingQuote: number;
    let prefix = '';
    if (quoted) {
      const next = gapEnd(text, pieceEnd + 1, limit, syntax);
      if (next < 0) break;
      const opening = openingQuoteAt(text, next, limit, syntax);
      if (opening >= 0) {
        contentStart = opening + 1;
        openingQuote = text.charCodeAt(opening);
        prefix = text.slice(next, opening);
      } else if (syntax.shellWords === true && next === pieceEnd + 1) {
        contentStart = next;
        openingQuote = -1;
      } else {
        break;
      }
    } else {
      contentStart = pieceEnd + 1;
      openingQuote = text.charCodeAt(pieceEnd);
    }
    if (contentStart >= limit || startsWithScheme(text, contentStart)) break;
    // A quoted literal's token characters stop at its closing quote at the latest: bounding the extent
    // there keeps the work per literal proportional to its length, not to the window.
    let pieceLimit = Math.min(limit, contentStart + TOKEN_WINDOW);
    if (openingQuote >= 0) {
      // A quote that no quote closes within reach opens no literal (`'0` at the end of a file): joining
      // it would put text that is no string into the token.
      const close = quoteAfter(text, contentStart, limit, openingQuote);
      if (close < 0) break;
      if (close < pieceLimit) pieceLimit = close;
    }
    const contentEnd = scanTokenEnd(text, contentStart, pieceLimit);
    if (contentEnd === contentStart) break;
    if (interpolates(text, contentStart, contentEnd, openingQuote, prefix, syntax)) break;
    pieces.push({ start: contentStart, end: contentEnd });
    pieceEnd = contentEnd;
    if (openingQuote >= 0) {
      if (text.charCodeAt(contentEnd) !== openingQuote) break;
      quoted = true;
    } else {
      quoted = false;
    }
  }
  return pieces;
}

/**
 * The whole contents of the quoted literals joined before the one whose opening quote is at
 * `opening`, in text order, as far as `floor` and MAX_LITERALS_EACH_SIDE allow. For values other
 * than tokens (a connection string whose settings sit in the literals before the key's own), where
 * the walk above stops at the first character that is no token character (`;`). A literal that spans
 * lines, holds an escaped quote or interpolates ends the walk, and so does one `stopAt` says is
 * another value's (left out).
 */
export function literalContentsBefore(
  text: string,
  opening: number,
  syntax: LiteralSyntax,
  floor: number,
  stopAt: (content: string) => boolean = () => false,
): Fragment[] {
  const pieces: Fragment[] = [];
  if (syntax.shellWords === true || !isQuote(text, opening, syntax)) return pieces;
  let quote = opening;
  for (let n = 0; n < MAX_LITERALS_EACH_SIDE; n++) {
    const gapStart = gapStartBefore(text, prefixStartBefore(text, quote, floor, syntax), floor, syntax);
    if (gapStart - 1 < floor || !isQuote(text, gapStart - 1, syntax)) break;
    const closing = gapStart - 1;
    const closingQuote = text.charCodeAt(closing);
    const open = quoteBefore(text, closing, floor, closingQuote);
    if (open < 0 || text.charCodeAt(open - 1) === 92 /* \ */) break;
    const content = text.slice(open + 1, closing);
    if (content.includes('\n')) break;
    const prefix = text.slice(prefixStartBefore(text, open, floor, syntax), open);
    if (interpolates(text, open + 1, closing, closingQuote, prefix, syntax) || stopAt(content)) break;
    pieces.unshift({ start: open + 1, end: closing });
    quote = open;
  }
  return pieces;
}

/** The first `quote` character in [from, limit), or -1: bounded, so an unclosed quote costs at most the reach. */
function quoteAfter(text: string, from: number, limit: number, quote: number): number {
  for (let i = from; i < limit; i++) if (text.charCodeAt(i) === quote) return i;
  return -1;
}

/** The last `quote` character in [floor, before), or -1. */
function quoteBefore(text: string, before: number, floor: number, quote: number): number {
  for (let i = before - 1; i >= floor; i--) if (text.charCodeAt(i) === quote) return i;
  return -1;
}

/** An unquoted shell word holds a bare `&` (a control operator that ends the word), not `\&`. */
function endsShellWord(text: string, start: number, end: number): boolean {
  for (let i = text.indexOf('&', start); i >= 0 && i < end; i = text.indexOf('&', i + 1)) {
    if (text.charCodeAt(i - 1) !== 92 /* \ */) return true;
  }
  return false;
}

function isQuote(text: string, index: number, syntax: LiteralSyntax): boolean {
  if (index < 0 || index >= text.length) return false;
  return syntax.quotes.includes(text.charAt(index));
}

function startsWithScheme(text: string, start: number): boolean {
  return SCHEME.test(text.slice(start, start + 20));
}

/** Where the literal whose opening quote is at `quote` starts, its prefix letters included. */
function prefixStartBefore(text: string, quote: number, floor: number, syntax: LiteralSyntax): number {
  let i = quote;
  while (i > floor && quote - i < MAX_PREFIX && syntax.prefixChars.includes(text.charAt(i - 1))) i--;
  return i;
}

/** The opening quote of a literal that starts at `at` (after its prefix letters), or -1. */
function openingQuoteAt(text: string, at: number, limit: number, syntax: LiteralSyntax): number {
  let i = at;
  while (i < limit && i - at < MAX_PREFIX && syntax.prefixChars.includes(text.charAt(i))) i++;
  return i < limit && isQuote(text, i, syntax) ? i : -1;
}

function isGapChar(c: string, syntax: LiteralSyntax): boolean {
  if (c === '\n' || c === '\r' || c === syntax.continuation) return true;
  if (syntax.shellWords === true) return false;
  return c === ' ' || c === '\t' || (c !== '' && syntax.operators.includes(c));
}

/** The start of a valid gap that ends at `literalStart`, or -1. */
function gapStartBefore(text: string, literalStart: number, floor: number, syntax: LiteralSyntax): number {
  let i = literalStart;
  while (i > floor && literalStart - i < MAX_GAP && isGapChar(text.charAt(i - 1), syntax)) i--;
  return gapEnd(text, i, literalStart, syntax) === literalStart ? i : -1;
}

/**
 * Reads the gap that starts at `from`, just after a literal: where the next literal (or, in shell, a
 * touching word) starts, or -1 when the gap is not the language's joining.
 */
function gapEnd(text: string, from: number, limit: number, syntax: LiteralSyntax): number {
  if (syntax.shellWords === true) {
    // Nothing between the words, or a line continuation right after the first.
    if (text.charCodeAt(from) !== 92 /* \ */) return from;
    let i = from + 1;
    if (text.charCodeAt(i) === 13) i++;
    return text.charCodeAt(i) === 10 && i < limit ? i + 1 : -1;
  }
  const end = Math.min(limit, from + MAX_GAP);
  let operator = false;
  let i = from;
  while (i < end) {
    const c = text.charAt(i);
    if (c === ' ' || c === '\t') {
      i++;
    } else if (c === syntax.continuation) {
      let j = i + 1;
      if (text.charCodeAt(j) === 13) j++;
      if (text.charCodeAt(j) !== 10) return -1;
      i = j + 1;
    } else if (c === '\n' || c === '\r') {
      if (syntax.newlines === 'never' || (syntax.newlines === 'after-operator' && !operator)) return -1;
      i++;
    } else if (!operator && syntax.operators.includes(c)) {
      operator = true;
      i++;
    } else {
      break;
    }
  }
  return operator || syntax.adjacent ? i : -1;
}

/**
 * The literal's content is not plain text to join: an unquoted shell word cut by a bare `&`, or an
 * interpolation (a runtime value): `${…}`, `#{…}`, `$(…)`, a `$name` in
 * a shell or PowerShell string that expands it, `{…}` in a Python f-string or a C# `$"…"` string.
 * `quote` is the literal's quote character (-1 for an unquoted shell word).
 */
function interpolates(text: string, start: number, end: number, quote: number, prefix: string, syntax: LiteralSyntax): boolean {
  if (quote < 0 && endsShellWord(text, start, end)) return true;
  const content = text.slice(start, end);
  if (content.includes('${') || content.includes('#{') || content.includes('$(')) return true;
  if (/[fF$]/.test(prefix) && (content.includes('{') || content.includes('}'))) return true;
  const expandsDollar = syntax.name === 'shell' || syntax.name === 'powershell' || syntax.name === 'php' || syntax.name === 'kotlin';
  return expandsDollar && quote !== 39 /* ' */ && /\$[A-Za-z_]/.test(content);
}

/**
 * The text the language makes of [start, end), a range that runs through joined literals: their
 * contents, without the quotes, operators, blanks and continuations between them (what a program sees,
 * before its escapes are undone). For fixes that must know the value behind a joined token.
 */
export function joinedLiteralContent(text: string, start: number, end: number, syntax: LiteralSyntax): string {
  let out = '';
  let i = start;
  while (i < end) {
    if (!isQuote(text, i, syntax)) {
      out += text.charAt(i++);
      continue;
    }
    // A closing quote, the gap, and the next literal's prefix and opening quote.
    const next = gapEnd(text, i + 1, end, syntax);
    if (next < 0) {
      i++;
      continue;
    }
    const opening = openingQuoteAt(text, next, end, syntax);
    i = opening >= 0 ? opening + 1 : next;
  }
  return out;
}
