// A byte-level test that lets a file be skipped without decoding or scanning it: false only when the
// engine cannot find anything in the text these bytes decode to. Pure: bytes in, a boolean out, no
// I/O. It uses Node's Buffer search, so it is not part of the engine's surface (core/index.ts): the
// CLI and the workspace scan use it (walker/scanFile.ts). Its patterns are derived from the engine's
// anchor literals (core/scan/anchorLiterals.ts); test/unit/walker/anchorLiterals.test.ts fails when a literal there
// is not accepted here, and the property test in test/unit/walker/prefilter.test.ts when an anchor
// form the engine finds is missing.
//
// Why it is conservative: every finding starts at one of the engine's literal anchors (anchors.ts),
// and each anchor implies one of the byte patterns below:
//   - `sig` followed by `=`, `%3d`, `%253d` or `\u003d` (any case)      → `sig` then `=`, `%` or `\`
//   - `accountkey` / `sharedaccesskey` anchors                          → those words, any case
//     (`sharedaccesssignature` is accepted as well, though its tokens also need a `sig` anchor)
//   - a key setting's "key": only with 86 base64 characters and `==`,   → that run of bytes, not
//     not right after `sha512-` (a lock file's integrity digest)          right after `sha512-`
//   - an account key percent-encoded as a URL's password                → `%3d%3d@`, each d in any case
//   - an identifiable key's `+ASt` marker                               → `+ASt`
//   - the IoT SDK's `SymmetricKeySigningMechanism` call                  → that word, exactly
//   - a credential inside a base64 value (scan/base64Wrapped.ts) starts
//     at one of the base64 anchor forms (case-sensitive), in a run that  → that form, exactly
//     is not a `sha512-` integrity digest
// Decoding keeps every ASCII byte and its neighbours (an invalid sequence becomes U+FFFD, never
// nothing, and valid multi-byte characters are not ASCII), so an ASCII pattern in the text is the
// same pattern in the bytes. The anchor search lower-cases the text, and two non-ASCII characters
// lower-case to ASCII letters: U+0130 (İ, made "i") and U+212A (Kelvin sign → "k"). Bytes holding
// either are always accepted. Everything here is ASCII, so a UTF-8 byte-order mark changes nothing.

// Each pattern is found through a byte (or byte pair) that every occurrence of it must contain,
// with Buffer's native search over all occurrences of that byte; only there are the neighbouring
// bytes compared. Those bytes are rare in text ('=' ~1%, 'k' ~0.5%), so this costs a fraction of a
// loop over every byte in JavaScript.

import {
  BASE64_ANCHOR_FORMS,
  BASE64_MIN_RUN,
  ACCOUNT_KEY_BASE64_RUN,
  ACCOUNT_KEY_PADDING,
  ACCOUNT_KEY_WORD,
  ENCODED_KEY_PASSWORD_END,
  IDENTIFIABLE_KEY_MARKER,
  KEY_WORD,
  SRI_SHA512_PREFIX,
  SHARED_ACCESS_KEY_WORD,
  SHARED_ACCESS_SIGNATURE_WORD,
  SIGNATURE_EQUALS_SPELLINGS,
  SIGNATURE_NAME,
  SYMMETRIC_KEY_CALL,
} from '../core/scan/anchorLiterals';

const EQUALS = 0x3d;
/** First bytes of the encoded spellings of `=` after `sig` (`%` of %3d and %253d, `\` of \u003d). */
const ENCODED_EQUALS_FIRST_BYTES = [...new Set(SIGNATURE_EQUALS_SPELLINGS.filter((s) => s !== '=').map((s) => s.charCodeAt(0)))];
/** The words before `key` in the key anchors: `account`, `sharedaccess`. */
const KEY_WORD_PREFIXES = [ACCOUNT_KEY_WORD, SHARED_ACCESS_KEY_WORD].map((word) => word.slice(0, -KEY_WORD.length));
/** `k` and `K`, through which the key words are found. */
const KEY_FIRST_BYTES = [KEY_WORD.charCodeAt(0), KEY_WORD.toUpperCase().charCodeAt(0)];
/** `key` after its `k`. */
const KEY_WORD_TAIL = KEY_WORD.slice(1);
/** `sharedaccesssignature` split around the `gn` it is found through. */
const SAS_WORD_GN = SHARED_ACCESS_SIGNATURE_WORD.indexOf('gn');
const SAS_WORD_HEAD = SHARED_ACCESS_SIGNATURE_WORD.slice(0, SAS_WORD_GN);
const SAS_WORD_TAIL = SHARED_ACCESS_SIGNATURE_WORD.slice(SAS_WORD_GN + 2);

