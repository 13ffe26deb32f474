// Credentials wrapped in base64: a connection string or SAS URL in a Kubernetes Secret's `data:`, a
// Helm or kustomize value, a base64 string in JSON, YAML or a .env file. Found without decoding
// every base64 run of the text: only runs of at least BASE64_MIN_RUN characters can hold a
// credential, and such a run covers two consecutive multiples of MIN_RUN_STRIDE and everything
// between, so only the runs through those offsets are read (most of ordinary text is skipped
// unread). In each long run, the anchors are
// the base64 encodings of a few literals every such credential holds (anchorLiterals.ts
// BASE64_ANCHOR_FORMS, at each of the three byte alignments, and their own encodings for base64 in
// base64), found while the run is read (base64AnchorSearch.ts; with one literal pattern in runs
// over 1 KiB). A run with an anchor is decoded in the grouping its first
// anchor shows (the other three only when that gives junk), kept only when it is
// mostly printable UTF-8, and scanned by the whole engine (`scanDecoded`, one level deeper). Every
// finding inside is reported on the encoded value, with the decoded token's rule, grade, details
// and fingerprint.
//
// Bounds, and why the work stays linear in the text:
//   - the pass resumes after each run it read, so every character is read a bounded number of
//     times by the run reader, and each long run is searched once for its anchor forms;
//   - runs shorter than BASE64_MIN_RUN cannot hold a credential and are not decoded;
//   - runs longer than MAX_BASE64_RUN are read (to resume after them) but not decoded;
//   - a run is decoded at most four times, and only one decoding (3/4 of the run) is scanned;
//     nesting stops at MAX_BASE64_DEPTH levels, so a scan decodes less than seven times its text
//     and scans less than twice as much text as it was given.
import {
  ACCOUNT_KEY_BASE64_RUN,
  ACCOUNT_KEY_PADDING,
  SRI_SHA512_PREFIX,
  BASE64_MIN_RUN,
  BASE64_WRAPPED_ENDINGS,
  base64AnchorForms,
  SIGNATURE_LITERAL,
} from './anchorLiterals';
import { claimHintAutomaton, claimHintFound, mayClaimAnywhere } from './sasClaimHints';
import { signatureRuledOut, signatureRuledOutInAscii } from './signatureReader';
import { LongRunForms, SHORT_RUN_READ, ShortRunForms, type AnchorForms } from './base64AnchorSearch';
import { base64RunAround, decodeBase64Latin1, decodeBase64Text, decodePrintableAsciiCodes, decodePrintableAsciiThrough, type Base64Run } from '../parse/base64';
import { nothingInDecodedWindows, WINDOW_UNITS, type WindowScan } from './decodedWindows';
import type { Finding, OffsetRange } from '../findings/types';
import { lastAtOrBefore } from '../util/lastAtOrBefore';

/** Levels of base64 decoded inside each other (base64 of a base64 value is level 2). */
export const MAX_BASE64_DEPTH = 2;
/** Every run of BASE64_MIN_RUN characters holds at least one character at a multiple of this. */
const MIN_RUN_STRIDE = BASE64_MIN_RUN / 2;
/**
 * Imported constants read per run, copied once: where the engine runs as CommonJS (under tsx: the
 * tests and benches), each read of an imported binding is a getter call.
 */
const MIN_RUN = BASE64_MIN_RUN;
const KEY_RUN = ACCOUNT_KEY_BASE64_RUN;
const SIGNATURE = SIGNATURE_LITERAL;
/**
 * Longest run decoded: 1 MiB of base64 (768 KiB of text). A Kubernetes Secret holds at most 1 MiB
 * in all; longer runs are images, archives or key material, and are skipped.
 */
export const MAX_BASE64_RUN = 1 << 20;

/** Scans decoded text one level deeper; returns its findings, suppressed ones included. */
export type DecodedScan = (decoded: string) => readonly Finding[];

/** Work done, counted for tests (never timed). */
export interface Base64Work {
  /** Long runs (BASE64_MIN_RUN characters up to the cap) that were searched for an anchor. */
  runs: number;
  /** Base64 characters decoded. */
  decodedChars: number;
}

/**
 * The run being read and its anchor forms: short runs are read and searched in one loop, long ones
 * the long way. Shared by every pass, which uses them only before it scans a decoded value (a
 * nested pass reads its own runs with them).
 */
