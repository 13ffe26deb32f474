// The literal anchors of the one linear pass, found with `indexOf` on a lower-cased copy of the
// text (no regular expression, nothing to backtrack). Each family is searched on its own so that it
// can jump straight past a region its handler already examined instead of visiting every anchor
// inside it.

export type AnchorKind = 'sig' | 'account-key' | 'shared-access-key' | 'key' | 'identifiable-key';

export interface Anchor {
  readonly kind: AnchorKind;
  readonly index: number;
  readonly length: number;
  /** Where the anchor's family resumes searching after this anchor. */
  readonly resume: number;
}

/**
 * A lower-cased copy whose offsets match the text's. `toLowerCase` keeps the length except for
 * U+0130 (İ → i + combining dot); that one character is mapped to "I" first.
 */
export function lowerCaseSameLength(text: string): string {
  const lowered = text.toLowerCase();
  if (lowered.length === text.length) return lowered;
  const patched = text.replace(/\u0130/g, 'I').toLowerCase();
  if (patched.length === text.length) return patched;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out += c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : text.charAt(i);
  }
  return out;
}

/** `sig=` in any case and encoding: raw, percent-encoded once or twice, JSON-escaped. */
function signatureAnchorLength(lowered: string, sigIndex: number): number {
  const after = sigIndex + 3;
  if (lowered.charCodeAt(after) === 61) return 4; // sig=
  if (lowered.startsWith('%3d', after)) return 6;
  if (lowered.startsWith('%253d', after)) return 8;
  if (lowered.startsWith('\\u003d', after)) return 9;
  return 0;
}

/**
 * At least 43 characters of [A-Za-z0-9+/%\\] after the anchor: a signature cannot be shorter.
 * Checked here so that the anchors of adversarial text ("sig=sig=sig=…") are dropped without
 * leaving the scanner. The run stops at the next anchor's "=", so no text is read twice.
 */
function hasSignatureRun(text: string, start: number): boolean {
  const end = start + 43;
  if (end > text.length) return false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    const ok =
      (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47 || c === 37 || c === 92;
    if (!ok) return false;
  }
  return true;
}

function isBase64(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47;
}

/**
 * How far after a "key" literal an account key's "==" can be: identifier, quotes, gaps and
 * operator of a key setting, plus the 88 characters of the key.
 */
const KEY_REACH = 600;

export class AnchorScanner {
  private readonly lowered: string;
  private signature: Anchor | undefined;
  private signatureSearchedFrom = -1;
  private key: Anchor | undefined;
  private keySearchedFrom = -1;
  private identifiable: Anchor | undefined;
  private identifiableSearchedFrom = -1;
  /** The "==" last examined by accountKeyStartAtOrAfter (-2: none yet, -1: no more in the text). */
  private keyEnd = -2;
  private keyEndShaped = false;
  /** Cached position of the next "sharedaccesskey" (-2: not searched yet, -1: none). */
  private sharedAccessKey = -2;

  constructor(private readonly text: string) {
    this.lowered = lowerCaseSameLength(text);
  }

  /**
   * The earliest anchor of the SAS family at or after `sasFrom` and of the key families at or
   * after `keyFrom`.
   */
  next(sasFrom: number, keyFrom: number): Anchor | undefined {
    const a = this.peekSignature(sasFrom);
    const b = this.peekKey(keyFrom);
    const c = this.peekIdentifiable(keyFrom);
    let best = a;
    if (b && (!best || b.index < best.index)) best = b;
    if (c && (!best || c.index < best.index)) best = c;
    return best;
  }

  private peekSignature(from: number): Anchor | undefined {
    if (this.signature && this.signature.resume > from) return this.signature;
    if (!this.signature && this.signatureSearchedFrom >= from && this.signatureSearchedFrom >= 0) return undefined;
    this.signatureSearchedFrom = from;
    this.signature = undefined;
    for (let i = this.lowered.indexOf('sig', from); i >= 0; i = this.lowered.indexOf('sig', i + 1)) {
      const length = signatureAnchorLength(this.lowered, i);
      if (length > 0 && hasSignatureRun(this.text, i + length)) {
        this.signature = { kind: 'sig', index: i, length, resume: i + 1 };
        break;
      }
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
      const i = this.lowered.indexOf('key', search);
      if (i < 0) {
        this.keySearchedFrom = Number.MAX_SAFE_INTEGER;
        return undefined;
      }
      // "accountkey" and "sharedaccesskey" are found through their "key" and start earlier.
      if (i >= 12 && this.lowered.startsWith('sharedaccess', i - 12)) {
        this.key = { kind: 'shared-access-key', index: i - 12, length: 15, resume: i + 1 };
        return this.key;
      }
      // An account key (86 base64 characters and "==") must start after the anchor and close
      // enough to it. Otherwise only a SharedAccessKey anchor (whose key is 44 characters) or a
      // "key" within reach of the next key-shaped run can matter: the search jumps there.
      const keyStart = this.accountKeyStartAtOrAfter(i + 3);
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
      if (i >= 7 && this.lowered.startsWith('account', i - 7)) this.key = { kind: 'account-key', index: i - 7, length: 10, resume: i + 1 };
      else this.key = { kind: 'key', index: i, length: 3, resume: i + 1 };
      return this.key;
    }
  }

  /** The next "sharedaccesskey" at or after `from` (-1 if none); the position only moves forward. */
  private sharedAccessKeyAtOrAfter(from: number): number {
    if (this.sharedAccessKey === -1 || this.sharedAccessKey >= from) return this.sharedAccessKey;
    this.sharedAccessKey = this.lowered.indexOf('sharedaccesskey', from);
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
      if (this.keyEnd >= 0 && this.keyEndShaped && this.keyEnd - 86 >= from) return this.keyEnd - 86;
      const q = this.text.indexOf('==', Math.max(this.keyEnd + 1, from + 86, 0));
      if (q < 0) {
        this.keyEnd = -1;
        return -1;
      }
      let k = q - 1;
      const stop = q - 86;
      while (k >= stop && isBase64(this.text.charCodeAt(k))) k--;
      this.keyEnd = q;
      this.keyEndShaped = k < stop;
    }
  }

  private peekIdentifiable(from: number): Anchor | undefined {
    if (this.identifiable && this.identifiable.resume > from) return this.identifiable;
    if (!this.identifiable && this.identifiableSearchedFrom >= from && this.identifiableSearchedFrom >= 0) return undefined;
    this.identifiableSearchedFrom = from;
    let i = this.text.indexOf('+ASt', from);
    // The marker sits at offset 76 of an 88-character key ending in "==" (offsets 86 and 87).
    while (i >= 0 && (i < 76 || this.text.charCodeAt(i + 10) !== 61 || this.text.charCodeAt(i + 11) !== 61)) {
      i = this.text.indexOf('+ASt', i + 1);
    }
    this.identifiable = i >= 0 ? { kind: 'identifiable-key', index: i, length: 4, resume: i + 1 } : undefined;
    if (i < 0) this.identifiableSearchedFrom = Number.MAX_SAFE_INTEGER;
    return this.identifiable;
  }
}
