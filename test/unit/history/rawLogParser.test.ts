// The parser of `git log --raw -z -c` output: the same events whatever the chunking of the stream,
// deletions dropped, a merge's combined entry read by its own (last) side, odd paths kept whole.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RawLogParser, type LoggedCommit, type LoggedEntry } from '../../../server/src/history/rawLogParser';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const Z = '0'.repeat(40);
const C1 = '1'.repeat(40);
const C2 = '2'.repeat(40);

const output = Buffer.from(
  [
    `\x01${C1}\0Ann Author\x002024-01-02T09:30:00+01:00\0\n`,
    `:000000 100644 ${Z} ${A} A\0dir/with space.txt\0`,
    `:100644 000000 ${B} ${Z} D\0gone.txt\0`,
    `\n\x01${C2}\0Merger\x002024-02-01T12:00:00+00:00\0\0`,
    `::100644 100644 100644 ${A} ${B} ${B} MM\0\nnewline-first.txt\0`,
    `:000000 160000 ${Z} ${C1} A\0vendor/lib\0`,
  ].join(''),
);

function parse(chunks: Buffer[]): (LoggedCommit | LoggedEntry)[] {
  const events: (LoggedCommit | LoggedEntry)[] = [];
  const parser = new RawLogParser({ commit: (c) => events.push(c), entry: (e) => events.push(e) });
  for (const chunk of chunks) parser.feed(chunk);
  parser.end();
  return events;
}

describe('RawLogParser', () => {
  const expected = [
    { commit: C1, author: 'Ann Author', date: '2024-01-02T09:30:00+01:00' },
    { mode: '100644', blob: A, path: 'dir/with space.txt' },
    { commit: C2, author: 'Merger', date: '2024-02-01T12:00:00+00:00' },
    { mode: '100644', blob: B, path: '\nnewline-first.txt', previous: A },
    { mode: '160000', blob: C1, path: 'vendor/lib' },
  ];

  it('reads commits and entries, drops deletions, takes a merge entry by its own side', () => {
    assert.deepEqual(parse([output]), expected);
  });

  it('gives the same events however the stream is cut', () => {
    for (const size of [1, 2, 3, 7, 41, 100]) {
      const chunks: Buffer[] = [];
      for (let at = 0; at < output.length; at += size) chunks.push(output.subarray(at, at + size));
      assert.deepEqual(parse(chunks), expected, `chunks of ${size}`);
    }
  });
});
