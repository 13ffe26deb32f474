// The CLI skips decoding and scanning a file when walker/prefilter says its bytes cannot hold a
// token. That is only safe if the prefilter never says "no" to bytes in which the engine finds
// anything (a finding or a suppressed one). Checked here on generated texts with fabricated
// tokens in every form, case, encoding and escaping, on random bytes around them, and on every
// real-world line and fixture file. Fabricated secrets only: random signature and key bytes.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { scanText } from '../../../server/src/core';
import { BASE64_ANCHOR_FORMS } from '../../../server/src/core/scan/anchorLiterals';
import { mayContainSecrets, runHoldsBase64Form } from '../../../server/src/walker/prefilter';
import { decodeTextBytes, textBytes } from '../../../server/src/walker/readTextFile';
import { NOW } from '../../support/clock';
import { accountKeyArbitrary, percentEncode, signatureArbitrary } from '../../support/fakeSecrets';
import { readCorpusRows } from '../../support/corpus';

/** What the CLI does with a file's bytes: the engine's verdict on the decoded text. */
function engineFinds(bytes: Uint8Array): boolean {
  const read = textBytes(bytes);
  if (read.kind !== 'text-bytes') return false;
  const result = scanText(decodeTextBytes(read).text, { now: NOW, fileName: 'file.txt' });
  return result.findings.length + result.suppressed.length > 0;
}

function assertConservative(bytes: Uint8Array, label: string): boolean {
  const finds = engineFinds(bytes);
  if (finds) assert.equal(mayContainSecrets(bytes), true, `prefilter rejected bytes the engine finds something in: ${label}`);
  return finds;
}

const signature = signatureArbitrary;
const accountKey = accountKeyArbitrary;

/** The signature parameter in every spelling the engine reads. */
const SIG_NAMES = ['sig=', 'SIG=', 'Sig=', 'sIg=', 'sig%3D', 'sig%3d', 'SIG%3D', 'sig%253D', 'sig%253d', 'sig\\u003d', 'sig\\u003D', 'SIG\\u003d'];
const SEPARATORS = ['&', '&amp;', '&#38;', '\\u0026', '%26', '^&', '\\&'];

