// Large files edited a little at a time are scanned around their changed lines only: the findings
// must be those of a whole scan (same secret, same line), and a clean edit must be settled without
// scanning the file whole.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { scanText } from '../../../server/src/core';
import { scanDecodedText, type FileScanOptions } from '../../../server/src/walker/scanFile';
import { scanEditedVersion } from '../../../server/src/history/editedVersionScan';
import { LineBigrams, lineHashes, lineSpan, windowsAroundUnits } from '../../../server/src/history/unchangedRegions';
import type { HistoryScanResult } from '../../../server/src/history/historyScan';
import { fakeAccountKey, fakeBytes, fakeSignature, seededRandom } from '../../support/fakeSecrets';
import { GitRepo } from './gitRepo';
import { accountSasUrl, NOW, scan } from './historyFixtures';

const options: FileScanOptions = { maxFileSize: 1 << 30, now: NOW, engine: scanText, prefilter: true };

/**
 * A lock file's worth of lines, each with a bare 64-byte base64 checksum: the bare key pattern
 * everywhere. (Written `sha512-…`, as npm writes its integrity digests, they would never reach the
 * engine: test/unit/core/integrityDigest.test.ts.)
 */
function lockFile(entries: number, seed: number): string[] {
  const lines = ['{', '  "packages": {'];
  for (let i = 0; i < entries; i++) {
    lines.push(
      `    "node_modules/pkg-${i}": {`,
      `      "version": "1.0.${seed + i}",`,
      `      "checksum": "${fakeBytes(64, seed * 100000 + i).toString('base64')}"`,
      '    },',
    );
  }
  lines.push('  }', '}');
  return lines;
}

/** Findings as the properties compare them: secret, message and place. */
const placed = (findings: readonly { finding: { fingerprint: string; message: string }; start: unknown; end: unknown }[]) =>
  findings.map((f) => [f.finding.fingerprint, f.finding.message, f.start, f.end]);

/**
 * Random edit histories of one file: every version is scanned whole, and, when its predecessor was
 * clean (as the history scan keeps them), around its changes too; whenever that settles it, the two
 * must agree. Returns how many versions were settled, and how many of those with findings.
 */
function compareAlongHistories(history: {
  readonly count: number;
  readonly versions: number;
  readonly seed: number;
  readonly fileName: string;
  readonly first: (history: number) => string[];
  /** The edits of one version: the lines after them. */
  readonly edit: (lines: string[], random: () => number, history: number, version: number) => string[];
}): { settled: number; settledWithFindings: number } {
  let settled = 0;
  let settledWithFindings = 0;
  for (let h = 0; h < history.count; h++) {
    const random = seededRandom(history.seed + h);
    let lines = history.first(h);
    let previous: LineBigrams | undefined;
    for (let version = 0; version < history.versions; version++) {
      if (version > 0) lines = history.edit(lines, random, h, version);
      const bytes = Buffer.from(lines.join('\n'));
      const hashes = lineHashes(bytes);
      const whole = scanDecodedText(bytes.toString('utf8'), false, history.fileName, options);
      assert.equal(whole.kind, 'scanned');
      if (whole.kind !== 'scanned') break;
      if (previous !== undefined) {
        const edited = scanEditedVersion(bytes, hashes, previous, history.fileName, options);
        if (edited.kind === 'scanned') {
          settled++;
          if (edited.findings.length > 0) settledWithFindings++;
          const context = `history ${h}, version ${version}`;
          assert.deepEqual(placed(edited.findings), placed(whole.findings ?? []), context);
          assert.deepEqual(placed(edited.suppressed), placed(whole.suppressed ?? []), context);
        }
      }
      previous = (whole.findings ?? []).length === 0 && (whole.suppressed ?? []).length === 0 ? LineBigrams.of(hashes) : undefined;
    }
  }
  return { settled, settledWithFindings };
}

