// A long decoded base64 value read a window at a time (core/scan/decodedWindows.ts): the scan of a file
// holding such a value finds what the scan of the decoded text finds, wherever the credentials sit
// relative to the windows' edges; a value with nothing in it is answered by its windows (not made
// whole); the kept bytes are the decoder's. Fabricated tokens only.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { scanText, type Finding } from '../../../server/src/core';
import { nothingInDecodedWindows, WINDOW_UNITS, type WindowScan } from '../../../server/src/core/scan/decodedWindows';
import { Scanner } from '../../../server/src/core/scan/scanner';
import { ANCHOR_SEARCH_REACH, BACKWARD_REACH, FORWARD_REACH } from '../../../server/src/core/scan/reach';
import { decodeBase64Kept, decodeBase64Text } from '../../../server/src/core/parse/base64';
import { fakeAccountKey, fakeIdentifiableKey, fakeSignature } from '../../support/fakeSecrets';
import { NOW } from '../../support/clock';

const b64 = (text: string): string => Buffer.from(text, 'latin1').toString('base64');
const KEY = fakeAccountKey(301);
const CONNECTION = `DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${KEY};EndpointSuffix=core.windows.net`;
const SAS_URL = `https://acct.blob.core.windows.net/c?sv=2022-11-02&ss=b&srt=sco&sp=rwdl&se=2030-01-01T00:00:00Z&sig=${encodeURIComponent(fakeSignature(302))}`;
/** Credentials planted in the decoded text, one of them base64 inside it (a second level). */
const PLANTS = [
  `"${CONNECTION}"`,
  ` ${SAS_URL} `,
  `\nAccountName=acct2;\n${'x'.repeat(700)}\nAccountKey=${fakeAccountKey(303)};\n`,
  `"${b64(CONNECTION)}"`,
  ` key: ${fakeIdentifiableKey(304)} `,
  ` sig=${fakeSignature(305)}&sv=2022-11-02&sr=b&sp=r `,
];
/** Filler: anchors that come to nothing, hints, quotes, escapes, a short base64 run, prose. */
const FILLER = [
  'the quick brown fox jumps over the lazy dog ',
  'x = 1;\n',
  `sig=${fakeSignature(306).slice(0, 43)}&`,
  'sig=',
  '&sv=2022-11-02',
  ' key ',
  'AccountKey=',
  '==',
  '"',
  "'",
  '%2',
  '\\',
  '&#',
  ' sr=b ',
  'SharedAccessSignature ',
  '\n',
  `${b64('not a secret, only base64 of some words in a line')} `,
];

/** Where the windows' bounds fall when no anchor moves them: each window's start plus these. */
const STEP = WINDOW_UNITS - 2 * ANCHOR_SEARCH_REACH - ((WINDOW_UNITS - 2 * ANCHOR_SEARCH_REACH) % 64);
const EDGES = [ANCHOR_SEARCH_REACH, BACKWARD_REACH, WINDOW_UNITS - FORWARD_REACH, WINDOW_UNITS - ANCHOR_SEARCH_REACH, WINDOW_UNITS];

/** Findings and suppressed ones, by what the base64 pass keeps of a decoded finding. */
const identities = (findings: readonly Finding[]): string[] => [...new Set(findings.map((f) => `${f.ruleId} ${f.grade} ${f.fingerprint}`))].sort();
const everything = (text: string): Finding[] => {
  const result = scanText(text, { now: NOW });
  return [...result.findings, ...result.suppressed];
};

/** A scanner of one window one level down, as the scanner makes it. */
const windowScan = (window: string): WindowScan => {
  const inner = new Scanner(window, { now: NOW }, false, 1);
  return {
    loopWindow: (state, bounds) => inner.loopWindow(state, bounds),
    encodedCredentials: (from, to) => inner.encodedCredentials(from, to),
  };
};