const SHORT_RUN_FORMS = new ShortRunForms();
const LONG_RUN_FORMS = new LongRunForms();
/** An account key written alone, as the decoded value of a key setting. */
const BARE_ACCOUNT_KEY = /^[A-Za-z0-9+/]{86}==$/;

/** A credential found in a decoded base64 value: the decoded token's finding, and the value's range. */
export interface EncodedCredential {
  readonly value: OffsetRange;
  /** The finding in the decoded text (its offsets are into that text). */
  readonly decoded: Finding;
}

/**
 * The credentials in base64 values of `text` whose anchors start in [from, to) (the whole text by
 * default). A pass from `from` gives the same runs as a pass from 0 when the character before
 * `from` is not a base64 character: runs are maximal, so each one is where it is whatever came
 * before. rescan.ts relies on this to re-read only the runs around an edit. `windowScan`: the
 * scanner of one window of a value longer than a window (decodedWindows.ts); without it such a value
 * is made whole and scanned. (A parameter, not a property of `scanDecoded`: a property set on each
 * new closure kept every window alive through V8's young-generation collections.)
 */
export function findBase64WrappedCredentials(
  text: string,
  scanDecoded: DecodedScan,
  work?: Base64Work,
  from = 0,
  to = text.length,
  windowScan?: (window: string) => WindowScan,
): EncodedCredential[] {
  const out: EncodedCredential[] = [];
  let pos = from;
  // The last short run found to hold nothing to scan: a run written again (a value repeated down a
  // file, or a line of them) is recognised by one comparison instead of a search and a decoding.
  const lastEmpty = new LastEmptyRun(text);
  // Runs starting before `to` have a stride point before to + MIN_RUN_STRIDE.
  const last = Math.min(text.length, to + MIN_RUN_STRIDE);
  // The reader may read this text's characters through a window of its units (resumed after each
  // nested scan, which reads its own text with the same reader).
  const reader = SHORT_RUN_FORMS;
  reader.over(text);
  for (let p = Math.ceil(from / MIN_RUN_STRIDE) * MIN_RUN_STRIDE; p < last; p += MIN_RUN_STRIDE) {
    // A long run holds two consecutive stride points and everything between: look forward first.
    if (p < pos) continue;
    const start = reader.windowOn ? reader.readAroundWindowed(text, p, pos, p + MIN_RUN_STRIDE) : reader.readAround(text, p, pos, p + MIN_RUN_STRIDE);
    if (start < 0) continue;
    const short = SHORT_RUN_FORMS.whole;
    const run: Base64Run = short ? SHORT_RUN_FORMS : base64RunAround(text, start, start, start + SHORT_RUN_READ);
    const { dataEnd, end } = run;
    pos = end;
    if (start >= to) break;
    const length = dataEnd - start;
    if (length < MIN_RUN || length > MAX_BASE64_RUN || isIntegrityDigest(text, run)) continue;
    if (work) work.runs++;
    if (lastEmpty.isAt(start, end)) continue;
    // Where 4-character groups start, relative to the run's start, from the first anchor in it: one
    // base64 encoding gives every anchor the same grouping.
    const forms: AnchorForms = short ? SHORT_RUN_FORMS : LONG_RUN_FORMS.over(text.slice(start, end), start);
    if (!forms.next()) {
      if (length <= WHOLE_RUN_CHECKED) lastEmpty.set(start, end);
      continue;
    }
    const firstShift = (((forms.index - start - forms.groupShift) % 4) + 4) % 4;
    if (everySignatureRuledOut(text, start, length, forms, firstShift, short ? SHORT_RUN_FORMS : undefined)) {
      if (length <= WHOLE_RUN_CHECKED) lastEmpty.set(start, end);
      continue;
    }
    // A value longer than a window is first read a window at a time (decodedWindows.ts): when the
    // windows hold nothing, no string of the whole value is made.
    if (windowScan !== undefined && Math.floor(((dataEnd - start - firstShift) * 3) / 4) > WINDOW_UNITS && !endsLikeKeyValue(text, end)) {
      if (work) work.decodedChars += dataEnd - start - firstShift;
      const paused = reader.pause();
      const nothing = nothingInDecodedWindows(text, start + firstShift, dataEnd, windowScan);
      reader.resume(paused);
      if (nothing) continue;
    }
    // Should the first anchor be a chance match in another grouping (its text then decodes to
    // junk), the other groupings are tried: at most four decodings of a run.
    let decoded: string | undefined;
    for (let k = 0; k < 4 && decoded === undefined; k++) {
      const shift = (firstShift + k) % 4;
      if (work) work.decodedChars += dataEnd - start - shift;
      decoded = decodeBase64Text(text, start + shift, dataEnd);
    }
    if (decoded === undefined) continue;
    const paused = reader.pause();
    const found = scanDecoded(withSettingName(text, { start, dataEnd, end }, decoded));
    reader.resume(paused);
    const value = { start, end };
    // One secret once per value (a value may repeat a token); most values hold one finding or none.
    const seen = found.length > 1 ? new Set<string>() : undefined;
    for (const finding of found) {
      if (seen) {
        const identity = `${finding.ruleId} ${finding.fingerprint}`;
        if (seen.has(identity)) continue;
        seen.add(identity);
      }
      out.push({ value, decoded: finding });
    }
  }
  reader.over(undefined);
  return out;
}

