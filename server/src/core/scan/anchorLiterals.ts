// The literal anchors of the scan, written once. The engine's anchor search (anchors.ts) is built
// from them, and so are the CLI's byte-level shortcuts in the walker, which must accept every file
// in which one of these could start a finding: the prefilter (walker/prefilter.ts) derives its
// patterns from these constants, and the WebAssembly twin (walker/byteScan/byteScan.wat, hand-written)
// is checked against them by test/unit/walker/anchorLiterals.test.ts, which fails when a literal
// here is not accepted by both. Adding an anchor form means adding it here first.

/** The signature parameter's name: `sig` (any ASCII case) then one of the spellings of `=`. */
export const SIGNATURE_NAME = 'sig';

/** `=` raw, percent-encoded once or twice, and JSON-escaped (lower case; matched in any case). */
export const SIGNATURE_EQUALS_SPELLINGS: readonly string[] = ['=', '%3d', '%253d', '\\u003d'];

/** A signature needs at least this many characters of [A-Za-z0-9+/%\\] after its anchor. */
export const SIGNATURE_MIN_RUN = 43;

/** The word every key anchor holds (any ASCII case). */
export const KEY_WORD = 'key';

/** Words ending in `key` that make a more specific anchor (found through their `key`). */
export const ACCOUNT_KEY_WORD = 'accountkey';
export const SHARED_ACCESS_KEY_WORD = 'sharedaccesskey';

/**
 * `SharedAccessSignature`: not an engine anchor (its tokens also need a `sig` anchor), but the
 * byte checks accept it as well.
 */
export const SHARED_ACCESS_SIGNATURE_WORD = 'sharedaccesssignature';

/** The marker of identifiable storage keys (case-sensitive) and its offset in the 88-character key. */
export const IDENTIFIABLE_KEY_MARKER = '+ASt';
export const IDENTIFIABLE_MARKER_OFFSET = 76;

/** An account key ends with this many base64 characters, then `==`. */
export const ACCOUNT_KEY_BASE64_RUN = 86;
export const ACCOUNT_KEY_PADDING = '==';