/** Base64 characters of an account key: A-Z a-z 0-9 + /. */
const BASE64 = (() => {
  const base64 = new Uint8Array(256);
  for (let c = 0x41; c <= 0x5a; c++) base64[c] = 1;
  for (let c = 0x61; c <= 0x7a; c++) base64[c] = 1;
  for (let c = 0x30; c <= 0x39; c++) base64[c] = 1;
  base64[0x2b] = 1;
  base64[0x2f] = 1;
  return base64;
})();

/** Shortest base64 run before `==` that an account key can end. */
const KEY_RUN = ACCOUNT_KEY_BASE64_RUN;

/** Whether the bytes before `end` spell `word` (lower-case letters), in any case. */
function endsWithWord(bytes: Buffer, end: number, word: string): boolean {
  const start = end - word.length;
  if (start < 0) return false;
  for (let i = 0; i < word.length; i++) {
    // | 0x20 lower-cases an ASCII letter; only the two cases of a letter become that lower-case letter.
    if ((bytes[start + i]! | 0x20) !== word.charCodeAt(i)) return false;
  }
  return true;
}

function startsWithWord(bytes: Buffer, start: number, word: string): boolean {
  if (start + word.length > bytes.length) return false;
  for (let i = 0; i < word.length; i++) if ((bytes[start + i]! | 0x20) !== word.charCodeAt(i)) return false;
  return true;
}

/** `==` at `i` right after at least 86 base64 characters, not an integrity digest's: where an account key ends. */
function keyEndsAt(bytes: Buffer, i: number): boolean {
  if (bytes[i + 1] !== ACCOUNT_KEY_PADDING.charCodeAt(1) || i < KEY_RUN) return false;
  let k = i - 1;
  const stop = i - KEY_RUN;
  while (k >= stop && BASE64[bytes[k]!] === 1) k--;
  return k < stop && !followsSriPrefix(bytes, stop);
}

const SRI_PREFIX = Buffer.from(SRI_SHA512_PREFIX, 'latin1');

/** 86 base64 characters and `==` in [start, end), right after `sha512-`: as core/scan/base64Wrapped.ts, never decoded. */
function isIntegrityDigest(bytes: Uint8Array, start: number, end: number): boolean {
  return end - start === KEY_RUN + ACCOUNT_KEY_PADDING.length && bytes[end - 2] === EQUALS && bytes[end - 1] === EQUALS && followsSriPrefix(bytes, start);
}

/** `sha512-` (exactly) right before `at`. */
function followsSriPrefix(bytes: Uint8Array, at: number): boolean {
  const start = at - SRI_PREFIX.length;
  if (start < 0) return false;
  for (let i = 0; i < SRI_PREFIX.length; i++) if (bytes[start + i] !== SRI_PREFIX[i]) return false;
  return true;
}

/** At an `=`: `sig=` in any case, or (unless `keys` is false) the end of an account key. */
function equalsSign(bytes: Buffer, keys = true): boolean {
  for (let i = bytes.indexOf(EQUALS); i >= 0; i = bytes.indexOf(EQUALS, i + 1)) {
    if (endsWithWord(bytes, i, SIGNATURE_NAME) || (keys && keyEndsAt(bytes, i))) return true;
  }
  return false;
}

/** The `@` that ends ENCODED_KEY_PASSWORD_END, and its six bytes before (`%3d%3d`). */
const AT = ENCODED_KEY_PASSWORD_END.charCodeAt(ENCODED_KEY_PASSWORD_END.length - 1);
const ENCODED_PADDING = Buffer.from(ENCODED_KEY_PASSWORD_END.slice(0, -1), 'latin1');

/**
 * `%3d%3d@` at an `@`, each d in any case (only letters are compared case-blind, exactly as
 * byteScan.wat does): a percent-encoded account key's end as a URL's password.
 */
function encodedKeyPasswordEnd(bytes: Buffer): boolean {
  for (let i = bytes.indexOf(AT, ENCODED_PADDING.length); i >= 0; i = bytes.indexOf(AT, i + 1)) {
    let j = 0;
    const start = i - ENCODED_PADDING.length;
    while (j < ENCODED_PADDING.length && (ENCODED_PADDING[j] === 0x64 ? bytes[start + j]! | 0x20 : bytes[start + j]) === ENCODED_PADDING[j]) j++;
    if (j === ENCODED_PADDING.length) return true;
  }
  return false;
}