describe('scanEditedVersion', () => {
  const base = lockFile(1500, 1);
  const baseBytes = Buffer.from(base.join('\n'));
  const old = LineBigrams.of(lineHashes(baseBytes));

  it('settles a clean edit of a large file around its changes, without a whole scan', () => {
    const edited = [...base];
    edited[3000] = '      "version": "2.0.0",';
    edited.splice(4000, 0, ...lockFile(3, 9).slice(2, -2));
    const bytes = Buffer.from(edited.join('\n'));
    const result = scanEditedVersion(bytes, lineHashes(bytes), old, 'package-lock.json', options);
    assert.deepEqual(result, { kind: 'scanned', findings: [], suppressed: [] });
  });

  it('finds a key added near the changes on the line a whole scan finds it', () => {
    const edited = [...base];
    const key = fakeAccountKey();
    edited.splice(5000, 0, `    "azureStorageKey": "${key}",`);
    const bytes = Buffer.from(edited.join('\n'));
    const result = scanEditedVersion(bytes, lineHashes(bytes), old, 'package-lock.json', options);
    const whole = scanDecodedText(bytes.toString('utf8'), false, 'package-lock.json', options);
    assert.equal(result.kind, 'scanned');
    if (result.kind !== 'scanned' || whole.kind !== 'scanned') return;
    assert.equal(whole.findings?.length, 1);
    assert.deepEqual(
      result.findings.map((f) => [f.finding.fingerprint, f.start, f.end]),
      whole.findings!.map((f) => [f.finding.fingerprint, f.start, f.end]),
    );
  });

  it('finds a SAS URL added near the changes as a whole scan does, reading farther around them', () => {
    // Large enough that the windows (2 × 72 KiB either side of the change) are under half of it.
    const large = lockFile(6000, 2);
    const largeOld = LineBigrams.of(lineHashes(Buffer.from(large.join('\n'))));
    const edited = [...large];
    edited.splice(3000, 0, `    "url": "${accountSasUrl(fakeSignature())}",`);
    const bytes = Buffer.from(edited.join('\n'));
    const result = scanEditedVersion(bytes, lineHashes(bytes), largeOld, 'package-lock.json', options);
    const whole = scanDecodedText(bytes.toString('utf8'), false, 'package-lock.json', options);
    assert.equal(result.kind, 'scanned');
    if (result.kind !== 'scanned' || whole.kind !== 'scanned') return;
    assert.equal(whole.findings?.length, 1);
    assert.deepEqual(
      result.findings.map((f) => [f.finding.fingerprint, f.finding.message, f.start, f.end]),
      whole.findings!.map((f) => [f.finding.fingerprint, f.finding.message, f.start, f.end]),
    );
  });

  it('scans the whole file when the windows around its changes would cover most of it', () => {
    const edited = [...base];
    // Changes every ~60 KB: each one's windows (2 × 72 KiB either side) overlap the next.
    for (let line = 200; line < edited.length; line += 600) edited.splice(line, 0, `    "url": "${accountSasUrl(fakeSignature(line))}",`);
    const bytes = Buffer.from(edited.join('\n'));
    assert.deepEqual(scanEditedVersion(bytes, lineHashes(bytes), old, 'package-lock.json', options), { kind: 'scan-whole' });
  });
});

