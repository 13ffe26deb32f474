// A short base64 run is judged on its decoded bytes, read in place (no string is made of them): the
// decoding (parse/base64.ts decodePrintableAsciiThrough), the claim hints (scan/sasClaimHints.ts, a
// byte automaton run while decoding) and the signature rule (scan/signatureReader.ts signatureRuledOutInAscii)
// must each answer as the string version they stand in for, and a run the decoder drops without a
// scan must be one whose scan reports nothing. Random texts built from the pieces of SAS tokens;
// fabricated signatures only (random bytes).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { scanText } from '../../../server/src/core';
import { decodeBase64Text, decodePrintableAsciiThrough } from '../../../server/src/core/parse/base64';
import { findBase64WrappedCredentials } from '../../../server/src/core/scan/base64Wrapped';
import { claimHintAutomaton, claimHintFound, mayClaimAnywhere } from '../../../server/src/core/scan/sasClaimHints';
import { signatureRuledOut, signatureRuledOutInAscii } from '../../../server/src/core/scan/signatureReader';
import { fakeSignature } from '../../support/fakeSecrets';
import { NOW } from '../../support/clock';

const SIGNATURES = [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => fakeSignature(seed));

/** Printable ASCII pieces of tokens, near-misses and the characters the rules look at. */
const PIECES = [
  'sig=',
  'SIG=',
  'sv=2022-11-02',
  'SV=2022-11-02',
  'sr=b',
  'sR=c',
  'ss=b',
  'srt=o',
  'sRT=o',
  'si=policy',
  'tn=table',
  'TN=t',
  'skn=iothubowner',
  'SKN=x',
  'sp=r',
  'se=2030-01-01',
  'spr=https',
  'x=1',
  '%3D',
  '%3d',
  '%26',
  '\\u0026',
  '&#61;',
  '&#x3d;',
  '&#X3D;',
  '&#',
  '&amp;',
  '&',
  '?',
  '=',
  '==',
  ';',
  '"',
  ' ',
  '_',
  '-',
  '+',
  '/',
  'SharedAccessSignature=',
  'https://acct.blob.core.windows.net/c/b?',
  ...'x svc isv s v t n k K S T r R 0 9'.split(' '),
];

const piece = fc.oneof(
  fc.constantFrom(...PIECES),
  fc.constantFrom(...SIGNATURES),
  fc.constantFrom(...SIGNATURES).map((sig) => sig.slice(0, 43)),
  fc.constantFrom(...SIGNATURES).map((sig) => `${sig.slice(0, 42)}B`),
  fc.constantFrom(...SIGNATURES).map((sig) => sig.slice(0, 20)),
  fc.constantFrom(...SIGNATURES).map((sig) => `sig=${sig}`),
  fc.constantFrom(...SIGNATURES).map((sig) => `sig=${sig.slice(0, 43)}%3D`),
  // Whole tokens, so that random texts often hold one the scan reports.
  fc.constantFrom(...SIGNATURES).map((sig) => `?sv=2022-11-02&sr=b&sp=r&sig=${encodeURIComponent(sig)}`),
  fc.constantFrom(...SIGNATURES).map((sig) => `sv=2022-11-02&ss=b&srt=o&sp=r&se=2030-01-01&sig=${sig}&`),
);
const asciiText = fc.array(piece, { minLength: 1, maxLength: 20 }).map((pieces) => pieces.join(''));
const bytesOf = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'latin1'));

/** The claim-hint automaton run over the bytes of `text` alone. */
function automatonFinds(text: string): boolean {
  const hints = claimHintAutomaton();
  for (const b of bytesOf(text)) hints.state = hints.steps[(hints.state << 7) | b]!;
  return claimHintFound(hints);
}

