// The reader behind every `sig=` anchor, shared by the SAS families: it takes the token extent
// around the anchor, joins the string literals the file's language joins to it (splitLiterals.ts) and
// the lines folded before it, undoes the container's escapes, finds the SAS queries in it, checks each
// signature, places the token in the text (URL, bare query, connection string, Service Bus token), and
// hands it to the first family that claims the query.
import type { Anchor } from './anchors';
import type { CredentialFamily, SasQueryPlacement, SasToken, ScanState } from './families';
import { isRealSignatureShape, isSignatureLastChar, looksMadeUp } from '../assess/placeholders';
import { connectionStringStorageInfo, isAfterSharedAccessSignatureSetting, serviceBusPrefixStart } from '../parse/connectionString';
import { decodeContainerEscapes, percentDecodeValue } from '../parse/decode';
import { foldedFragmentsAfter, foldedFragmentsBefore, joinMapped, type Fragment } from '../parse/foldedLines';
import { analyzeHost, type HostInfo } from '../parse/hosts';
import { originalRange, type MappedString } from '../parse/mappedString';
import type { LiteralSyntax } from '../parse/literalSyntax';
import { splitLiteralPieces } from '../parse/splitLiterals';
import { findSasQueries, urlBeforeQuery, type SasPair, type SasQuery } from '../parse/sasQuery';
import { scanTokenEnd, scanTokenStart } from '../parse/tokenExtent';
import { isBase64Char, startsWithIgnoreCase } from '../util/charClasses';
import type { OffsetRange, TokenContainer, TokenEncoding } from '../findings/types';

/**
 * Imported functions called for every `sig=` anchor signatureRuledOut reads, copied once: where the
 * engine runs as CommonJS (under tsx: the tests and benches), each read of an imported binding is a
 * getter call.
 */
const startsWithAnyCase = startsWithIgnoreCase;
const isBase64Code = isBase64Char;

/** `sig=` and 43 base64 characters and `=`: no shorter extent can hold a signature. */
const MIN_SAS_EXTENT = 48;
/** `sig=`: the anchor spellings with `%3D` or `\u003d` are left to the full reader. */
export const PLAIN_SIGNATURE_ANCHOR = 'sig=';
/** Base64 characters of a signature before its `=` (32 bytes). */
const SIGNATURE_BODY = 43;
/** Up to one more base64 character than a signature's body (the regular expression engine steps over them faster than a loop). */
const BASE64_PREFIX = /[A-Za-z0-9+/]{0,44}/y;

export function readSignatureAnchor(scan: ScanState, anchor: Anchor, families: readonly CredentialFamily[]): void {
  if (anchor.index < scan.sasExaminedEnd) return;
  const text = scan.text;
  const lowerBound = scan.sasExaminedEnd;
  const extentStart = scanTokenStart(text, anchor.index, lowerBound);
  const extentEnd = Math.max(scanTokenEnd(text, anchor.index), anchor.index + anchor.length);
  // Literals joined to the extent: the token is read from all of them, and the anchors inside the
  // later ones are not visited again.
  const pieces = scan.literalSyntax !== undefined ? splitLiteralPieces(text, extentStart, extentEnd, scan.literalSyntax, lowerBound) : undefined;
  scan.sasExaminedEnd = pieces !== undefined ? pieces[pieces.length - 1]!.end : extentEnd;
  let length = extentEnd - extentStart;
  if (pieces !== undefined) for (const piece of pieces) if (piece.start !== extentStart) length += piece.end - piece.start;
  // "sig=" plus a 44-character signature at the very least: shorter extents cannot hold one.
  if (length < MIN_SAS_EXTENT) return;
  let encoding: TokenEncoding;
  let mapped: MappedString;
  if (pieces === undefined) {
    const decoded = decodeContainerEscapes(text, extentStart, extentEnd);
    mapped = decoded.mapped;
    encoding = decoded.encoding;
  } else {
    const decoded = pieces.map((piece) => decodeContainerEscapes(text, piece.start, piece.end));
    encoding = decoded.find((piece) => piece.encoding !== 'plain')?.encoding ?? 'plain';
    mapped = joinMapped(decoded.map((piece) => piece.mapped));
  }
  const firstStart = pieces !== undefined ? pieces[0]!.start : extentStart;
  const folded = foldedFragmentsBefore(text, firstStart, lowerBound);
  const foldedAfter = foldedFragmentsAfter(text, scan.sasExaminedEnd);
  if (folded.length > 0 || foldedAfter.length > 0) {
    const before = folded.map((fragment) => decodeContainerEscapes(text, fragment.start, fragment.end));
    const after = foldedAfter.map((fragment) => decodeContainerEscapes(text, fragment.start, fragment.end));
    if (encoding === 'plain') encoding = [...before, ...after].find((piece) => piece.encoding !== 'plain')?.encoding ?? 'plain';
    mapped = joinMapped([...before.map((piece) => piece.mapped), mapped, ...after.map((piece) => piece.mapped)]);
    if (foldedAfter.length > 0) scan.sasExaminedEnd = foldedAfter[foldedAfter.length - 1]!.end;
  }
  for (const query of findSasQueries(mapped)) readSasQuery(scan, query, encoding, families, pieces);
}

