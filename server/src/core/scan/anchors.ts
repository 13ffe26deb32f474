// The literal anchors of the one linear pass, found in the text itself: ASCII case-insensitive
// literal patterns (`/sig=|…/gi`, `/key/gi`: no quantifier, nothing to backtrack) and `indexOf`
// for case-free ones. No lower-cased copy of the whole text is made (V8's `toLowerCase` is slow on
// two-byte strings, and a copy per scan made every scan O(text) before its first anchor). Each
// family is searched on its own so that it can jump straight past a region its handler already
// examined instead of visiting every anchor inside it. The literals themselves are anchorLiterals.ts's.

import {
  ACCOUNT_KEY_BASE64_RUN,
  ACCOUNT_KEY_PADDING,
  ENCODED_KEY_PASSWORD_END,
  SRI_SHA512_PREFIX,
  ACCOUNT_KEY_WORD,
  IDENTIFIABLE_KEY_MARKER,
  IDENTIFIABLE_MARKER_OFFSET,
  KEY_WORD,
  SHARED_ACCESS_KEY_WORD,
  SIGNATURE_EQUALS_SPELLINGS,
  SIGNATURE_MIN_RUN,
  SIGNATURE_NAME,
  SYMMETRIC_KEY_CALL,
} from './anchorLiterals';
import { isIdentifierChar, startsWithIgnoreCase } from '../util/charClasses';
import { encodedAccountKeyEnd, encodedKeyStart } from '../parse/percentEncodedKey';

export type AnchorKind = 'sig' | 'account-key' | 'shared-access-key' | 'key' | 'identifiable-key' | 'argument-key' | 'userinfo-key' | 'symmetric-key-call';

export interface Anchor {
  readonly kind: AnchorKind;
  readonly index: number;
  readonly length: number;
  /** Where the anchor's family resumes searching after this anchor. */
  readonly resume: number;
  /**
   * Key anchors (`key`, `accountkey`): start of the key-shaped run (86 base64 characters and "==")
   * within reach after the anchor, which the anchor exists for.
   */
  readonly keyRun?: number;
}

/**
 * `sig=` in any ASCII case and encoding: raw, percent-encoded once or twice, JSON-escaped, followed
 * by at least 43 characters of [A-Za-z0-9+/%\\] (a signature cannot be shorter; checked in the
 * regular expression engine, so "sig=sig=sig=…" costs no call per anchor), or by fewer that a quote
 * ends: a signature cut across string literals (`"…&sig=abc" +` and `"def…"`), which only a language
 * that joins literals can continue and which the scanner keeps only with a SAS parameter within reach
 * (scanner.ts, sasClaimHints.ts).
 * Without the `u` flag, `i` folds ASCII letters only (no Unicode case mapping onto ASCII). Work per
 * start position is bounded (the alternatives start with different characters; the lookaheads are a
 * fixed count of one class, or at most 42 of it and a quote): linear, nothing to backtrack into.
 * The fixed count is written as 3 and then the rest: the same set of texts, but V8 fails it ~30%
 * faster where most anchors are followed by a short word (`sig=sig=…`, a decoded value of them).
 */
const SIGNATURE_ANCHOR = new RegExp(
  `${SIGNATURE_NAME}(?:${SIGNATURE_EQUALS_SPELLINGS.map(escapeRegExp).join('|')})(?=[A-Za-z0-9+/%\\\\]{3}[A-Za-z0-9+/%\\\\]{${SIGNATURE_MIN_RUN - 3}}|[A-Za-z0-9+/%\\\\]{0,${SIGNATURE_MIN_RUN - 1}}["'\x60])`,
  'gi',
);
/**
 * SIGNATURE_ANCHOR without the cut signature, for a text whose literals do not join (plain text, a
 * decoded value): there the scanner drops every anchor a quote cuts (scanner.ts), and the pattern
 * need not try for one. On `sig=sig=…` (a decoded value of them) that alternative was a third of
 * the work at each anchor.
 */