const sasToken = fc
  .record({
    sig: signature,
    sigName: fc.constantFrom(...SIG_NAMES),
    separator: fc.constantFrom(...SEPARATORS),
    encoding: fc.constantFrom('raw', 'upper', 'lower', 'json'),
    form: fc.constantFrom('account', 'service', 'policy', 'delegation', 'servicebus', 'sas-connection', 'bare'),
    upperNames: fc.boolean(),
  })
  .map(({ sig, sigName, separator, encoding, form, upperNames }) => {
    const value = encoding === 'raw' ? sig : encoding === 'json' ? sig.replace(/\//g, '\\/') : percentEncode(sig, encoding === 'lower');
    const params: Record<string, string[]> = {
      account: ['sv=2022-11-02', 'ss=bfqt', 'srt=sco', 'sp=rwdlacup', 'se=2030-01-01T00:00:00Z', 'spr=https'],
      service: ['sv=2021-08-06', 'sr=c', 'sp=rl', 'se=2030-01-01'],
      policy: ['sv=2020-08-04', 'si=readers', 'sr=c'],
      delegation: ['sv=2022-11-02', 'sr=b', 'sp=r', 'skoid=11111111-2222-3333-4444-555555555555', 'ske=2030-01-01', 'se=2030-01-01'],
      servicebus: ['sr=sb%3a%2f%2fns.servicebus.windows.net%2fq', 'se=1924992000', 'skn=RootManageSharedAccessKey'],
      'sas-connection': ['sv=2022-11-02', 'ss=b', 'srt=co', 'sp=rw', 'se=2030-01-01'],
      bare: ['sv=2022-11-02', 'sr=b', 'sp=r', 'se=2030-01-01'],
    };
    const names = params[form]!.map((p) => (upperNames ? p.toUpperCase() : p));
    const query = [...names, `${sigName}${value}`].join(separator);
    switch (form) {
      case 'servicebus':
        return `SharedAccessSignature ${query}`;
      case 'sas-connection':
        return `BlobEndpoint=https://contosodata.blob.core.windows.net/;SharedAccessSignature=${query}`;
      case 'bare':
        return `?${query}`;
      default:
        return `https://contosodata.blob.core.windows.net/c/b.bin?${query}`;
    }
  });

const keyToken = fc
  .record({
    key: accountKey,
    sbKey: signature,
    form: fc.constantFrom('conn', 'env', 'json', 'code', 'identifiable', 'servicebus', 'cosmos', 'mongo', 'mongo-encoded', 'yaml'),
  })
  .map(({ key, sbKey, form }) => {
    switch (form) {
      case 'conn':
        return `DefaultEndpointsProtocol=https;AccountName=contosodata;AccountKey=${key};EndpointSuffix=core.windows.net`;
      case 'env':
        return `AZURE_STORAGE_KEY=${key}`;
      case 'json':
        return `{"storageAccountKey": "${key}"}`;
      case 'code':
        return `string accountKey = "${key}";`;
      case 'identifiable':
        return `value: ${key.slice(0, 76)}+ASt${key.slice(80)}`;
      case 'servicebus':
        return `Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=Send;SharedAccessKey=${sbKey}`;
      case 'cosmos':
        return `AccountEndpoint=https://x.documents.azure.com:443/;AccountKey=${key};`;
      case 'mongo':
        return `mongodb://acct-m:${key}@acct-m.mongo.cosmos.azure.com:10255/?ssl=true&replicaSet=globaldb`;
      case 'mongo-encoded':
        return `mongodb://acct-m:${encodeURIComponent(key)}@acct-m.mongo.cosmos.azure.com:10255/?ssl=true&replicaSet=globaldb`;
      default:
        return `  key: '${key}'`;
    }
  });

const FRAGMENTS = [
  '\n',
  '\r\n',
  '\r',
  ' ',
  '"',
  "'",
  '`',
  '=',
  ' = ',
  ': ',
  '&',
  '?',
  ';',
  '%',
  '\\',
  '# sas-guard-ignore\n',
  '// sas-guard-ignore-next-line\n',
  'key',
  'sig',
  'signal',
  '\uFEFF',
  'é',
  '日本',
  '\u0130',
  '\u212A',
  '\uD800',
];

/** Flips the case of ASCII letters, and now and then swaps i for İ or k for the Kelvin sign (both lower-case to ASCII). */
function mutateCase(text: string, flips: readonly number[]): string {
  const chars = [...text];
  for (const f of flips) {
    const at = f % Math.max(1, chars.length);
    const c = chars[at];
    if (c === undefined) continue;
    if (f % 7 === 0 && (c === 'i' || c === 'I')) chars[at] = '\u0130';
    else if (f % 7 === 1 && (c === 'k' || c === 'K')) chars[at] = '\u212A';
    else chars[at] = c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase();
  }
  return chars.join('');
}

const document = fc
  .record({
    parts: fc.array(fc.oneof(sasToken, keyToken, fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 12 }), fc.base64String({ maxLength: 100 })), {
      minLength: 1,
      maxLength: 12,
    }),
    flips: fc.array(fc.nat(), { maxLength: 8 }),
  })
  .map(({ parts, flips }) => mutateCase(parts.join(''), flips));

