// Keys written beside their own decoded bytes: test vectors. Azure/azure-iot-sdk-python's unit test
// of its signer (tests/unit/common/auth/test_signing_mechanism.py) gives a symmetric key as
// `pytest.param("<key>", b"4\xc8\t…")`, the key and the bytes it must decode to, then signs with the
// same key in a fixture below: graded by what a device key grants, that was a high error. Nobody
// who uses a key writes its decoded bytes out next to it; a test of the code that decodes it does.
// The text's own evidence: the finding stays, at info, saying so.
//
// What counts: within WINDOW characters of the secret, a literal whose bytes are exactly the
// secret's base64-decoded bytes (16 bytes at least): a Python bytes literal (`b"…"`, `b'…'`, with
// its escapes) or the bytes in hex (`34c8090e…`, either case). Each part of the text is read once,
// however many findings there are (the literals are indexed as the findings' windows reach them).

import { decodeBase64Latin1 } from '../parse/base64';
import type { Finding, OffsetRange } from '../findings/types';
import { infoByEvidence } from '../findings/infoByEvidence';

/** How far from the secret its decoded bytes are looked for. */
const WINDOW = 8192;
/** Shortest decoded secret checked: symmetric keys are 16 to 64 bytes, account keys 64. */
const MIN_BYTES = 16;
const MAX_BYTES = 64;
/** A base64 secret as the text writes it (no escapes, no percent-encoding). */
const PLAIN_BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
/** The literals that can spell bytes: a Python bytes literal's opening, or a run of hex digits (whole, not inside a word). */
const BYTES_LITERAL = /\b[bB]["']|(?<![0-9A-Za-z])[0-9A-Fa-f]{32,128}(?![0-9A-Za-z])/g;

export const TEST_VECTOR_REASON = 'written beside its own decoded bytes, as a test of the code that decodes it is: info, whatever the value would grant';

/** Answers per secret, indexing the text's bytes literals as the findings' windows reach them. */
export class TestVectors {
  /** Bytes spelled by a literal (one character per byte) -> where the literals start, in text order. */
  private readonly literals = new Map<string, number[]>();
  /** The text before this offset is indexed. */
  private indexedTo = 0;

  constructor(private readonly text: string) {}

  /** Whether the secret at `range` (base64, as written) has its decoded bytes spelled within WINDOW of it. */
  isTestVector(range: OffsetRange): boolean {
    const length = range.end - range.start;
    if (length < 22 || length > 88) return false;
    const secret = this.text.slice(range.start, range.end);
    if (!PLAIN_BASE64.test(secret) || secret.length % 4 !== 0) return false;
    const padding = secret.endsWith('==') ? 2 : secret.endsWith('=') ? 1 : 0;
    const bytes = decodeBase64Latin1(this.text, range.start, range.end - padding);
    if (bytes.length < MIN_BYTES || bytes.length > MAX_BYTES) return false;
    const from = Math.max(0, range.start - WINDOW);
    const to = Math.min(this.text.length, range.end + WINDOW);
    this.indexThrough(from, to);
    const starts = this.literals.get(bytes);
    return starts !== undefined && starts.some((start) => start >= from && start < to);
  }

  /** Indexes the literals starting in [from, to) not indexed yet. */
  private indexThrough(from: number, to: number): void {
    if (to <= this.indexedTo) return;
    BYTES_LITERAL.lastIndex = Math.max(from, this.indexedTo);
    for (let match = BYTES_LITERAL.exec(this.text); match !== null && match.index < to; match = BYTES_LITERAL.exec(this.text)) {
      const spelled = match[0].length > 2 ? hexBytes(match[0]) : pythonBytesLiteral(this.text, match.index + 1);
      if (spelled === undefined || spelled.length < MIN_BYTES || spelled.length > MAX_BYTES) continue;
      const starts = this.literals.get(spelled);
      if (starts === undefined) this.literals.set(spelled, [match.index]);
      else starts.push(match.index);
    }
    this.indexedTo = to;
  }
}

/** The bytes of a run of hex digits (even length), one character per byte. */
function hexBytes(hex: string): string | undefined {
  if (hex.length % 2 !== 0) return undefined;
  let bytes = '';
  for (let i = 0; i < hex.length; i += 2) bytes += String.fromCharCode(parseInt(hex.slice(i, i + 2), 16));
  return bytes;
}

/** Python's one-letter escapes in a bytes literal. */
const SIMPLE_ESCAPES: Readonly<Record<string, number>> = { '\\': 0x5c, "'": 0x27, '"': 0x22, a: 0x07, b: 0x08, f: 0x0c, n: 0x0a, r: 0x0d, t: 0x09, v: 0x0b };

/**
 * The bytes of the Python bytes literal whose opening quote is at `quoteAt`, one character per byte;
 * undefined when it is not one this reads (a non-ASCII character, a line break, an unknown escape,
 * no closing quote within 4 * MAX_BYTES characters).
 */
function pythonBytesLiteral(text: string, quoteAt: number): string | undefined {
  const quote = text.charAt(quoteAt);
  const end = Math.min(text.length, quoteAt + 1 + 4 * MAX_BYTES + 1);
  let bytes = '';
  for (let i = quoteAt + 1; i < end; i++) {
    const c = text.charAt(i);
    if (c === quote) return bytes;
    const code = c.charCodeAt(0);
    if (code < 0x20 || code > 0x7e) return undefined;
    if (c !== '\\') {
      bytes += c;
      continue;
    }
    const next = text.charAt(++i);
    if (next === 'x') {
      const hex = text.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return undefined;
      bytes += String.fromCharCode(parseInt(hex, 16));
      i += 2;
    } else if (next >= '0' && next <= '7') {
      const octal = /^[0-7]{1,3}/.exec(text.slice(i, i + 3))![0];
      bytes += String.fromCharCode(parseInt(octal, 8) & 0xff);
      i += octal.length - 1;
    } else if (SIMPLE_ESCAPES[next] !== undefined) {
      bytes += String.fromCharCode(SIMPLE_ESCAPES[next]);
    } else {
      return undefined;
    }
  }
  return undefined;
}

/** The finding at info, its message and reasons saying why. */
export function asTestVector(finding: Finding): Finding {
  return infoByEvidence(finding, TEST_VECTOR_REASON, 'written beside its decoded bytes: a test vector');
}
