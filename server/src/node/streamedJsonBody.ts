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
// character above latin-1, a long object key, invalid JSON), the body is parsed the ordinary way
// from the bytes kept for that purpose.
import { randomBytes } from 'node:crypto';
import { JsonStringToLatin1 } from './jsonStringToLatin1';

/** Strings whose encoded form is at least this long are decoded as they arrive. */
export const LONG_STRING_BYTES = 16 * 1024;

/** What `substitute` returns when the placeholders cannot be replaced exactly. */
const REFUSED = Symbol('refused');

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

export class StreamedJsonBody {
  /** Every byte of the body, as it came: for the ordinary parse when the fast one cannot be used. */
  private readonly received: Uint8Array[] = [];
  private skeleton: Buffer;
  private skeletonLength = 0;
  /** The decoded long strings, one after the other (allocated with the first one). */
  private text: Buffer | undefined;
  private readonly pieces: Array<{ start: number; end: number }> = [];
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

  /** Takes the next bytes of the body (the caller keeps `bytes` unchanged from now on). */
  write(bytes: Uint8Array): void {
    this.received.push(bytes);
    if (this.ordinaryParse) return;
    const end = bytes.length;
    let i = 0;
    while (i < end) {
      const longString = this.longString;
      if (longString !== undefined) {
        i = longString.write(bytes, i, end);
        if (longString.failed) {
          this.ordinaryParse = true;
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
      } else if (this.skeletonLength - this.stringStart - 1 >= this.longStringBytes) {
        this.beginLongString();
        if (this.ordinaryParse) return;
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
    const bytes = this.received.length === 1 ? this.received[0]! : Buffer.concat(this.received);
    return JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
  }

  private appendToSkeleton(byte: number): void {
    if (this.skeletonLength === this.skeleton.length) {
      const grown = Buffer.allocUnsafe(this.skeleton.length * 2);
      this.skeleton.copy(grown, 0, 0, this.skeletonLength);
      this.skeleton = grown;
    }
    this.skeleton[this.skeletonLength++] = byte;
  }

  /** The string in the skeleton since its opening quote is long: from now on it is decoded. */
  private beginLongString(): void {
    // Room for every long string of the body: decoded, a string never takes more bytes than encoded.
    this.text ??= Buffer.allocUnsafe(this.contentLength);
    const start = this.pieces.length === 0 ? 0 : this.pieces[this.pieces.length - 1]!.end;
    const decoder = new JsonStringToLatin1(this.text, start);
    decoder.write(this.skeleton, this.stringStart + 1, this.skeletonLength);
    if (decoder.failed) {
      this.ordinaryParse = true;
      return;
    }
    this.skeletonLength = this.stringStart;
    this.longString = decoder;
  }

  private endLongString(decoder: JsonStringToLatin1): void {
    const placeholder = JSON.stringify(this.placeholderPrefix + String(this.pieces.length));
    this.pieces.push({ start: decoder.start, end: decoder.length });
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