/** The forms of `sig=` itself (not of its encoding), by form: how many bytes into its 3-byte group the `s` is. */
const SIGNATURE_FORM_OFFSET: ReadonlyMap<string, number> = new Map(base64AnchorForms(SIGNATURE_LITERAL).map((anchor, offset) => [anchor.form, offset]));
/**
 * Base64 characters decoded from a `sig=` form's group: up to 2 lead bytes, `sig=`, and the 52
 * characters signatureRuledOut may read after it (43, then `&#x3d;` or `%3D` and one more).
 */
const SIGNATURE_WINDOW = 4 * Math.ceil((2 + SIGNATURE_LITERAL.length + 52) / 3);
/**
 * A run with more `sig=` anchors than this is decoded and scanned whole: past a few, a window per
 * anchor costs more than one decoding of the run and one scan (which rules them out just as fast).
 */
const MAX_SIGNATURES_RULED_OUT = 4;

/**
 * Runs up to this long are decoded whole before any is scanned: then a `sig=` is also ruled out when
 * no SAS family could claim a query around it in the decoded text (sasClaimHints.ts, as the scan of
 * that text would decide), which a window cannot tell.
 */
const WHOLE_RUN_CHECKED = 1024;

/**
 * Every anchor of the run (`forms`, at its first, then each later one, overlapping ones included;
 * `dataLength` characters before the padding; `firstShift`: the grouping the first one shows;
 * `shortRun`: the reader that read it, when it is short) is a `sig=` that the scan of the decoded text would drop at once:
 * its decoded characters rule out a signature after it (signatureReader.ts's signatureRuledOut), or,
 * in a short run decoded whole, no family could claim what the reader reads around it. Then the run
 * is not decoded for a scan. A run of almost-tokens costs a window of decoding per anchor (or one
 * decoding of a short run) instead of a decoding and a scan of its own (which made runs of ~70
 * characters 10-25x ordinary text). Windows are decoded in the grouping their own anchor shows, so a
 * chance match in another grouping only sends the run to the full path.
 */
function everySignatureRuledOut(
  text: string,
  runStart: number,
  dataLength: number,
  forms: AnchorForms,
  firstShift: number,
  shortRun: ShortRunForms | undefined,
): boolean {
  // A short run: decoded whole as the full path would decode it (in its first anchor's grouping,
  // mostly printable text), when that is ASCII (one character per byte, so each anchor sits where
  // its group says). Printable ASCII, the common case, is read as bytes (`ascii` of them in
  // WHOLE_RUN_BYTES): no string is made of it.
  let whole: string | undefined;
  let ascii = -1;
  const bytes = WHOLE_RUN_BYTES;
  const wholeShift = firstShift;
  let claimable = true;
  if (dataLength <= WHOLE_RUN_CHECKED) {
    const hints = CLAIM_HINTS;
    hints.state = START_STATE;
    // The short-run reader kept the run's codes: decoded from them, not from the text.
    ascii =
      shortRun !== undefined
        ? decodePrintableAsciiCodes(shortRun.codes, runStart + wholeShift + shortRun.codesShift, runStart + dataLength + shortRun.codesShift, bytes, hints)
        : decodePrintableAsciiThrough(text, runStart + wholeShift, runStart + dataLength, bytes, hints);
    if (ascii >= 0) {
      claimable = claimHintFound(hints);
    } else {
      whole = decodeBase64Text(text, runStart + wholeShift, runStart + dataLength);
      if (whole !== undefined && whole.length !== Math.floor(((dataLength - wholeShift) * 3) / 4)) whole = undefined;
      if (whole !== undefined) claimable = mayClaimAnywhere(whole);
    }
  }
  let looked = 0;
  do {
    if (++looked > MAX_SIGNATURES_RULED_OUT) return false;
    const offset = SIGNATURE_FORM_OFFSET.get(forms.form);
    if (offset === undefined) return false;
    const groupStart = forms.index - runStart - forms.groupShift;
    if (groupStart < 0) return false;
    let ruledOut: boolean;
    if ((ascii >= 0 || whole !== undefined) && (groupStart - wholeShift) % 4 === 0) {
      // Where the scan of the decoded text finds this `sig=`.
      const at = ((groupStart - wholeShift) / 4) * 3 + offset;
      if (ascii >= 0) {
        ruledOut = isSignatureLiteralAt(bytes, ascii, at) && (!claimable || signatureRuledOutInAscii(bytes, ascii, at + SIGNATURE.length));
      } else {
        ruledOut = whole!.startsWith(SIGNATURE, at) && (!claimable || signatureRuledOut(whole!, at + SIGNATURE.length, undefined));
      }
    } else {
      const window = decodeBase64Latin1(text, runStart + groupStart, runStart + Math.min(dataLength, groupStart + SIGNATURE_WINDOW));
      ruledOut = window.startsWith(SIGNATURE, offset) && signatureRuledOut(window, offset + SIGNATURE.length, undefined);
    }
    if (!ruledOut) return false;
  } while (forms.next());
  return true;
}

