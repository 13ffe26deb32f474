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

export class AnchorScanner {
  private readonly lowered: string;
  private signature: Anchor | undefined;
  private signatureSearchedFrom = -1;
  private key: Anchor | undefined;
  private keySearchedFrom = -1;
  private identifiable: Anchor | undefined;
  private identifiableSearchedFrom = -1;

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
    // "accountkey" and "sharedaccesskey" are found through their "key" and start earlier.
    const i = this.lowered.indexOf('key', Math.max(from, 0));
    if (i < 0) {
      this.keySearchedFrom = Number.MAX_SAFE_INTEGER;
      return undefined;
    }
    if (i >= 7 && this.lowered.startsWith('account', i - 7)) this.key = { kind: 'account-key', index: i - 7, length: 10, resume: i + 1 };
    else if (i >= 12 && this.lowered.startsWith('sharedaccess', i - 12)) this.key = { kind: 'shared-access-key', index: i - 12, length: 15, resume: i + 1 };
    else this.key = { kind: 'key', index: i, length: 3, resume: i + 1 };
    return this.key;
  }

  private peekIdentifiable(from: number): Anchor | undefined {
    if (this.identifiable && this.identifiable.resume > from) return this.identifiable;
    if (!this.identifiable && this.identifiableSearchedFrom >= from && this.identifiableSearchedFrom >= 0) return undefined;
    this.identifiableSearchedFrom = from;
    const i = this.text.indexOf('+ASt', from);
    this.identifiable = i >= 0 ? { kind: 'identifiable-key', index: i, length: 4, resume: i + 1 } : undefined;
    if (i < 0) this.identifiableSearchedFrom = Number.MAX_SAFE_INTEGER;
    return this.identifiable;
  }
}
