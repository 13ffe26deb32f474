// The signature anchor search of a text whose literals do not join (plain text, a decoded value)
// leaves out the anchors a quote cuts before their 43rd signature character: the scanner drops
// those anyway there (scanner.ts signatureRuledOut), so the pattern need not try for them. For
// random texts of signature pieces and quotes, the anchors found without joins are exactly the
// anchors found with joins that are followed by 43 signature characters. Fabricated bytes only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AnchorScanner, type Anchor } from '../../../server/src/core/scan/anchors';
import { scanText } from '../../../server/src/core';
import { fakeSignature } from '../../support/fakeSecrets';

const PIECES = [
  'sig=',
  'SiG=',
  'sig%3D',
  'sig%253d',
  'sig\\u003d',
  '"',
  "'",
  '`',
  '&',
  'sv=2022-11-02',
  'abc',
  '%2F',
  '\\',
  ' ',
  '\n',
  fakeSignature(3).slice(0, 20),
  fakeSignature(4),
];
const SIGNATURE_CHARACTER = /[A-Za-z0-9+/%\\]/;

function signatureAnchors(text: string, joinsLiterals: boolean): Anchor[] {
  const anchors = new AnchorScanner(text, undefined, joinsLiterals);
  const found: Anchor[] = [];
  for (let next = anchors.next(0, Infinity); next; next = anchors.next(next.resume, Infinity)) if (next.kind === 'sig') found.push(next);
  return found;
}

/** 43 signature characters right after the anchor. */
function followedBySignature(text: string, anchor: Anchor): boolean {
  const value = text.slice(anchor.index + anchor.length, anchor.index + anchor.length + 43);
  return value.length === 43 && [...value].every((c) => SIGNATURE_CHARACTER.test(c));
}

test('without joins, the signature anchors are those with joins that are followed by 43 signature characters', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }), (pieces) => {
      const text = pieces.join('');
      const joined = signatureAnchors(text, true);
      const unjoined = signatureAnchors(text, false);
      assert.deepEqual(
        unjoined.map((a) => a.index),
        joined.filter((a) => followedBySignature(text, a)).map((a) => a.index),
      );
    }),
    { numRuns: 2000 },
  );
});

test('a cut signature is an anchor only where literals join', () => {
  const text = `"https://acct.blob.core.windows.net/c?sv=2022-11-02&sp=r&sig=${fakeSignature(5).slice(0, 20)}"`;
  assert.equal(signatureAnchors(text, true).length, 1);
  assert.equal(signatureAnchors(text, false).length, 0);
});

test('a SAS URL split over literals is still found in code, and its whole-line form in plain text', () => {
  const signature = fakeSignature(6);
  const head = 'https://acct.blob.core.windows.net/c/b.txt?sv=2022-11-02&sr=b&sp=r&se=2030-01-01T00:00:00Z&sig=';
  const split = `const url = "${head}${signature.slice(0, 20)}" +\n  "${signature.slice(20)}";\n`;
  assert.equal(scanText(split, { fileName: 'a.js', now: new Date('2026-01-01T00:00:00Z') }).findings.length, 1);
  const whole = `url: ${head}${signature}\n`;
  assert.equal(scanText(whole, { fileName: 'notes.txt', now: new Date('2026-01-01T00:00:00Z') }).findings.length, 1);
});
