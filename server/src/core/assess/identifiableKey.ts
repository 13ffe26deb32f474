// Recognises Azure's *identifiable* keys and verifies their checksum, so that a 64-byte base64
// value counts as a storage key on its own only when it really is one (issue 9), and a Service
// Bus, Event Hubs, Relay or IoT Hub key can be named by its own bytes.
//
// The format (HIS v1, "highly identifiable secrets"), as published by Microsoft's
// security-utilities (IdentifiableSecrets.cs, IdentifiableMetadata.cs, Azure32ByteIdentifiableKeys.cs,
// Azure64ByteIdentifiableKeys.cs in https://github.com/microsoft/security-utilities):
// - the key is 32 or 64 bytes, written in standard base64 (44 or 88 characters with padding);
// - its last 4 bytes are Marvin32 (32-bit form, little-endian) of all the bytes before them,
//   seeded with a per-service seed whose value is 8 ASCII characters ("Default0" for storage);
// - just before the checksum sit 3 bytes of fixed signature, aligned so that the base64 text
//   shows it as 4 readable characters: "+ASt" at character 76 of a 64-byte key, "+ASb" at
//   character 33 of a 32-byte key. The bits between the signature and the checksum in a 32-byte
//   key are zero, so its character 37 is one of A–P.
// Written from that description; no code of theirs is copied. Pure: no Buffer, no atob.
import { BASE64_VALUES } from '../util/charClasses';
import { marvin32Checksum, marvin32SeedFromName, type Marvin32Seed } from './marvin32';

export type IdentifiableKeyKind = 'storage' | 'cosmos' | 'batch' | 'apim' | 'ml-classic' | 'servicebus' | 'eventhubs' | 'relay' | 'iothub';

/**
 * Which seed verified the checksum, when a service issues several kinds of key under one
 * signature: the seed says which kind this is (a Service Bus "send" key, an IoT device key …).
 */
export type IdentifiableKeyVariant =
  | 'default'
  | 'send'
  | 'listen'
  | 'manage'
  | 'hub'
  | 'device-provisioning'
  | 'device'
  | 'master-read-write'
  | 'master-read-only'
  | 'system-read-write'
  | 'system-read-only'
  | 'system-all'
  | 'resource'
  | 'data-encryption'
  | 'direct-management'
  | 'subscription'
  | 'gateway'
  | 'repository';

export interface IdentifiableKeyMatch {
  readonly kind: IdentifiableKeyKind;
  /** The 4-character signature found in the key, e.g. "+ASt". */
  readonly signature: string;
  /** 32 or 64: the key's decoded length in bytes. */
  readonly byteLength: 32 | 64;
  /** True when the Marvin32 checksum in the key's last 4 bytes matches one of the kind's seeds. */
  readonly checksumValid: boolean;
  /** The seed that matched; absent when the checksum is not valid. */
  readonly variant?: IdentifiableKeyVariant;
}

interface SeedEntry {
  readonly variant: IdentifiableKeyVariant;
  readonly seed: Marvin32Seed;
}

interface KindSpec {
  readonly kind: IdentifiableKeyKind;
  readonly signature: string;
  readonly byteLength: 32 | 64;
  readonly seeds: readonly SeedEntry[];
}

function seeds(entries: ReadonlyArray<readonly [IdentifiableKeyVariant, string]>): SeedEntry[] {
  return entries.map(([variant, name]) => ({ variant, seed: marvin32SeedFromName(name) }));
}

// Seeds by their 8-character names; security-utilities writes them as the equivalent hex
// (IdentifiableMetadata.cs). The seed lists are the ones its checkers accept for each signature.
// Event Grid's "AZEG" keys are left out: the one published sample does not verify with the
// published seed, so nothing here could show that the check is right for them.
const MESSAGING_SEEDS = seeds([
  ['send', 'Send0000'],
  ['listen', 'Listen00'],
  ['manage', 'Manage00'],
]);

