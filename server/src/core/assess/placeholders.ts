// Telling real secrets from placeholders, sanitized values and well-known public sample keys.
// A real signature is Base64(HMAC-SHA256) — 32 random bytes — and a real account key is 64 random
// bytes; anything with the wrong length, alphabet, padding bits or an obviously made-up look is not
// reported at all.

import { BASE64_VALUES, startsWithIgnoreCase } from '../util/charClasses';
import { sha256Hex } from '../util/sha256';

/** The public Azurite / storage emulator account key (documented by Microsoft; not a secret). */
export const AZURITE_ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/** The public Cosmos DB emulator key (documented by Microsoft; not a secret). */
export const COSMOS_EMULATOR_KEY = 'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';

/**
 * SHA-256 digests (of the key's characters) of account keys that Azure SDK test suites publish as
 * sample values: the connection-string tests of Azure/azure-storage-node and azure-sdk-for-node pair
 * `Ahlzsb…` with made-up accounts (`myaccount`, `mytestaccount`), and the same value recurs across
 * Microsoft's public repositories. As public as the emulator key. Kept as digests, so that this
 * file holds no key-shaped value for a scanner to flag.
 */
const PUBLIC_SAMPLE_KEY_DIGESTS: ReadonlySet<string> = new Set(['be6e4bb016f7e80078b5de0e609f46b7cdcda05c28caa34a08d05cb1c24ec900']);

/** One of the account keys Azure SDK test suites publish as samples (by its digest). */
export function isPublicSampleKey(value: string): boolean {
  if (value.length !== 88) return false;
  const bytes = new Uint8Array(value.length);
  for (let i = 0; i < value.length; i++) bytes[i] = value.charCodeAt(i) & 0xff;
  return PUBLIC_SAMPLE_KEY_DIGESTS.has(sha256Hex(bytes));
}

/** Account names that documentation and samples use; a key or token for them is a sample. */
const DOCUMENTATION_ACCOUNTS: ReadonlySet<string> = new Set([
  'myaccount',
  'mystorageaccount',
  'mystorage',
  'storagesample',
  'youraccount',
  'yourstorageaccount',
  'accountname',
  'storageaccountname',
  'mystorageaccountname',
  'myaccountname',
  'account',
  'examplestorage',
  'samplestorage',
  'fakeaccount',
  'fakestorageaccount',
]);

export function isDocumentationAccount(account: string | undefined): boolean {
  return account !== undefined && DOCUMENTATION_ACCOUNTS.has(account.toLowerCase());
}

/**
 * Stored access policy names that documentation and SDK samples use (`si=mypolicyname` in the
 * azure-storage-net samples' "sasToken will be something like" comments); a token bound to one is a
 * sample. Names a real deployment may use (`readpolicy`, `testpolicy`) are not listed.
 */
const DOCUMENTATION_POLICIES: ReadonlySet<string> = new Set([
  'mypolicy',
  'mypolicyname',
  'policyname',
  'yourpolicy',
  'yourpolicyname',
  'samplepolicy',
  'examplepolicy',
  'storedpolicyname',
  'mystoredaccesspolicy',
]);

export function isDocumentationPolicy(policy: string | undefined): boolean {
  return policy !== undefined && DOCUMENTATION_POLICIES.has(policy.toLowerCase());
}

// Base64 characters whose low bits are zero: the last character of the encoding of 32 bytes
// (43 chars + "=") carries 2 padding bits, of 64 bytes (86 chars + "==") 4 padding bits.
const LAST_CHAR_32_BYTES = 'AEIMQUYcgkosw048';
const LAST_CHAR_64_BYTES = 'AQgw';

function isBase64Body(value: string, length: number): boolean {
  if (value.length < length) return false;
  for (let i = 0; i < length; i++) {
    const c = value.charCodeAt(i);
    const ok = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47;
    if (!ok) return false;
  }
  return true;
}

/** A decoded SAS signature (or Service Bus key) that is a real 32-byte base64 value. */
export function isRealSignatureShape(decoded: string): boolean {
  return decoded.length === 44 && decoded.charCodeAt(43) === 61 && isBase64Body(decoded, 43) && isSignatureLastChar(decoded.charCodeAt(42));
}

const IS_LAST_CHAR_32_BYTES = new Uint8Array(128);
for (const ch of LAST_CHAR_32_BYTES) IS_LAST_CHAR_32_BYTES[ch.charCodeAt(0)] = 1;

