// rescanAfterEdit must be exactly a full scan: random documents holding fabricated tokens of every
// form (random signature and key bytes, never real secrets), long stretches of ordinary text so the
// re-scan really resumes and joins the old scan far from the edit, random edits (insert, delete,
// replace; splitting tokens, creating them, touching suppression comments, CRLF), in sequences.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { composeEdits, rescanAfterEdit, scanText, scanTextIncremental, type TextChange } from '../../../server/src/core';
import { looksMadeUp } from '../../../server/src/core/assess/placeholders';
import { NOW } from '../../support/clock';
import { accountKeyArbitrary, signatureArbitrary } from '../../support/fakeSecrets';

const sig = signatureArbitrary.filter((s) => !looksMadeUp(s));
const key88 = accountKeyArbitrary.filter((s) => !looksMadeUp(s));
const enc = (s: string): string => s.replace(/\+/g, '%2B').replace(/\//g, '%2F').replace(/=/g, '%3D');

/** One fabricated credential, in one of the forms the engine knows. */
const token = fc.oneof(
  sig.map((s) => `https://acct.blob.core.windows.net/c/b.txt?sv=2022-11-02&ss=bfqt&srt=sco&sp=rwdlacup&se=2030-01-01T00:00:00Z&spr=https&sig=${enc(s)}`),
  sig.map((s) => `https://acct.blob.core.windows.net/c?sp=rl&sr=c&sv=2021-06-08&se=2026-12-01&sig=${enc(s)}`),
  sig.map((s) => `?sv=2020-08-04&sr=b&sp=r&se=2020-01-01&sig=${enc(s)}`),
  sig.map((s) => `https://acct.blob.core.windows.net/c?sv=2022-11-02&amp;sr=c&amp;sp=rw&amp;sig=${enc(s)}`),
  sig.map((s) => `"https://acct.file.core.windows.net/s?sv=2022-11-02\\u0026sr=s\\u0026sp=rwd\\u0026sig=${enc(s)}"`),
  sig.map((s) => `https://x.example.com/r?u=${encodeURIComponent(`https://acct.blob.core.windows.net/c?sv=2022-11-02&sr=c&sp=r&sig=${enc(s)}`)}`),
  sig.map((s) => `BlobEndpoint=https://acct.blob.core.windows.net/;SharedAccessSignature=sv=2022-11-02&ss=b&srt=co&sp=rwl&se=2031-01-01&sig=${enc(s)}`),
  sig.map((s) => `url: >-\n  https://acct.blob.core.windows.net/c?sv=2022-11-02&sr=c\n  &sp=rl&se=2030-01-01&sig=${enc(s)}`),
  sig.map((s) => `SharedAccessSignature sr=sb%3A%2F%2Fns.servicebus.windows.net%2Fq&sig=${enc(s)}&se=1900000000&skn=RootManageSharedAccessKey`),
  sig.map((s) => `Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${s}`),
  key88.map((k) => `DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${k};EndpointSuffix=core.windows.net`),
  key88.map((k) => `accountKey = "${k}"`),
  key88.map((k) => `AZURE_STORAGE_KEY=${k}`),
  key88.map((k) => `blob ${k.slice(0, 76)}+ASt${k.slice(80)}`),
  // Split over string literals: joined in the languages of FILE_NAMES, reaching back and forth.
  sig.map((s) => `"https://acct.blob.core.windows.net/c?sv=2022-11-02&sp=rwdl" +\n  "&se=2030-01-01&sr=c&sig=${enc(s)}" + "&comp=list"`),
  sig.map((s) => `"https://acct.blob.core.windows.net/c?sig=${enc(s)}"\n  "&sv=2022-11-02" "&sr=c&sp=r"`),
  sig.map((s) => `"https://acct.blob.core.windows.net/c?sv=2022-11-02&sr=b"'&sp=r&sig=${enc(s)}'"&se=2030-01-01"`),
);

/** Files whose language joins literals (and one that joins none). */
const FILE_NAMES = ['', 'doc.js', 'doc.py', 'doc.sh', 'doc.rb'];

const FILLER_LINES = [
  'const value = compute(input, options); // 計算する',
  'function keyOf(item) { return item.key ?? item.id; }',
  'if (signal.aborted) return;  # design=final',
  '  "name": "storage-sample", "version": "1.0.0",',
  'SELECT * FROM t WHERE sig = 1 AND x = "==";',
  'let query = `?sv=${version}&sig=${signature}`;',
  '',
];

/** Ordinary lines, sometimes many: enough text that edits sit far from other tokens. */
const filler = fc
  .tuple(fc.oneof(fc.nat({ max: 30 }), fc.integer({ min: 1200, max: 2500 })), fc.nat({ max: FILLER_LINES.length - 1 }), fc.boolean())
  .map(([n, first, crlf]) => {
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(FILLER_LINES[(first + i) % FILLER_LINES.length]!);
    return out.join(crlf ? '\r\n' : '\n');
  });

const suppression = fc.constantFrom('// sas-guard-ignore-next-line', '# sas-guard-ignore', '/* sas-guard-ignore */');

const line = fc.oneof(
  { weight: 4, arbitrary: token.map((t) => `const x = '${t}';`) },
  { weight: 2, arbitrary: token },
  { weight: 3, arbitrary: filler },
  { weight: 1, arbitrary: suppression },
  { weight: 1, arbitrary: fc.tuple(suppression, token).map(([s, t]) => `${s}\n${t}`) },
  { weight: 1, arbitrary: fc.tuple(token, suppression).map(([t, s]) => `${t} ${s}`) },
);

/** Segments (tokens, comments, short text) separated by ordinary text, often tens of kilobytes of it. */
const documentText = fc
  .tuple(fc.array(fc.tuple(filler, line), { minLength: 1, maxLength: 8 }), filler, fc.boolean())
  .map(([parts, tail, crlf]) => [...parts.flat(), tail].join(crlf ? '\r\n' : '\n'));

const INSERTS = [
  'x',
  '\n',
  '\r\n',
  '\r',
  '&',
  '=',
  ' ',
  ';',
  '"',
  "'",
  ' + ',
  '" + "',
  '"\n"',
  '\\\n',
  'sig=',
  'sas-guard-ignore',
  'sas-guard-ignore-next-line\n',
  '// ',
  '&sp=rwdl',
  'key',
  'AccountKey=',
  '==',
];
const insertText = fc.oneof(
  fc.constantFrom(...INSERTS),
  token,
  filler.map((f) => f.slice(0, 3000)),
  fc.string({ maxLength: 6 }),
);

/** An edit as fractions of the text, so it applies to any text; position biased toward tokens. */
const edit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  near: fc.constantFrom('', 'sig', 'Key', 'ignore', '\n', 'Shared', '&'),
  deleteCount: fc.oneof(fc.constant(0), fc.nat({ max: 3 }), fc.nat({ max: 60 }), fc.nat({ max: 3000 })),
  insert: fc.oneof(fc.constant(''), insertText),
});