/**
 * Whether the characters after a plain `sig=` (from `valueStart`, just past its `=`) already rule
 * out every signature the full reader could read there, so that an almost-token costs no extent,
 * decoding or query parsing (space-separated lines of them cost 6-10x ordinary text). Whatever the
 * extent, the container's escapes, the percent-decoding rounds, the literals joined or the lines
 * folded before it, the value starts right after that `=`, and its first characters are the raw ones
 * while they are base64 characters (none starts an escape or a join). A real signature is exactly 43
 * of them and `=` (trimming drops only punctuation), so 44 or more rule it out; so do 43 followed by
 * a character that cannot become `=`; and 43 and `=` (or `%3D`) do when a base64 character or `=`
 * follows, or when those 44 are no real signature. What is left (an escape that may stand for `=`,
 * a joined literal that may start with one, fewer than 43 base64 characters cut by an escape) goes
 * to the full reader. The scanner asks this of every plain `sig=`
 * anchor (anchors.ts drops a ruled-out one without a trip through its loop); nothing is marked examined,
 * so an anchor after this one still reads its own extent, over this one's text too.
 */
export function signatureRuledOut(text: string, valueStart: number, syntax: LiteralSyntax | undefined): boolean {
  BASE64_PREFIX.lastIndex = valueStart;
  BASE64_PREFIX.test(text);
  const i = BASE64_PREFIX.lastIndex;
  if (i - valueStart > SIGNATURE_BODY) return true;
  // Fewer: an escape (`%`, `\`) cut the run, and the anchor's 43 characters go on through it.
  if (i - valueStart < SIGNATURE_BODY) return false;
  let after: number;
  if (text.charCodeAt(i) === 61 /* = */) after = i + 1;
  else if (startsWithAnyCase(text, i, '%3d')) after = i + 3;
  else return !mayBecomePadding(text, joinedCharacterAt(text, i, syntax));
  const next = text.charCodeAt(after);
  if (isBase64Code(next) || next === 61 /* = */) return true;
  // The 43 characters are base64; the `=` changes nothing looksMadeUp looks at.
  return !isSignatureLastChar(text.charCodeAt(i - 1)) || looksMadeUp(text.slice(valueStart, i));
}

/** Base64 characters by code below 128. */
const BASE64_CODE = (() => {
  const table = new Uint8Array(128);
  for (let c = 0; c < 128; c++) if (isBase64Char(c)) table[c] = 1;
  return table;
})();

/**
 * signatureRuledOut (no literal syntax) on the text of bytes[0, length), every one printable ASCII
 * (32-126, as parse/base64.ts decodePrintableAsciiThrough leaves a decoded run), read in place instead of
 * made into a string. A property test holds it to signatureRuledOut.
 */