/** `sig` before a `%` (`sig%3d`, `sig%253d`) or a `\` (`sig\u003d`), in any case. */
function encodedSignature(bytes: Buffer, follower: number): boolean {
  for (let i = bytes.indexOf(follower); i >= 0; i = bytes.indexOf(follower, i + 1)) if (endsWithWord(bytes, i, SIGNATURE_NAME)) return true;
  return false;
}

/** `accountkey` or `sharedaccesskey`, in any case, through each k and K. */
function keyWord(bytes: Buffer): boolean {
  for (const k of KEY_FIRST_BYTES) {
    for (let i = bytes.indexOf(k); i >= 0; i = bytes.indexOf(k, i + 1)) {
      if (startsWithWord(bytes, i + 1, KEY_WORD_TAIL) && KEY_WORD_PREFIXES.some((prefix) => endsWithWord(bytes, i, prefix))) return true;
    }
  }
  return false;
}

/** `sharedaccesssignature`, in any case, through the `gn` in it. */
function sharedAccessSignature(bytes: Buffer): boolean {
  for (const gn of GN) {
    for (let i = bytes.indexOf(gn); i >= 0; i = bytes.indexOf(gn, i + 1)) {
      if (endsWithWord(bytes, i, SAS_WORD_HEAD) && startsWithWord(bytes, i + 2, SAS_WORD_TAIL)) return true;
    }
  }
  return false;
}

const GN = ['gn', 'gN', 'Gn', 'GN'].map((pair) => Buffer.from(pair, 'latin1'));
const IDENTIFIABLE_MARKER = Buffer.from(IDENTIFIABLE_KEY_MARKER, 'latin1');
const SYMMETRIC_KEY_CALL_BYTES = Buffer.from(SYMMETRIC_KEY_CALL, 'latin1');
/** U+0130 (İ) and U+212A (Kelvin sign) in UTF-8: the anchor search lower-cases them to "i" and "k". */
const CAPITAL_I_WITH_DOT = Buffer.from([0xc4, 0xb0]);
const KELVIN_SIGN = Buffer.from([0xe2, 0x84, 0xaa]);

/** The base64 decoder's anchors, as bytes (all ASCII), by their first two bytes (first * 256 + second). */
const BASE64_FORMS_BY_LEAD = (() => {
  const byLead = new Map<number, Buffer[]>();
  for (const anchor of BASE64_ANCHOR_FORMS) {
    const form = Buffer.from(anchor.form, 'latin1');
    const lead = form[0]! * 256 + form[1]!;
    const forms = byLead.get(lead);
    if (forms === undefined) byLead.set(lead, [form]);
    else forms.push(form);
  }
  return byLead;
})();
/** 1 where two bytes start some base64 anchor form (BASE64_FORMS_BY_LEAD's keys). */
const BASE64_FORM_LEADS = (() => {
  const leads = new Uint8Array(256 * 256);
  for (const lead of BASE64_FORMS_BY_LEAD.keys()) leads[lead] = 1;
  return leads;
})();
/** The shortest anchor form. */
const SHORTEST_BASE64_FORM = Math.min(...BASE64_ANCHOR_FORMS.map((anchor) => anchor.form.length));
/** Every run of BASE64_MIN_RUN base64 bytes holds a byte at a multiple of this (byteScan.wat: 32). */
const BASE64_STRIDE = BASE64_MIN_RUN / 2;

/**
 * The next run of at least BASE64_MIN_RUN base64 bytes (padding included in `end`) that the search
 * from `pos` (the end of the previous run) finds, passing over integrity digests (`sha512-` + 86
 * characters + `==`, which hold no credential), or undefined: only every 32nd byte is looked at
 * until bytes p .. p + 32 are all base64 (a long run holds two consecutive such points and everything
 * between), then the whole run is read, back to `pos` at most. The runs the base64 decoder
 * (core/scan/base64Wrapped.ts) reads, found the same way; byteScan.wat's next_long_base64_run is
 * its twin.
 */
