// The shortcut that drops a `sig=` anchor when no SAS family could claim what the signature reader
// reads around it (core/scan/sasClaimHints.ts) must never drop one the reader would report: for
// random texts built from the pieces of SAS tokens (claim keys and other parameters, escapes,
// quotes, joins, folded lines, real-shaped signatures), wherever the shortcut says "no family", the
// full reader, run on the same anchor, reports nothing. Fabricated signatures only (random bytes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Scanner } from '../../../server/src/core/scan/scanner';
import { SasClaimHints } from '../../../server/src/core/scan/sasClaimHints';
import { readSignatureAnchor } from '../../../server/src/core/scan/signatureReader';
import { CREDENTIAL_FAMILIES } from '../../../server/src/core/scan/families';
import { literalSyntaxFor } from '../../../server/src/core/parse/literalSyntax';
import { fakeSignature } from '../../support/fakeSecrets';

const NOW = new Date('2026-11-29T00:00:00Z');
/** Real-shaped signatures: 43 base64 characters whose last carries no padding bits, then `=`. */
const SIGNATURES = [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => fakeSignature(seed)).filter((sig) => 'AEIMQUYcgkosw048'.includes(sig.charAt(42)));

const PIECES = [
  'sig=',
  'SIG=',
  'sv=2022-11-02',
  'SV=2022-11-02',
  'sr=b',
  'sR=c',
  'ss=b',
  'srt=o',
  'si=policy',
  'tn=table',
  'skn=iothubowner',
  'sp=r',
  'se=2030-01-01',
  'se=1900000000',
  'st=2020-01-01',
  'spr=https',
  'sig%3D',
  '%26',
  '%3D',
  '%2573',
  '\\u0026',
  '\\u0073',
  '&#115;',
  '&amp;',
  '&',
  '?',
  '=',
  ';',
  'SharedAccessSignature ',
  'SharedAccessSignature=',
  'https://acct.blob.core.windows.net/c/b',
  'sb://ns.servicebus.windows.net/',
  'hub.azure-devices.net%2Fdevices%2Fd1',
  '"',
  "'",
  '" + "',
  '" "',
  '\'"',
  ' + ',
  '\n',
  '\n  &',
  '&\n  ',
  '\\\n',
  ' ',
  // Near-misses of the keys, and their letters alone.
  ...'x svc isv s v K'.split(' '),
];

const piece = fc.oneof(
  fc.constantFrom(...PIECES),
  fc.constantFrom(...SIGNATURES),
  fc.constantFrom(...SIGNATURES).map((sig) => sig.slice(0, 43)),
  // Whole signatures after their anchor, so that random texts often hold a token the reader reports.
  fc.constantFrom(...SIGNATURES).map((sig) => `&sig=${sig}`),
  fc.constantFrom(...SIGNATURES).map((sig) => `sig=${encodeURIComponent(sig)}`),
  fc.constantFrom(...SIGNATURES).map((sig) => `?sv=2022-11-02&sr=b&sp=r&sig=${encodeURIComponent(sig)}`),
);

for (const fileName of ['notes.txt', 'app.js', 'app.py', 'run.sh']) {
  test(`sasClaimHints (${fileName}): where it says no family can claim, the full reader reports nothing`, () => {
    const syntax = literalSyntaxFor(undefined, fileName);
    let dropped = 0;
    let reported = 0;
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 24 }), fc.nat(3), (pieces, floorPick) => {
        const text = pieces.join('');
        const hints = new SasClaimHints(text, syntax);
        for (let i = text.indexOf('sig='); i >= 0; i = text.indexOf('sig=', i + 1)) {
          // The reader's bound: the start of the text, or somewhere before the anchor.
          const lowerBound = floorPick === 0 ? 0 : Math.floor((i * floorPick) / 4);
          const scanner = new Scanner(text, { now: NOW, fileName }, false);
          scanner.sasExaminedEnd = lowerBound;
          readSignatureAnchor(scanner, { kind: 'sig', index: i, length: 4, resume: i + 1 }, CREDENTIAL_FAMILIES);
          const found = scanner.trace().findings.length;
          if (found > 0) reported++;
          if (hints.mayClaimAround(i, lowerBound)) continue;
          dropped++;
          assert.equal(found, 0, `dropped an anchor the reader reports at ${i} in ${JSON.stringify(text)}`);
        }
      }),
      { numRuns: 400 },
    );
    // The property says something only if both answers occur.
    assert.ok(dropped > 0, 'no anchor was ever dropped');
    assert.ok(reported > 0, 'the reader never reported anything');
  });
}

test('sasClaimHints: answers asked in text order, from one instance, are those of a fresh instance for each anchor', () => {
  // What the instance remembers (the last hint, its searches' answers) must never change an answer.
  const spaced = fc.oneof(
    piece,
    fc.nat(12_000).map((n) => 'x'.repeat(n)),
  );
  for (const fileName of ['notes.txt', 'run.sh']) {
    const syntax = literalSyntaxFor(undefined, fileName);
    fc.assert(
      fc.property(fc.array(spaced, { minLength: 1, maxLength: 30 }), fc.array(fc.nat(3), { minLength: 1, maxLength: 8 }), (pieces, floorPicks) => {
        const text = pieces.join('');
        const hints = new SasClaimHints(text, syntax);
        let bound = 0;
        for (let i = text.indexOf('sig='), k = 0; i >= 0; i = text.indexOf('sig=', i + 1), k++) {
          // The reader's bound only moves up, to somewhere at or before the anchor or past it.
          const pick = floorPicks[k % floorPicks.length]!;
          if (pick === 1) bound = Math.max(bound, i - 3000);
          else if (pick === 2) bound = Math.max(bound, i + 2);
          const answer = hints.mayClaimAround(i, bound);
          assert.equal(answer, new SasClaimHints(text, syntax).mayClaimAround(i, bound), `anchor at ${i}, bound ${bound}`);
        }
      }),
      { numRuns: 300 },
    );
  }
});

test('sasClaimHints: a line of real-shaped signatures with no other parameter is dropped; one with sv= nearby is not', () => {
  const sig = SIGNATURES[0]!;
  const bare = `sig=${sig}& `.repeat(50);
  const hints = new SasClaimHints(bare, undefined);
  for (let i = bare.indexOf('sig='); i >= 0; i = bare.indexOf('sig=', i + 1)) assert.equal(hints.mayClaimAround(i, 0), false);
  const withVersion = `sv=2022-11-02 ${bare}`;
  assert.equal(new SasClaimHints(withVersion, undefined).mayClaimAround(withVersion.lastIndexOf('sig='), 0), true);
  // A token longer than the reader's 4 KiB window: its extent starts at the window's floor, right on
  // `sv` after a letter, where no key would start otherwise. The reader reports it; so must the hints.
  const long = `${'a'.repeat(5000)}sv=2022-11-02&${'b'.repeat(4081)}&sig=${sig}&`;
  const at = long.indexOf('sig=');
  assert.equal(at - 4096, long.indexOf('sv='));
  assert.equal(new SasClaimHints(long, undefined).mayClaimAround(at, 0), true);
  const scanner = new Scanner(long, { now: NOW }, false);
  readSignatureAnchor(scanner, { kind: 'sig', index: at, length: 4, resume: at + 1 }, CREDENTIAL_FAMILIES);
  assert.equal(scanner.trace().findings.length, 1);
});
