// One JSON message body, parsed as its bytes arrive. A document opened or replaced in the editor
// reaches the server as one JSON string inside the message; for a 30 MB document, keeping the
// bytes, joining them, converting them to a string and letting JSON.parse copy the text out again
// each touch 30 MB of memory the process has never used, ~85 ms each here, all after the last byte
// has arrived. Here every string longer than `longStringBytes` is decoded while the message is
// still arriving (jsonStringToLatin1.ts) into one buffer; the rest of the message (its skeleton,
// with a placeholder where each long string was) is small and parsed at the end, and the
// placeholders are replaced by the decoded strings: one conversion of the text to a string, at the end.
//
// The result is always what JSON.parse of the whole body gives (the tests check it on random
// messages cut at random places). Whenever the fast way cannot promise that (a long string with a
// character above latin-1, a long object key, invalid JSON), the body is parsed the ordinary way:
// from JSON that means the same as what was read so far (the skeleton, each long string encoded
// again), followed by the bytes from there on, kept as they come. The bytes of the fast way are not
// kept: a 30 MB message is not held twice, and the stream's buffers go back to be reused.
import { randomBytes } from 'node:crypto';
import { JsonStringToLatin1 } from './jsonStringToLatin1';

/** Strings whose encoded form is at least this long are decoded as they arrive. */
export const LONG_STRING_BYTES = 16 * 1024;

/** What `substitute` returns when the placeholders cannot be replaced exactly. */
const REFUSED = Symbol('refused');

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

export class StreamedJsonBody {
  /**
   * Once the ordinary parse is chosen: JSON meaning what was read before, then every byte since,
   * as it came.
   */
  private readonly ordinaryBody: Uint8Array[] = [];
  private skeleton: Buffer;
  private skeletonLength = 0;
  /** The decoded long strings, one after the other (allocated with the first one). */
  private text: Buffer | undefined;
  /** Each long string: where it is in `text`, and where its placeholder is in the skeleton. */
  private readonly pieces: Array<{ start: number; end: number; placeholderAt: number; placeholderLength: number }> = [];
  private inString = false;
  private escaped = false;
  /** Where the current string's opening quote is in the skeleton. */
  private stringStart = 0;
  /** The long string being decoded, if any. */
  private longString: JsonStringToLatin1 | undefined;
  private ordinaryParse = false;
  /** Whether `finish` parsed the body the ordinary way (for the tests: the fast way must be taken where it can). */
  parsedOrdinarily = false;
  /** Unique to this body, so that no string of the message can be taken for a placeholder. */
  private readonly placeholderPrefix = `\u0000sas-guard-long-string-${randomBytes(8).toString('hex')}-`;

  constructor(
    private readonly contentLength: number,
    private readonly longStringBytes = LONG_STRING_BYTES,
  ) {
    this.skeleton = Buffer.allocUnsafe(Math.min(contentLength, 64 * 1024) + 64);
  }

  /** Takes the next bytes of the body (kept only once the ordinary parse is chosen: then unchanged from now on). */
  write(bytes: Uint8Array): void {
    if (this.ordinaryParse) {
      this.ordinaryBody.push(bytes);
      return;
    }
    const end = bytes.length;
    let i = 0;
    while (i < end) {
      const longString = this.longString;
      if (longString !== undefined) {
        i = longString.write(bytes, i, end);
        if (longString.failed) {
          this.chooseOrdinaryParse(this.readSoFar(longString), bytes.subarray(i));
          return;
        }
        if (longString.ended) this.endLongString(longString);
        continue;
      }
      const b = bytes[i++]!;
      this.appendToSkeleton(b);
      if (!this.inString) {
        if (b === QUOTE) {
          this.inString = true;
          this.escaped = false;
          this.stringStart = this.skeletonLength - 1;
        }
      } else if (this.escaped) {
        this.escaped = false;
      } else if (b === BACKSLASH) {
        this.escaped = true;
      } else if (b === QUOTE) {
        this.inString = false;
      } else if (this.skeletonLength - this.stringStart - 1 >= this.longStringBytes && !this.beginLongString()) {
        // The skeleton still holds this string as it came.
        this.chooseOrdinaryParse(this.readSoFar(undefined), bytes.subarray(i));
        return;
      }
    }
  }