/** The 43rd base64 character of a 32-byte value: its 2 padding bits are zero. */
export function isSignatureLastChar(c: number): boolean {
  return c < 128 && IS_LAST_CHAR_32_BYTES[c] === 1;
}

/** A real 64-byte account key: 86 base64 characters and "==". */
export function isRealAccountKeyShape(value: string): boolean {
  return value.length === 88 && value.endsWith('==') && isBase64Body(value, 86) && endsLikeSixtyFourBytes(value);
}

/**
 * The last base64 character before `==` of 64 bytes encodes 4 bits and four zero bits: A, Q, g or
 * w. For a caller that has checked the rest of isRealAccountKeyShape already.
 */
export function endsLikeSixtyFourBytes(key: string): boolean {
  return LAST_CHAR_64_BYTES.includes(key.charAt(85));
}

/**
 * Words of placeholders and sanitized values; one alternation of literals (no backtracking). `i`
 * without `u` folds ASCII letters only, and the values tested are base64 (ASCII): the same as testing
 * a lower-cased copy, without making one.
 */
const PLACEHOLDER_WORDS =
  /sanitized|redacted|placeholder|signature|example|sample|fakesig|fakekey|dummy|yourkey|secret|replace|changeme|notreal|insert|qwerty/i;

/**
 * Which characters the current looksMadeUp call has seen: the entry of a character holds the number
 * of the call that saw it last, so no array is allocated or cleared per call (it runs once per
 * signature-shaped value, millions of times on adversarial text).
 */
const seenInCall = new Uint32Array(128);
let call = 0;

/** charClasses.ts's table, copied once: the loop below reads it per character (see charClasses.ts). */
const BASE64_DIGIT = BASE64_VALUES;

/** Printable ASCII, tab, line feed and carriage return: the bytes of written text. */
function isTextByte(byte: number): boolean {
  return (byte >= 32 && byte <= 126) || byte === 9 || byte === 10 || byte === 13;
}

/**
 * Fewest base64 characters a value needs before "its bytes are all text" says it is made up: 40
 * characters are 30 bytes, and 30 random bytes are all text with a chance of (98/256)^30, about
 * 3e-13. Shorter values are left to the other tests.
 */
const MIN_TEXT_CHECKED = 40;

/** Fewest characters before "letters of one case only" says a value is made up (see looksMadeUp). */
const ONE_CASE_CHECKED = 32;

/**
 * True for base64-shaped values that are obviously made up: placeholder words (`qwerty`, which
 * azure-event-hubs-for-kafka's READMEs typed over their keys), long runs of one character, few
 * distinct characters, long ascending sequences (abcdef…, 0123456…), letters of one case only (a
 * key upper-cased whole, as in azure-event-hubs-c's unit tests: a random 43-character value has no
 * lower-case letter with a chance of (38/64)^43, about 2e-10), or bytes that are all written text
 * (`dGhpcyBpcyBub3QgYSB2YWxpZCBrZXk…` is "this is not a valid key…", a sample in
 * Azure/azure-event-hubs-java; Azure/iotedge's config templates hold "aziot-identity-service|…").
 * Random 32- or 64-byte values essentially never look like this.
 */
export function looksMadeUp(value: string): boolean {
  if (startsWithIgnoreCase(value, 0, 'fake') || PLACEHOLDER_WORDS.test(value)) return true;
  if (++call === 0xffffffff) {
    seenInCall.fill(0);
    call = 1;
  }
  let distinct = 0;
  let run = 1;
  let ascending = 1;
  let body = value.length;
  while (body > 0 && value.charCodeAt(body - 1) === 61) body--;
  // The decoded bytes so far are all text: decoded as the loop goes, until the first byte that is
  // not (for random bytes, the first or second one), so a real key costs a few steps more.
  let allText = body >= MIN_TEXT_CHECKED;
  let bits = 0;
  let bitCount = 0;
  let lower = false;
  let upper = false;
  for (let i = 0; i < body; i++) {
    const c = value.charCodeAt(i);
    if (c >= 97 && c <= 122) lower = true;
    else if (c >= 65 && c <= 90) upper = true;
    if (c < 128 && seenInCall[c] !== call) {
      seenInCall[c] = call;
      distinct++;
    }
    if (allText) {
      const digit = c < 128 ? BASE64_DIGIT[c]! : -1;
      if (digit < 0) allText = false;
      else {
        bits = ((bits << 6) | digit) & 0x3fff;
        bitCount += 6;
        if (bitCount >= 8) {
          bitCount -= 8;
          if (!isTextByte((bits >> bitCount) & 0xff)) allText = false;
        }
      }
    }
    if (i > 0) {
      const p = value.charCodeAt(i - 1);
      run = c === p ? run + 1 : 1;
      ascending = c === p + 1 ? ascending + 1 : 1;
      if (run >= 5 || ascending >= 6) return true;
    }
  }
  return allText || distinct < Math.min(16, Math.ceil(value.length / 3)) || (body >= ONE_CASE_CHECKED && (!lower || !upper));
}