const UNJOINED_SIGNATURE_ANCHOR = new RegExp(
  `${SIGNATURE_NAME}(?:${SIGNATURE_EQUALS_SPELLINGS.map(escapeRegExp).join('|')})(?=[A-Za-z0-9+/%\\\\]{3}[A-Za-z0-9+/%\\\\]{${SIGNATURE_MIN_RUN - 3}})`,
  'gi',
);
/** `key` in any ASCII case. */
const KEY_LITERAL = new RegExp(escapeRegExp(KEY_WORD), 'gi');
/** `sharedaccesskey` in any ASCII case. */
const SHARED_ACCESS_KEY = new RegExp(escapeRegExp(SHARED_ACCESS_KEY_WORD), 'gi');
/** What comes before `key` in the two longer key words: `account`, `sharedaccess`. */
const ACCOUNT_PREFIX = ACCOUNT_KEY_WORD.slice(0, -KEY_WORD.length);
const SHARED_ACCESS_PREFIX = SHARED_ACCESS_KEY_WORD.slice(0, -KEY_WORD.length);

/** `text` as a regular expression that matches it literally. */
function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

/**
 * End of the first match of a global literal pattern starting at or after `from` (-1 if none).
 * `test` rather than `exec`: no match array per candidate (adversarial text has millions).
 */
function matchEndFrom(pattern: RegExp, text: string, from: number): number {
  pattern.lastIndex = Math.max(0, from);
  return pattern.test(text) ? pattern.lastIndex : -1;
}

/** Length of the signature anchor ending at `end`: `sig=`, `sig%3D`, `sig%253D`, `sig\u003d`. */
function signatureAnchorLength(text: string, end: number): number {
  if (text.charCodeAt(end - 1) === 61) return 4;
  if (text.charCodeAt(end - 3) === 37) return 6;
  if (text.charCodeAt(end - 5) === 37) return 8;
  return 9;
}

/**
 * util/charClasses.ts's isBase64Char, copied: it runs once per character of every key-shaped run,
 * and under per-file transpilation (tsx) an imported call costs a property lookup each time.
 * Keep the two identical.
 */
function isBase64(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47;
}

/**
 * The padding of a key-shaped run and what follows it where no key word need stand before: the quote
 * that closes a call argument's literal, or the `@` that ends a URL's password
 * (`mongodb://acct:<key>==@acct.mongo.cosmos.azure.com`).
 */
const UNNAMED_KEY_END = new RegExp(`${ACCOUNT_KEY_PADDING}["'@]`, 'g');

/**
 * The host a URL's password is a Cosmos DB key for: `@acct.mongo.cosmos.azure.com` (a Cosmos DB for
 * MongoDB connection string; the older `@acct.documents.azure.com` too), from the `@` on. A URL's
 * password is an anchor only before such a host: any other host's is no claim (MongoDB Atlas, a
 * self-hosted server), and testing the host first keeps a text of other URLs' passwords cheap.
 */
const COSMOS_MONGO_HOST = /@[a-z0-9-]{3,44}\.(?:mongo\.cosmos|documents)\.azure\.(?:com|cn|us)(?![A-Za-z0-9.-])/iy;

/** COSMOS_MONGO_HOST starts at `at` (an `@`). */
export function isCosmosMongoHostAt(text: string, at: number): boolean {
  if (text.charCodeAt(at) !== 64 /* @ */) return false;
  COSMOS_MONGO_HOST.lastIndex = at;
  return COSMOS_MONGO_HOST.test(text);
}

/**
 * `AccountKey` then its `=` percent-encoded (`%3D`), any case: the setting of a connection string
 * written as a query parameter's value (families/percentEncodedConnectionString.ts).
 */
const ENCODED_ACCOUNT_KEY_SETTING = new RegExp(`${ACCOUNT_KEY_WORD}%3d`, 'gi');