export function signatureRuledOutInAscii(bytes: Uint8Array, length: number, valueStart: number): boolean {
  const base64 = BASE64_CODE;
  const limit = Math.min(length, valueStart + SIGNATURE_BODY + 1);
  let i = valueStart;
  while (i < limit && base64[bytes[i]!] === 1) i++;
  if (i - valueStart > SIGNATURE_BODY) return true;
  if (i - valueStart < SIGNATURE_BODY) return false;
  // Past the end reads as -1, no character (as charCodeAt's NaN).
  const c = i < length ? bytes[i]! : -1;
  let after: number;
  if (c === 61 /* = */) after = i + 1;
  else if (c === 37 /* % */ && i + 2 < length && bytes[i + 1] === 51 /* 3 */ && (bytes[i + 2]! | 32) === 100 /* d */) after = i + 3;
  else return !mayBecomePaddingInAscii(bytes, length, i);
  const next = after < length ? bytes[after]! : -1;
  if ((next >= 0 && base64[next] === 1) || next === 61 /* = */) return true;
  return !isSignatureLastChar(bytes[i - 1]!) || looksMadeUp(String.fromCharCode.apply(null, bytes.subarray(valueStart, i) as unknown as number[]));
}

/** mayBecomePadding on bytes: an escape that may stand for `=` starts at bytes[index]. */
function mayBecomePaddingInAscii(bytes: Uint8Array, length: number, index: number): boolean {
  if (index >= length) return false;
  const c = bytes[index]!;
  if (c === 61 /* = */ || c === 37 /* % */ || c === 92 /* \ */) return true;
  if (c !== 38 /* & */) return false;
  const rest = String.fromCharCode.apply(null, bytes.subarray(index, Math.min(length, index + 6)) as unknown as number[]);
  return startsWithIgnoreCase(rest, 0, '&#61;') || startsWithIgnoreCase(rest, 0, '&#x3d;');
}

/** How far past a literal's end joinedCharacterAt looks for the next literal's first character. */
const MAX_JOIN_GAP = 256;

/**
 * Where the character that a join may put after text[0, index) is: past the quotes, blanks,
 * operators, continuations and literal prefixes of the file's language (or `index` itself when its
 * literals join nothing). Everything skipped is a character that neither is nor starts `=`: if it is
 * the value's next character instead, the value is no signature either. -1 past MAX_JOIN_GAP.
 */
function joinedCharacterAt(text: string, index: number, syntax: LiteralSyntax | undefined): number {
  if (syntax === undefined) return index;
  const skipped = joinSkipsOf(syntax);
  let i = index;
  for (; i < text.length && i - index < MAX_JOIN_GAP; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */) {
      const lineBreak = text.charCodeAt(i + 1) === 13 ? i + 2 : i + 1;
      if (text.charCodeAt(lineBreak) !== 10) return i;
      i = lineBreak;
    } else if (c < 128 ? skipped[c] === 0 : !isJoinSkip(text.charAt(i), syntax)) {
      return i;
    }
  }
  return i - index < MAX_JOIN_GAP ? i : -1;
}

/** A character joinedCharacterAt steps over: a blank, a quote, a literal prefix, an operator, the line continuation. */
function isJoinSkip(ch: string, syntax: LiteralSyntax): boolean {
  return (
    JOIN_BLANKS.includes(ch) || syntax.quotes.includes(ch) || syntax.prefixChars.includes(ch) || syntax.operators.includes(ch) || ch === syntax.continuation
  );
}

/**
 * isJoinSkip by code below 128, for the last syntax asked about (a scan has one): a lookup per
 * character instead of four string searches (every `sig=` anchor of a joining language asks).
 */
let joinSkipsSyntax: LiteralSyntax | undefined;
let joinSkips = new Uint8Array(128);
function joinSkipsOf(syntax: LiteralSyntax): Uint8Array {
  if (syntax !== joinSkipsSyntax) {
    const table = new Uint8Array(128);
    for (let c = 0; c < 128; c++) if (isJoinSkip(String.fromCharCode(c), syntax)) table[c] = 1;
    joinSkips = table;
    joinSkipsSyntax = syntax;
  }
  return joinSkips;
}

const JOIN_BLANKS = ' \t\r\n';

/** An escape that may stand for `=` (`%`, `\`, an entity) starts at `index` (-1: not known). */
function mayBecomePadding(text: string, index: number): boolean {
  if (index < 0) return true;
  const c = text.charCodeAt(index);
  if (c === 61 /* = */ || c === 37 /* % */ || c === 92 /* \ */) return true;
  return c === 38 /* & */ && (startsWithAnyCase(text, index, '&#61;') || startsWithAnyCase(text, index, '&#x3d;'));
}

