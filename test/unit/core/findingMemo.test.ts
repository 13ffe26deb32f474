// A run's finding memo (core/findings/findingMemo.ts) may only ever give the answer the builder
// would have given: the same findings, byte for byte, with or without it, and never a verdict
// carried from one token or setting to another.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { FindingMemo, scanText, type Finding } from '../../../server/src/core';
import { NOW } from '../../support/clock';
import { readCorpusRows } from '../../support/corpus';

const rows = readCorpusRows();

const fileNameOf = (filetype: string): string => `file.${filetype}`;

test('every corpus line: the same findings with a memo, scanned once and again, as without one', () => {
  const memo = new FindingMemo();
  const storageSasRules = new Set(['account-sas', 'service-sas', 'policy-sas', 'user-delegation-sas', 'unknown-sas']);
  let storageSasLines = 0;
  for (const row of rows) {
    const options = { now: NOW, fileName: fileNameOf(row.filetype) };
    const plain = scanText(row.text, options);
    const first = scanText(row.text, { ...options, memo });
    const before = memo.size;
    const second = scanText(row.text, { ...options, memo });
    assert.deepEqual(first, plain, row.id);
    assert.deepEqual(second, plain, row.id);
    if (plain.findings.some((finding) => storageSasRules.has(finding.ruleId))) {
      storageSasLines++;
      // Storage SAS verdicts are memoized: the second scan of the line derived nothing new.
      assert.equal(memo.size, before, `${row.id}: reused`);
    }
  }
  assert.ok(storageSasLines > 30, `${storageSasLines} lines with a storage SAS`);
});

test('one token in another place keeps its own ranges; in another setting it gets its own verdict', () => {
  const memo = new FindingMemo();
  const signature = encodeURIComponent(randomBytes(32).toString('base64'));
  const query = `sv=2022-11-02&ss=b&srt=sco&sp=rwdlac&se=2030-01-01T00:00:00Z&sig=${signature}`;
  const scan = (text: string, now = NOW): readonly Finding[] => scanText(text, { now, memo, fileName: 'a.md' }).findings;
  const plain = (text: string, now = NOW): readonly Finding[] => scanText(text, { now, fileName: 'a.md' }).findings;

  const texts = [
    `https://alpha.blob.core.windows.net/?${query}`,
    `\n\n    see https://alpha.blob.core.windows.net/?${query} here`,
    // Another account, another service's host, the emulator, no host at all: other verdicts.
    `https://beta.blob.core.windows.net/?${query}`,
    `https://alpha.file.core.windows.net/?${query}`,
    `http://127.0.0.1:10000/devstoreaccount1?${query}`,
    `"?${query}"`,
    `BlobEndpoint=https://gamma.blob.core.windows.net/;SharedAccessSignature=${query}`,
  ];
  for (const text of texts) assert.deepEqual(scan(text), plain(text), text.slice(0, 48));
  const [first, moved] = [scan(texts[0]!), scan(texts[1]!)];
  assert.notDeepEqual(first[0]!.range, moved[0]!.range);
  assert.notEqual(scan(texts[2]!)[0]!.message, first[0]!.message, 'beta is not alpha');
  // Another clock: the time left and the wording follow it, not the first scan's.
  const later = new Date('2029-12-31T00:00:00Z');
  assert.deepEqual(scan(texts[0]!, later), plain(texts[0]!, later));
  assert.notEqual(scan(texts[0]!, later)[0]!.message, first[0]!.message);
});

test('a memo holds a bounded number of verdicts', () => {
  const memo = new FindingMemo();
  for (let i = 0; i < 5000; i++) {
    const signature = encodeURIComponent(randomBytes(32).toString('base64'));
    scanText(`https://a${i}.blob.core.windows.net/c/b?sv=2022-11-02&sr=b&sp=r&se=2030-01-01&sig=${signature}`, { now: NOW, memo });
  }
  assert.ok(memo.size > 0 && memo.size <= 4096, `size ${memo.size}`);
});
