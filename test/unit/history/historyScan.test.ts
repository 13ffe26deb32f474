// The history scan (server/src/history) on generated repositories: one finding per secret at the
// commit that first added it, with its author, date, occurrences and whether HEAD still holds it;
// merges, branches, ranges; and what real repositories hold that is not text (binaries, LFS
// pointers, submodules). Every token is fabricated at run time.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import type { HistoryScanResult } from '../../../server/src/history/historyScan';
import { fakeSignature } from '../../support/fakeSecrets';
import { fixtureGitEnv, GitRepo } from './gitRepo';
import { accountSasUrl, scan } from './historyFixtures';

/** The secrets of a result by the first four characters of their signature (what the report shows). */
function previews(result: HistoryScanResult): string[] {
  return result.secrets.map((s) => s.placed.finding.redactedSecret.slice(0, 4));
}

describe('history scan: one finding per secret, where it was first committed', () => {
  const repo = new GitRepo();
  const removed = fakeSignature();
  const kept = fakeSignature();
  let first = '';
  let second = '';
  let result: HistoryScanResult;

  before(async () => {
    repo.commit({ 'README.md': '# app\n' }, { date: '2023-12-30T10:00:00+01:00' });
    first = repo.commit(
      { 'config.js': `// settings\nconst a = 1;\nconst url = "${accountSasUrl(removed)}";\n` },
      { date: '2024-01-02T09:30:00+01:00', author: 'Alice' },
    );
    // The same secret copied elsewhere and its file edited: more occurrences, still one secret.
    second = repo.commit({
      'copy.js': `const u = "${accountSasUrl(removed)}";\n`,
      'config.js': `// settings v2\nconst a = 2;\nconst url = "${accountSasUrl(removed)}";\n`,
    });
    repo.commit({ 'config.js': 'const url = process.env.URL;\n', 'copy.js': null });
    repo.commit({ 'app.env': `URL=${accountSasUrl(kept)}\n` }, { author: 'Bob' });
    result = await scan(repo);
  });
  after(() => repo.remove());

  it('reports each distinct secret once, earliest first', () => {
    assert.deepEqual(previews(result), [removed.slice(0, 4), kept.slice(0, 4)]);
    assert.equal(result.errors.length, 0);
    assert.equal(result.cancelled, false);
  });

  it('credits the first commit that added it: full SHA, path, line, author, author date', () => {
    const secret = result.secrets[0]!;
    assert.equal(secret.origin.commit, first);
    assert.match(secret.origin.commit, /^[0-9a-f]{40}$/);
    assert.equal(secret.path, 'config.js');
    assert.equal(secret.placed.start.line, 3);
    assert.equal(secret.origin.author, 'Alice');
    assert.equal(secret.origin.date, '2024-01-02T09:30:00+01:00');
    assert.equal(secret.placed.finding.ruleId, 'account-sas');
    assert.equal(secret.placed.finding.grade, 'critical');
  });

  it('counts every commit/path pair that added it and lists the first ones', () => {
    const secret = result.secrets[0]!;
    assert.equal(secret.origin.occurrences, 3);
    assert.deepEqual(
      secret.origin.firstOccurrences.map((o) => [o.commit, o.path]),
      [
        [first, 'config.js'],
        [second, 'config.js'],
        [second, 'copy.js'],
      ],
    );
  });

  it('knows whether HEAD still holds it', () => {
    assert.equal(result.secrets[0]!.origin.inHead, false);
    assert.equal(result.secrets[1]!.origin.inHead, true);
    assert.equal(result.secrets[1]!.origin.author, 'Bob');
  });

  it('reads each distinct blob once', () => {
    assert.equal(result.counts.commits, 5);
    // README, config.js ×3, copy.js, app.env: six distinct blobs, eight entries minus the deletion.
    assert.equal(result.counts.distinctBlobs, 6);
    assert.equal(result.counts.blobsScanned, 6);
  });
});

describe('history scan: merges, branches and ranges', () => {
  const repo = new GitRepo();
  const inMerge = fakeSignature();
  const onSide = fakeSignature();
  const unmerged = fakeSignature();
  const afterBase = fakeSignature();
  let merge = '';
  let sideCommit = '';

  before(() => {
    repo.commit({ 'a.txt': 'one\n' });
    repo.git('checkout', '-q', '-b', 'side');
    sideCommit = repo.commit({ 'side.txt': `token ${accountSasUrl(onSide)}\n` });
    repo.git('checkout', '-q', 'main');
    repo.commit({ 'b.txt': 'two\n' });
    merge = repo.evilMerge('side', { 'merged.txt': `only the merge has ${accountSasUrl(inMerge)}\n` });
    repo.git('tag', 'base');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.commit({ 'feature.txt': `new ${accountSasUrl(afterBase)}\n` });
    repo.git('checkout', '-q', '-b', 'lost', 'base');
    repo.commit({ 'lost.txt': `unmerged ${accountSasUrl(unmerged)}\n` });
    repo.git('checkout', '-q', 'main');
  });
  after(() => repo.remove());

  it('finds content that only a merge commit introduced, which git log -p does not show', async () => {
    const plainLog = execFileSync('git', ['log', '-p', '--all'], { cwd: repo.path, env: fixtureGitEnv(), encoding: 'utf8' });
    assert.ok(!plainLog.includes('only the merge has'), 'git log -p shows no diff for a merge commit');
    const result = await scan(repo);
    const evil = result.secrets.find((s) => s.path === 'merged.txt');
    assert.ok(evil, 'the evil merge secret is reported');
    assert.equal(evil.origin.commit, merge);
    assert.equal(evil.origin.author, 'Merger');
    // A blob the merge took from one side is credited to that side's commit, not the merge.
    const side = result.secrets.find((s) => s.path === 'side.txt');
    assert.equal(side?.origin.commit, sideCommit);
    assert.equal(side?.origin.occurrences, 1);
  });

  it('covers every ref by default, one branch with --branch', async () => {
    const all = await scan(repo);
    assert.deepEqual(new Set(all.secrets.map((s) => s.path)), new Set(['side.txt', 'merged.txt', 'feature.txt', 'lost.txt']));
    const main = await scan(repo, { branch: 'main' });
    assert.deepEqual(new Set(main.secrets.map((s) => s.path)), new Set(['side.txt', 'merged.txt']));
  });

  it('--since leaves out what the base already has', async () => {
    const range = await scan(repo, { branch: 'feature', since: 'base' });
    assert.deepEqual(
      range.secrets.map((s) => s.path),
      ['feature.txt'],
    );
    assert.equal(range.counts.commits, 1);
    assert.equal(range.range, 'feature since base');
  });

  it('names a ref that does not exist, and never takes one for an option', async () => {
    await assert.rejects(scan(repo, { branch: 'no-such-branch' }), /--branch no-such-branch: no such commit/);
    await assert.rejects(scan(repo, { since: '--all' }), /--since --all: no such commit/);
  });
});

describe('history scan: a one-commit repository', () => {
  // git log starts before the scan is ready and exits at once here: its output must be held, not lost.
  it('scans its only commit', async () => {
    const repo = new GitRepo();
    const sig = fakeSignature();
    try {
      const commit = repo.commit({ 'app.env': `URL=${accountSasUrl(sig)}\n` });
      const result = await scan(repo);
      assert.deepEqual(previews(result), [sig.slice(0, 4)]);
      assert.equal(result.secrets[0]!.origin.commit, commit);
      assert.equal(result.counts.commits, 1);
    } finally {
      repo.remove();
    }
  });
});