function apply(text: string, e: { at: number; near: string; deleteCount: number; insert: string }): TextChange {
  let start = Math.min(text.length, Math.floor(e.at * (text.length + 1)));
  if (e.near) {
    const found = text.indexOf(e.near, start);
    if (found >= 0) start = found + Math.floor(e.near.length / 2);
  }
  const end = Math.min(text.length, start + e.deleteCount);
  return { start, end, newText: e.insert };
}

function applyEdits(text: string, edits: readonly TextChange[]): string {
  let t = text;
  for (const e of edits) t = t.slice(0, e.start) + e.newText + t.slice(e.end);
  return t;
}

test('property: rescanAfterEdit after random edits equals a full scan of the new text', () => {
  fc.assert(
    fc.property(
      documentText,
      fc.array(fc.array(edit, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }),
      fc.constantFrom(...FILE_NAMES),
      (doc, rounds, fileName) => {
        const options = fileName ? { now: NOW, fileName } : { now: NOW };
        let text = doc;
        let result = scanTextIncremental(text, options);
        assert.deepEqual(result, scanText(text, options));
        for (const round of rounds) {
          // Several content changes at once, each in the offsets of the text the previous one produced.
          const edits: TextChange[] = [];
          let next = text;
          for (const e of round) {
            const te = apply(next, e);
            edits.push(te);
            next = applyEdits(next, [te]);
          }
          result = rescanAfterEdit(text, result, edits, next, options);
          assert.deepEqual(result, scanText(next, options));
          text = next;
        }
      },
    ),
    { numRuns: 250 },
  );
});

test('rescan keeps findings far from the edit and shifts them', () => {
  const s1 = 'ApMWp4PFSv14K6JR6zK+M3ABPtPg8BYAYecW4F8TEJA=';
  const tok = `https://acct.blob.core.windows.net/c?sv=2022-11-02&sr=c&sp=rwdl&se=2030-01-01&sig=${enc(s1)}`;
  const fillerText = 'const a = b + c; // ordinary line\n'.repeat(4000);
  const text = `${tok}\n${fillerText}${tok}\n${fillerText}${tok}\n`;
  const before = scanTextIncremental(text, { now: NOW });
  assert.equal(before.findings.length, 3);
  const at = tok.length + 1 + fillerText.length + 10; // inside the middle token
  for (const insert of ['', 'zz\n', 'x']) {
    const edits = [{ start: at, end: at + (insert === '' ? 1 : 0), newText: insert }];
    const after = applyEdits(text, edits);
    assert.deepEqual(rescanAfterEdit(text, before, edits, after, { now: NOW }), scanText(after, { now: NOW }));
  }
});

