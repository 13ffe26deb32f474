// A candidate file whose bytes hold no long base64 run is scanned without the engine's base64 pass
// (walker/scanFile.ts `longBase64Runs`, ScanOptions `noLongBase64Runs`). That is only safe if the byte
// check finds a run wherever the decoder would read one in the decoded text: checked here on texts
// with base64-encoded tokens, runs around the 64-character minimum, characters of two to four UTF-8
// bytes, integrity digests and random bytes, by scanning each with and without the pass.
// Fabricated secrets only: random signature and key bytes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { scanText } from '../../../server/src/core';
import { hasLongBase64Run } from '../../../server/src/walker/byteChecks';
import { nextLongBase64Run } from '../../../server/src/walker/prefilter';
import { decodeTextBytes, textBytes } from '../../../server/src/walker/readTextFile';
import { scanCandidate, screenBytes } from '../../../server/src/walker/scanFile';
import { NOW } from '../../support/clock';
import { accountKeyArbitrary, percentEncode, signatureArbitrary } from '../../support/fakeSecrets';

const token = fc.oneof(
  signatureArbitrary.map((sig) => `https://contosodata.blob.core.windows.net/c/b.bin?sv=2022-11-02&sr=b&sp=r&se=2030-01-01&sig=${percentEncode(sig)}`),
  signatureArbitrary.map((sig) => `sv=2022-11-02&ss=b&srt=co&sp=rw&se=2030-01-01&sig=${sig}`),
  accountKeyArbitrary.map((key) => `DefaultEndpointsProtocol=https;AccountName=contosodata;AccountKey=${key};EndpointSuffix=core.windows.net`),
  signatureArbitrary.map((key) => `Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=Send;SharedAccessKey=${key}`),
);

const base64Alphabet = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'];

const piece = fc.oneof(
  token,
  // Base64 of a token (Kubernetes Secret data, a setting), with or without its padding.
  fc.tuple(token, fc.boolean()).map(([t, padded]) => {
    const encoded = Buffer.from(t, 'utf8').toString('base64');
    return padded ? encoded : encoded.replace(/=+$/, '');
  }),
  // Runs of base64 characters around the decoder's 64-character minimum.
  fc.integer({ min: 56, max: 72 }).chain((length) => fc.string({ unit: fc.constantFrom(...base64Alphabet), minLength: length, maxLength: length })),
  fc.constantFrom('sha512-', 'integrity="sha384-', '=', '==', ' ', '\n', '"', ': ', 'é', '日本', '😀', '\uFEFF', 'data: ', 'value: '),
  fc.string({ maxLength: 12 }),
);

const document = fc.array(piece, { minLength: 1, maxLength: 8 }).map((parts) => parts.join(''));

/** The decoded text of bytes, as the CLI decodes a file (undefined: not text). */
function textOf(bytes: Uint8Array): string | undefined {
  const read = textBytes(bytes);
  return read.kind === 'text-bytes' ? decodeTextBytes(read).text : undefined;
}

describe('a file without a long base64 run skips the base64 pass', () => {
  it('finds the same with the pass skipped wherever the bytes hold no long run (WebAssembly and JavaScript agree)', () => {
    let skipped = 0;
    let encodedFindings = 0;
    fc.assert(
      fc.property(document, fc.uint8Array({ maxLength: 8 }), (text, noise) => {
        const bytes = Buffer.concat([Buffer.from(text, 'utf8'), Buffer.from(noise)]);
        const hasRun = hasLongBase64Run(bytes);
        assert.equal(hasRun, nextLongBase64Run(bytes, 0) !== undefined, `WebAssembly and JavaScript disagree on ${bytes.toString('hex')}`);
        const decoded = textOf(bytes);
        if (decoded === undefined) return;
        const full = scanText(decoded, { now: NOW, fileName: 'file.txt' });
        encodedFindings += full.findings.filter((f) => f.encoding === 'base64').length;
        if (hasRun) return;
        skipped++;
        assert.deepEqual(scanText(decoded, { now: NOW, fileName: 'file.txt', noLongBase64Runs: true }), full, JSON.stringify(decoded));
      }),
      { numRuns: 500 },
    );
    assert.ok(skipped > 40 && encodedFindings > 50, `texts without a long run ${skipped}, base64-encoded findings ${encodedFindings}`);
  });

  it('a candidate says whether it holds a long run, and scanning it finds what scanning the text finds', () => {
    const options = { maxFileSize: 1 << 20, now: NOW, engine: scanText, prefilter: true };
    fc.assert(
      fc.property(document, (text) => {
        const bytes = Buffer.from(text, 'utf8');
        const screened = screenBytes(bytes, 'file.txt', options);
        if (screened.kind !== 'candidate') return;
        assert.equal(screened.longBase64Runs !== false, hasLongBase64Run(bytes));
        const scanned = scanCandidate(screened, options);
        // The text as the CLI decodes it (without a byte-order mark), scanned with every pass.
        const expected = scanText(textOf(bytes)!, { now: NOW, fileName: 'file.txt' });
        const found = scanned.kind === 'scanned' ? (scanned.findings ?? []).map((p) => p.finding) : [];
        assert.deepEqual(found, expected.findings, JSON.stringify(text));
      }),
      { numRuns: 300 },
    );
  });
});
