// Identifiable Azure keys: Marvin32 against published answers, the checksum check against
// published sample keys, and properties over fabricated keys of every kind (a valid key passes,
// one changed character fails, a forged signature without its checksum fails).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { marvin32, marvin32Checksum, marvin32SeedFromName, type Marvin32Seed } from '../../../server/src/core/assess/marvin32';
import { identifiableKeyKind, isVerifiedIdentifiableStorageKey } from '../../../server/src/core/assess/identifiableKey';
import { IDENTIFIABLE_FORMATS, fabricateIdentifiableKey } from '../../support/fabricateIdentifiable';
import { fakeAccountKey, fakeIdentifiableKey, seededBytes } from '../../support/fakeSecrets';

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function seed(value: bigint): Marvin32Seed {
  return { hi: Number(value >> 32n), lo: Number(value & 0xffffffffn) };
}

function hex64(hash: { hi: number; lo: number }): string {
  return `${hash.hi.toString(16).padStart(8, '0')}${hash.lo.toString(16).padStart(8, '0')}`;
}

function fromHex(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
}

// --- Marvin32 known answers -------------------------------------------------------------------

test('Marvin32: SymCrypt self-test answer ("abc", default seed)', () => {
  // https://github.com/microsoft/SymCrypt/blob/main/lib/marvin32.c: SymCryptMarvin32Selftest hashes
  // "abc" with the default seed {0xcd0893b7, 0xd53cd9ce} (first 8 bytes of SHA-256("Marvin32"))
  // and expects the bytes bf 69 27 49 39 43 c7 22, i.e. lanes 0x492769bf and 0x22c74339.
  const hash = marvin32(new TextEncoder().encode('abc'), seed(0xd53cd9cecd0893b7n));
  assert.equal(hex64(hash), '22c74339492769bf');
  // The 32-bit form, as security-utilities' own Node tests state it
  // (src/security-utilities-node/tests/marvin.spec.ts, case "basic").
  assert.equal(marvin32Checksum(new TextEncoder().encode('abc'), seed(0xd53cd9cecd0893b7n)), 0x6be02a86);
});

test('Marvin32: the .NET runtime test vectors (0 to 7 bytes, three seeds)', () => {
  // https://github.com/dotnet/runtime/blob/main/src/libraries/Common/tests/Tests/System/MarvinTests.cs
  // (the same table as dotnet/corefx src/Common/tests/Tests/System/MarvinTests.cs).
  const seed1 = seed(0x004fb61a001bdbccn);
  const seed2 = seed(0x804fb61a001bdbccn);
  const seed3 = seed(0x804fb61a801bdbccn);
  const data = ['', 'af', 'e70f', '37f495', '8642dc59', '153fb79826', '0932e6246c47', 'ab427ea8d10fc7'];
  const vectors: Array<[Marvin32Seed, string, string]> = [
    ...[
      '30ed35c100cd3c7d',
      '48e73fc77d75ddc1',
      'b5f6e1fc485dbff8',
      'f0b07c789b8cf7e8',
      '7008f2e87e9cf556',
      'e6c08c6da2afa997',
      '6f04bf1a5ea24060',
      'e11847e4f0678c41',
    ].map((expected, i) => [seed1, data[i]!, expected] as [Marvin32Seed, string, string]),
    ...[
      '10a9d5d3996fd65d',
      '68201f91960ebf91',
      '64b581631f6ab378',
      'e1f2dfa6e5131408',
      '36289d9654fb49f6',
      '0a06114b13464dbd',
      'd6dd5e40ad1bc2ed',
      'e203987dba252fb3',
    ].map((expected, i) => [seed2, data[i]!, expected] as [Marvin32Seed, string, string]),
    [seed3, '00', 'a37fb0da2ecae06c'],
    [seed3, 'ff', 'fecef370701ae054'],
    [seed3, '00ff', 'a638e75700048880'],
    [seed3, 'ff00', 'bdfb46d969730e2a'],
    [seed3, 'ff00ff', '9d8577c0fe0d30bf'],
    [seed3, '00ff00', '4f9fbdde15099497'],
    [seed3, '00ff00ff', '24eaa279d9a529ca'],
    [seed3, 'ff00ff00', 'd3bec7726b057943'],
    [seed3, 'ff00ff00ff', '920b62bbca3e0b72'],
    [seed3, '00ff00ff00', '1d7ddf9dfdf3c1bf'],
    [seed3, '00ff00ff00ff', 'ec21276a17e821a5'],
    [seed3, 'ff00ff00ff00', '6911a53ca8c12254'],
    [seed3, 'ff00ff00ff00ff', 'fdfd187b1d3ce784'],
    [seed3, '00ff00ff00ff00', '71876f2efb1b0ee8'],
  ];
  assert.equal(vectors.length, 30);
  for (const [s, input, expected] of vectors) {
    const hash = marvin32(fromHex(input), s);
    assert.equal(hex64(hash), expected, `input ${input || '(empty)'}`);
    assert.equal(marvin32Checksum(fromHex(input), s), (hash.hi ^ hash.lo) >>> 0);
  }
});

