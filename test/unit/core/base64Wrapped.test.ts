// Credentials inside base64 values (core/scan/base64Wrapped.ts): a Kubernetes Secret's data, a JSON
// string, a bare key under its setting name; reported on the encoded value with the decoded token's
// rule, grade and fingerprint, and no fix that edits the value. The corpus property: base64 of every
// live corpus row gives the row's findings; of every other row, nothing at warning or error. Bounds
// are checked on work counted (runs read, characters decoded), never on time.
// Fabricated tokens only (random bytes from fabricate.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gradeLevel, rescanAfterEdit, scanText, scanTextIncremental, type Finding } from '../../../server/src/core';
import { findBase64WrappedCredentials, MAX_BASE64_RUN, type Base64Work } from '../../../server/src/core/scan/base64Wrapped';
import { BASE64_ANCHOR_FORMS } from '../../../server/src/core/scan/anchorLiterals';
import { decodeBase64Bytes, decodeBase64Text } from '../../../server/src/core/parse/base64';
import { envReferenceFix, fixAllStripSignatures, stripSignatureFix, suppressionFix } from '../../../server/src/core/fixes';
import { fakeAccountKey, fakeSignature, seededBytes } from '../../support/fakeSecrets';
import { NOW } from '../../support/clock';
import { readCorpusRows } from '../../support/corpus';

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
const scan = (text: string, fileName?: string): readonly Finding[] => scanText(text, { now: NOW, ...(fileName ? { fileName } : {}) }).findings;
/** What must be equal between a token and its base64-wrapped copy. */
const identity = (f: Finding): string => `${f.ruleId} ${f.grade} ${f.fingerprint}`;

const KEY = fakeAccountKey(101);
const CONNECTION = `DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${KEY};EndpointSuffix=core.windows.net`;
const SAS_URL = `https://acct.blob.core.windows.net/c?sv=2022-11-02&ss=b&srt=sco&sp=rwdl&se=2030-01-01T00:00:00Z&sig=${encodeURIComponent(fakeSignature(102))}`;

function secretManifest(entries: Record<string, string>): string {
  const data = Object.entries(entries).map(([name, value]) => `  ${name}: ${b64(value)}`);
  return ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: storage', 'type: Opaque', 'data:', ...data, ''].join('\n');
}

