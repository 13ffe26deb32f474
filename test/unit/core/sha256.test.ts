// The plain SHA-256 behind secret fingerprints in the browser must give exactly what node:crypto
// gives (which the Node builds use), or a baseline written by one build would not match findings of
// another (the CLI versus the browser).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { fingerprintSecret } from '../../../server/src/core/findings/fingerprint';
import { plainSha256Hex, sha256Hex, usesHostSha256 } from '../../../server/src/core/util/sha256';

const nodeSha256 = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');

test('FIPS 180-4 test vectors', () => {
  const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);
  assert.equal(plainSha256Hex(ascii('')), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.equal(plainSha256Hex(ascii('abc')), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  assert.equal(
    plainSha256Hex(ascii('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')),
    '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
  );
});

test('random byte strings of every length around the block and padding edges match node:crypto', () => {
  for (let length = 0; length <= 200; length++) {
    const bytes = randomBytes(length);
    assert.equal(plainSha256Hex(bytes), nodeSha256(bytes), `length ${length}`);
    assert.equal(sha256Hex(bytes), nodeSha256(bytes), `length ${length}, the host's`);
  }
  for (let i = 0; i < 50; i++) {
    const bytes = randomBytes(randomInt(200, 20_000));
    assert.equal(plainSha256Hex(bytes), nodeSha256(bytes), `length ${bytes.length}`);
  }
});

test('fingerprints of random strings (non-ASCII and lone surrogates too) match the node:crypto ones', () => {
  const alphabet = ['a', 'Z', '+', '/', '=', 'é', '€', '😀', '\ud800', '\udfff', '\u0000', '%'];
  for (let i = 0; i < 500; i++) {
    let s = '';
    const length = randomInt(0, 120);
    for (let j = 0; j < length; j++) s += alphabet[randomInt(alphabet.length)];
    assert.equal(fingerprintSecret(s), createHash('sha256').update(s, 'utf8').digest('hex'), JSON.stringify(s));
  }
  const key = randomBytes(64).toString('base64');
  assert.equal(fingerprintSecret(key), nodeSha256(Buffer.from(key, 'utf8')));
});

test("on Node (20.16 and later) the host's SHA-256 is the one used; without it, the plain one", () => {
  // Node 20.16 added process.getBuiltinModule: the engine finds node:crypto there without importing it.
  assert.equal(typeof process.getBuiltinModule, 'function', 'this Node has no process.getBuiltinModule: the host hash is not tried');
  assert.equal(usesHostSha256(), true);
});