describe('short runs judged on their decoded bytes', () => {
  it('the claim-hint automaton on bytes is the pattern on the text', () => {
    let claimable = 0;
    let none = 0;
    fc.assert(
      fc.property(asciiText, (text) => {
        const expected = mayClaimAnywhere(text);
        assert.equal(automatonFinds(text), expected, JSON.stringify(text));
        if (expected) claimable++;
        else none++;
      }),
      { numRuns: 3000 },
    );
    assert.ok(claimable > 100 && none > 100, `claimable ${claimable}, none ${none}`);
  });

  it('the signature rule on bytes is signatureRuledOut on the text, at every `sig=`', () => {
    let ruledOut = 0;
    let kept = 0;
    fc.assert(
      fc.property(asciiText, (text) => {
        const bytes = bytesOf(text);
        for (let i = text.indexOf('sig='); i >= 0; i = text.indexOf('sig=', i + 1)) {
          const expected = signatureRuledOut(text, i + 4, undefined);
          assert.equal(signatureRuledOutInAscii(bytes, text.length, i + 4), expected, `${i} in ${JSON.stringify(text)}`);
          if (expected) ruledOut++;
          else kept++;
        }
      }),
      { numRuns: 3000 },
    );
    assert.ok(ruledOut > 100 && kept > 100, `ruled out ${ruledOut}, kept ${kept}`);
  });

  it('the claim hints run while decoding give the pattern on the decoded text, at every alignment', () => {
    // The final state is never left: the decoder stops stepping there.
    const automaton = claimHintAutomaton();
    for (let b = 0; b < 128; b++) assert.equal(automaton.steps[(automaton.final << 7) | b], automaton.final, `byte ${b}`);
    const out = new Uint8Array(1024);
    fc.assert(
      fc.property(asciiText, fc.constantFrom('', 'x', 'xy'), (plain, lead) => {
        const text = `${lead}${plain}`;
        const encoded = Buffer.from(text, 'latin1').toString('base64').replace(/=+$/, '');
        const hints = claimHintAutomaton();
        const n = decodePrintableAsciiThrough(encoded, 0, encoded.length, out, hints);
        assert.equal(n, text.length);
        assert.equal(Buffer.from(out.subarray(0, n)).toString('latin1'), text);
        assert.equal(claimHintFound(hints), mayClaimAnywhere(text), JSON.stringify(text));
      }),
      { numRuns: 2000 },
    );
    // Not printable: -1, whatever the automaton says.
    const binary = Buffer.from([0x73, 0x76, 0x3d, 0x01, 0x41, 0x42]).toString('base64');
    assert.equal(decodePrintableAsciiThrough(binary, 0, binary.length, out, claimHintAutomaton()), -1);
  });

  it('decodes to the bytes of decodeBase64Text exactly when that is printable ASCII', () => {
    const out = new Uint8Array(1024);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 200 }), fc.nat(2), fc.boolean(), (raw, cut, printable) => {
        const bytes = printable ? raw.map((b) => 32 + (b % 95)) : raw;
        const encoded = Buffer.from(bytes).toString('base64').replace(/=+$/, '');
        const part = encoded.slice(0, Math.max(1, encoded.length - cut));
        const text = decodeBase64Text(part, 0, part.length);
        const n = decodePrintableAsciiThrough(part, 0, part.length, out, claimHintAutomaton());
        const isAscii = text !== undefined && /^[\x20-\x7e]*$/.test(text);
        if (!isAscii) return assert.equal(n, -1, part);
        assert.equal(Buffer.from(out.subarray(0, n)).toString('latin1'), text, part);
      }),
      { numRuns: 3000 },
    );
  });

  it('a run dropped without a scan is one whose scan reports nothing', () => {
    const scan = (text: string) => scanText(text, { now: NOW }).findings;
    let dropped = 0;
    let reported = 0;
    fc.assert(
      fc.property(asciiText, fc.constantFrom('', 'x', 'xy'), (plain, lead) => {
        const decoded = `${lead}${plain}`;
        if (decoded.length < 48) return;
        const encoded = Buffer.from(decoded, 'latin1').toString('base64');
        let scans = 0;
        const found = findBase64WrappedCredentials(`v: ${encoded}\n`, (text) => (scans++, scan(text))).length;
        const direct = new Set(scan(decoded).map((f) => `${f.ruleId} ${f.fingerprint}`)).size;
        if (direct > 0) reported++;
        if (scans === 0) {
          dropped++;
          assert.equal(direct, 0, `dropped a run whose text reports: ${JSON.stringify(decoded)}`);
        } else {
          assert.equal(found, direct, JSON.stringify(decoded));
        }
      }),
      { numRuns: 1500 },
    );
    assert.ok(dropped > 50 && reported > 20, `dropped ${dropped}, reported ${reported}`);
  });
});