describe('base64-wrapped credentials', () => {
  it('a connection string and a SAS URL in a Kubernetes Secret: same rule, grade, fingerprint; reported on the value', () => {
    const text = secretManifest({ connection: CONNECTION, url: SAS_URL });
    const found = scan(text, 'secret.yaml');
    assert.deepEqual(found.map(identity), [...scan(CONNECTION), ...scan(SAS_URL)].map(identity));
    for (const [f, plain] of [
      [found[0]!, CONNECTION],
      [found[1]!, SAS_URL],
    ] as const) {
      assert.equal(f.encoding, 'base64');
      assert.equal(text.slice(f.range.start, f.range.end), b64(plain));
      assert.deepEqual(f.secretRange, f.range);
      assert.match(f.message, /base64-encoded in a Kubernetes Secret/);
      assert.equal(f.queryRange, undefined);
      assert.ok(!f.message.includes(KEY.slice(0, 8)), 'no secret in the message');
    }
  });

  it('a base64 string in JSON says base64-encoded, without Kubernetes', () => {
    const text = `{"settings": {"storage": "${b64(CONNECTION)}"}}`;
    const [f] = scan(text, 'appsettings.json');
    assert.ok(f);
    assert.equal(identity(f), identity(scan(CONNECTION)[0]!));
    assert.match(f.message, /, base64-encoded — /);
    assert.doesNotMatch(f.message, /Kubernetes/);
  });

  it('an account key alone, under azurestorageaccountkey (with or without a trailing newline)', () => {
    for (const value of [KEY, `${KEY}\n`]) {
      const found = scan(secretManifest({ azurestorageaccountname: 'acct', azurestorageaccountkey: value }), 'secret.yaml');
      assert.equal(found.length, 1, JSON.stringify(value.slice(-2)));
      assert.equal(found[0]!.ruleId, 'storage-account-key');
      assert.equal(found[0]!.fingerprint, scan(`AccountKey=${KEY}`)[0]!.fingerprint);
    }
  });

  it('base64 inside base64 (two levels) is found at every alignment; three levels are not decoded', () => {
    for (const plain of [SAS_URL, CONNECTION]) {
      for (const prefix of ['', 'a', 'ab']) {
        const text = `data:\n  blob: ${b64(prefix + b64(plain))}\n`;
        assert.deepEqual(scan(text).map(identity), scan(plain).map(identity), `${plain.slice(0, 12)} after ${JSON.stringify(prefix)}`);
      }
    }
    assert.deepEqual(scan(`data:\n  blob: ${b64(b64(b64(SAS_URL)))}\n`), []);
  });

  it('offers no strip and no environment edit on a base64 value; suppression works', () => {
    const text = secretManifest({ connection: CONNECTION, url: SAS_URL });
    const found = scan(text, 'secret.yaml');
    assert.equal(found.length, 2);
    for (const f of found) {
      assert.deepEqual(stripSignatureFix(text, f), []);
      assert.deepEqual(envReferenceFix(text, f, { fileName: 'secret.yaml' }).edits, []);
      const suppress = suppressionFix(text, f, 'yaml', 'secret.yaml');
      assert.ok(suppress, 'a suppression comment is offered');
      const after = text.slice(0, suppress.start) + suppress.newText + text.slice(suppress.end);
      assert.ok(scanText(after, { now: NOW }).suppressed.some((s) => s.fingerprint === f.fingerprint));
    }
    assert.deepEqual(fixAllStripSignatures(text, found), []);
    // The same token in plain text still gets both edits.
    const plain = scan(SAS_URL)[0]!;
    assert.ok(stripSignatureFix(SAS_URL, plain).length > 0);
  });

  it('random base64 blobs (binary, certificates) give nothing, even with anchors in them', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const blob = seededBytes(seed, 3000).toString('base64');
      const form = BASE64_ANCHOR_FORMS[seed % BASE64_ANCHOR_FORMS.length]!.form;
      const text = `image: ${blob.slice(0, 1000)}${form}${blob.slice(1000)}\ncert: |\n  ${seededBytes(seed + 99, 900).toString('base64')}\n`;
      const found = scanText(text, { now: NOW });
      assert.equal(found.findings.length + found.suppressed.length, 0, `seed ${seed}`);
    }
  });

  it('a 10 MB base64 run is read but not decoded (over the cap); work counted stays linear', () => {
    const run = 'c2lnP'.repeat(Math.ceil(10_000_000 / 5));
    const work: Base64Work = { runs: 0, decodedChars: 0 };
    assert.deepEqual(
      findBase64WrappedCredentials(run, () => [], work),
      [],
    );
    assert.equal(work.decodedChars, 0);
    assert.ok(run.length > MAX_BASE64_RUN);
    assert.equal(scanText(run, { now: NOW }).findings.length, 0);
  });

  it('runs full of anchor encodings and many short runs: each run read once, decoded at most four times', () => {
    const full = BASE64_ANCHOR_FORMS.map((a) => a.form)
      .filter((form) => !form.includes('='))
      .join('')
      .repeat(1000);
    const work: Base64Work = { runs: 0, decodedChars: 0 };
    findBase64WrappedCredentials(full, () => [], work);
    assert.equal(work.runs, 1);
    assert.ok(work.decodedChars <= 4 * full.length);
    const short = `${'c2lnPQ== '.repeat(20_000)}${`${'Y2NvdW50S2V5'.repeat(6)} `.repeat(5000)}`;
    const shortWork: Base64Work = { runs: 0, decodedChars: 0 };
    findBase64WrappedCredentials(short, () => [], shortWork);
    assert.ok(shortWork.decodedChars <= short.length, `${shortWork.decodedChars} decoded of ${short.length}`);
  });

  it('runs whose only anchors are signatures ruled out by what follows are not decoded; others still are', () => {
    // 43 base64 characters whose last one carries padding bits (no 32-byte value ends so), and 44.
    const notCanonical = `${fakeSignature(77).slice(0, 42)}B`;
    const almost = [`sv=2020-01-01&sig=${notCanonical}=&`, `sig=${fakeSignature(78).slice(0, 43)}AB&sr=c`];
    for (const plain of almost) {
      const text = `${b64(plain)} `.repeat(2000);
      const work: Base64Work = { runs: 0, decodedChars: 0 };
      let scans = 0;
      findBase64WrappedCredentials(text, () => (scans++, []), work);
      assert.equal(work.runs, 2000, plain);
      assert.equal(work.decodedChars, 0, plain);
      assert.equal(scans, 0, plain);
    }
    // The window reaches far enough for every spelling of the padding after 43 characters, at
    // each alignment: an entity for `=` (`&#x3d;`, the longest) still makes a finding.
    for (const lead of ['', 'x', 'xy']) {
      const plain = `${lead}sv=2020-01-01&sr=c&sig=${fakeSignature(80).slice(0, 43)}&#x3d;`;
      assert.equal(scanText(`data: ${b64(plain)}\n`, { now: NOW }).findings.length, 1, plain);
    }
    // A real-shaped signature, or another anchor in the same run, sends the run to the full scan.
    for (const plain of [`sv=2020-01-01&sig=${fakeSignature(79)}&sr=c`, `sig=${notCanonical}=&AccountKey=x`]) {
      let scans = 0;
      findBase64WrappedCredentials(`data: ${b64(plain)}\n`, () => (scans++, []));
      assert.equal(scans, 1, plain);
    }
  });

  it('an edit near a base64 value re-scans to the same result as a full scan', () => {
    const text = `${'# filler line\n'.repeat(400)}${secretManifest({ connection: CONNECTION, url: SAS_URL })}${'# more\n'.repeat(400)}`;
    const old = scanTextIncremental(text, { now: NOW });
    assert.equal(old.findings.length, 2);
    const at = text.indexOf(b64(SAS_URL)) + 10;
    for (const [start, end, insert] of [
      [at, at + 1, 'Q'],
      [at, at, ' '],
      [5, 5, 'x'],
      [text.length - 3, text.length - 3, 'kind: Secret\n'],
    ] as const) {
      const newText = text.slice(0, start) + insert + text.slice(end);
      const re = rescanAfterEdit(text, old, [{ start, end, newText: insert }], newText, { now: NOW });
      assert.deepEqual(re, scanText(newText, { now: NOW }), `edit at ${start}`);
    }
  });
});

