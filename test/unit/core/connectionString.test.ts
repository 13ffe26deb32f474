// connectionStringAround steps over runs with a regular expression and finds separators with
// indexOf: it must give exactly what the character-by-character reading gave.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { connectionStringAround, CONNECTION_STRING_KEYS, CONNECTION_STRING_WINDOW } from '../../../server/src/core/parse/connectionString';
import { textAndOffset } from '../../support/textFromPieces';

function isStop(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c === 32) return !(i >= 21 && text.slice(i - 21, i).toLowerCase() === 'sharedaccesssignature');
  if (c < 32 || c === 0x7f) return true;
  if (c < 128) return '"\'`<>()[]{},|\\'.includes(text.charAt(i));
  return c === 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029;
}

function isEntitySemicolon(text: string, i: number): boolean {
  return ['&amp;', '&#38;', '&#x26;', '&#61;', '&#x3d;'].some((e) => i - e.length + 1 >= 0 && text.slice(i - e.length + 1, i + 1).toLowerCase() === e);
}

function referenceParse(text: string, start: number, end: number) {
  const pairs: { key: string; keyStart: number; valueStart: number; valueEnd: number; value: string }[] = [];
  let i = start;
  while (i < end) {
    let j = i;
    while (j < end && !(text.charCodeAt(j) === 59 && !isEntitySemicolon(text, j))) j++;
    if (j > i) {
      const eq = text.indexOf('=', i) >= 0 && text.indexOf('=', i) < j ? text.indexOf('=', i) : -1;
      const name = eq > i && eq - i <= 64 ? text.slice(i, eq).trim().replace(/^\/\//, '') : '';
      if (name && /^[A-Za-z][A-Za-z0-9_ -]*$/.test(name))
        pairs.push({ key: name.toLowerCase(), keyStart: i, valueStart: eq + 1, valueEnd: j, value: text.slice(eq + 1, j) });
      else pairs.push({ key: '', keyStart: i, valueStart: i, valueEnd: j, value: text.slice(i, j) });
    }
    i = j + 1;
  }
  return { start, end, pairs };
}

function referenceAround(text: string, anchor: number, lowerBound: number) {
  const min = Math.max(0, lowerBound, anchor - CONNECTION_STRING_WINDOW);
  let start = anchor;
  while (start > min && !isStop(text, start - 1)) start--;
  const max = Math.min(text.length, anchor + CONNECTION_STRING_WINDOW);
  let end = anchor;
  while (end < max && !isStop(text, end)) end++;
  const quot = text.slice(start, end).search(/&quot;|&#34;|&#39;|&apos;/i);
  if (quot >= 0 && start + quot > anchor) end = start + quot;
  while (end > start && text.charCodeAt(end - 1) === 32) end--;
  const parsed = referenceParse(text, start, end);
  const first = parsed.pairs[0];
  if (first && !CONNECTION_STRING_KEYS.has(first.key) && first.valueStart < anchor) {
    const eq = first.value.indexOf('=');
    if (eq > 0 && CONNECTION_STRING_KEYS.has(first.value.slice(0, eq).trim().toLowerCase())) return referenceParse(text, first.valueStart, end);
  }
  return parsed;
}

const pieces = [
  'AccountKey',
  'SharedAccessKey',
  'SharedAccessSignature',
  'sr',
  '=',
  ';',
  ' ',
  '&amp;',
  '&#x3d;',
  '&quot;',
  '"',
  'é',
  '\u00a0',
  '\u2028',
  '\t',
  ']',
  '|',
  '\\',
  'a',
  'Z',
  '0',
  'https://x.net/',
  '?',
  '&',
  'AccountName',
  'Endpoint',
  'sb://',
];

test('property: connectionStringAround gives what the character-by-character reading gives', () => {
  fc.assert(
    fc.property(textAndOffset(pieces, 40, 400), fc.nat(400), ({ text, offset: anchor }, b) => {
      const lowerBound = Math.min(b, anchor);
      const got = connectionStringAround(text, anchor, lowerBound);
      const want = referenceAround(text, anchor, lowerBound);
      assert.deepEqual({ start: got.start, end: got.end, pairs: got.pairs.map((p) => ({ ...p })) }, want);
    }),
    { numRuns: 3000 },
  );
});

test('connectionStringAround: a long run is cut at the window', () => {
  const text = 'SharedAccessKey='.repeat(1000);
  for (const anchor of [0, 16, 8000, text.length - 16]) {
    const got = connectionStringAround(text, anchor, 0);
    const want = referenceAround(text, anchor, 0);
    assert.deepEqual({ start: got.start, end: got.end, pairs: got.pairs.map((p) => ({ ...p })) }, want);
  }
});