function build(length: number, fillerPicks: readonly number[], plants: readonly { plant: number; at: number }[]): string {
  const parts: string[] = [];
  let size = 0;
  for (let k = 0; size < length; k++) {
    const piece = FILLER[fillerPicks[k % fillerPicks.length]! % FILLER.length]!;
    parts.push(piece);
    size += piece.length;
  }
  let text = parts.join('').slice(0, length);
  for (const { plant, at } of [...plants].sort((a, b) => b.at - a.at)) {
    const where = Math.min(at, text.length);
    text = `${text.slice(0, where)}${PLANTS[plant % PLANTS.length]}${text.slice(where)}`;
  }
  return text;
}

/** A plant's place: anywhere, or within a few thousand or a few dozen characters of a window's bound. */
const place = (length: number): fc.Arbitrary<number> => {
  const nearEdge = (spread: number): fc.Arbitrary<number> =>
    fc
      .tuple(fc.nat(3), fc.nat(EDGES.length - 1), fc.integer({ min: -spread, max: spread }))
      .map(([window, edge, delta]) => Math.max(0, window * STEP + EDGES[edge]! + delta));
  return fc.oneof(fc.nat(length), nearEdge(3000), nearEdge(64));
};

/** A decoded value longer than one window (up to three): its length, filler picks and up to `plants` credentials placed. */
const longValue = (plants: number) =>
  fc
    .integer({ min: WINDOW_UNITS + 1, max: 3 * WINDOW_UNITS })
    .chain((length) =>
      fc.tuple(
        fc.constant(length),
        fc.array(fc.nat(), { minLength: 5, maxLength: 40 }),
        fc.array(fc.record({ plant: fc.nat(), at: place(length) }), { maxLength: plants }),
      ),
    );

describe('long decoded values read in windows', () => {
  it('property: a file holding base64 of a long value finds what a scan of the value finds', () => {
    fc.assert(
      fc.property(longValue(3), ([length, fillerPicks, plants]) => {
        const decoded = build(length, fillerPicks, plants);
        const file = `data: ${b64(decoded)}\n`;
        assert.deepEqual(identities(everything(file)), identities(everything(decoded)));
      }),
      { numRuns: 60 },
    );
  });

  it('property: the windows say a value holds nothing only when a scan of it finds nothing, and say it when it does', () => {
    fc.assert(
      fc.property(longValue(2), ([length, fillerPicks, plants]) => {
        const decoded = build(length, fillerPicks, plants);
        const encoded = b64(decoded);
        const nothing = nothingInDecodedWindows(encoded, 0, encoded.length, windowScan);
        const found = everything(decoded).length > 0;
        if (nothing === true) assert.equal(found, false);
        // Filler alone (printable ASCII, no connection string to cache) is answered by the windows.
        if (plants.length === 0) assert.equal(nothing, true);
      }),
      { numRuns: 30 },
    );
  });

  it('a value with a byte that is not printable ASCII, or not longer than a window, is left to the whole scan', () => {
    const long = 'sig=abc '.repeat(WINDOW_UNITS / 4);
    assert.equal(nothingInDecodedWindows(b64(long), 0, b64(long).length, windowScan), true);
    const withByte = `${long.slice(0, 200_000)}\u00e9${long.slice(200_000)}`;
    assert.equal(nothingInDecodedWindows(b64(withByte), 0, b64(withByte).length, windowScan), undefined);
    const short = long.slice(0, WINDOW_UNITS - 8);
    assert.equal(nothingInDecodedWindows(b64(short), 0, b64(short).length, windowScan), undefined);
  });

  it('property: the kept bytes are what decodeBase64Text decodes (printable ASCII values)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 200, maxLength: 3000 }), fc.nat(3), (value, cut) => {
        const ascii = value.replace(/[^\x20-\x7e\n]/g, 'a');
        const encoded = b64(ascii);
        const to = encoded.length - (cut === 3 ? 1 : cut);
        const kept = decodeBase64Kept(encoded, 0, to, 0)!;
        assert.equal(kept.latin1(0, kept.length), decodeBase64Text(encoded, 0, to));
      }),
    );
  });
});