test('Marvin32: a 26-byte input (several whole words and a tail)', () => {
  // security-utilities src/Tests.Microsoft.Security.Utilities.Core/MarvinTests.cs, MarvinLongerString,
  // which checks it against SymCrypt.
  const hash = marvin32(new TextEncoder().encode('abcdefghijklmnopqrstuvwxyz'), seed(0x0ddddeeeeffff000n));
  assert.equal(hex64(hash), 'a128eb7e7260aca2');
});

test('Marvin32 over a range equals Marvin32 over that slice', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 80 }), fc.nat(), fc.nat(), (data, x, y) => {
      const start = data.length === 0 ? 0 : x % (data.length + 1);
      const end = start + (y % (data.length - start + 1));
      const s = marvin32SeedFromName('Default0');
      assert.deepEqual(marvin32(data, s, start, end), marvin32(data.slice(start, end), s));
    }),
    { numRuns: 200 },
  );
});

test('seed names read as big-endian ASCII, as security-utilities derives them', () => {
  // IdentifiableSecretsTests.cs (IdentifiableSecrets_ComputeChecksumSeed) and IdentifiableMetadata.cs.
  assert.deepEqual(marvin32SeedFromName('ROSeed00'), seed(0x524f536565643030n));
  assert.deepEqual(marvin32SeedFromName('RWSeed00'), seed(0x5257536565643030n));
  assert.deepEqual(marvin32SeedFromName('Default0'), seed(0x44656661756c7430n));
  assert.deepEqual(marvin32SeedFromName('Send0000'), seed(0x53656e6430303030n));
  assert.throws(() => marvin32SeedFromName('Default'));
});

// --- published sample keys --------------------------------------------------------------------

// Test data published in security-utilities, src/security_utilities_rust/src/
// microsoft_security_utilities_core/identifiable_scans.rs (commit 638ad20e): bodies of repeated
// 'a' with a signature and checksum appended, plainly fabricated. Their scanner test does not
// check checksums, so these verifying here is an independent check of the whole layout.
const A76 = 'a'.repeat(76);
const A33 = 'a'.repeat(33);
const PUBLISHED_SAMPLES: Array<[string, string]> = [
  [`${A76}+ASt5mnCaw==`, 'storage'],
  [`${A76}ACDbOpqrYA==`, 'cosmos'],
  [`${A76}+ABa13FZVQ==`, 'batch'],
  [`${A76}+AMCFNqWyA==`, 'ml-classic'],
  [`${A76}APIMHbKhsQ==`, 'apim'],
  [`${A33}+ASbHpHeAI=`, 'servicebus'],
  [`${A33}+AEhG2s/8w=`, 'eventhubs'],
  [`${A33}+ARmD7h+qo=`, 'relay'],
  [`${A33}AIoTOumzco=`, 'iothub'],
];

test('published sample identifiable keys verify, with and without padding', () => {
  for (const [key, kind] of PUBLISHED_SAMPLES) {
    const match = identifiableKeyKind(key);
    assert.equal(match?.kind, kind, key.slice(70));
    assert.equal(match?.checksumValid, true, key.slice(70));
    assert.equal(identifiableKeyKind(key.replace(/=+$/, ''))?.checksumValid, true);
  }
  assert.equal(isVerifiedIdentifiableStorageKey(PUBLISHED_SAMPLES[0]![0]), true);
});

test('the sample storage key with its first character changed no longer verifies', () => {
  const key = `b${PUBLISHED_SAMPLES[0]![0].slice(1)}`;
  assert.deepEqual(identifiableKeyKind(key), { kind: 'storage', signature: '+ASt', byteLength: 64, checksumValid: false });
  assert.equal(isVerifiedIdentifiableStorageKey(key), false);
});

// --- fabricated keys of every kind ------------------------------------------------------------

const KINDS = Object.keys(IDENTIFIABLE_FORMATS) as Array<keyof typeof IDENTIFIABLE_FORMATS>;

test('a fabricated key of every kind verifies, names its kind and the seed that signed it', () => {
  const variantOf: Record<string, string> = {
    Default0: 'default',
    MastRW00: 'master-read-write',
    AbAcct00: 'default',
    GitKey00: 'repository',
    Classic0: 'default',
    Manage00: 'manage',
    Listen00: 'listen',
    Send0000: 'send',
    Device00: 'device',
  };
  fc.assert(
    fc.property(fc.constantFrom(...KINDS), fc.uint8Array({ minLength: 64, maxLength: 64 }), (kind, random) => {
      const format = IDENTIFIABLE_FORMATS[kind];
      const key = fabricateIdentifiableKey(random, format);
      assert.equal(key.length, format.byteLength === 64 ? 88 : 44);
      assert.deepEqual(identifiableKeyKind(key), {
        kind,
        signature: format.signature,
        byteLength: format.byteLength,
        checksumValid: true,
        variant: variantOf[format.seedName],
      });
    }),
    { numRuns: 300 },
  );
});

