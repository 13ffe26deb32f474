// Keys written beside their own decoded bytes (server/src/core/assess/testVector.ts): a Python bytes
// literal or a hex string of exactly the key's bytes within 8,192 characters makes the finding info,
// with the message and reasons saying why. Other bytes, a literal too far away, or a key alone keep
// the grade. Shaped after Azure/azure-iot-sdk-python's tests/unit/common/auth/test_signing_mechanism.py
// (random bytes here, not that file's key).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { scanText } from '../../../server/src/core';
import { TestVectors, TEST_VECTOR_REASON } from '../../../server/src/core/assess/testVector';
import { NOW } from '../../support/clock';

/** Bytes as Python's repr writes them in a bytes literal. */
function pythonBytes(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) {
    if (b === 0x5c) out += '\\\\';
    else if (b === 0x22) out += '\\"';
    else if (b === 0x09) out += '\\t';
    else if (b === 0x0a) out += '\\n';
    else if (b === 0x0d) out += '\\r';
    else if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b);
    else out += `\\x${b.toString(16).padStart(2, '0')}`;
  }
  return `b"${out}"`;
}

/** The IoT SDK test's shape: the key with its decoded bytes in a parameter list, then a fixture signing with it. */
function signerTest(key: string, decoded: string, gap = ''): string {
  return [
    '@pytest.mark.parametrize(',
    '    "key, expected_signing_key",',
    '    [',
    '        pytest.param(',
    `            "${key}",`,
    `            ${decoded},`,
    '            id="Example 1",',
    '        ),',
    '    ],',
    ')',
    'def test_derives_signing_key(self, key, expected_signing_key):',
    '    sm = SymmetricKeySigningMechanism(key)',
    '    assert sm._signing_key == expected_signing_key',
    gap,
    '@pytest.fixture',
    'def signing_mechanism(self):',
    `    return SymmetricKeySigningMechanism("${key}")`,
    '',
  ].join('\n');
}

function onlyFinding(text: string) {
  const { findings } = scanText(text, { now: NOW, fileName: 'test_signing_mechanism.py' });
  assert.equal(findings.length, 1, JSON.stringify(findings.map((f) => f.message)));
  return findings[0]!;
}

describe('a key beside its own decoded bytes', () => {
  it('is info, saying it is a test vector: the IoT SDK signer test, with a Python bytes literal', () => {
    const bytes = randomBytes(32);
    const finding = onlyFinding(signerTest(bytes.toString('base64'), pythonBytes(bytes)));
    assert.equal(finding.ruleId, 'iothub-device-key');
    assert.equal(finding.grade, 'info');
    assert.equal(finding.reasons[0], TEST_VECTOR_REASON);
    assert.match(finding.message, /\(written beside its decoded bytes: a test vector\) \u2014 info$/);
  });

  it('is info with the bytes in hex, either case', () => {
    const bytes = randomBytes(32);
    for (const hex of [bytes.toString('hex'), bytes.toString('hex').toUpperCase()]) {
      assert.equal(onlyFinding(signerTest(bytes.toString('base64'), `bytes.fromhex("${hex}")`)).grade, 'info', hex);
    }
  });

  it('keeps its grade when the bytes beside it are other bytes, one byte short, or too far away', () => {
    const bytes = randomBytes(32);
    const key = bytes.toString('base64');
    assert.equal(onlyFinding(signerTest(key, pythonBytes(randomBytes(32)))).grade, 'high');
    assert.equal(onlyFinding(signerTest(key, pythonBytes(bytes.subarray(0, 31)))).grade, 'high');
    assert.equal(onlyFinding(signerTest(key, pythonBytes(bytes), `# ${'-'.repeat(100)}\n`.repeat(90))).grade, 'high');
    assert.equal(onlyFinding(`signer = SymmetricKeySigningMechanism("${key}")\n`).grade, 'high');
  });

  it('applies to a storage account key in a connection string too', () => {
    const bytes = randomBytes(64);
    const text = `conn = "DefaultEndpointsProtocol=https;AccountName=contosodata;AccountKey=${bytes.toString('base64')};EndpointSuffix=core.windows.net"\nexpected_key = ${pythonBytes(bytes)}\n`;
    const finding = onlyFinding(text);
    assert.equal(finding.ruleId, 'storage-account-key');
    assert.equal(finding.grade, 'info');
  });

  it('reads every Python bytes literal of any bytes back exactly (escapes, quotes, octal)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 64 }), fc.boolean(), (bytes, octal) => {
        const key = Buffer.from(bytes).toString('base64');
        // Some writers use octal escapes; Python reads \0 … \377 the same.
        const literal = octal ? `b'${[...bytes].map((b) => `\\${b.toString(8)}`).join('')}'` : pythonBytes(bytes);
        const text = `key = "${key}"\ndecoded = ${literal}\n`;
        const start = text.indexOf(key);
        assert.equal(new TestVectors(text).isTestVector({ start, end: start + key.length }), true, literal);
      }),
      { numRuns: 300 },
    );
  });
});