/** The claim hints, run over a short run's bytes as they are decoded; the state it starts in. */
const CLAIM_HINTS = claimHintAutomaton();
const START_STATE = CLAIM_HINTS.state;
/** The bytes of a short run decoded whole, when they are printable ASCII. */
const WHOLE_RUN_BYTES = new Uint8Array((WHOLE_RUN_CHECKED * 3) / 4);
const SIGNATURE_CODES = [...SIGNATURE_LITERAL].map((c) => c.charCodeAt(0));

/** `sig=` at bytes[at] (of `length`). */
function isSignatureLiteralAt(bytes: Uint8Array, length: number, at: number): boolean {
  const codes = SIGNATURE_CODES;
  if (at + codes.length > length) return false;
  for (let k = 0; k < codes.length; k++) if (bytes[at + k] !== codes[k]) return false;
  return true;
}

/**
 * The last short run found to hold nothing to scan, by its bounds: a string is made of it only when a
 * later run ends like it (then most likely the same value again), so runs that all differ make none.
 */
class LastEmptyRun {
  private start = 0;
  private end = -1;
  /** text[start, end), once made. */
  private written: string | undefined;

  constructor(private readonly text: string) {}

  set(start: number, end: number): void {
    this.start = start;
    this.end = end;
    this.written = undefined;
  }

  /** text[start, end) is the same as the last empty run. */
  isAt(start: number, end: number): boolean {
    const length = this.end - this.start;
    if (end - start !== length) return false;
    const text = this.text;
    // Values that differ mostly differ near their end, where a secret is, though their last few
    // characters (a terminator and its padding) may be the same: a few characters apart are compared.
    for (let k = 1; k <= 17 && k <= length; k += 8) if (text.charCodeAt(end - k) !== text.charCodeAt(this.end - k)) return false;
    this.written ??= text.slice(this.start, this.end);
    // Equal strings compare natively by their memory (startsWith steps a character at a time).
    return text.slice(start, end) === this.written;
  }
}

/** The findings to report for credentials found in base64 values of `text`. */
export function encodedFindings(text: string, credentials: readonly EncodedCredential[]): Finding[] {
  if (credentials.length === 0) return [];
  const documents = new SecretDocuments(text);
  return credentials.map((c) => asEncodedFinding(c.decoded, c.value, documents.isSecret(c.value.start)));
}

/**
 * The character before `index` is neither a base64 character nor padding: no run crosses `index`,
 * and a pass may start there (see above).
 */
