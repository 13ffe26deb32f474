// Adversarial text must scan in linear time. Tests never assert on time (bench/ measures it);
// these prove that such inputs complete and give exactly the findings they should.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanText } from '../../../server/src/core';
import { NOW } from '../../support/clock';
import { fakeSignature, percentEncode } from '../../support/fakeSecrets';
import { assertFindingInvariants } from './engineAssertions';

const SIZE = 2 * 1024 * 1024;

function repeatTo(unit: string, size = SIZE): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

test('2 MB adversarial lines complete with no findings', () => {
  for (const unit of [
    'sig=',
    '&sv=',
    '%',
    'sig=&sv=%',
    'sig%3D',
    '?sig=',
    '&amp;sig=',
    '\\u0026sig=',
    'key=',
    'AccountKey=a;',
    'SharedAccessKey=',
    '+ASt',
    'SharedAccessSignature sig=',
    `sig=${'A'.repeat(43)}&`,
    'x=sig=',
  ]) {
    const text = repeatTo(unit);
    const result = scanText(text, { now: NOW });
    assert.equal(result.findings.length, 0, unit);
    assert.equal(result.cancelled, false);
  }
});

test("2 MB of the new decoders' adversarial shapes complete with no findings", () => {
  // 43 base64 characters whose last one carries padding bits: no 32-byte value ends so.
  const almost = `${fakeSignature(4242).slice(0, 42)}B`;
  const base64 = (text: string) => Buffer.from(text).toString('base64');
  for (const [unit, fileName] of [
    [`sv=2020-01-01&sig=${almost}=& `, 'a.txt'],
    [`${base64(`sv=2020-01-01&sig=${almost}=&`)} `, 'a.txt'],
    [`${base64(`sig=${almost}=&`.repeat(5000))}\n`, 'a.txt'],
    [`"&sig=${almost}" + `, 'a.js'],
    [`"&sig=${almost}" + `, 'a.txt'],
    [`"&sig=${almost.slice(0, 20)}" + `, 'a.js'],
    [`"&sig=${almost}"'&'`, 'a.sh'],
    [`"sv=2022-11-02&sig=${almost}"\n`, 'a.py'],
    [`("${fakeSignature(4243).repeat(2).slice(0, 86)}==", `, 'a.cs'],
  ] as const) {
    const text = repeatTo(unit);
    const result = scanText(text, { now: NOW, fileName });
    assert.equal(result.findings.length, 0, `${fileName}: ${unit.slice(0, 40)}`);
    assert.equal(result.cancelled, false);
  }
});

test('a long line of real-looking signatures: the bounded windows tile it exactly', () => {
  const sig = percentEncode(fakeSignature(111));
  const unit = `sig=${sig}&sv=2022-11-02&sr=c&`;
  assert.equal(unit.length, 76);
  const text = repeatTo(unit, 256 * 1024);
  const result = scanText(text, { now: NOW });
  // Each finding reads at most TOKEN_WINDOW (4096) characters around its anchor and never re-reads
  // text behind the previous one (core/tokenExtent.ts), so the findings tile the line regularly: the
  // first starts at 0; after it, one finding every 54 units (4104 characters), starting 8 characters
  // before a unit (where the previous window ended) with its signature at the unit's start.
  const STRIDE = 54 * unit.length;
  const expected = [{ ruleId: 'service-sas', grade: 'high', range: { start: 0, end: 3262 }, secretRange: { start: 4, end: 4 + sig.length } }];
  for (let start = 4096; start + 3199 <= text.length; start += STRIDE) {
    const sigStart = start + 8 + 'sig='.length;
    expected.push({ ruleId: 'service-sas', grade: 'high', range: { start, end: start + 3199 }, secretRange: { start: sigStart, end: sigStart + sig.length } });
  }
  assert.equal(expected.length, 64);
  assert.deepEqual(
    result.findings.map((f) => ({ ruleId: f.ruleId, grade: f.grade, range: f.range, secretRange: f.secretRange })),
    expected,
  );
  for (const f of result.findings) assertFindingInvariants(text, f);
});

test('2 MB ordinary file with tokens sprinkled in: every token is found', () => {
  const line = 'export function add(a: number, b: number): number { return a + b; } // ordinary code, key = value\n';
  const token = (i: number) =>
    `const url${i} = "https://acct${i % 97}.blob.core.windows.net/c/b.txt?sv=2022-11-02&sr=b&sp=r&se=2027-01-01&sig=${percentEncode(fakeSignature(1000 + (i % 50)))}";\n`;
  const parts: string[] = [];
  let size = 0;
  let tokens = 0;
  for (let i = 0; size < SIZE; i++) {
    const piece = i % 200 === 0 ? token(tokens++) : line;
    parts.push(piece);
    size += piece.length;
  }
  const text = parts.join('');
  const result = scanText(text, { now: NOW });
  assert.equal(result.findings.length, tokens);
  for (const f of result.findings) assertFindingInvariants(text, f);
});
