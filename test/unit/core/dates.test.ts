// Every date form Azure accepts in st/se/skt/ske, and Service Bus epoch seconds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseEpochSeconds, parseSasDate } from '../../../server/src/core/parse/dates';
import { fakeSignature, percentEncode } from '../../support/fakeSecrets';
import { scanOne } from './engineAssertions';

const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());

test('date-only, minutes, seconds, fractions up to 7 digits, Z and offsets', () => {
  const cases: Array<[string, string]> = [
    ['2030-01-01', '2030-01-01T00:00:00.000Z'],
    ['2030-01-01T10:20Z', '2030-01-01T10:20:00.000Z'],
    ['2030-01-01T10:20:30Z', '2030-01-01T10:20:30.000Z'],
    ['2030-01-01T10:20:30', '2030-01-01T10:20:30.000Z'],
    ['2025-09-03T18:13:39.8140000Z', '2025-09-03T18:13:39.814Z'],
    ['2025-09-03T18:13:39.8Z', '2025-09-03T18:13:39.800Z'],
    ['2030-01-01T00:00:00+01:00', '2029-12-31T23:00:00.000Z'],
    ['2030-01-01T00:00:00-05:00', '2030-01-01T05:00:00.000Z'],
    ['2030-01-01T00:00:00 01:00', '2029-12-31T23:00:00.000Z'], // a form-decoded "+"
    ['2200-05-12T09:17:21Z', '2200-05-12T09:17:21.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
  ];
  for (const [input, expected] of cases) assert.equal(iso(parseSasDate(input)), expected, input);
});

test('invalid dates are rejected', () => {
  for (const input of [
    '2030-13-01',
    '2030-02-30',
    '2023-02-29',
    '2030-01-01T25:00Z',
    '2030-01-01T10:61Z',
    '2024-12-31T...',
    '...',
    '',
    'Sanitized',
    '2030-01-01T00:00:00.12345678Z',
    '1514764800',
  ]) {
    assert.equal(parseSasDate(input), undefined, input);
  }
});

test('percent-encoded colons and plus signs in a token', () => {
  const sig = percentEncode(fakeSignature(21));
  const f = scanOne(`?sv=2022-11-02&sr=b&sp=r&st=2026-11-28T08%3A00%3A00Z&se=2030-01-01T00%3A00%3A00%2B01%3A00&sig=${sig}`);
  assert.equal(f.details.type === 'sas' && f.details.start, '2026-11-28T08:00:00.000Z');
  assert.equal(f.details.type === 'sas' && f.details.expiry, '2029-12-31T23:00:00.000Z');
});

test('Service Bus epoch seconds', () => {
  assert.equal(iso(parseEpochSeconds('1767225600')), '2026-01-01T00:00:00.000Z');
  assert.equal(parseEpochSeconds('12a'), undefined);
  assert.equal(parseEpochSeconds(''), undefined);
  assert.equal(parseEpochSeconds('99999999999999999'), undefined);
});