/** How many of the joined literals the token's range covers, when more than one. */
function literalCountOf(range: OffsetRange, pieces: readonly Fragment[] | undefined): number | undefined {
  if (pieces === undefined) return undefined;
  let count = 0;
  for (const piece of pieces) if (piece.start < range.end && piece.end > range.start) count++;
  return count > 1 ? count : undefined;
}

function readSasQuery(
  scan: ScanState,
  query: SasQuery,
  containerEncoding: TokenEncoding,
  families: readonly CredentialFamily[],
  pieces: readonly Fragment[] | undefined,
): void {
  const mapped = query.mapped;
  const sigPair = query.params.get('sig')!;
  const signature = readSignature(sigPair);
  if (!signature) return;
  // A signature trimmed of sentence punctuation ends the query when it was its last pair.
  const queryEnd = sigPair.valueEnd === query.queryEnd ? signature.valueEnd : query.queryEnd;

  const text = scan.text;
  const queryRange = originalRange(mapped, query.queryStart, queryEnd);
  const sbPrefix = serviceBusPrefixStart(text, queryRange.start);
  const placement: SasQueryPlacement = { serviceBusPrefix: sbPrefix !== undefined };
  const family = families.find((candidate) => candidate.reportSasToken !== undefined && candidate.claimsSasQuery?.(query, placement) === true);
  if (!family) return;

  const secretRange = originalRange(mapped, sigPair.valueStart, signature.valueEnd);
  const encoding: TokenEncoding = query.percentRounds > 0 ? 'percent-encoded-query' : containerEncoding;

  let container: TokenContainer;
  let range: OffsetRange;
  let host: HostInfo | undefined;
  let path: string | undefined;
  let connectionAccount: string | undefined;
  const prefixIsSasSetting = query.prefixName !== undefined && query.prefixName.toLowerCase() === 'sharedaccesssignature';
  if (sbPrefix !== undefined) {
    container = 'servicebus-token';
    range = { start: sbPrefix, end: queryRange.end };
  } else if (prefixIsSasSetting || isAfterSharedAccessSignatureSetting(text, queryRange.start)) {
    container = 'connection-string';
    const cs = scan.connectionStringAt(queryRange.start);
    range = { start: Math.min(cs.start, queryRange.start), end: Math.max(cs.end, queryRange.end) };
    const info = connectionStringStorageInfo(cs);
    host = info.host;
    connectionAccount = info.account;
  } else if (query.questionMark !== undefined) {
    const url = urlBeforeQuery(mapped, query.questionMark);
    if (url) {
      container = 'url';
      range = { start: originalRange(mapped, url.urlStart, url.urlStart + 1).start, end: queryRange.end };
      host = analyzeHost(url.authority, url.path);
      path = url.path;
    } else {
      container = 'query';
      range = { start: originalRange(mapped, query.questionMark, query.questionMark + 1).start, end: queryRange.end };
    }
  } else {
    container = 'query';
    range = queryRange;
  }

  let token: SasToken = {
    query,
    signature: signature.value,
    range,
    secretRange,
    queryRange,
    container,
    encoding,
    ...(host ? { host } : {}),
    ...(path !== undefined ? { path } : {}),
    ...(connectionAccount !== undefined ? { connectionAccount } : {}),
  };
  const literalCount = literalCountOf(range, pieces);
  if (literalCount !== undefined) token = { ...token, literalCount };
  family.reportSasToken!(scan, token);
}

/** The signature value, trimmed of trailing sentence punctuation when that makes it valid. */
function readSignature(pair: SasPair): { value: string; valueEnd: number } | undefined {
  let raw = pair.rawValue;
  let valueEnd = pair.valueEnd;
  for (let trimmed = 0; trimmed <= 3; trimmed++) {
    const decoded = trimmed === 0 ? pair.value : percentDecodeValue(raw);
    if (decoded !== undefined && isRealSignatureShape(decoded)) {
      return looksMadeUp(decoded) ? undefined : { value: decoded, valueEnd };
    }
    const last = raw.charAt(raw.length - 1);
    if (raw.length === 0 || !'.,:;!*}'.includes(last)) return undefined;
    raw = raw.slice(0, -1);
    valueEnd--;
  }
  return undefined;
}