// API documentation and SDK typings name the anchors everywhere (`AccountKey`, `sig=`,
// `SharedAccessSignature` in prose and examples) without holding a secret: every change is near a
// plain anchor, and a version is scanned around its changes with the engine's widest reach.
describe('scanEditedVersion on files that document the anchors', () => {
  const docsFile = (sections: number, seed: number): string[] => {
    const lines: string[] = [];
    for (let i = 0; i < sections; i++) {
      lines.push(
        `## Section ${seed}-${i}`,
        'Pass the AccountKey of the storage account, or a SharedAccessSignature with sig= set by the service.',
        `    const url = account + "?sv=2022-11-02&sig=" + signature; // example ${i}`,
        ...Array.from({ length: 8 }, (_, k) => `Paragraph ${k} of section ${i}: ${'lorem ipsum dolor sit amet '.repeat(3)}`),
      );
    }
    return lines;
  };
  const secretLine = (random: () => number, seed: number): string => {
    switch (Math.floor(random() * 4)) {
      case 0:
        return `Example: ${accountSasUrl(fakeSignature(seed))}`;
      case 1:
        return `DefaultEndpointsProtocol=https;AccountName=acct${seed % 1000};AccountKey=${fakeAccountKey(seed)};EndpointSuffix=core.windows.net`;
      case 2:
        return `const credential = new StorageSharedKeyCredential("acct${seed % 1000}", "${fakeAccountKey(seed)}");`;
      default:
        return `    "url": "${accountSasUrl(fakeSignature(seed))}",`;
    }
  };

  it('reads what a finding says from unchanged lines before the change (the account named in its block)', () => {
    const lines = docsFile(1500, 77);
    const blockAt = 8000;
    // The account is named on an unchanged line ~1 KB before the key the new version adds.
    lines.splice(
      blockAt,
      0,
      '{',
      '  "accountName": "contosodocs",',
      ...Array.from({ length: 12 }, (_, k) => `  "setting${k}": "${'v'.repeat(60)}",`),
      '  "retries": 3',
      '}',
    );
    const before = Buffer.from(lines.join('\n'));
    const old = LineBigrams.of(lineHashes(before));
    lines.splice(blockAt + 14, 0, `  "accountKey": "${fakeAccountKey(77)}",`);
    const bytes = Buffer.from(lines.join('\n'));
    const edited = scanEditedVersion(bytes, lineHashes(bytes), old, 'guide.md', options);
    const whole = scanDecodedText(bytes.toString('utf8'), false, 'guide.md', options);
    assert.equal(edited.kind, 'scanned');
    if (edited.kind !== 'scanned' || whole.kind !== 'scanned') return;
    assert.equal(whole.findings?.length, 1);
    assert.match(whole.findings![0]!.finding.message, /contosodocs/);
    assert.deepEqual(placed(edited.findings), placed(whole.findings ?? []));
  });

  it('gives the findings of a whole scan whenever it settles a version', () => {
    const { settled, settledWithFindings } = compareAlongHistories({
      count: 8,
      versions: 10,
      seed: 5000,
      fileName: 'guide.md',
      first: (history) => docsFile(1200, history),
      edit: (lines, random, history, version) => {
        for (let edits = 1 + Math.floor(random() * 2); edits > 0; edits--) {
          const at = 1 + Math.floor(random() * (lines.length - 2));
          const kind = random();
          if (kind < 0.4) lines[at] = `Paragraph edited in version ${version}: ${'consectetur adipiscing '.repeat(2)}`;
          else if (kind < 0.55) lines.splice(at, 0, ...docsFile(1, history * 100 + version));
          else if (kind < 0.7) lines.splice(at, 1 + Math.floor(random() * 4));
          else if (kind < 0.92) lines.splice(at, 0, secretLine(random, history * 1000 + version * 10 + edits));
          else lines = lines.filter((line) => !/Example: https|AccountKey=[A-Za-z0-9+/]{20}|SharedKeyCredential\(|"url"/.test(line));
        }
        return lines;
      },
    });
    assert.ok(settled >= 10, `settled ${settled}`);
    assert.ok(settledWithFindings >= 3, `settled with findings ${settledWithFindings}`);
  });
});

describe('history scan of a large file edited over many commits', () => {
  // The commit that adds the key, and what the scan says about it.
  let keyCommit = '';
  let result: HistoryScanResult;
  const repo = new GitRepo();
  const key = fakeAccountKey();
  before(async () => {
    let lines = lockFile(1500, 1);
    repo.commit({ 'package-lock.json': lines.join('\n') });
    for (let version = 2; version <= 4; version++) {
      lines = [...lines];
      lines[10 + version * 400] = `      "version": "${version}.0.0",`;
      repo.commit({ 'package-lock.json': lines.join('\n') });
    }
    lines = [...lines];
    lines.splice(3001, 0, `    "azureStorageKey": "${key}",`);
    keyCommit = repo.commit({ 'package-lock.json': lines.join('\n') });
    result = await scan(repo);
  });
  after(() => repo.remove());

  it('scans the later versions around their changes, and still finds the key where it was added', () => {
    assert.equal(result.counts.settledByChanges, 4);
    assert.equal(result.secrets.length, 1);
    assert.equal(result.secrets[0]!.origin.commit, keyCommit);
    assert.equal(result.secrets[0]!.placed.start.line, 3002);
    assert.equal(result.secrets[0]!.placed.finding.ruleId, 'storage-account-key');
  });
});

// Property: along random edit histories of a large file (values changed, entries added and
// removed, secrets of every kind added near or far from the edits and removed again), every version
// whose predecessor was clean is scanned around its changes with the findings of a whole scan, or
// is sent to a whole scan.
describe('scanEditedVersion along random edit histories', () => {
  const secretLine = (random: () => number, seed: number): string => {
    switch (Math.floor(random() * 4)) {
      case 0:
        return `    "azureStorageKey": "${fakeAccountKey(seed)}",`;
      case 1:
        return `    "url": "${accountSasUrl(fakeSignature(seed))}",`;
      case 2:
        return `    "storage": "DefaultEndpointsProtocol=https;AccountName=acct${seed % 1000};AccountKey=${fakeAccountKey(seed)};EndpointSuffix=core.windows.net",`;
      default:
        return `    "payload": "${Buffer.from(`AccountKey=${fakeAccountKey(seed)}`).toString('base64')}",`;
    }
  };

  it('gives the findings of a whole scan whenever it settles a version', () => {
    const { settled, settledWithFindings } = compareAlongHistories({
      count: 16,
      versions: 12,
      seed: 1000,
      fileName: 'package-lock.json',
      first: (history) => lockFile(500, 10 + history),
      edit: (lines, random, history, version) => {
        for (let edits = 1 + Math.floor(random() * 3); edits > 0; edits--) {
          const at = 2 + Math.floor(random() * (lines.length - 4));
          const kind = random();
          if (kind < 0.35) lines[at] = `      "version": "${Math.floor(random() * 100)}.0.${version}",`;
          else if (kind < 0.55) lines.splice(at, 0, ...lockFile(1 + Math.floor(random() * 3), history * 100 + version).slice(2, -2));
          else if (kind < 0.7) lines.splice(at, 1 + Math.floor(random() * 4));
          else if (kind < 0.9) lines.splice(at, 0, secretLine(random, history * 1000 + version * 10 + edits));
          else lines = lines.filter((line) => !/azureStorageKey|"url"|"storage"|"payload"/.test(line));
        }
        return lines;
      },
    });
    // The property is not empty: versions were settled around their changes, some with a finding.
    assert.ok(settled >= 10, `settled ${settled}`);
    assert.ok(settledWithFindings >= 2, `settled with findings ${settledWithFindings}`);
  });
});

describe('windowsAroundUnits', () => {
  it('covers at least the reach in UTF-16 units of the decoded text on both sides of each change', () => {
    const pieces = ['a', 'sig=', ' ', 'é', '€', '😀', 'xyz', '\u00a0'];
    const random = seededRandom(99);
    for (let round = 0; round < 200; round++) {
      const lines = Array.from({ length: 40 + Math.floor(random() * 40) }, () =>
        Array.from({ length: Math.floor(random() * 30) }, () => pieces[Math.floor(random() * pieces.length)]).join(''),
      );
      const bytes = Buffer.from(lines.join('\n'));
      const hashes = lineHashes(bytes);
      const first = Math.floor(random() * lines.length);
      const last = Math.min(lines.length - 1, first + Math.floor(random() * 3));
      const units = 1 + Math.floor(random() * 200);
      const [from, to] = windowsAroundUnits([first, last], hashes, bytes, units);
      const unitsOf = (start: number, end: number): number => bytes.subarray(start, end).toString('utf8').length;
      const [changeStart, changeEnd] = lineSpan(hashes, first, last, bytes.length);
      const [windowStart, windowEnd] = lineSpan(hashes, from!, to!, bytes.length);
      const context = `round ${round}, lines ${first}..${last}, ${units} units`;
      assert.ok(windowStart === 0 || unitsOf(windowStart, changeStart) >= units, `${context}: before`);
      assert.ok(windowEnd === bytes.length || unitsOf(changeEnd, windowEnd) >= units, `${context}: after`);
    }
  });
});