describe('walker/prefilter: conservative against the engine', () => {
  it('never rejects generated text with a token the engine finds (any form, case, encoding)', () => {
    let found = 0;
    fc.assert(
      fc.property(document, (text) => {
        if (assertConservative(Buffer.from(text, 'utf8'), JSON.stringify(text))) found++;
      }),
      { numRuns: 600 },
    );
    assert.ok(found > 200, `the generator must produce findings (${found})`);
  });

  it('never rejects such text with random bytes (invalid UTF-8, NULs after 8 KB, BOMs) around it', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            document.map((t) => Buffer.from(t, 'utf8')),
            fc.uint8Array({ maxLength: 16 }),
          ),
          { minLength: 1, maxLength: 6 },
        ),
        fc.boolean(),
        (pieces, bom) => {
          const bytes = Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), ...pieces]);
          assertConservative(bytes, bytes.toString('hex'));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never rejects a token whose anchor letters are upper-cased or written with İ and the Kelvin sign', () => {
    fc.assert(
      fc.property(fc.oneof(sasToken, keyToken), fc.array(fc.nat(), { minLength: 1, maxLength: 30 }), (token, flips) => {
        const text = mutateCase(token, flips);
        assertConservative(Buffer.from(text, 'utf8'), JSON.stringify(text));
      }),
      { numRuns: 400 },
    );
  });

  it('accepts every real-world corpus line and fixture file the engine finds something in', () => {
    const rows = readCorpusRows().map((row) => row.text);
    let found = 0;
    for (const [i, text] of rows.entries()) if (assertConservative(Buffer.from(text, 'utf8'), `realworld.jsonl row ${i + 1}`)) found++;
    assert.ok(found > 20, `corpus rows with findings: ${found}`);
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else assertConservative(readFileSync(path), path);
      }
    };
    walk(join(__dirname, '../../fixtures'));
  });

  it('rejects ordinary text, so that it pays: words with "sig", "key" and "=" but no anchor', () => {
    for (const text of [
      '',
      'const signal = design.assign(key, value); // signature: none\nif (a == b) return;\n',
      'export const config = { apiKey: process.env.API_KEY, region: "westeurope" };\n',
      'The shared access policy and the account name are documented elsewhere.\n',
      '日本語のテキスト, ünïcödé, and emoji 🎉 without any token at all.\n',
      'x'.repeat(86) + '=',
    ]) {
      assert.equal(mayContainSecrets(Buffer.from(text, 'utf8')), false, JSON.stringify(text));
    }
    for (const text of [
      'sig=',
      'SIG%3d',
      'sig\\u003d',
      'AccountKey',
      'SHAREDACCESSKEY',
      'SharedAccessSignature',
      '+ASt',
      'A'.repeat(86) + '==',
      's\u0130g',
      'account\u212Aey',
    ]) {
      assert.equal(mayContainSecrets(Buffer.from(text, 'utf8')), true, JSON.stringify(text));
    }
  });
});

describe('the base64 anchor form search of a run (runHoldsBase64Form)', () => {
  const forms = BASE64_ANCHOR_FORMS.map((anchor) => anchor.form);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  /** The search it replaces: each form looked for in the run with Buffer's own search. */
  const naive = (bytes: Buffer, start: number, end: number): boolean => forms.some((form) => bytes.subarray(start, end).includes(form, 0, 'latin1'));

  it('answers as a search for every form, with forms and their pieces at random places and at the run edges', () => {
    const base64Text = fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 200 });
    const piece = fc.oneof(
      base64Text,
      fc.constantFrom(...forms),
      // A form cut short or cut in two: a near miss at a run edge.
      fc.constantFrom(...forms).chain((form) => fc.integer({ min: 1, max: form.length - 1 }).map((cut) => form.slice(0, cut))),
      fc.constantFrom(...forms).chain((form) => fc.integer({ min: 1, max: form.length - 1 }).map((cut) => form.slice(cut))),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), fc.nat(), fc.nat(), (pieces, a, b) => {
        const bytes = Buffer.from(pieces.join(''), 'latin1');
        const start = bytes.length === 0 ? 0 : a % bytes.length;
        const end = start + (bytes.length === start ? 0 : b % (bytes.length - start + 1));
        assert.equal(runHoldsBase64Form(bytes, start, end), naive(bytes, start, end), JSON.stringify({ text: bytes.toString('latin1'), start, end }));
      }),
      { numRuns: 2000 },
    );
  });

  it('finds every form alone, and nothing in a run without one', () => {
    for (const form of forms) {
      const bytes = Buffer.from(`==${form}==`, 'latin1');
      assert.equal(runHoldsBase64Form(bytes, 2, 2 + form.length), true, form);
      assert.equal(runHoldsBase64Form(bytes, 2, 1 + form.length), false, `${form} cut by the run's end`);
      assert.equal(runHoldsBase64Form(bytes, 3, 2 + form.length), false, `${form} cut by the run's start`);
    }
    const clean = Buffer.from('A'.repeat(4096), 'latin1');
    assert.equal(runHoldsBase64Form(clean, 0, clean.length), naive(clean, 0, clean.length));
  });
});
