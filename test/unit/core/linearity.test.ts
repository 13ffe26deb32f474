// Adversarial text must scan in linear time. Tests never assert on time (bench/ measures it);
// these only prove that such inputs complete and give sane results.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanText } from '../../../server/src/core';
import { fakeSignature, NOW, percentEncode } from './fabricate';
import { assertFindingInvariants } from './engineAssertions';

const SIZE = 2 * 1024 * 1024;

function repeatTo(unit: string, size = SIZE): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

test('2 MB adversarial lines complete with no findings', () => {
  for (const unit of ['sig=', '&sv=', '%', 'sig=&sv=%', 'sig%3D', '?sig=', '&amp;sig=', '\\u0026sig=', 'key=', 'AccountKey=a;', 'SharedAccessKey=', '+ASt', 'SharedAccessSignature sig=', `sig=${'A'.repeat(43)}&`, 'x=sig=']) {
    const text = repeatTo(unit);
    const result = scanText(text, { now: NOW });
    assert.equal(result.findings.length, 0, unit);
    assert.equal(result.cancelled, false);
  }
});

test('a long line of real-looking signatures: every finding is sane', () => {
  const sig = percentEncode(fakeSignature(111));
  const text = repeatTo(`sig=${sig}&sv=2022-11-02&sr=c&`, 256 * 1024);
  const result = scanText(text, { now: NOW });
  assert.ok(result.findings.length > 0);
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