export function nextLongBase64Run(bytes: Uint8Array, pos: number): { start: number; end: number } | undefined {
  const length = bytes.length;
  for (let p = Math.ceil(pos / BASE64_STRIDE) * BASE64_STRIDE; p + BASE64_STRIDE < length; p += BASE64_STRIDE) {
    if (p < pos) continue;
    let q = p;
    while (q <= p + BASE64_STRIDE && BASE64[bytes[q]!] === 1) q++;
    if (q <= p + BASE64_STRIDE) continue;
    let start = p;
    while (start > pos && BASE64[bytes[start - 1]!] === 1) start--;
    let dataEnd = q;
    while (dataEnd < length && BASE64[bytes[dataEnd]!] === 1) dataEnd++;
    let end = dataEnd;
    while (end < length && end - dataEnd < 2 && bytes[end] === EQUALS) end++;
    if (dataEnd - start >= BASE64_MIN_RUN && !isIntegrityDigest(bytes, start, end)) return { start, end };
    pos = end;
    p = Math.ceil(pos / BASE64_STRIDE) * BASE64_STRIDE - BASE64_STRIDE;
  }
  return undefined;
}

/**
 * One of the base64 decoder's anchors inside a long base64 run (`nextRun`: nextLongBase64Run or its
 * WebAssembly twin): the only way into a finding reported on a base64 value. Each run is searched
 * for the case-sensitive anchor forms in one pass (runHoldsBase64Form).
 */
export function mayHoldBase64Credential(
  bytes: Buffer,
  nextRun: (pos: number) => { start: number; end: number } | undefined = (pos) => nextLongBase64Run(bytes, pos),
): boolean {
  for (let run = nextRun(0); run !== undefined; run = nextRun(run.end)) {
    if (runHoldsBase64Form(bytes, run.start, run.end)) return true;
  }
  return false;
}

/**
 * Whether bytes [start, end) hold one of the base64 anchor forms. One pass: each position's two
 * bytes are looked up in a table of the forms' first two, and only there are forms compared (about 1
 * position in 90 of random base64). Searching the run once per form, fifty passes with Buffer's
 * search, ran at ~20 MB/s on long base64 values (test recordings with base64 bodies: 6 of the 9 s of
 * Azure/azure-storage-python's history went there).
 */
export function runHoldsBase64Form(bytes: Uint8Array, start: number, end: number): boolean {
  const last = end - SHORTEST_BASE64_FORM;
  for (let i = start; i <= last; i++) {
    const lead = bytes[i]! * 256 + bytes[i + 1]!;
    if (BASE64_FORM_LEADS[lead] === 0) continue;
    for (const form of BASE64_FORMS_BY_LEAD.get(lead)!) {
      if (i + form.length > end) continue;
      let j = 2;
      while (j < form.length && bytes[i + j] === form[j]) j++;
      if (j === form.length) return true;
    }
  }
  return false;
}

/**
 * False only when the text these UTF-8 bytes decode to cannot hold anything `scanText` reports
 * (findings or suppressed ones); true means "scan it".
 */
export function mayContainSecrets(input: Uint8Array): boolean {
  const bytes = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  return mayContainPlainSecrets(bytes) || mayHoldBase64Credential(bytes);
}

/**
 * The plain-text anchors of `mayContainSecrets` (not the base64 forms) without the bare account-key
 * patterns (86 base64 characters then `==`, and a key's `%3d%3d@` as a URL's password): the anchors
 * whose findings may depend on text far from them. For a caller that looks for the other two nearer (history/editedVersionScan.ts).
 * JavaScript only: meant for windows of a file.
 */
export function mayContainPlainAnchorsBesideBareKeys(input: Uint8Array): boolean {
  const bytes = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  return mayContainPlainSecrets(bytes, false);
}

/** The anchors of the plain text (every pattern but the base64 forms): what byteScan.wat checks. */
function mayContainPlainSecrets(bytes: Buffer, keys = true): boolean {
  return (
    equalsSign(bytes, keys) ||
    ENCODED_EQUALS_FIRST_BYTES.some((follower) => encodedSignature(bytes, follower)) ||
    keyWord(bytes) ||
    (keys && encodedKeyPasswordEnd(bytes)) ||
    bytes.indexOf(IDENTIFIABLE_MARKER) >= 0 ||
    bytes.indexOf(SYMMETRIC_KEY_CALL_BYTES) >= 0 ||
    bytes.indexOf(CAPITAL_I_WITH_DOT) >= 0 ||
    bytes.indexOf(KELVIN_SIGN) >= 0 ||
    sharedAccessSignature(bytes)
  );
}
