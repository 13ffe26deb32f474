// `sas-guard scan --history` spawned on a generated repository: the text line, the JSON fields and
// the SARIF shape of a history finding, the exit code, and the usage errors of the new options.
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
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