const KINDS: readonly KindSpec[] = [
  { kind: 'storage', signature: '+ASt', byteLength: 64, seeds: seeds([['default', 'Default0']]) },
  {
    kind: 'cosmos',
    signature: 'ACDb',
    byteLength: 64,
    seeds: seeds([
      ['master-read-write', 'MastRW00'],
      ['master-read-only', 'MastRO00'],
      ['system-read-write', 'SystRW00'],
      ['system-read-only', 'SystRO00'],
      ['system-all', 'SysAll00'],
      ['resource', 'Resour00'],
      ['data-encryption', 'Encryp00'],
    ]),
  },
  { kind: 'batch', signature: '+ABa', byteLength: 64, seeds: seeds([['default', 'AbAcct00']]) },
  {
    kind: 'apim',
    signature: 'APIM',
    byteLength: 64,
    seeds: seeds([
      ['direct-management', 'Tenant00'],
      ['subscription', 'IoTHub00'],
      ['gateway', 'Gatewy00'],
      ['repository', 'GitKey00'],
    ]),
  },
  { kind: 'ml-classic', signature: '+AMC', byteLength: 64, seeds: seeds([['default', 'Classic0']]) },
  { kind: 'servicebus', signature: '+ASb', byteLength: 32, seeds: MESSAGING_SEEDS },
  { kind: 'eventhubs', signature: '+AEh', byteLength: 32, seeds: MESSAGING_SEEDS },
  { kind: 'relay', signature: '+ARm', byteLength: 32, seeds: MESSAGING_SEEDS },
  {
    kind: 'iothub',
    signature: 'AIoT',
    byteLength: 32,
    seeds: seeds([
      ['hub', 'IoTHub00'],
      ['device-provisioning', 'DpsKey00'],
      ['device', 'Device00'],
    ]),
  },
];

/** Where the signature starts in the base64 text: 4 characters before the 6 that hold the checksum. */
export function identifiableSignatureOffset(byteLength: 32 | 64): number {
  return byteLength === 64 ? 76 : 33;
}

/**
 * Decodes `length` base64 characters (a whole number of bytes' worth, padding excluded) into
 * `byteLength` bytes; undefined on a character outside the standard alphabet or on non-zero
 * bits left over after the last byte (a non-canonical encoding no generator produces).
 */
function decodeBase64(text: string, length: number, byteLength: number): Uint8Array | undefined {
  const out = new Uint8Array(byteLength);
  let bits = 0;
  let bitCount = 0;
  let o = 0;
  const values = BASE64_VALUES;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? values[c]! : -1;
    if (v < 0) return undefined;
    bits = ((bits << 6) | v) & 0xffff;
    bitCount += 6;
    if (bitCount >= 8) {
      bitCount -= 8;
      out[o++] = (bits >>> bitCount) & 0xff;
    }
  }
  if (o !== byteLength || (bits & ((1 << bitCount) - 1)) !== 0) return undefined;
  return out;
}

/** The key's body length (characters without padding) for a given byte length. */
function bodyLength(byteLength: 32 | 64): number {
  return byteLength === 64 ? 86 : 43;
}

/**
 * Recognises an identifiable Azure key by its signature and verifies its checksum.
 *
 * `base64Key` is the bare key: 88 characters (64 bytes, "==" at the end) or 44 (32 bytes, one
 * "="), or the same without its padding. Returns undefined when the value is not of that shape
 * or carries no known signature at the signature offset; otherwise the kind the signature names
 * and whether the checksum holds. A value with the signature and a wrong checksum is a key
 * someone shaped by hand (or a random value that happens to contain the 4 characters), not a
 * key Azure issued.
 */
export function identifiableKeyKind(base64Key: string): IdentifiableKeyMatch | undefined {
  const byteLength = byteLengthOf(base64Key);
  if (byteLength === undefined) return undefined;
  const offset = identifiableSignatureOffset(byteLength);
  const spec = KINDS.find((k) => k.byteLength === byteLength && base64Key.startsWith(k.signature, offset));
  if (spec === undefined) return undefined;
  const shape = { kind: spec.kind, signature: spec.signature, byteLength };
  const bytes = decodeBase64(base64Key, bodyLength(byteLength), byteLength);
  if (bytes === undefined) return undefined;
  if (byteLength === 32 && (bytes[27]! & 0x03) !== 0) return { ...shape, checksumValid: false };
  const checksumStart = byteLength - 4;
  const stored = (bytes[checksumStart]! | (bytes[checksumStart + 1]! << 8) | (bytes[checksumStart + 2]! << 16) | (bytes[checksumStart + 3]! << 24)) >>> 0;
  for (const { variant, seed } of spec.seeds) {
    if (marvin32Checksum(bytes, seed, 0, checksumStart) === stored) return { ...shape, checksumValid: true, variant };
  }
  return { ...shape, checksumValid: false };
}

/** 64 or 32 when the text has exactly the length (and padding) of such a key. */
function byteLengthOf(key: string): 32 | 64 | undefined {
  switch (key.length) {
    case 88:
      return key.charCodeAt(86) === 61 && key.charCodeAt(87) === 61 ? 64 : undefined;
    case 86:
      return 64;
    case 44:
      return key.charCodeAt(43) === 61 ? 32 : undefined;
    case 43:
      return 32;
    default:
      return undefined;
  }
}

/** Shorthand for the storage grading: an identifiable storage key with a valid checksum. */
export function isVerifiedIdentifiableStorageKey(base64Key: string): boolean {
  const match = identifiableKeyKind(base64Key);
  return match !== undefined && match.kind === 'storage' && match.checksumValid;
}
