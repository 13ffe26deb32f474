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

/**
 * `SymmetricKeySigningMechanism`, the Azure IoT device SDK's signer (Python), whose argument is a
 * device's or a DPS registration's symmetric key (case-sensitive: a class name). The engine reads the
 * quoted key after it (families/iotSymmetricKeyCall.ts).
 */
export const SYMMETRIC_KEY_CALL = 'SymmetricKeySigningMechanism';

/** The marker of identifiable storage keys (case-sensitive) and its offset in the 88-character key. */
export const IDENTIFIABLE_KEY_MARKER = '+ASt';
export const IDENTIFIABLE_MARKER_OFFSET = 76;

/** An account key ends with this many base64 characters, then `==`. */
export const ACCOUNT_KEY_BASE64_RUN = 86;
export const ACCOUNT_KEY_PADDING = '==';

/**
 * An account key's `==` percent-encoded, then the `@` that ends a URL's password: a Cosmos DB for
 * MongoDB connection string whose key is URL-encoded (`mongodb://acct:…%3D%3D@acct.mongo.cosmos.azure.com`,
 * `+` and `/` in the key as `%2B` and `%2F`), as many samples and apps write it. Any ASCII case.
 */
export const ENCODED_KEY_PASSWORD_END = '%3d%3d@';

/**
 * What stands right before a Subresource Integrity SHA-512 digest (`"integrity": "sha512-…"` in
 * npm, Yarn and pnpm lock files, `integrity="sha512-…"` in HTML): 64 bytes in base64, so exactly
 * the 86 characters and `==` of an account key. A key-shaped run right after it is that digest,
 * never a key: neither the engine (scan/anchors.ts) nor the byte checks take it for one. Without
 * this, every version of a lock file in a history reaches the engine.
 */
export const SRI_SHA512_PREFIX = 'sha512-';

/**
 * Text a credential written inside a base64 value holds (case-sensitive: the spellings programs and
 * SDKs write): `sig=` of every SAS; `ccountKey` of `AccountKey=`, `accountKey` and
 * `storageAccountKey`; `ACCOUNT_KEY` of `AZURE_STORAGE_ACCOUNT_KEY=`; `haredAccess` of
 * `SharedAccessKey=` and `SharedAccessSignature`. Their base64 encodings (base64AnchorForms) are the
 * anchors of the base64 decoder (scan/base64Wrapped.ts), and the byte checks accept them too.
 */
export const BASE64_WRAPPED_LITERALS: readonly string[] = ['sig=', 'ccountKey', 'ACCOUNT_KEY', 'haredAccess'];
/** The first of them: the decoder looks past its forms for a signature before decoding a whole run. */
export const SIGNATURE_LITERAL = BASE64_WRAPPED_LITERALS[0]!;

/**
 * The base64 ends of a value that decodes to text ending in `=` (`…==` of an account key written
 * alone, as in a Kubernetes Secret's `azurestorageaccountkey`): `PQ==` when that `=` is the last
 * byte, `PQo=` when a newline follows it (`echo KEY | base64`). The decoder reads the setting name
 * in front of such a value.
 */
export const BASE64_WRAPPED_ENDINGS: readonly string[] = ['PQ==', 'PQo='];

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** One base64 anchor: a fixed run of base64 characters, and where it starts within its 4-character group. */
export interface Base64AnchorForm {
  readonly form: string;
  /** Position of the form's first character after the start of its group (0 to 3). */
  readonly groupShift: number;
}

/**
 * The base64 characters that `literal` fixes whatever surrounds it, for each of the three byte
 * alignments it can have in the encoded value (starting 0, 1 or 2 bytes into a 3-byte group).
 * Character j of a group-aligned stream holds bits [6j, 6j + 6); it is fixed when those bits all
 * belong to the literal.
 */
export function base64AnchorForms(literal: string): Base64AnchorForm[] {
  const forms: Base64AnchorForm[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const bits: number[] = [];
    for (let i = 0; i < offset * 8; i++) bits.push(0);
    for (let i = 0; i < literal.length; i++) {
      const byte = literal.charCodeAt(i);
      for (let b = 7; b >= 0; b--) bits.push((byte >> b) & 1);
    }
    const first = Math.ceil((offset * 8) / 6);
    const last = Math.floor(bits.length / 6); // exclusive
    let form = '';
    for (let j = first; j < last; j++) {
      let value = 0;
      for (let b = 0; b < 6; b++) value = value * 2 + bits[j * 6 + b]!;
      form += BASE64_ALPHABET.charAt(value);
    }
    forms.push({ form, groupShift: first % 4 });
  }
  return forms;
}

/**
 * Base64 runs shorter than this are not decoded: 48 bytes (`sig=` and a 44-character signature)
 * encode to 64 characters, and no credential is shorter. The anchors count only inside longer runs,
 * which is what lets the decoder and the byte checks look for them only where such a run is.
 */
export const BASE64_MIN_RUN = 64;

const LITERAL_FORMS = BASE64_WRAPPED_LITERALS.flatMap(base64AnchorForms);

/**
 * Every anchor of the base64 decoder: the encodings of BASE64_WRAPPED_LITERALS, the endings, and
 * the encodings of those encodings (base64 of a base64 value: the decoder's second level).
 */
export const BASE64_ANCHOR_FORMS: readonly Base64AnchorForm[] = [
  ...LITERAL_FORMS,
  ...BASE64_WRAPPED_ENDINGS.map((form) => ({ form, groupShift: 0 })),
  ...LITERAL_FORMS.flatMap((anchor) => base64AnchorForms(anchor.form)),
];