/** ENCODED_KEY_PASSWORD_END (`%3d%3d@`) in any case. */
const ENCODED_KEY_END = new RegExp(ENCODED_KEY_PASSWORD_END, 'gi');

/**
 * A URL's password starts at `start`: `:` before it, and before that a user name of URL characters
 * right after `scheme://` (a few dozen characters at most, looked at once per candidate).
 */
function isUserinfoPasswordStart(text: string, start: number): boolean {
  if (text.charCodeAt(start - 1) !== 58 /* : */) return false;
  let i = start - 2;
  const floor = Math.max(0, start - 2 - 64);
  while (i >= floor && isUserinfoChar(text.charCodeAt(i))) i--;
  return i < start - 2 && i >= 2 && text.charCodeAt(i) === 47 && text.charCodeAt(i - 1) === 47 && text.charCodeAt(i - 2) === 58; // ://
}

function isUserinfoChar(c: number): boolean {
  return isIdentifierChar(c) || c === 45 || c === 46 || c === 37 || c === 126; // - . % ~
}

/** `key` in any ASCII case, anywhere in a slice (KEY_LITERAL, unanchored and without state). */
const KEY_WITHIN_REACH = /key/i;

/**
 * A quote opens a literal at `start - 1` (after an optional `@`, `$` or one-letter prefix) and the
 * character before it, blanks and line breaks skipped, is `(` or `,`: the value is a call argument.
 */
function isQuotedArgumentStart(text: string, start: number): boolean {
  const quote = text.charCodeAt(start - 1);
  if (quote !== 34 && quote !== 39) return false;
  let i = start - 2;
  const c = text.charCodeAt(i);
  if (c === 64 || c === 36 || c === 76) i--; // @"…", $"…", L"…"
  return followsArgumentStart(text, i, true);
}

/**
 * The text ending at `end` (inclusive), blanks and line breaks skipped, is `(` or `,`, or, with
 * `keyword`, a keyword argument's `name=` after them (`(url, credential="…"`).
 */
