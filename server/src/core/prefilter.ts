// A byte-level test that lets a file be skipped without decoding or scanning it: false only when the
// engine cannot find anything in the text these bytes decode to. Pure: bytes in, a boolean out (Buffer's
// native search is used for speed; no I/O).
//
// Why it is conservative: every finding starts at one of the engine's literal anchors (anchors.ts),
// and each anchor implies one of the byte patterns below:
//   - `sig` followed by `=`, `%3d`, `%253d` or `\u003d` (any case)      → `sig` then `=`, `%` or `\`
//   - `accountkey` / `sharedaccesskey` anchors                          → those words, any case
//     (`sharedaccesssignature` is accepted as well, though its tokens also need a `sig` anchor)
//   - a key setting's "key": only with 86 base64 characters and `==`    → that run of bytes
//   - an identifiable key's `+ASt` marker                               → `+ASt`
// Decoding keeps every ASCII byte and its neighbours (an invalid sequence becomes U+FFFD, never
// nothing, and valid multi-byte characters are not ASCII), so an ASCII pattern in the text is the
// same pattern in the bytes. The anchor search lower-cases the text, and two non-ASCII characters
// lower-case to ASCII letters: U+0130 (İ, made "i") and U+212A (Kelvin sign → "k"). Bytes holding
// either are always accepted. Everything here is ASCII, so a UTF-8 byte-order mark changes nothing.

/**
 * Bytes at which a pattern is checked: g G (sig…, …signature), k K (…key), + (+ASt), and the lead
 * bytes of İ (C4 B0) and the Kelvin sign (E2 84 AA). Rare in text, so the loop below seldom
 * branches; the `==` of a key is found with Buffer's native search instead.
 */
const TRIGGERS = (() => {
  const triggers = new Uint8Array(256);
  for (const c of [0x47, 0x67, 0x4b, 0x6b, 0x2b, 0xc4, 0xe2]) triggers[c] = 1;
  return triggers;
})();

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
const KEY_RUN = 86;

/** Whether the bytes before `end` spell `word` (lower-case letters), in any case. */
function endsWithWord(bytes: Uint8Array, end: number, word: string): boolean {
  const start = end - word.length;
  if (start < 0) return false;
  for (let i = 0; i < word.length; i++) {
    // | 0x20 lower-cases an ASCII letter; only the two cases of a letter become that lower-case letter.
    if ((bytes[start + i]! | 0x20) !== word.charCodeAt(i)) return false;
  }
  return true;
}

function startsWithWord(bytes: Uint8Array, start: number, word: string): boolean {
  if (start + word.length > bytes.length) return false;
  for (let i = 0; i < word.length; i++) if ((bytes[start + i]! | 0x20) !== word.charCodeAt(i)) return false;
  return true;
}

/** At a g/G: `sig` then `=`, `%` or `\`, or `sharedaccesssignature`. */
function signatureAt(bytes: Uint8Array, i: number): boolean {
  if (i < 2 || (bytes[i - 1]! | 0x20) !== 0x69 || (bytes[i - 2]! | 0x20) !== 0x73) return false;
  const next = bytes[i + 1];
  if (next === 0x3d || next === 0x25 || next === 0x5c) return true;
  return endsWithWord(bytes, i - 2, 'sharedaccess') && startsWithWord(bytes, i + 1, 'nature');
}

/** At a k/K: `accountkey` or `sharedaccesskey`. */
function keyWordAt(bytes: Uint8Array, i: number): boolean {
  return startsWithWord(bytes, i + 1, 'ey') && (endsWithWord(bytes, i, 'account') || endsWithWord(bytes, i, 'sharedaccess'));
}

function triggerAt(bytes: Uint8Array, i: number): boolean {
  switch (bytes[i]) {
    case 0x47:
    case 0x67:
      return signatureAt(bytes, i);
    case 0x4b:
    case 0x6b:
      return keyWordAt(bytes, i);
    case 0x2b:
      return bytes[i + 1] === 0x41 && bytes[i + 2] === 0x53 && bytes[i + 3] === 0x74;
    case 0xc4:
      return bytes[i + 1] === 0xb0;
    case 0xe2:
      return bytes[i + 1] === 0x84 && bytes[i + 2] === 0xaa;
    default:
      return false;
  }
}

/** `==` right after at least 86 base64 characters: where an account key ends. */
function hasKeyEnding(bytes: Uint8Array): boolean {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let q = buffer.indexOf(EQUALS_EQUALS, KEY_RUN); q >= 0; q = buffer.indexOf(EQUALS_EQUALS, q + 1)) {
    let k = q - 1;
    const stop = q - KEY_RUN;
    while (k >= stop && BASE64[buffer[k]!] === 1) k--;
    if (k < stop) return true;
  }
  return false;
}

const EQUALS_EQUALS = Buffer.from('==', 'latin1');

/**
 * False only when the text these UTF-8 bytes decode to cannot hold anything `scanText` reports
 * (findings or suppressed ones); true means "scan it".
 */
export function mayContainSecrets(bytes: Uint8Array): boolean {
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    if (TRIGGERS[bytes[i]!] !== 0 && triggerAt(bytes, i)) return true;
  }
  return hasKeyEnding(bytes);
}
