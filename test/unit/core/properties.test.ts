// Property tests (fast-check): any input is scanned without throwing and with ranges inside the
// text; generated SAS queries in any parameter order, key case and encoding are found with the
// right kind; no output ever carries more than four consecutive characters of the secret.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { scanText, type RuleId } from '../../../server/src/core';
import { looksMadeUp } from '../../../server/src/core/assess/placeholders';
import { NOW } from '../../support/clock';
import { accountKeyArbitrary, percentEncode, signatureArbitrary } from '../../support/fakeSecrets';
import { assertFindingInvariants, assertNoSecretLeak } from './engineAssertions';
import { readCorpusRows } from '../../support/corpus';

const FRAGMENTS = [
  'sig=',
  'SIG=',
  'sig%3D',
  'sig%253d',
  '\\u0026',
  '&amp;',
  '^&',
  '\\&',
  '\\/',
  '&',
  '=',
  '%',
  '%2B',
  '%3d',
  '?',
  ';',
  'sv=2022-11-02',
  'se=2030-01-01',
  'sp=rwdl',
  'ss=bfqt',
  'srt=sco',
  'sr=c',
  'si=p',
  'skoid=1',
  'skn=RootManageSharedAccessKey',
  'AccountKey=',
  'accountKey = "',
  'SharedAccessKey=',
  'SharedAccessSignature ',
  'SharedAccessSignature=',
  'key=',
  '+ASt',
  '==',
  'https://',
  'a.blob.core.windows.net/',
  'http://127.0.0.1:10000/devstoreaccount1',
  '"',
  "'",
  '`',
  ' ',
  '\n',
  '\r\n',
  '\uFEFF',
  '\uD800',
  '\uDFFF',
  'sas-guard-ignore',
  'sas-guard-ignore-next-line',
  'A'.repeat(43),
  'ApMWp4PFSv14K6JR6zK+M3ABPtPg8BYAYecW4F8TEJA=',
];

/** Text made of SAS-ish fragments and random characters: the inputs most likely to hit edge cases. */
const sasishText = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ unit: 'binary', maxLength: 8 }), fc.base64String({ maxLength: 90 })), { maxLength: 60 })
  .map((parts) => parts.join(''));

const anyCodeUnits = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 300 }).map((codes) => String.fromCharCode(...codes));

test('property: any input is scanned without throwing; every range lies inside the text', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), anyCodeUnits, sasishText), (text) => {
      const result = scanText(text, { now: NOW });
      for (const f of [...result.findings, ...result.suppressed]) assertFindingInvariants(text, f);
      assert.equal(result.cancelled, false);
    }),
    { numRuns: 400 },
  );
});

const signatureBytes = signatureArbitrary.filter((sig) => !looksMadeUp(sig));

type Kind = 'account' | 'service' | 'user-delegation' | 'policy';
const RULE: Record<Kind, RuleId> = { account: 'account-sas', service: 'service-sas', 'user-delegation': 'user-delegation-sas', policy: 'policy-sas' };

function paramsFor(kind: Kind): Array<[string, string]> {
  const common: Array<[string, string]> = [
    ['sv', '2022-11-02'],
    ['se', '2027-06-01T00%3A00%3A00Z'],
    ['st', '2026-11-01T00:00:00Z'],
    ['spr', 'https'],
  ];
  switch (kind) {
    case 'account':
      return [...common, ['ss', 'bfqt'], ['srt', 'sco'], ['sp', 'rwdlacup']];
    case 'service':
      return [...common, ['sr', 'c'], ['sp', 'rl']];
    case 'policy':
      return [
        ['sv', '2020-08-04'],
        ['si', 'readers'],
        ['sr', 'c'],
      ];
    case 'user-delegation':
      return [
        ...common,
        ['sr', 'b'],
        ['sp', 'r'],
        ['skoid', '11111111-2222-3333-4444-555555555555'],
        ['sktid', '72f988bf-86f1-41af-91ab-2d7cd011db47'],
        ['skt', '2026-11-28T00:00:00Z'],
        ['ske', '2026-12-01T00:00:00Z'],
        ['sks', 'b'],
        ['skv', '2022-11-02'],
      ];
  }
}