function followsArgumentStart(text: string, end: number, keyword: boolean): boolean {
  for (let i = end, floor = end - 64; i > floor && i >= 0; i--) {
    const b = text.charCodeAt(i);
    if (b === 32 || b === 9 || b === 10 || b === 13) continue;
    if (b !== 61 /* = */ || !keyword) return b === 40 || b === 44;
    let k = i - 1;
    while (k >= 0 && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k--;
    const nameEnd = k;
    while (k >= 0 && i - k < 64 && isIdentifierChar(text.charCodeAt(k))) k--;
    return k !== nameEnd && followsArgumentStart(text, k, false);
  }
  return false;
}

/**
 * How far after a "key" literal an account key's "==" can be: identifier, quotes, gaps and
 * operator of a key setting, plus the 88 characters of the key.
 */
const KEY_REACH = 600;

export class AnchorScanner {
  private signature: Anchor | undefined;
  private signatureSearchedFrom = -1;
  private key: Anchor | undefined;
  private keySearchedFrom = -1;
  private identifiable: Anchor | undefined;
  private identifiableSearchedFrom = -1;
  /** The "==" last examined by accountKeyStartAtOrAfter (-2: none yet, -1: no more in the text). */
  private keyEnd = -2;
  private keyEndShaped = false;
  /** Where the run before that "==" starts (its 86 characters, a `\/` counted as one). */
  private keyRunStart = -1;
  /** Cached position of the next "sharedaccesskey" (-2: not searched yet, -1: none). */
  private sharedAccessKey = -2;
  private unnamedKey: Anchor | undefined;
  private unnamedKeySearchedFrom = -1;
  private encodedUserinfoKey: Anchor | undefined;
  private encodedUserinfoKeySearchedFrom = -1;
  /** The last `%3D%3D@` read back from: the search never reads back from one twice. */
  private encodedKeyPaddingSeen = -1;
  private encodedAccountKey: Anchor | undefined;
  private encodedAccountKeySearchedFrom = -1;
  private symmetricKeyCall: Anchor | undefined;
  private symmetricKeyCallSearchedFrom = -1;

  /**
   * `signatureRuledOut(index, length)`, when given, drops a signature anchor at once (the signature
   * reader's check of the characters after it, on the whole text): a line of anchors that cannot
   * start a signature then costs no trip through the scanner's loop per anchor.
   */
  private readonly signatureAnchor: RegExp;

  /**
   * `joinsLiterals`: the text's language joins string literals, so a signature a quote cuts may go on
   * in the next literal and is an anchor (false: such anchors are not searched for).
   */
  constructor(
    private readonly text: string,
    private readonly signatureRuledOut?: (index: number, length: number) => boolean,
    joinsLiterals = true,
  ) {
    this.signatureAnchor = joinsLiterals ? SIGNATURE_ANCHOR : UNJOINED_SIGNATURE_ANCHOR;
  }

  /**
   * The earliest anchor of the SAS family at or after `sasFrom` and of the key families at or
   * after `keyFrom`.
   */
  next(sasFrom: number, keyFrom: number): Anchor | undefined {
    const a = this.peekSignature(sasFrom);
    const b = this.peekKey(keyFrom);
    const c = this.peekIdentifiable(keyFrom);
    const d = this.peekUnnamedKey(keyFrom);
    const e = this.peekSymmetricKeyCall(keyFrom);
    const f = this.peekEncodedUserinfoKey(keyFrom);
    const g = this.peekEncodedAccountKeySetting(keyFrom);
    let best = a;
    if (b && (!best || b.index < best.index)) best = b;
    if (c && (!best || c.index < best.index)) best = c;
    if (d && (!best || d.index < best.index)) best = d;
    if (e && (!best || e.index < best.index)) best = e;
    if (f && (!best || f.index < best.index)) best = f;
    if (g && (!best || g.index < best.index)) best = g;
    return best;
  }

  private peekSignature(from: number): Anchor | undefined {
    if (this.signature && this.signature.resume > from) return this.signature;
    if (!this.signature && this.signatureSearchedFrom >= from && this.signatureSearchedFrom >= 0) return undefined;
    this.signatureSearchedFrom = from;
    this.signature = undefined;
    // The pattern's lookahead has checked the 43 characters a signature needs at least.
    const pattern = this.signatureAnchor;
    for (let end = matchEndFrom(pattern, this.text, from); end >= 0;) {
      const length = signatureAnchorLength(this.text, end);
      const i = end - length;
      if (this.signatureRuledOut?.(i, length) !== true) {
        this.signature = { kind: 'sig', index: i, length, resume: i + 1 };
        break;
      }
      end = matchEndFrom(pattern, this.text, i + 1);
    }
    if (!this.signature) this.signatureSearchedFrom = Number.MAX_SAFE_INTEGER;
    return this.signature;
  }

  private peekKey(from: number): Anchor | undefined {
    if (this.key && this.key.resume > from) return this.key;
    if (!this.key && this.keySearchedFrom >= from && this.keySearchedFrom >= 0) return undefined;
    this.keySearchedFrom = from;
    this.key = undefined;
    let search = Math.max(from, 0);
    for (;;) {
      const keyEnd = matchEndFrom(KEY_LITERAL, this.text, search);
      const i = keyEnd < 0 ? -1 : keyEnd - KEY_WORD.length;
      if (i < 0) {
        this.keySearchedFrom = Number.MAX_SAFE_INTEGER;
        return undefined;
      }
      // "accountkey" and "sharedaccesskey" are found through their "key" and start earlier.
      if (i >= SHARED_ACCESS_PREFIX.length && startsWithIgnoreCase(this.text, i - SHARED_ACCESS_PREFIX.length, SHARED_ACCESS_PREFIX)) {
        this.key = { kind: 'shared-access-key', index: i - SHARED_ACCESS_PREFIX.length, length: SHARED_ACCESS_KEY_WORD.length, resume: i + 1 };
        return this.key;
      }
      // An account key (86 base64 characters and "==") must start after the anchor and close
      // enough to it. Otherwise only a SharedAccessKey anchor (whose key is 44 characters) or a
      // "key" within reach of the next key-shaped run can matter: the search jumps there.
      const keyStart = this.accountKeyStartAtOrAfter(i + KEY_WORD.length);
      if (keyStart < 0 || keyStart - i > KEY_REACH) {
        const sharedAccessKey = this.sharedAccessKeyAtOrAfter(i + 1);
        const target = Math.min(sharedAccessKey >= 0 ? sharedAccessKey : Infinity, keyStart >= 0 ? keyStart - KEY_REACH : Infinity);
        if (target === Infinity) {
          this.keySearchedFrom = Number.MAX_SAFE_INTEGER;
          return undefined;
        }
        search = Math.max(i + 1, target);
        continue;
      }
      if (i >= ACCOUNT_PREFIX.length && startsWithIgnoreCase(this.text, i - ACCOUNT_PREFIX.length, ACCOUNT_PREFIX)) {
        this.key = { kind: 'account-key', index: i - ACCOUNT_PREFIX.length, length: ACCOUNT_KEY_WORD.length, resume: i + 1, keyRun: keyStart };
      } else this.key = { kind: 'key', index: i, length: KEY_WORD.length, resume: i + 1, keyRun: keyStart };
      return this.key;
    }
  }

  /** The next "sharedaccesskey" at or after `from` (-1 if none); the position only moves forward. */
  private sharedAccessKeyAtOrAfter(from: number): number {
    if (this.sharedAccessKey === -1 || this.sharedAccessKey >= from) return this.sharedAccessKey;
    const end = matchEndFrom(SHARED_ACCESS_KEY, this.text, from);
    this.sharedAccessKey = end < 0 ? -1 : end - SHARED_ACCESS_KEY_WORD.length;
    return this.sharedAccessKey;
  }

  /**
   * Start of the first key-shaped run (86 base64 characters then "==") starting at or after
   * `from`, or -1. Positions only move forward and each "==" is examined once, so all calls
   * together read the text a bounded number of times.
   */
  private accountKeyStartAtOrAfter(from: number): number {
    for (;;) {
      if (this.keyEnd === -1) return -1;
      if (this.keyEnd >= 0 && this.keyEndShaped && this.keyRunStart >= from) return this.keyRunStart;
      const q = this.text.indexOf(ACCOUNT_KEY_PADDING, Math.max(this.keyEnd + 1, from + ACCOUNT_KEY_BASE64_RUN, 0));
      if (q < 0) {
        this.keyEnd = -1;
        return -1;
      }
      // 86 base64 characters back from the padding; a JSON-escaped slash (`\/`, or `\\/` in a string
      // literal) is one of them (a key in a JSON string written by PHP's json_encode, a recording).
      const text = this.text;
      let k = q - 1;
      let count = 0;
      while (count < ACCOUNT_KEY_BASE64_RUN && k >= 0 && isBase64(text.charCodeAt(k))) {
        count++;
        if (text.charCodeAt(k) === 47 && text.charCodeAt(k - 1) === 92) k -= text.charCodeAt(k - 2) === 92 ? 3 : 2;
        else k--;
      }
      this.keyEnd = q;
      this.keyRunStart = k + 1;
      this.keyEndShaped = count === ACCOUNT_KEY_BASE64_RUN && !text.startsWith(SRI_SHA512_PREFIX, k + 1 - SRI_SHA512_PREFIX.length);
    }
  }

  /**
   * A key-shaped run (86 base64 characters and "==") written as a quoted call argument, `("..."` or
   * `, "..."`, with no "key" within KEY_REACH before it: the key of `new StorageCredentials("acct",
   * "...")`, which no key word anchors (the family then asks whether the call is a storage SDK's). Or
   * one written as a URL's password before a Cosmos DB host (`userinfo-key`): a Cosmos DB for MongoDB
   * connection string's.
   * Each "==" is looked at once, with a constant number of characters around it.
   */
  private peekUnnamedKey(from: number): Anchor | undefined {
    if (this.unnamedKey && this.unnamedKey.resume > from) return this.unnamedKey;
    if (!this.unnamedKey && this.unnamedKeySearchedFrom >= from && this.unnamedKeySearchedFrom >= 0) return undefined;
    this.unnamedKeySearchedFrom = from;
    this.unnamedKey = undefined;
    const text = this.text;
    // The literal closes right after the padding: `=="` or `=='` is far rarer in code than `==`.
    for (
      let end = matchEndFrom(UNNAMED_KEY_END, text, Math.max(0, from) + ACCOUNT_KEY_BASE64_RUN);
      end >= 0;
      end = matchEndFrom(UNNAMED_KEY_END, text, end - 2)
    ) {
      const q = end - 3;
      const start = q - ACCOUNT_KEY_BASE64_RUN;
      const password = text.charCodeAt(end - 1) === 64; /* @ */
      if (
        password
          ? !isCosmosMongoHostAt(text, end - 1) || !isUserinfoPasswordStart(text, start)
          : text.charCodeAt(end - 1) !== text.charCodeAt(start - 1) || !isQuotedArgumentStart(text, start)
      )
        continue;
      let k = q - 1;
      while (k >= start && isBase64(text.charCodeAt(k))) k--;
      if (k >= start) continue;
      KEY_WITHIN_REACH.lastIndex = 0;
      if (KEY_WITHIN_REACH.test(text.slice(Math.max(0, start - KEY_REACH), start))) continue;
      this.unnamedKey = {
        kind: password ? 'userinfo-key' : 'argument-key',
        index: start,
        length: ACCOUNT_KEY_BASE64_RUN + ACCOUNT_KEY_PADDING.length,
        resume: start + 1,
      };
      return this.unnamedKey;
    }
    this.unnamedKeySearchedFrom = Number.MAX_SAFE_INTEGER;
    return undefined;
  }

  /**
   * A URL's password that is an account key percent-encoded (`userinfo-key` as well): `mongodb://acct:`
   * then 86 base64 characters with `+` and `/` written `%2B` and `%2F`, then `%3D%3D@` and a Cosmos DB
   * host. The anchor spans the key as written, padding included. Each `%3D%3D@` is looked at once,
   * with at most a constant number of characters before it.
   */
  private peekEncodedUserinfoKey(from: number): Anchor | undefined {
    if (this.encodedUserinfoKey && this.encodedUserinfoKey.resume > from) return this.encodedUserinfoKey;
    if (!this.encodedUserinfoKey && this.encodedUserinfoKeySearchedFrom >= from && this.encodedUserinfoKeySearchedFrom >= 0) return undefined;
    this.encodedUserinfoKeySearchedFrom = from;
    this.encodedUserinfoKey = undefined;
    const text = this.text;
    // A `%3D%3D@` already read back from gave an anchor before `from` or none: the search goes on
    // after it (`from` only grows), so a key's run is read once, not again after its own anchor.
    ENCODED_KEY_END.lastIndex = Math.max(0, from, this.encodedKeyPaddingSeen + 1);
    for (let m = ENCODED_KEY_END.exec(text); m !== null; m = ENCODED_KEY_END.exec(text)) {
      this.encodedKeyPaddingSeen = m.index;
      const end = m.index + ENCODED_KEY_PASSWORD_END.length - 1; // the `@` is not the key's
      if (!isCosmosMongoHostAt(text, end)) continue;
      const start = encodedKeyStart(text, m.index);
      if (start < Math.max(0, from) || !isUserinfoPasswordStart(text, start)) continue;
      this.encodedUserinfoKey = { kind: 'userinfo-key', index: start, length: end - start, resume: start + 1 };
      return this.encodedUserinfoKey;
    }
    this.encodedUserinfoKeySearchedFrom = Number.MAX_SAFE_INTEGER;
    return undefined;
  }

  /**
   * `AccountKey%3D` (an `account-key` anchor too): a percent-encoded connection string's key setting,
   * which the key anchor, wanting a key-shaped run with `==` after it, does not find.
   */
  private peekEncodedAccountKeySetting(from: number): Anchor | undefined {
    if (this.encodedAccountKey && this.encodedAccountKey.resume > from) return this.encodedAccountKey;
    if (!this.encodedAccountKey && this.encodedAccountKeySearchedFrom >= from && this.encodedAccountKeySearchedFrom >= 0) return undefined;
    this.encodedAccountKeySearchedFrom = from;
    // Only a setting an encoded key follows is an anchor: a text of bare settings stays cheap.
    for (let end = matchEndFrom(ENCODED_ACCOUNT_KEY_SETTING, this.text, from); end >= 0; end = matchEndFrom(ENCODED_ACCOUNT_KEY_SETTING, this.text, end)) {
      if (encodedAccountKeyEnd(this.text, end) < 0) continue;
      const index = end - ACCOUNT_KEY_WORD.length - 3;
      this.encodedAccountKey = { kind: 'account-key', index, length: ACCOUNT_KEY_WORD.length, resume: index + 1 };
      return this.encodedAccountKey;
    }
    this.encodedAccountKey = undefined;
    this.encodedAccountKeySearchedFrom = Number.MAX_SAFE_INTEGER;
    return undefined;
  }

  /** `SymmetricKeySigningMechanism` (case-sensitive), found with the native `indexOf`. */
  private peekSymmetricKeyCall(from: number): Anchor | undefined {
    if (this.symmetricKeyCall && this.symmetricKeyCall.resume > from) return this.symmetricKeyCall;
    if (!this.symmetricKeyCall && this.symmetricKeyCallSearchedFrom >= from && this.symmetricKeyCallSearchedFrom >= 0) return undefined;
    this.symmetricKeyCallSearchedFrom = from;
    const i = this.text.indexOf(SYMMETRIC_KEY_CALL, Math.max(0, from));
    this.symmetricKeyCall = i >= 0 ? { kind: 'symmetric-key-call', index: i, length: SYMMETRIC_KEY_CALL.length, resume: i + 1 } : undefined;
    if (i < 0) this.symmetricKeyCallSearchedFrom = Number.MAX_SAFE_INTEGER;
    return this.symmetricKeyCall;
  }

  private peekIdentifiable(from: number): Anchor | undefined {
    if (this.identifiable && this.identifiable.resume > from) return this.identifiable;
    if (!this.identifiable && this.identifiableSearchedFrom >= from && this.identifiableSearchedFrom >= 0) return undefined;
    this.identifiableSearchedFrom = from;
    let i = this.text.indexOf(IDENTIFIABLE_KEY_MARKER, from);
    // The marker sits at offset 76 of an 88-character key ending in "==" (offsets 86 and 87).
    const padding = ACCOUNT_KEY_BASE64_RUN - IDENTIFIABLE_MARKER_OFFSET;
    while (i >= 0 && (i < IDENTIFIABLE_MARKER_OFFSET || this.text.charCodeAt(i + padding) !== 61 || this.text.charCodeAt(i + padding + 1) !== 61)) {
      i = this.text.indexOf(IDENTIFIABLE_KEY_MARKER, i + 1);
    }
    this.identifiable = i >= 0 ? { kind: 'identifiable-key', index: i, length: IDENTIFIABLE_KEY_MARKER.length, resume: i + 1 } : undefined;
    if (i < 0) this.identifiableSearchedFrom = Number.MAX_SAFE_INTEGER;
    return this.identifiable;
  }
}
