// walker/byteScan runs walker/prefilter's mayContainSecrets and walker/binarySniff's looksBinary in
// WebAssembly. It is only worth having if its answers are exactly those of the JavaScript, on every
// input: checked here on random bytes, on texts made of pattern fragments cut at every offset, and
// exhaustively around the edges (patterns straddling 16-byte blocks and either end of the input,
// the 86-character key run, the 30% control-byte boundary at and around 8192 bytes). Each input is
// checked twice: copied in from a separate Buffer, and as a view inside the scanner's own memory
// with pattern bytes right before and after it, which must not be read.
// Fabricated data only: letters and random bytes, never a real signature or key.
// One file over 400 lines on purpose: every suite asks the same question (same answers as the
// JavaScript?) through one comparison helper and one set of pattern fragments defined here.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ByteScanner, byteScanner } from '../../../server/src/walker/byteScan';
import { mayContainSecrets } from '../../../server/src/walker/prefilter';
import { looksBinary, SNIFF_LENGTH } from '../../../server/src/walker/binarySniff';
import { seededBytes } from '../../support/fakeSecrets';
import { BASE64_ANCHOR_FORMS } from '../../../server/src/core/scan/anchorLiterals';

const scanner = byteScanner();

const latin1 = (text: string): Buffer => Buffer.from(text, 'latin1');

/**
 * Bytes that would complete a pattern cut off at the start or at the end of the input, laid around
 * it in the scanner's memory: a scanner reading outside the input would answer differently.
 */
const SURROUNDINGS: ReadonlyArray<readonly [before: string, after: string]> = [
  ['si', '='],
  ['sharedaccesssi', 'gnature'],
  ['account', 'ey'],
  ['sharedaccess', 'key'],
  ['a', 'ccountkey'],
  ['sharedac', 'cesssignature'],
  ['A'.repeat(90), '='],
  ['sha512-', '='],
  ['+', 'ASt'],
  ['+A', 'St'],
  ['\xc4', '\xb0'],
  ['\xe2', '\x84\xaa'],
  ['\xe2\x84', '\xaa'],
  ['A'.repeat(40), 'A'.repeat(40)],
  ['c2lnP', 'Q=='],
];

/** The input as a view inside the scanner's memory, between the bytes of `surroundings`. */
function inScannerMemory(bytes: Uint8Array, surroundings: readonly [string, string]): Uint8Array {
  const before = latin1(surroundings[0]);
  const after = latin1(surroundings[1]);
  const region = scanner.region(before.length + bytes.length + after.length);
  region.set(before, 0);
  region.set(bytes, before.length);
  region.set(after, before.length + bytes.length);
  return region.subarray(before.length, before.length + bytes.length);
}