export function isRunBoundary(text: string, index: number): boolean {
  if (index <= 0 || index >= text.length) return true;
  const c = text.charCodeAt(index - 1);
  return !((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47 || c === 61);
}

/**
 * A run that is a `sha512-` integrity digest (anchorLiterals.ts): a hash, which no text was encoded
 * into. Lock files hold thousands; one of every 256 ends in `PQ==`, a form of `=`.
 */
function isIntegrityDigest(text: string, run: Base64Run): boolean {
  return (
    run.dataEnd - run.start === KEY_RUN &&
    run.end - run.dataEnd === ACCOUNT_KEY_PADDING.length &&
    text.startsWith(SRI_SHA512_PREFIX, run.start - SRI_SHA512_PREFIX.length)
  );
}

/**
 * A value decoded to a key alone (`azurestorageaccountkey: <base64 of the key>`) says what it is
 * only through its setting name, in the text in front of the run: scanned as `name=key`.
 */
function withSettingName(text: string, run: Base64Run, decoded: string): string {
  if (!endsLikeKeyValue(text, run.end)) return decoded;
  const key = decoded.trim();
  if (!BARE_ACCOUNT_KEY.test(key)) return decoded;
  const name = settingNameBefore(text, run.start);
  return name === undefined ? decoded : `${name}=${key}`;
}

/** The run ending at `end` ends as the base64 of a key alone may (withSettingName). */
function endsLikeKeyValue(text: string, end: number): boolean {
  return BASE64_WRAPPED_ENDINGS.some((ending) => text.startsWith(ending, end - ending.length));
}

/** The identifier of `name: `, `name=`, `"name": "` right before `index`, if any. */
function settingNameBefore(text: string, index: number): string | undefined {
  let i = index;
  let gap = 0;
  while (i > 0 && gap < 8 && ' \t"\':='.includes(text.charAt(i - 1))) {
    i--;
    gap++;
  }
  if (gap === 0) return undefined;
  const end = i;
  while (i > 0 && end - i < 64 && /[A-Za-z0-9_.-]/.test(text.charAt(i - 1))) i--;
  return end > i ? text.slice(i, end) : undefined;
}

function asEncodedFinding(finding: Finding, value: OffsetRange, inKubernetesSecret: boolean): Finding {
  const where = inKubernetesSecret ? 'base64-encoded in a Kubernetes Secret' : 'base64-encoded';
  const dash = finding.message.lastIndexOf(' — ');
  const message = dash >= 0 ? `${finding.message.slice(0, dash)}, ${where}${finding.message.slice(dash)}` : `${finding.message}, ${where}`;
  const { queryRange: _queryRange, ...rest } = finding;
  return {
    ...rest,
    message,
    reasons: [...finding.reasons, `${where}: base64 hides nothing, anyone who reads the file can decode it`],
    range: value,
    secretRange: value,
    encoding: 'base64',
  };
}

/**
 * Which YAML documents of the text are Kubernetes Secret manifests (`kind: Secret`, or
 * `"kind": "Secret"` in JSON), read once, when the first encoded finding needs it.
 */
class SecretDocuments {
  /** Start offsets of the documents (after each `---` line), and whether each is a Secret. */
  private readonly starts: number[] = [0];
  private readonly secret: boolean[] = [];

  constructor(text: string) {
    for (let i = text.indexOf('\n---'); i >= 0; i = text.indexOf('\n---', i + 4)) this.starts.push(i + 1);
    for (let d = 0; d < this.starts.length; d++) this.secret.push(false);
    for (let k = text.indexOf('kind'); k >= 0; k = text.indexOf('kind', k + 4)) {
      if (isSecretKind(text, k)) this.secret[this.documentAt(k)] = true;
    }
  }

  isSecret(index: number): boolean {
    return this.secret[this.documentAt(index)] === true;
  }

  private documentAt(index: number): number {
    return lastAtOrBefore(this.starts, index);
  }
}

/** `kind: Secret`, `kind: "Secret"`, `"kind": "Secret"` at `k` (the `kind`), as a key at a line start or in JSON. */
function isSecretKind(text: string, k: number): boolean {
  const before = k > 0 ? text.charAt(k - 1) : '\n';
  let i = k + 4;
  if (before === '"' || before === "'") {
    if (text.charAt(i) !== before) return false;
    i++;
  } else if (!' \t\n{,'.includes(before)) return false;
  while (text.charAt(i) === ' ' || text.charAt(i) === '\t') i++;
  if (text.charAt(i) !== ':') return false;
  i++;
  while (text.charAt(i) === ' ' || text.charAt(i) === '\t') i++;
  const quote = text.charAt(i) === '"' || text.charAt(i) === "'" ? text.charAt(i) : '';
  if (quote) i++;
  if (!text.startsWith('Secret', i)) return false;
  i += 6;
  if (quote) return text.charAt(i) === quote;
  return i >= text.length || !/[A-Za-z0-9_-]/.test(text.charAt(i));
}
