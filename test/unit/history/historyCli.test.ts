// `sas-guard scan --history` spawned on a generated repository: the text line, the JSON fields and
// the SARIF shape of a history finding, the exit code, and the usage errors of the new options.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type * as Sarif from 'sarif';
import type { JsonReport } from '../../../server/src/report';
import { fakeSignature } from '../../support/fakeSecrets';
import { cli, ensureBuilt } from '../cli/builtCli';
import { sarifSchemaErrors } from '../cli/sarifSchema';
import { GitRepo } from './gitRepo';
import { accountSasUrl } from './historyFixtures';

function run(args: string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
}

describe('cli: sas-guard scan --history (spawned)', () => {
  const repo = new GitRepo();
  const sig = fakeSignature();
  let first = '';

  before(() => {
    ensureBuilt();
    repo.commit({ 'README.md': '# demo\n' });
    first = repo.commit({ 'README.md': `# demo\n\nDownload: ${accountSasUrl(sig)}\n` }, { date: '2024-01-02T08:00:00+00:00', author: 'Dana' });
    repo.commit({ 'README.md': '# demo\n\nDownload: ask for a link\n' });
  });
  after(() => repo.remove());

  it('text: where it was first committed, and that it is gone from HEAD but not from history', () => {
    const result = run(['scan', '--history'], repo.path);
    assert.equal(result.status, 1, result.stderr);
    const line = result.stdout.split('\n')[0]!;
    assert.match(line, /^README\.md:3:11: error account-sas .* — critical/);
    assert.ok(line.endsWith(`(first committed in ${first.slice(0, 7)} on 2024-01-02; removed since, still in history)`), line);
    assert.match(result.stdout, /Scanned 3 commits \(every ref\)/);
    assert.ok(!result.stdout.includes(sig.slice(4, 20)), 'never prints the secret');
  });

  it('json: commit, path, line, date, author, inHead, occurrences and the usual fields', () => {
    const result = run(['scan', '--history', '--format', 'json', '.'], repo.path);
    const report = JSON.parse(result.stdout) as JsonReport;
    assert.equal(report.findings.length, 1);
    const finding = report.findings[0]!;
    assert.equal(finding.commit, first);
    assert.equal(finding.path, 'README.md');
    assert.equal(finding.line, 3);
    assert.equal(finding.date, '2024-01-02T08:00:00+00:00');
    assert.equal(finding.author, 'Dana');
    assert.equal(finding.inHead, false);
    assert.deepEqual(finding.occurrences, { count: 1, first: [{ commit: first, path: 'README.md', date: '2024-01-02T08:00:00+00:00' }] });
    assert.equal(finding.rule, 'account-sas');
    assert.equal(finding.grade, 'critical');
    assert.equal(finding.level, 'error');
    assert.match(finding.fingerprint, /^[0-9a-f]+$/);
    assert.equal(finding.redactedSecret.slice(0, 4), sig.slice(0, 4));
    assert.equal(report.history?.commits, 3);
    assert.equal(report.history?.shallow, false);
  });

  it('sarif: valid, the commit in the location properties, a partial fingerprint per secret', () => {
    const result = run(['scan', '--history', '--format', 'sarif'], repo.path);
    const log = JSON.parse(result.stdout) as Sarif.Log;
    assert.deepEqual(sarifSchemaErrors(log), []);
    const sarifResult = log.runs[0]!.results![0]!;
    assert.equal(sarifResult.locations![0]!.properties!['commit'], first);
    assert.equal(sarifResult.locations![0]!.properties!['inHead'], false);
    assert.equal(sarifResult.locations![0]!.physicalLocation!.artifactLocation!.uri, 'README.md');
    assert.ok(sarifResult.partialFingerprints!['sasGuard/v1']);
    assert.equal((sarifResult.properties!['occurrences'] as { count: number }).count, 1);
  });

  it('usage errors: --branch or --since without --history, two paths, not a repository', () => {
    assert.match(run(['scan', '--branch', 'main'], repo.path).stderr, /--branch needs --history/);
    assert.match(run(['scan', '--since', 'main'], repo.path).stderr, /--since needs --history/);
    assert.match(run(['scan', '--history', '.', '..'], repo.path).stderr, /one PATH/);
    const notRepo = run(['scan', '--history', '/'], repo.path);
    assert.equal(notRepo.status, 2);
    assert.match(notRepo.stderr, /not a git repository/);
  });
});

// git refuses a repository another user owns (safe.directory), since its config could name
// programs; the scan keeps that refusal instead of overriding it, and says how to lift it. Making a
// repository another user's takes root (chown); elsewhere the test says why it cannot run.
describe('cli: sas-guard scan --history on a repository owned by another user', () => {
  const repo = new GitRepo();
  const sig = fakeSignature();
  const home = mkdtempSync(join(tmpdir(), 'sas-guard-home-'));
  const isRoot = process.getuid?.() === 0;
  const runAsHome = (extraConfig: string): SpawnSyncReturns<string> => {
    // A HOME of its own: the user's global git config must not decide the answer.
    writeFileSync(join(home, '.gitconfig'), extraConfig);
    return spawnSync(process.execPath, [cli, 'scan', '--history', repo.path, '--format', 'json'], {
      encoding: 'utf8',
      env: { ...process.env, HOME: home, XDG_CONFIG_HOME: home, NO_COLOR: '1' },
      timeout: 60_000,
    });
  };

  before(() => {
    ensureBuilt();
    repo.commit({ 'README.md': `Download: ${accountSasUrl(sig)}\n` });
    if (isRoot) execFileSync('chown', ['-R', '65534:65534', repo.path]);
  });
  after(() => {
    repo.remove();
    rmSync(home, { recursive: true, force: true });
  });

  it('refuses it with one line naming the fix, exit 2; once trusted that way, scans it', (t) => {
    if (!isRoot) {
      t.skip('NOT RUN: needs root to chown a repository to another user (run the suite as root to check safe.directory)');
      return;
    }
    const refused = runAsHome('');
    assert.equal(refused.status, 2);
    assert.equal(refused.stdout, '');
    assert.equal(
      refused.stderr,
      `sas-guard: git refuses ${repo.path}: the repository is owned by another user, and its config could run programs. ` +
        `Scan it as its owner, or if you trust it: git config --global --add safe.directory ${repo.path}\n`,
    );
    const trusted = runAsHome(`[safe]\n\tdirectory = ${repo.path}\n`);
    assert.equal(trusted.status, 1, trusted.stderr);
    assert.equal((JSON.parse(trusted.stdout) as JsonReport).findings.length, 1);
  });
});
