// Bad input never throws: binary junk, lone surrogates, BOM, CRLF, NUL, huge lines, non-string
// options. Cancellation stops the scan and says so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanText } from '../../../server/src/core';
import { NOW } from '../../support/clock';
import { fakeSignature, percentEncode, seededBytes } from '../../support/fakeSecrets';
import { assertFindingInvariants } from './engineAssertions';

const TOKEN = `https://contosodata.blob.core.windows.net/c?sv=2022-11-02&sr=c&sp=rl&se=2027-01-01&sig=${percentEncode(fakeSignature(101))}`;

test('binary junk, NUL bytes, lone surrogates, BOM', () => {
  const junk = seededBytes(102, 200_000).toString('latin1');
  const inputs = [
    '',
    '\uFEFF' + TOKEN,
    '\uD800' + TOKEN + '\uDC00',
    `\u0000${TOKEN}\u0000`,
    junk,
    junk + TOKEN + junk,
    seededBytes(103, 100_000).toString('utf16le'),
    'İİİ' + TOKEN + 'İ sig=' + 'İ'.repeat(50),
    '\u212Aey = "' + 'A'.repeat(86) + '=="', // KELVIN SIGN lower-cases to "k"
  ];
  for (const text of inputs) {
    const result = scanText(text, { now: NOW });
    for (const f of result.findings) assertFindingInvariants(text, f);
    if (text.includes(TOKEN)) assert.equal(result.findings.length, 1, JSON.stringify(text.slice(0, 40)));
  }
});

test('CRLF text gives the same findings as LF text', () => {
  const lf = `a\n${TOKEN}\nb\n`;
  const crlf = lf.replace(/\n/g, '\r\n');
  const r1 = scanText(lf, { now: NOW });
  const r2 = scanText(crlf, { now: NOW });
  assert.equal(r1.findings.length, 1);
  assert.equal(r2.findings.length, 1);
  assert.equal(crlf.slice(r2.findings[0]!.range.start, r2.findings[0]!.range.end), TOKEN);
});

test('odd options do not throw', () => {
  assert.doesNotThrow(() => scanText(TOKEN, { now: new Date('invalid') }));
  assert.doesNotThrow(() => scanText(TOKEN, {}));
  assert.doesNotThrow(() => scanText(TOKEN));
  assert.doesNotThrow(() =>
    scanText(TOKEN, {
      isCancelled: () => {
        throw new Error('boom');
      },
    }),
  );
  assert.doesNotThrow(() => scanText(undefined as unknown as string));
  assert.doesNotThrow(() => scanText(42 as unknown as string));
  assert.doesNotThrow(() => scanText(TOKEN, null as unknown as Parameters<typeof scanText>[1]));
});

test('default clock is the real time', () => {
  const result = scanText(TOKEN);
  assert.equal(result.findings.length, 1);
});

test('cancellation before the first candidate returns cancelled with nothing', () => {
  const result = scanText(`${TOKEN}\n`.repeat(10), { now: NOW, isCancelled: () => true });
  assert.equal(result.cancelled, true);
  assert.equal(result.findings.length, 0);
});

test('cancellation mid-scan returns what was found so far', () => {
  let polls = 0;
  const text = `${TOKEN}\n`.repeat(500);
  const result = scanText(text, { now: NOW, isCancelled: () => ++polls > 3 });
  assert.equal(result.cancelled, true);
  assert.ok(result.findings.length > 0 && result.findings.length < 500, `${result.findings.length} findings`);
  const full = scanText(text, { now: NOW, isCancelled: () => false });
  assert.equal(full.cancelled, false);
  assert.equal(full.findings.length, 500);
});