test('rescan falls back to a full scan without a trace, with another clock, or with edits that do not fit', () => {
  const text = 'x ?sv=2020-08-04&sr=b&sp=r&sig=ApMWp4PFSv14K6JR6zK%2BM3ABPtPg8BYAYecW4F8TEJA%3D y';
  const plain = scanText(text, { now: NOW });
  const newText = `${text} z`;
  const edits = [{ start: text.length, end: text.length, newText: ' z' }];
  assert.deepEqual(rescanAfterEdit(text, plain, edits, newText, { now: NOW }), scanText(newText, { now: NOW }));
  const traced = scanTextIncremental(text, { now: NOW });
  const later = new Date(NOW.getTime() + 1000);
  assert.deepEqual(rescanAfterEdit(text, traced, edits, newText, { now: later }), scanText(newText, { now: later }));
  assert.deepEqual(rescanAfterEdit(text, traced, [{ start: 5, end: 999, newText: '' }], newText, { now: NOW }), scanText(newText, { now: NOW }));
  assert.deepEqual(rescanAfterEdit(text, traced, [{ start: 0, end: 0, newText: 'wrong length' }], newText, { now: NOW }), scanText(newText, { now: NOW }));
});

test('composeEdits: sequential edits become one changed span', () => {
  assert.deepEqual(composeEdits(10, [{ start: 2, end: 4, newText: 'abc' }]), { start: 2, oldEnd: 4, newEnd: 5 });
  assert.deepEqual(
    composeEdits(10, [
      { start: 2, end: 2, newText: 'x' },
      { start: 8, end: 9, newText: '' },
    ]),
    { start: 2, oldEnd: 8, newEnd: 8 },
  );
  assert.equal(composeEdits(10, [{ start: 2, end: 11, newText: '' }]), undefined);
});

test('suppression comments on lines too long to read locally still apply (whole-text mode)', () => {
  const s1 = 'ApMWp4PFSv14K6JR6zK+M3ABPtPg8BYAYecW4F8TEJA=';
  const tok = `https://acct.blob.core.windows.net/c?sv=2022-11-02&sr=c&sp=rwdl&se=2030-01-01&sig=${enc(s1)}`;
  const pad = 'lorem '.repeat(1000);
  const sameLine = `${pad}${tok} // sas-guard-ignore ${pad}\n${tok}\n`;
  const r1 = scanText(sameLine, { now: NOW });
  assert.equal(r1.suppressed.length, 1);
  assert.equal(r1.findings.length, 1);
  const nextLine = `// sas-guard-ignore-next-line ${pad}\r\n${pad}${tok}\r\n${pad}${tok}`;
  const r2 = scanText(nextLine, { now: NOW });
  assert.equal(r2.suppressed.length, 1);
  assert.equal(r2.findings.length, 1);
  assert.ok(r2.suppressed[0]!.range.start < r2.findings[0]!.range.start);
});

test('rescan equals a full scan when an edit touches the far end of a token joined from literals', () => {
  const s1 = 'ApMWp4PFSv14K6JR6zK+M3ABPtPg8BYAYecW4F8TEJA=';
  // Long literals on both sides of the signature's: the join reaches thousands of characters away.
  const longPath = `/${'p'.repeat(3900)}`;
  const pieces = [
    `"https://acct.blob.core.windows.net/c${longPath}?sv=2022-11-02"`,
    ...Array.from({ length: 12 }, (_, i) => `"&x${i}=${'v'.repeat(250)}"`),
    `"&pre=${'q'.repeat(3500)}&sp=rwdl&sr=c&se=2030-01-01&sig=${enc(s1)}&post=${'q'.repeat(3500)}"`,
    ...Array.from({ length: 12 }, (_, i) => `"&y${i}=${'w'.repeat(250)}"`),
    `"&tail=${'t'.repeat(3000)}"`,
  ];
  const fillerText = 'const a = b + c; // ordinary line\n'.repeat(3000);
  const text = `${fillerText}const u = ${pieces.join(' +\n  ')};\n${fillerText}`;
  const options = { now: NOW, fileName: 'doc.js' };
  const before = scanTextIncremental(text, options);
  assert.deepEqual(before, scanText(text, options));
  assert.equal(before.findings.length, 1);
  assert.ok((before.findings[0]!.literalCount ?? 1) > 10, 'the token is joined from many literals');
  for (const [needle, insert] of [
    ['?sv=', '"+"'],
    ['&tail=', 'x'],
    ['&x0=', '" "'],
    ['&x1=', 'x'],
    ['&y10=', '";"'],
    ['&y11=', 'y'],
    ['"&pre=', ' '],
  ] as const) {
    const at = text.indexOf(needle);
    const edits = [{ start: at, end: at + 1, newText: insert }];
    const after = applyEdits(text, edits);
    assert.deepEqual(rescanAfterEdit(text, before, edits, after, options), scanText(after, options), needle);
  }
});
