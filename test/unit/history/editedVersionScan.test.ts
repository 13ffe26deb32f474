// Large files edited a little at a time are scanned around their changed lines only: the findings
// must be those of a whole scan (same secret, same line), and a clean edit must be settled without
// scanning the file whole.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { scanText } from '../../../server/src/core';
import { scanDecodedText, type FileScanOptions } from '../../../server/src/walker/scanFile';
import { scanEditedVersion } from '../../../server/src/history/editedVersionScan';
import { LineBigrams, lineHashes } from '../../../server/src/history/unchangedRegions';
import type { HistoryScanResult } from '../../../server/src/history/historyScan';
import { fakeAccountKey, fakeBytes, fakeSignature } from '../../support/fakeSecrets';
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

  it('scans the whole file when a change is near another kind of anchor', () => {
    const edited = [...base];
    edited.splice(100, 0, `    "url": "${accountSasUrl(fakeSignature())}",`);
    const bytes = Buffer.from(edited.join('\n'));
    assert.deepEqual(scanEditedVersion(bytes, lineHashes(bytes), old, 'package-lock.json', options), { kind: 'scan-whole' });
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