  /** The parsed body; throws what JSON.parse throws for an invalid one. */
  finish(): unknown {
    if (this.ordinaryParse || this.longString !== undefined) return this.parseOrdinarily();
    // No long string: the skeleton holds every byte of the body, as it came.
    if (this.pieces.length === 0) return JSON.parse(this.skeleton.toString('utf8', 0, this.skeletonLength));
    let skeleton: unknown;
    try {
      skeleton = JSON.parse(this.skeleton.toString('utf8', 0, this.skeletonLength));
    } catch {
      return this.parseOrdinarily(); // for JSON.parse's own error on the real text
    }
    const textEnd = this.pieces[this.pieces.length - 1]!.end;
    const all = this.text!.toString('latin1', 0, textEnd);
    const strings = this.pieces.map((p) => (p.start === 0 && p.end === textEnd ? all : all.slice(p.start, p.end)));
    const placed = new Array<boolean>(strings.length).fill(false);
    const value = this.substitute(skeleton, strings, placed);
    // Each long string must be back exactly once, as a value (not a key, not dropped as a duplicate key).
    return value !== REFUSED && placed.every(Boolean) ? value : this.parseOrdinarily();
  }

  private parseOrdinarily(): unknown {
    this.parsedOrdinarily = true;
    if (!this.ordinaryParse) this.chooseOrdinaryParse(this.readSoFar(this.longString), new Uint8Array(0));
    return JSON.parse(Buffer.concat(this.ordinaryBody).toString('utf8'));
  }

  private chooseOrdinaryParse(readSoFar: Buffer, unread: Uint8Array): void {
    this.ordinaryParse = true;
    this.ordinaryBody.push(readSoFar, unread);
  }

  /**
   * JSON that means what has been read so far: the skeleton with each placeholder replaced by its
   * long string encoded again, then the long string being decoded, if any, as far as it went.
   */
  private readSoFar(current: JsonStringToLatin1 | undefined): Buffer {
    const parts: Buffer[] = [];
    let at = 0;
    for (const piece of this.pieces) {
      parts.push(this.skeleton.subarray(at, piece.placeholderAt));
      parts.push(Buffer.from(JSON.stringify(this.text!.toString('latin1', piece.start, piece.end)), 'utf8'));
      at = piece.placeholderAt + piece.placeholderLength;
    }
    parts.push(this.skeleton.subarray(at, this.skeletonLength));
    if (current !== undefined) {
      const decoded = JSON.stringify(this.text!.toString('latin1', current.start, current.length));
      parts.push(Buffer.from(decoded.slice(0, -1), 'utf8'), Buffer.from(current.unfinishedSequence()));
    }
    return Buffer.concat(parts);
  }

  private appendToSkeleton(byte: number): void {
    if (this.skeletonLength === this.skeleton.length) {
      const grown = Buffer.allocUnsafe(this.skeleton.length * 2);
      this.skeleton.copy(grown, 0, 0, this.skeletonLength);
      this.skeleton = grown;
    }
    this.skeleton[this.skeletonLength++] = byte;
  }

  /**
   * The string in the skeleton since its opening quote is long: from now on it is decoded. False
   * when latin-1 cannot carry what it holds so far (the skeleton is left as it was).
   */
  private beginLongString(): boolean {
    // Room for every long string of the body: decoded, a string never takes more bytes than encoded.
    this.text ??= Buffer.allocUnsafe(this.contentLength);
    const start = this.pieces.length === 0 ? 0 : this.pieces[this.pieces.length - 1]!.end;
    const decoder = new JsonStringToLatin1(this.text, start);
    decoder.write(this.skeleton, this.stringStart + 1, this.skeletonLength);
    if (decoder.failed) return false;
    this.skeletonLength = this.stringStart;
    this.longString = decoder;
    return true;
  }

  private endLongString(decoder: JsonStringToLatin1): void {
    const placeholder = JSON.stringify(this.placeholderPrefix + String(this.pieces.length));
    this.pieces.push({ start: decoder.start, end: decoder.length, placeholderAt: this.skeletonLength, placeholderLength: placeholder.length });
    for (let k = 0; k < placeholder.length; k++) this.appendToSkeleton(placeholder.charCodeAt(k));
    this.longString = undefined;
    this.inString = false;
  }

  /**
   * `value` with each placeholder string replaced by its long string, marking it in `placed`;
   * REFUSED when that cannot be done in place exactly (a placeholder twice, a `__proto__` key).
   */
  private substitute(value: unknown, strings: readonly string[], placed: boolean[]): unknown {
    if (typeof value === 'string') {
      if (!value.startsWith(this.placeholderPrefix)) return value;
      const index = Number(value.slice(this.placeholderPrefix.length));
      if (!(index >= 0 && index < strings.length) || placed[index]) return REFUSED;
      placed[index] = true;
      return strings[index];
    }
    if (Array.isArray(value)) {
      for (let k = 0; k < value.length; k++) {
        const replaced = this.substitute(value[k], strings, placed);
        if (replaced === REFUSED) return REFUSED;
        value[k] = replaced;
      }
      return value;
    }
    if (value !== null && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        // Assigning to `__proto__` would set the prototype, not the property JSON.parse made.
        if (key === '__proto__') return REFUSED;
        const replaced = this.substitute(record[key], strings, placed);
        if (replaced === REFUSED) return REFUSED;
        record[key] = replaced;
      }
    }
    return value;
  }
}