test('changing any one character of a valid key (body, signature or checksum) makes it fail', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...KINDS),
      fc.uint8Array({ minLength: 64, maxLength: 64 }),
      fc.nat(),
      fc.integer({ min: 1, max: 63 }),
      (kind, random, position, shift) => {
        const key = fabricateIdentifiableKey(random, IDENTIFIABLE_FORMATS[kind]);
        const body = key.replace(/=+$/, '').length;
        const i = position % body;
        const replacement = BASE64_ALPHABET[(BASE64_ALPHABET.indexOf(key[i]!) + shift) % 64]!;
        const changed = `${key.slice(0, i)}${replacement}${key.slice(i + 1)}`;
        assert.notEqual(changed, key);
        const original = identifiableKeyKind(key);
        const match = identifiableKeyKind(changed);
        // A changed signature is no identifiable key at all; anything else keeps the kind and fails the
        // checksum under the seed the original verified with. Kinds with several seeds (Cosmos DB has
        // seven) can, on degenerate bodies, verify under another of their seeds: fast-check found one
        // (64 zero bytes, Cosmos MastRW00 → MastRO00 after one character). That is the format's
        // property, not a false acceptance of the original key's seed.
        assert.ok(match === undefined || match.checksumValid === false || match.variant !== original?.variant, `position ${i}`);
        if (match === undefined) {
          const offset = IDENTIFIABLE_FORMATS[kind].byteLength === 64 ? 76 : 33;
          // Only the signature and the last characters (whose spare bits must be zero) can lose the shape.
          assert.ok((i >= offset && i < offset + 4) || i === body - 1, `position ${i}`);
        }
      },
    ),
    { numRuns: 2000 },
  );
});

test('random bytes with "+ASt" forced at offset 76 are a storage signature with a wrong checksum', () => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 64, maxLength: 64 }), (random) => {
      const b64 = Buffer.from(random).toString('base64');
      const forged = `${b64.slice(0, 76)}+ASt${b64.slice(80)}`;
      assert.deepEqual(identifiableKeyKind(forged), { kind: 'storage', signature: '+ASt', byteLength: 64, checksumValid: false });
      assert.equal(isVerifiedIdentifiableStorageKey(forged), false);
    }),
    { numRuns: 300 },
  );
  // The older test fixture does exactly this: it has the marker, not the checksum.
  assert.equal(identifiableKeyKind(fakeIdentifiableKey(62))?.checksumValid, false);
});

// --- not identifiable keys --------------------------------------------------------------------

test('values without a known signature, of another length or alphabet are not identifiable keys', () => {
  const valid = fabricateIdentifiableKey(seededBytes(7, 64), IDENTIFIABLE_FORMATS.storage);
  const cases = [
    fakeAccountKey(61), // an ordinary 64-byte key: no signature
    Buffer.from(seededBytes(8, 32)).toString('base64'), // an ordinary 32-byte key
    valid.slice(0, 87), // one "=" short
    `${valid}=`, // too long
    `x${valid}`,
    valid.replace(/^./, '-'), // URL-safe alphabet is not the storage key alphabet
    valid.replace(/^./, '\u00e9'),
    `${valid.slice(0, 86)}A=`, // padding replaced by a character
    `${valid.slice(0, 85)}B==`, // a final character with non-zero spare bits
    '',
  ];
  for (const value of cases) assert.equal(identifiableKeyKind(value), undefined, JSON.stringify(value.slice(0, 4)));
  // A 32-byte signature at the 64-byte offset, and the reverse, are not recognised either.
  const sb = fabricateIdentifiableKey(seededBytes(9, 64), IDENTIFIABLE_FORMATS.servicebus);
  assert.equal(identifiableKeyKind(`${valid.slice(0, 76)}+ASb${valid.slice(80)}`), undefined);
  assert.equal(identifiableKeyKind(`${sb.slice(0, 33)}+ASt${sb.slice(37)}`), undefined);
});

test('a 32-byte key whose spare bits after the signature are set fails, even with a matching checksum', () => {
  // The published pattern requires character 37 to be one of A-P: those 2 bits are zero in every
  // key the services issue. Set one and re-sign, so only that rule can reject the key.
  const bytes = Buffer.from(fabricateIdentifiableKey(seededBytes(10, 64), IDENTIFIABLE_FORMATS.servicebus), 'base64');
  bytes.writeUInt8(bytes.readUInt8(27) | 0x01, 27);
  bytes.writeUInt32LE(marvin32Checksum(bytes, marvin32SeedFromName('Manage00'), 0, 28), 28);
  const key = bytes.toString('base64');
  assert.ok(!'ABCDEFGHIJKLMNOP'.includes(key[37]!));
  assert.deepEqual(identifiableKeyKind(key), { kind: 'servicebus', signature: '+ASb', byteLength: 32, checksumValid: false });
});