describe('the base64 decoding loop', () => {
  it('gives the bytes of the Node decoder (the native path of long values) for every length and alignment', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const encoded = seededBytes(seed, seed % 97)
        .toString('base64')
        .replace(/=+$/, '');
      for (let cut = 0; cut < 3 && cut < encoded.length; cut++) {
        const part = encoded.slice(cut);
        if (part.length % 4 === 1) continue; // a lone character holds no whole byte in either
        assert.deepEqual(Buffer.from(decodeBase64Bytes(part, 0, part.length)), Buffer.from(part, 'base64'), `seed ${seed} cut ${cut}`);
      }
    }
  });

  it('keeps printable UTF-8 (short and long values, ASCII or not) and drops binary', () => {
    for (const plain of ['héllo wörld, a value with accents '.repeat(2), 'ascii only value here '.repeat(30), 'ünïcödé '.repeat(60)]) {
      const encoded = b64(plain);
      assert.equal(decodeBase64Text(encoded, 0, encoded.length), plain);
    }
    const binary = seededBytes(5, 600).toString('base64');
    assert.equal(decodeBase64Text(binary, 0, binary.length), undefined);
  });
});

describe('base64 of the corpus: the same findings as the line', () => {
  const rows = readCorpusRows();
  const LIVE = new Set(['live-sas-url', 'live-sas-query', 'sas-connection-string', 'account-key-connection-string', 'user-delegation-sas', 'servicebus-sas']);

  it('every live row, as a Kubernetes Secret data value and as a JSON string value', () => {
    let checked = 0;
    for (const row of rows.filter((r) => LIVE.has(r.label))) {
      const plain = [...new Set(scan(row.text).map(identity))].sort();
      assert.ok(plain.length > 0, `${row.id} is found plain`);
      for (const [where, text] of [
        ['secret', secretManifest({ value: row.text })],
        ['json', `{"value": "${b64(row.text)}"}`],
      ] as const) {
        const found = [...new Set(scan(text).map(identity))].sort();
        assert.deepEqual(found, plain, `${row.id} in ${where}`);
      }
      checked++;
    }
    assert.ok(checked >= 30, `${checked} live rows`);
  });

  it('no other row gives anything at warning or error', () => {
    for (const row of rows.filter((r) => !LIVE.has(r.label) && r.label !== 'truncated (not scored)')) {
      for (const text of [secretManifest({ value: row.text }), `{"value": "${b64(row.text)}"}`]) {
        const loud = scan(text).filter((f) => gradeLevel(f.grade) !== 'info');
        assert.deepEqual(
          loud.map((f) => f.message),
          [],
          `${row.id} (${row.label})`,
        );
      }
    }
  });
});