const SEPARATORS = ['&', '&amp;', '&#38;', '\\u0026', '^&'];
const PREFIXES = [
  '',
  '?',
  'https://contosodata.blob.core.windows.net/c/b.bin?',
  'BlobEndpoint=https://contosodata.blob.core.windows.net/;SharedAccessSignature=',
];
const WRAPPERS: Array<[string, string]> = [
  ['"', '"'],
  ["'", "'"],
  ['(', ')'],
  ['', '\n'],
  ['<', '>'],
  ['`', '`'],
];

test('property: generated SAS queries are found with the right kind, in any order, case and encoding, without leaking', () => {
  fc.assert(
    fc.property(
      signatureBytes,
      fc.constantFrom<Kind>('account', 'service', 'user-delegation', 'policy'),
      fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
      fc.constantFrom(...SEPARATORS),
      fc.constantFrom(...PREFIXES),
      fc.constantFrom(...WRAPPERS),
      fc.constantFrom('raw', 'upper', 'lower'),
      (sig, kind, orderSeed, caseFlips, separator, prefix, [open, close], sigEncoding) => {
        const encodedSig = sigEncoding === 'raw' ? sig : percentEncode(sig, sigEncoding === 'lower');
        const params = [...paramsFor(kind), ['sig', encodedSig] as [string, string]];
        // Shuffle deterministically from the seed.
        let seed = orderSeed;
        for (let i = params.length - 1; i > 0; i--) {
          seed = (seed * 1103515245 + 12345) % 2147483648;
          const j = seed % (i + 1);
          [params[i], params[j]] = [params[j]!, params[i]!];
        }
        let flip = 0;
        const query = params
          .map(([k, v]) => `${[...k].map((ch) => (caseFlips[flip++ % caseFlips.length] ? ch.toUpperCase() : ch)).join('')}=${v}`)
          .join(separator);
        const text = `x = ${open}${prefix}${query}${close} y`;
        const result = scanText(text, { now: NOW });
        assert.equal(result.findings.length, 1, text);
        const f = result.findings[0]!;
        assertFindingInvariants(text, f);
        assert.equal(f.ruleId, RULE[kind], text);
        assert.equal(text.slice(f.secretRange.start, f.secretRange.end), encodedSig, text);
        assert.equal(f.redactedSecret, `${sig.slice(0, 4)}…`);
        assertNoSecretLeak(f, sig);
      },
    ),
    { numRuns: 300 },
  );
});

test('property: account keys and Service Bus keys never leak and are found', () => {
  const keyBytes = accountKeyArbitrary.filter((key) => !looksMadeUp(key));
  fc.assert(
    fc.property(keyBytes, signatureBytes, fc.constantFrom('conn', 'env', 'json', 'code'), (key, sbKey, form) => {
      const text =
        form === 'conn'
          ? `DefaultEndpointsProtocol=https;AccountName=contosodata;AccountKey=${key};EndpointSuffix=core.windows.net`
          : form === 'env'
            ? `AZURE_STORAGE_KEY=${key}`
            : form === 'json'
              ? `{"accountKey": "${key}"}`
              : `string accountKey = "${key}";`;
      const result = scanText(`${text}\nEndpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=Send;SharedAccessKey=${sbKey}\n`, { now: NOW });
      assert.equal(result.findings.length, 2);
      const [storage, serviceBus] = result.findings;
      assert.equal(storage!.ruleId, 'storage-account-key');
      assert.equal(serviceBus!.ruleId, 'servicebus-key');
      assertNoSecretLeak(storage!, key);
      assertNoSecretLeak(serviceBus!, sbKey);
    }),
    { numRuns: 150 },
  );
});

test('property: mutated real-world lines never throw and keep every range inside the text', () => {
  const rows = readCorpusRows().map((row) => row.text);
  const mutation = fc.record({
    at: fc.nat(),
    cut: fc.nat({ max: 20 }),
    insert: fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ unit: 'binary', maxLength: 6 })),
  });
  fc.assert(
    fc.property(fc.nat({ max: rows.length - 1 }), fc.array(mutation, { maxLength: 6 }), (row, mutations) => {
      let text = rows[row]!;
      for (const m of mutations) {
        const at = m.at % (text.length + 1);
        text = text.slice(0, at) + m.insert + text.slice(at + m.cut);
      }
      const result = scanText(text, { now: NOW });
      for (const f of [...result.findings, ...result.suppressed]) assertFindingInvariants(text, f);
    }),
    { numRuns: 500 },
  );
});
