// scanTokenEnd steps over runs with a regular expression: it must stop exactly where the plain
// character-by-character reading does, escapes, entities, inner commas and the window's end included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { escapeAt } from '../../../server/src/core/parse/decode';
import { scanTokenEnd } from '../../../server/src/core/parse/tokenExtent';
import { textAndOffset } from '../../support/textFromPieces';

const TOKEN = /[A-Za-z0-9%&=+/:._~!*$@?{}-]/;
const ENDING = ['&quot;', '&#34;', '&#39;', '&apos;', '&lt;', '&gt;', '&#x22;', '&#x27;'];

/** The loop scanTokenEnd replaced, one character at a time. */
function referenceTokenEnd(text: string, from: number, limit: number): number {
  const max = Math.min(text.length, limit);
  let i = from;
  while (i < max) {
    const c = text.charCodeAt(i);
    const mayBeEntity = text.charCodeAt(i + 3) === 59 || text.charCodeAt(i + 4) === 59 || text.charCodeAt(i + 5) === 59;
    if ((c === 38 && mayBeEntity) || c === 92 || c === 94) {
      if (c === 38 && ENDING.some((e) => text.startsWith(e, i))) break;
      const escape = escapeAt(text, i);
      if (escape) {
        if (i + escape.length > max) break;
        i += escape.length;
        continue;
      }
    }
    const innerComma = c === 44 && /^[ps],http/i.test(text.slice(i - 1, i + 5));
    if (TOKEN.test(text.charAt(i)) || innerComma) {
      i++;
      continue;
    }
    break;
  }
  return i;
}

const pieces = [
  'a',
  'Z',
  '9',
  '=',
  '&',
  ';',
  '#',
  'x',
  '2',
  '6',
  '\\',
  'u',
  '00',
  '^',
  ',',
  'https',
  'p',
  's',
  ' ',
  '"',
  'é',
  '%3D',
  '&amp;',
  '&quot;',
  '\\u0026',
  '\\/',
  '^&',
  '&#x0026;',
  'sig=',
  'lt;',
];

test('property: scanTokenEnd stops where the character-by-character reading stops', () => {
  fc.assert(
    fc.property(textAndOffset(pieces, 60, 200), fc.nat(200), ({ text, offset: from }, b) => {
      const limit = from + b;
      assert.equal(scanTokenEnd(text, from, limit), referenceTokenEnd(text, from, limit));
    }),
    { numRuns: 3000 },
  );
});

test('scanTokenEnd: a run cut by the window end, an entity straddling it', () => {
  const text = 'sig=abc&amp;def';
  for (let limit = 0; limit <= text.length + 2; limit++) {
    for (let from = 0; from <= text.length; from++) assert.equal(scanTokenEnd(text, from, limit), referenceTokenEnd(text, from, limit));
  }
});
