// Decodes the inside of a JSON string, as its UTF-8 bytes arrive in pieces, into latin-1 bytes: one
// byte a character. That is all a large document's text needs when every character is below 256
// (ASCII source, JSON and CSV exports, notebooks, logs), and it lets the reader of the protocol
// stream write a long string straight into one buffer instead of keeping the message, copying it,
// converting it to a string and parsing that (three copies of a 30 MB document on memory the
// process has never touched, each ~85 ms on this machine).
//
// Anything this cannot represent exactly makes it give up (`failed`), and the caller parses the
// message the ordinary way: a character at or above 256, a surrogate escape, invalid UTF-8, a raw
// control character, a malformed escape. Giving up is always correct; it only costs the time saved.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

const enum State {
  Plain,
  Escape,
  Hex,
  Utf8Continuation,
}

/** The character an escape letter stands for (`n` → 10 …); -1: not a one-letter escape. */
const SHORT_ESCAPES = new Int16Array(256).fill(-1);
for (const [letter, code] of [
  ['"', 0x22],
  ['\\', 0x5c],
  ['/', 0x2f],
  ['b', 0x08],
  ['f', 0x0c],
  ['n', 0x0a],
  ['r', 0x0d],
  ['t', 0x09],
] as const) {
  SHORT_ESCAPES[letter.charCodeAt(0)] = code;
}

const enum ByteKind {
  /** Printable ASCII but the quote and the backslash: the character itself. */
  Printable,
  Quote,
  Backslash,
  /** 0xC2 or 0xC3: the first byte of U+0080–U+00FF in UTF-8. */
  Latin1Lead,
  /** A control character (invalid in a JSON string), or the start of a character above latin-1, or not UTF-8. */
  Other,
}

/** One table lookup a byte instead of four comparisons: this loop runs once per byte of a large document. */
const BYTE_KINDS = new Uint8Array(256).fill(ByteKind.Other);
BYTE_KINDS.fill(ByteKind.Printable, 0x20, 0x80);
BYTE_KINDS[QUOTE] = ByteKind.Quote;
BYTE_KINDS[BACKSLASH] = ByteKind.Backslash;
BYTE_KINDS[0xc2] = ByteKind.Latin1Lead;
BYTE_KINDS[0xc3] = ByteKind.Latin1Lead;

function hexValue(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  const lower = byte | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}

export class JsonStringToLatin1 {
  private state = State.Plain;
  /** In `Hex`: digits read and their value so far; in `Utf8Continuation`: the lead byte's bits. */
  private hexDigits = 0;
  private pending = 0;
  /** Where the next latin-1 byte goes in `output` (from `start`). */
  length: number;
  /** Set once the string holds something latin-1 cannot carry exactly (or is not valid JSON). */
  failed = false;
  /** Set once the closing quote has been read. */
  ended = false;

  /**
   * Writes into `output` from `start` on, which must have room for as many bytes as will be fed
   * (a character never takes more bytes decoded than it took encoded).
   */
  constructor(
    private readonly output: Uint8Array,
    readonly start = 0,
  ) {
    this.length = start;
  }

  /**
   * Decodes `bytes[from, to)`; returns where it stopped: `to`, or just after the closing quote, or
   * where it failed.
   */
  write(bytes: Uint8Array, from: number, to: number): number {
    const out = this.output;
    let o = this.length;
    let i = from;
    while (i < to) {
      if (this.state === State.Plain) {
        // The hot loop (a large document's text is mostly here): printable ASCII copied as it is,
        // and a one-letter escape whose letter is in the same piece taken at once.
        let b = bytes[i]!;
        let kind = BYTE_KINDS[b]!;
        for (;;) {
          if (kind === ByteKind.Printable) out[o++] = b;
          else if (kind === ByteKind.Backslash && i + 1 < to && SHORT_ESCAPES[bytes[i + 1]!]! >= 0) out[o++] = SHORT_ESCAPES[bytes[++i]!]!;
          else break;
          if (++i === to) break;
          b = bytes[i]!;
          kind = BYTE_KINDS[b]!;
        }
        if (i === to) break;
        i++;
        if (kind === ByteKind.Quote) {
          this.ended = true;
          break;
        }
        if (kind === ByteKind.Backslash) this.state = State.Escape;
        else if (kind === ByteKind.Latin1Lead) {
          // A two-byte sequence for U+0080–U+00FF.
          this.pending = b & 0x1f;
          this.state = State.Utf8Continuation;
        } else return this.fail(i - 1, o);
        continue;
      }
      const b = bytes[i++]!;
      if (this.state === State.Escape) {
        if (b === 0x75 /* u */) {
          this.state = State.Hex;
          this.hexDigits = 0;
          this.pending = 0;
          continue;
        }
        const code = SHORT_ESCAPES[b]!;
        if (code < 0) return this.fail(i - 1, o);
        out[o++] = code;
        this.state = State.Plain;
      } else if (this.state === State.Hex) {
        const digit = hexValue(b);
        if (digit < 0) return this.fail(i - 1, o);
        if (this.hexDigits === 3 && ((this.pending << 4) | digit) > 0xff) return this.fail(i - 1, o);
        this.pending = (this.pending << 4) | digit;
        if (++this.hexDigits === 4) {
          out[o++] = this.pending;
          this.state = State.Plain;
        }
      } else {
        if ((b & 0xc0) !== 0x80) return this.fail(i - 1, o);
        out[o++] = (this.pending << 6) | (b & 0x3f);
        this.state = State.Plain;
      }
    }
    this.length = o;
    return i;
  }

  /**
   * The bytes of an escape or UTF-8 sequence begun but not finished (decoded to nothing yet), as
   * JSON that means the same: with the output so far and the bytes not taken, the string as sent.
   */
  unfinishedSequence(): number[] {
    if (this.state === State.Escape) return [BACKSLASH];
    if (this.state === State.Hex) {
      const digits = this.hexDigits === 0 ? '' : this.pending.toString(16).padStart(this.hexDigits, '0');
      return [BACKSLASH, 0x75, ...[...digits].map((d) => d.charCodeAt(0))];
    }
    if (this.state === State.Utf8Continuation) return [0xc0 | this.pending];
    return [];
  }

  private fail(at: number, written: number): number {
    this.failed = true;
    this.length = written;
    return at;
  }
}
