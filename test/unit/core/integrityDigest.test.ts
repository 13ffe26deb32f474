// A `sha512-` Subresource Integrity digest (lock files, `<script integrity>`) is 64 bytes of base64,
// 86 characters and `==`: exactly an account key's shape. It is a hash, never a key nor text encoded
// in base64, so the engine reports none in it, and the byte checks (JavaScript and WebAssembly) let
// such lines go without a scan: a repository's history holds thousands of lock file versions. The
// same value with any other prefix is still judged as a key. Fabricated values only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeAccountKey } from '../../support/fakeSecrets';
import { mayContainSecrets } from '../../../server/src/walker/prefilter';
import { byteScanner } from '../../../server/src/walker/byteScan';
import { scan } from './engineAssertions';

const KEY = fakeAccountKey(9101);
/** A digest ending in `PQ==`, the base64 of `=`: one of the base64 decoder's anchor forms. */
const DIGEST_ENDING_IN_ANCHOR_FORM = `${fakeAccountKey(9102).slice(0, 84)}PQ==`;
const scanner = byteScanner();

const lockEntry = (digest: string, prefix = 'sha512-'): string =>
  `{\n  "packages": {\n    "node_modules/fabricated": {\n      "version": "1.0.0",\n      "integrity": "${prefix}${digest}"\n    }\n  }\n}\n`;

/** The same value, once as an integrity digest and once not. */
const storageContexts = (prefix: string): string[] => [
  `const storageAccountKey = "${prefix}${KEY}";\n`,
  `{ "storage": { "accountName": "fabricatedacct", "key": "${prefix}${KEY}" } }\n`,
  `const key = "${prefix}${KEY}";\nconst conn = { AccountName: "fabricatedacct" };\n`,
];

test('a sha512- integrity digest is no account key, where the same value after another prefix is one', () => {
  for (const text of storageContexts('sha512-')) assert.deepEqual(scan(text), [], text);
  for (const text of storageContexts('sha384-')) {
    assert.deepEqual(
      scan(text).map((finding) => finding.ruleId),
      ['storage-account-key'],
      text,
    );
  }
});

test('lock file entries pass neither byte check, the JavaScript nor the WebAssembly one', () => {
  for (const digest of [KEY, DIGEST_ENDING_IN_ANCHOR_FORM]) {
    const bytes = Buffer.from(lockEntry(digest), 'utf8');
    assert.equal(mayContainSecrets(bytes), false);
    assert.equal(scanner.mayContainSecrets(bytes), false);
    assert.deepEqual(scan(lockEntry(digest)), []);
    // The control: any other prefix leaves the key pattern, or the base64 form, for the engine to judge.
    const other = Buffer.from(lockEntry(digest, 'sha384-'), 'utf8');
    assert.equal(mayContainSecrets(other), true);
    assert.equal(scanner.mayContainSecrets(other), true);
  }
});