/** Which public emulator key a value is, and whether a test edited it (publicEmulatorKey). */
export interface PublicEmulatorKey {
  readonly cosmos: boolean;
  /** One or two characters changed from the documented key. */
  readonly edited: boolean;
}

const PUBLIC_EMULATOR_KEYS: readonly (readonly [string, boolean])[] = [
  [AZURITE_ACCOUNT_KEY, false],
  [COSMOS_EMULATOR_KEY, true],
];

/**
 * The public emulator key `value` is, as documented or with one or two characters changed: tests
 * edit the documented key to get a "different" one (Azure/azure-storage-cpp's
 * cloud_storage_account_test.cpp holds the Azurite key with its first letter changed, graded
 * critical before). A random 88-character key lies that close to a given one with odds of about
 * 88² · 64² / 64^88: never by chance.
 */
export function publicEmulatorKey(value: string): PublicEmulatorKey | undefined {
  for (const [known, cosmos] of PUBLIC_EMULATOR_KEYS) {
    if (value.length !== known.length) continue;
    let differences = 0;
    for (let i = 0; i < value.length && differences <= 2; i++) if (value.charCodeAt(i) !== known.charCodeAt(i)) differences++;
    if (differences <= 2) return { cosmos, edited: differences > 0 };
  }
  return undefined;
}

/** A public emulator key with one or two characters changed (publicEmulatorKey). */
export function isEditedEmulatorKey(value: string): boolean {
  return publicEmulatorKey(value)?.edited === true;
}

/**
 * Service Bus / Event Hubs namespace names that documentation and samples use ("looks similar to
 * this: Endpoint=sb://namespacename.servicebus.windows.net/…" in Azure/azure-relay's READMEs,
 * `servicebusName` in azure-event-hubs-c's unit tests).
 */
const DOCUMENTATION_NAMESPACES: ReadonlySet<string> = new Set([
  'namespacename',
  'namespace',
  'mynamespace',
  'mynamespacename',
  'yournamespace',
  'yournamespacename',
  'servicebusname',
  'servicebusnamespace',
  'myservicebus',
  'myservicebusnamespace',
  'eventhubnamespace',
  'eventhubsnamespace',
  'myeventhubnamespace',
  'myeventhubsnamespace',
  'contoso',
]);

/** Azure's Service Bus and Event Hubs domains (public, China, US Government, Germany). */
const SERVICE_BUS_HOST = /^([^.]+)\.servicebus\.(?:windows\.net|chinacloudapi\.cn|usgovcloudapi\.net|cloudapi\.de)\.?(?::\d+)?$/i;

/** Shortest namespace name Service Bus and Event Hubs accept (6 to 50 characters). */
const SHORTEST_NAMESPACE = 6;

/** Why a Service Bus / Event Hubs namespace cannot be live: a documentation name, or shorter than Azure allows. */
export interface SampleNamespace {
  readonly namespace: string;
  readonly why: 'documentation' | 'too-short';
}

/** The namespace of a Service Bus / Event Hubs host when it cannot be a live one (`namespacename`, `myns`). */
export function sampleNamespace(host: string | undefined): SampleNamespace | undefined {
  const m = host === undefined ? null : SERVICE_BUS_HOST.exec(host);
  if (m === null) return undefined;
  const namespace = m[1]!;
  if (DOCUMENTATION_NAMESPACES.has(namespace.toLowerCase())) return { namespace, why: 'documentation' };
  if (namespace.length < SHORTEST_NAMESPACE) return { namespace, why: 'too-short' };
  return undefined;
}

/** The words for a sample namespace: of the key's own endpoint, or of the one host next to a key standing alone. */
export function sampleNamespaceWords(sample: SampleNamespace, nextToIt: boolean): string {
  const what =
    sample.why === 'documentation'
      ? `documentation sample namespace ${sample.namespace}`
      : `namespace ${sample.namespace}, shorter than the 6 characters Service Bus allows`;
  return `${nextToIt ? 'next to ' : ''}${what}: a sample, not a secret`;
}