/** Asserts both scanner answers equal the JavaScript's, from a copy and from inside the memory. */
function assertSameAnswers(bytes: Uint8Array, surroundingsIndex: number, label: string): { secrets: boolean; binary: boolean } {
  const secrets = mayContainSecrets(bytes);
  const binary = looksBinary(bytes);
  const show = () => `${label}: ${JSON.stringify(Buffer.from(bytes).toString('latin1').slice(0, 200))} (${bytes.length} bytes)`;
  assert.equal(scanner.mayContainSecrets(bytes), secrets, `mayContainSecrets, copied in: ${show()}`);
  assert.equal(scanner.looksBinary(bytes), binary, `looksBinary, copied in: ${show()}`);
  const surroundings = SURROUNDINGS[surroundingsIndex % SURROUNDINGS.length]!;
  const view = inScannerMemory(bytes, surroundings);
  assert.equal(scanner.mayContainSecrets(view), secrets, `mayContainSecrets, in memory between ${JSON.stringify(surroundings)}: ${show()}`);
  assert.equal(scanner.looksBinary(view), binary, `looksBinary, in memory between ${JSON.stringify(surroundings)}: ${show()}`);
  return { secrets, binary };
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** `word` with each letter's case taken from `upper`. */
function withCase(word: string, upper: readonly boolean[]): string {
  return [...word].map((c, i) => (upper[i % upper.length] ? c.toUpperCase() : c)).join('');
}

const WORDS = [
  'sig=',
  'sig%',
  'sig\\',
  'sig',
  'gn',
  'sharedaccesssignature',
  'sharedaccesskey',
  'accountkey',
  'account',
  'sharedaccess',
  'key',
  'signature',
  'acc',
  'cc',
  'symmetrickeysigningmechanism',
];

/** Pieces of the patterns, whole and broken, that concatenate into near-misses and hits. */
const fragment: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.constantFrom(...WORDS), fc.array(fc.boolean(), { minLength: 1, maxLength: 21 })).map(([word, upper]) => withCase(word, upper)),
  fc.constantFrom(
    '==',
    '=',
    '%',
    '\\',
    '+ASt',
    '%3D%3D@',
    '%3d',
    '%3D',
    '3D@',
    'D%',
    '@',
    'SymmetricKeySigningMechanism',
    'SymmetricKey',
    'SigningMechanism',
    'cK',
    'm=',
    'M=',
    '7=',
    '+AS',
    '+A',
    '+',
    'St',
    '\xc4\xb0',
    '\xc4',
    '\xb0',
    '\xe2\x84\xaa',
    '\xe2\x84',
    '\xaa',
    '\x00',
    's',
    'i',
    'g',
    'k',
    'e',
    'y',
    'c',
    'a',
    ' ',
  ),
  fc.array(fc.constantFrom(...BASE64), { minLength: 80, maxLength: 90 }).map((run) => `${run.join('')}==`),
  fc.array(fc.constantFrom(...BASE64), { minLength: 1, maxLength: 20 }).map((run) => run.join('')),
  fc.array(fc.integer({ min: 1, max: 0x1f }), { minLength: 1, maxLength: 24 }).map((codes) => String.fromCharCode(...codes)),
  fc.uint8Array({ minLength: 1, maxLength: 24 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
);

/** Fragments joined, then cut at random offsets on both sides: patterns straddle blocks and ends. */
const fragmentText: fc.Arbitrary<Uint8Array> = fc.tuple(fc.array(fragment, { maxLength: 14 }), fc.nat(40), fc.nat(40)).map(([pieces, cutStart, cutEnd]) => {
  const bytes = latin1(pieces.join(''));
  const start = Math.min(cutStart, bytes.length);
  return bytes.subarray(start, Math.max(start, bytes.length - cutEnd));
});

describe('walker/byteScan: the same answers as the JavaScript', () => {
  it('on random bytes', () => {
    let run = 0;
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        assertSameAnswers(bytes, run++, 'random bytes');
      }),
      { numRuns: 2000 },
    );
  });

  it('on texts made of pattern fragments, cut at random offsets', () => {
    let run = 0;
    let secrets = 0;
    let binary = 0;
    fc.assert(
      fc.property(fragmentText, (bytes) => {
        const answers = assertSameAnswers(bytes, run++, 'fragments');
        if (answers.secrets) secrets++;
        if (answers.binary) binary++;
      }),
      { numRuns: 3000 },
    );
    // The generator must reach both answers of both checks, or the comparison proves little.
    assert.ok(secrets > 300 && secrets < 2700, `inputs with a pattern: ${secrets} of 3000`);
    assert.ok(binary > 30 && binary < 2900, `binary-looking inputs: ${binary} of 3000`);
  });

  it('on long base64 runs with and without the base64 anchor forms, cut at random offsets', () => {
    const piece = fc.oneof(
      fc.constantFrom(...BASE64_ANCHOR_FORMS.map((anchor) => anchor.form)),
      fc.array(fc.constantFrom(...BASE64), { minLength: 10, maxLength: 70 }).map((run) => run.join('')),
      fc.constantFrom('=', ' ', '\n', '"', 'A'.repeat(31), 'A'.repeat(33)),
    );
    const text = fc.tuple(fc.array(piece, { maxLength: 10 }), fc.nat(40), fc.nat(40)).map(([pieces, cutStart, cutEnd]) => {
      const bytes = latin1(pieces.join(''));
      const start = Math.min(cutStart, bytes.length);
      return bytes.subarray(start, Math.max(start, bytes.length - cutEnd));
    });
    let run = 0;
    let secrets = 0;
    fc.assert(
      fc.property(text, (bytes) => {
        if (assertSameAnswers(bytes, run++, 'base64 runs').secrets) secrets++;
      }),
      { numRuns: 3000 },
    );
    assert.ok(secrets > 300 && secrets < 2700, `inputs with a base64 anchor in a long run: ${secrets} of 3000`);
  });

  it('on lock files: integrity digests passed over in WebAssembly, runs beside them still searched', () => {
    // An 86-character run holding a base64 anchor form, padded to a digest's shape.
    const form = BASE64_ANCHOR_FORMS[0]!.form;
    const run86 = (form + 'QUJD'.repeat(30)).slice(0, 86);
    const digest = (run: string) => `      "integrity": "sha512-${run}==",\n`;
    const plain = seededBytes(5, 64).toString('base64').slice(0, 86);
    const piece = fc.oneof(
      fc.constant(digest(plain)),
      fc.constant(digest(run86)),
      fc.constant(`      "integrity": "sha256-${run86}==",\n`),
      fc.constant(`      "integrity": "sha512-${run86}A==",\n`),
      fc.constant(`sha512-${run86}==`),
      fc.constantFrom('sha512-', '==', ' ', '\n', 'x'),
    );
    let secrets = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        if (assertSameAnswers(latin1(pieces.join('')), secrets, 'lock file').secrets) secrets++;
      }),
      { numRuns: 2000 },
    );
    assert.ok(secrets > 200 && secrets < 1800, `inputs with a base64 anchor outside a digest: ${secrets} of 2000`);
    // A digest holding an anchor form is no credential; thousands of them before a run that is one.
    const lockFile = digest(run86).repeat(3000);
    assert.equal(scanner.mayContainSecrets(latin1(lockFile)), false);
    assert.equal(mayContainSecrets(latin1(lockFile)), false);
    const withRun = `${lockFile}      "resolved": "${run86}A",\n`;
    assert.equal(scanner.mayContainSecrets(latin1(withRun)), true);
    assert.equal(mayContainSecrets(latin1(withRun)), true);
  });

  it('on inputs around 8192 bytes with control bytes and NULs near the sniff limit', () => {
    let run = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 8150, max: 8250 }),
        fc.integer({ min: 0, max: 100 }),
        fc.option(fc.integer({ min: 8170, max: 8210 })),
        fc.integer(),
        (length, controlPercent, nulAt, seed) => {
          const noise = seededBytes(seed, length);
          const bytes = Buffer.alloc(length, 0x61);
          for (let i = 0; i < length; i++) if (noise[i]! % 100 < controlPercent) bytes[i] = 0x01 + (noise[i]! % 0x1f);
          if (nulAt !== null && nulAt < length) bytes[nulAt] = 0;
          assertSameAnswers(bytes, run++, 'around 8192 bytes');
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** Every pattern, and its cut-off forms, as the edge tests place them. */
const PATTERNS: ReadonlyArray<{ name: string; bytes: Buffer }> = [
  { name: 'sig=', bytes: latin1('sig=') },
  { name: 'SiG%', bytes: latin1('SiG%') },
  { name: 'sIg\\', bytes: latin1('sIg\\') },
  { name: 'sharedaccesssignature', bytes: latin1('sharedAccessSignature') },
  { name: 'accountkey', bytes: latin1('AccountKey') },
  { name: 'sharedaccesskey', bytes: latin1('SHAREDACCESSKEY') },
  { name: '+ASt', bytes: latin1('+ASt') },
  { name: '%3D%3d@', bytes: latin1('%3D%3d@') },
  { name: 'C4 B0', bytes: latin1('\xc4\xb0') },
  { name: 'E2 84 AA', bytes: latin1('\xe2\x84\xaa') },
  { name: 'NUL', bytes: latin1('\x00') },
];

describe('walker/byteScan: edges', () => {
  it('each pattern at offsets 0..40 in inputs of 0..48 bytes, cut off where the input ends', () => {
    let hits = 0;
    let checked = 0;
    for (const [fillerIndex, filler] of [0x78, 0x41].entries()) {
      for (const pattern of PATTERNS) {
        for (let length = 0; length <= 48; length++) {
          for (let offset = 0; offset <= 40; offset++) {
            const bytes = Buffer.alloc(length, filler);
            if (offset < length) pattern.bytes.copy(bytes, offset, 0, Math.min(pattern.bytes.length, length - offset));
            const label = `${pattern.name} at ${offset} of ${length}, filler ${filler}`;
            assertSameAnswers(bytes, offset + length + fillerIndex, label);
            const whole = offset + pattern.bytes.length <= length;
            if (pattern.name !== 'NUL') {
              // A whole pattern matches; a cut-off one in a neutral filler does not.
              assert.equal(scanner.mayContainSecrets(bytes), whole, label);
              if (whole) hits++;
            }
            checked++;
          }
        }
      }
    }
    assert.ok(hits > 10000, `whole patterns found: ${hits} of ${checked}`);
  });

  it('each proper prefix of a pattern at the very end does not match, and neither does each proper suffix at the start', () => {
    for (const pattern of PATTERNS.filter((p) => p.name !== 'NUL' && p.bytes.length > 1)) {
      for (let cut = 1; cut < pattern.bytes.length; cut++) {
        for (const padding of [0, 1, 15, 16, 17, 31, 40]) {
          const atEnd = Buffer.concat([Buffer.alloc(padding, 0x2e), pattern.bytes.subarray(0, cut)]);
          const atStart = Buffer.concat([pattern.bytes.subarray(cut), Buffer.alloc(padding, 0x2e)]);
          for (const [bytes, where] of [
            [atEnd, 'end'],
            [atStart, 'start'],
          ] as const) {
            const label = `${pattern.name} cut at ${cut}, at the ${where}, ${padding} bytes of padding`;
            assertSameAnswers(bytes, cut + padding, label);
            assert.equal(scanner.mayContainSecrets(bytes), false, label);
          }
        }
      }
    }
  });

  it('an account key end: 86 base64 characters before == match, 85 do not, nor 86 with one non-base64 among them', () => {
    const run86 = 'Zm9yZ2VkL2tleS8rZmFicmljYXRlZC1ub3QtcmVhbC0tMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAw+/'.replace(/-/g, 'x');
    assert.equal(run86.length, 86);
    for (const lead of ['', ' ', 'x'.repeat(15), ' '.repeat(16), ' '.repeat(33)]) {
      for (const tail of ['', ';', '=', ' '.repeat(20)]) {
        const cases: Array<[string, boolean]> = [
          [`${lead}${run86}==${tail}`, true],
          [`${lead} ${run86.slice(1)}==${tail}`, false],
          [`${lead}${run86.slice(0, 40)}.${run86.slice(41)}==${tail}`, false],
          [`${lead}${run86.slice(0, 85)}-==${tail}`, false],
          [`${lead}${run86}=${tail === '=' ? '' : tail}`, false],
          // a lock file's integrity digest (anchorLiterals.ts's SRI_SHA512_PREFIX), but not sha256- or SHA512-
          [`${lead}sha512-${run86}==${tail}`, false],
          [`${lead}sha256-${run86}==${tail}`, true],
          [`${lead}SHA512-${run86}==${tail}`, true],
          [`${lead}sha512-x${run86}==${tail}`, true],
        ];
        for (const [text, expected] of cases) {
          const bytes = latin1(text);
          assertSameAnswers(bytes, text.length, `key end: ${text}`);
          assert.equal(scanner.mayContainSecrets(bytes), expected, `key end: ${text}`);
        }
      }
    }
  });

  it('every byte value as control or not, alone and in blocks, as the JavaScript counts it', () => {
    for (let value = 0; value < 256; value++) {
      for (const length of [1, 15, 16, 17, 33]) {
        assertSameAnswers(Buffer.alloc(length, value), value + length, `byte ${value} x ${length}`);
        // one such byte among text: binary only for NUL (1 control byte is never over 30%)
        const mixed = Buffer.alloc(length + 3, 0x61);
        mixed[length] = value;
        assert.equal(scanner.looksBinary(mixed), value === 0, `byte ${value} among text`);
      }
    }
  });

  it('the 30% control-byte boundary below, at and above 8192 bytes (bytes after 8192 do not count)', () => {
    for (const length of [1, 3, 10, 16, 17, 100, 1000, 4095, 4096, 4097, SNIFF_LENGTH - 1, SNIFF_LENGTH, SNIFF_LENGTH + 1, 10000, 65536]) {
      const sniffed = Math.min(length, SNIFF_LENGTH);
      const atLimit = Math.floor((sniffed * 3) / 10);
      for (const control of [atLimit - 1, atLimit, atLimit + 1]) {
        if (control < 0) continue;
        const bytes = Buffer.alloc(length, 0x61);
        // control bytes spread over the sniffed part (so the blocks and the scalar tail both count)
        for (let k = 0; k < control; k++) bytes[Math.floor((k * sniffed) / Math.max(control, 1))] = 0x01 + (k % 8);
        const expected = control * 10 > sniffed * 3;
        assertSameAnswers(bytes, length + control, `${control} control bytes in ${length}`);
        assert.equal(scanner.looksBinary(bytes), expected, `${control} control bytes in ${length}`);
        if (length > SNIFF_LENGTH) {
          // everything after the sniffed part is control: still the same answer
          bytes.fill(0x02, SNIFF_LENGTH);
          assert.equal(scanner.looksBinary(bytes), expected, `${control} control bytes in ${length}, control after the sniffed bytes`);
          bytes[SNIFF_LENGTH] = 0;
          assert.equal(scanner.looksBinary(bytes), expected, `a NUL right after the sniffed bytes does not count (${length})`);
        }
      }
    }
    // a NUL as the last sniffed byte does count
    const lastSniffed = Buffer.alloc(9000, 0x61);
    lastSniffed[SNIFF_LENGTH - 1] = 0;
    assert.equal(scanner.looksBinary(lastSniffed), true);
    assert.equal(looksBinary(lastSniffed), true);
  });

  it('every ratio near 30% for every length up to 400 agrees with the JavaScript', () => {
    for (let length = 1; length <= 400; length++) {
      const atLimit = Math.floor((length * 3) / 10);
      for (const control of [atLimit, atLimit + 1]) {
        const bytes = Buffer.alloc(length, 0x20);
        for (let k = 0; k < control; k++) bytes[length - 1 - k] = 0x7f;
        assert.equal(scanner.looksBinary(bytes), looksBinary(bytes), `${control} DEL bytes in ${length}`);
        assert.equal(scanner.looksBinary(bytes), control * 10 > length * 3, `${control} DEL bytes in ${length}`);
      }
    }
  });
});

describe('walker/byteScan: memory', () => {
  it('a view into the scanner memory and a separate Buffer with the same bytes give the same answers', () => {
    for (const text of ['no secret here', `x?sv=2022-11-02&sig=${'Q'.repeat(43)}%3D`, 'AccountKey=', 'plain\x01\x02\x03\x04\x05text']) {
      const separate = latin1(text);
      const region = scanner.region(separate.length);
      region.set(separate);
      assert.equal(scanner.mayContainSecrets(region), scanner.mayContainSecrets(separate), text);
      assert.equal(scanner.mayContainSecrets(region), mayContainSecrets(separate), text);
      assert.equal(scanner.looksBinary(region), looksBinary(separate), text);
    }
  });

  it('checks inputs far larger than the initial memory, and regions are new views after it grows', () => {
    const fresh = new ByteScanner();
    const small = fresh.region(64);
    assert.equal(small.byteLength, 64);
    small.set(latin1('sig='));
    assert.equal(fresh.mayContainSecrets(small.subarray(0, 4)), true);

    const big = Buffer.alloc(5 * 1024 * 1024, 0x61);
    latin1('AccountKey').copy(big, big.length - 10);
    assert.equal(fresh.mayContainSecrets(big), true, 'a pattern in the last bytes of 5 MB');
    big.fill(0x61, big.length - 10);
    assert.equal(fresh.mayContainSecrets(big), false);
    assert.equal(fresh.looksBinary(big), false);

    // Growing the memory detached the region obtained before: it cannot be read or written stale.
    assert.equal(small.byteLength, 0, 'a region from before the memory grew is detached');
    const region = fresh.region(big.length + 17);
    assert.equal(region.byteLength, big.length + 17);
    region.set(big);
    latin1('+ASt').copy(region, big.length + 13);
    assert.equal(fresh.mayContainSecrets(region), true, 'a region after growth is live');
    assert.equal(fresh.mayContainSecrets(region.subarray(0, big.length + 16)), false, 'a view ending before the pattern is whole');
    assert.equal(fresh.mayContainSecrets(new Uint8Array(0)), false);
    assert.equal(fresh.looksBinary(new Uint8Array(0)), false);
    assert.throws(() => fresh.region(-1), RangeError);
  });

  it('byteScanner() is one shared instance per thread', () => {
    assert.equal(byteScanner(), scanner);
  });

  it('names the cause when the WebAssembly module cannot be instantiated', () => {
    const host = globalThis as { WebAssembly?: unknown };
    const real = host.WebAssembly as { Module: unknown };
    host.WebAssembly = {
      Module: real.Module,
      Instance: class {
        constructor() {
          throw new Error('simulated: no SIMD');
        }
      },
    };
    try {
      assert.throws(() => new ByteScanner(), /byte scanner: cannot load its WebAssembly module .*simulated: no SIMD/);
    } finally {
      host.WebAssembly = real;
    }
  });
});

describe('walker/byteScan: generated module', () => {
  it('byteScanWasm.ts is what byteScan.wat compiles to (scripts/build-wasm.mjs --check)', () => {
    const result = spawnSync(process.execPath, ['scripts/build-wasm.mjs', '--check'], { encoding: 'utf8' });
    assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
    assert.match(result.stdout, /is up to date/);
  });
});
