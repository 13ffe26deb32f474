// `sas-guard scan --staged` scans what `git commit` would record (the index), not the working tree,
// in both directions; runs no code from the repository's git config; and the pre-commit framework
// hook (.pre-commit-hooks.yaml) runs through Debian's `pre-commit` with `try-repo`. Fabricated
// tokens only (random signature bytes made at run time).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { JsonReport } from '../../../server/src/report';
import { fakeSignature } from '../../support/fakeSecrets';
import { makeTree, removeTree } from '../walker/tree';
import { cli, ensureBuilt, repo } from './builtCli';
import { criticalSas, runCli } from './projectCli';

function git(cwd: string, ...args: string[]): string {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' } });
  assert.equal(result.status, 0, `git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

function newRepository(files: Record<string, string>): string {
  const root = makeTree(files);
  git(root, 'init', '-q');
  git(root, 'config', 'user.email', 'test@example.invalid');
  git(root, 'config', 'user.name', 'Test');
  return root;
}

describe('cli: scan --staged', () => {
  const roots: string[] = [];
  after(() => roots.forEach(removeTree));
  before(ensureBuilt);

  it('reports a secret that is staged, even when the working tree no longer has it', () => {
    const sig = fakeSignature();
    const root = newRepository({ 'src/a.js': `u = "${criticalSas(sig)}"\n`, 'src/clean.js': 'x = 1\n' });
    roots.push(root);
    git(root, 'add', '-A');
    writeFileSync(join(root, 'src/a.js'), 'u = process.env.URL\n');
    const result = runCli(['scan', '--staged', '--format', 'json'], root);
    assert.equal(result.status, 1, result.stderr);
    const report = JSON.parse(result.stdout) as JsonReport;
    assert.deepEqual(
      report.findings.map((f) => `${f.path}:${f.line}:${f.rule}`),
      ['src/a.js:1:account-sas'],
    );
    assert.equal(report.summary.filesScanned, 2);
    assert.equal(runCli(['scan', 'src'], root).status, 0, 'the working tree alone is clean');
  });

  it('passes when only the working tree holds a secret, and scans only staged files under PATH', () => {
    const root = newRepository({ 'a.js': 'u = 1\n', 'lib/b.js': 'v = 2\n' });
    roots.push(root);
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'first');
    writeFileSync(join(root, 'a.js'), `u = "${criticalSas(fakeSignature())}"\n`);
    writeFileSync(join(root, 'lib/b.js'), 'v = 3\n');
    git(root, 'add', 'lib/b.js');
    writeFileSync(join(root, 'untracked.js'), `w = "${criticalSas(fakeSignature())}"\n`);
    const result = runCli(['scan', '--staged', '--format', 'json'], root);
    assert.equal(result.status, 0, result.stdout);
    assert.equal((JSON.parse(result.stdout) as JsonReport).summary.filesScanned, 1, 'lib/b.js only');
    git(root, 'add', 'a.js');
    assert.equal(runCli(['scan', '--staged', 'lib'], root).status, 0, 'a.js is outside lib');
    assert.equal(runCli(['scan', '--staged'], root).status, 1);
    assert.equal(runCli(['scan', '--staged', '--exclude', 'a.js'], root).status, 0, '--exclude applies');
  });

  it('runs nothing the repository configures (fsmonitor, hooks, filters)', () => {
    const root = newRepository({ 'a.txt': 'hello\n' });
    roots.push(root);
    const marker = join(root, 'ran');
    const script = join(root, 'evil.sh');
    writeFileSync(script, `#!/bin/sh\ntouch "${marker}"\ncat\n`);
    chmodSync(script, 0o755);
    git(root, 'add', 'a.txt');
    git(root, 'config', 'core.fsmonitor', script);
    git(root, 'config', 'filter.evil.smudge', script);
    git(root, 'config', 'filter.evil.textconv', script);
    git(root, 'config', 'diff.evil.textconv', script);
    git(root, 'config', 'diff.external', script);
    writeFileSync(join(root, '.gitattributes'), '* filter=evil diff=evil\n');
    assert.equal(runCli(['scan', '--staged'], root).status, 0);
    assert.equal(existsSync(marker), false, 'a script from .git/config ran');
  });

  it('refuses standard input and a directory outside any repository', () => {
    const plain = makeTree({ 'a.txt': '' });
    roots.push(plain);
    assert.equal(runCli(['scan', '--staged', '-'], plain).status, 2);
    const outside = runCli(['scan', '--staged'], plain);
    assert.equal(outside.status, 2);
    assert.match(outside.stderr, /--staged needs a git repository/);
  });
});

describe('pre-commit framework: .pre-commit-hooks.yaml with `pre-commit try-repo`', () => {
  const roots: string[] = [];
  after(() => roots.forEach(removeTree));
  before(ensureBuilt);

  /** Runs pre-commit with `sas-guard` on PATH (the built CLI), its cache in a temp folder, no network needed. */
  function preCommit(cwd: string, args: string[]) {
    const bin = makeTree({ 'sas-guard': `#!/bin/sh\nexec "${process.execPath}" "${cli}" "$@"\n` });
    roots.push(bin);
    chmodSync(join(bin, 'sas-guard'), 0o755);
    const home = makeTree({ '.keep': '' });
    roots.push(home);
    return spawnSync('pre-commit', args, {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}`, PRE_COMMIT_HOME: join(home, 'cache'), GIT_CONFIG_GLOBAL: '/dev/null', NO_COLOR: '1' },
      timeout: 300_000,
    });
  }

  it('is installed (Debian package pre-commit; .ci/run installs it)', () => {
    const version = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
    assert.equal(version.error, undefined, 'pre-commit is missing: apt-get install -y pre-commit');
    assert.match(version.stdout, /^pre-commit \d+\./);
  });

  it('fails a commit that adds a fabricated token, passes a clean one (--all-files and staged files)', () => {
    const dirty = newRepository({ 'deploy.yml': `url: "${criticalSas(fakeSignature())}"\n`, 'README.md': '# app\n' });
    roots.push(dirty);
    git(dirty, 'add', '-A');
    const failed = preCommit(dirty, ['try-repo', repo, 'sas-guard', '--all-files', '--verbose']);
    assert.equal(failed.status, 1, failed.stdout + failed.stderr);
    assert.match(failed.stdout, /deploy\.yml:1:\d+: error account-sas/);
    const stagedOnly = preCommit(dirty, ['try-repo', repo, 'sas-guard']);
    assert.equal(stagedOnly.status, 1, stagedOnly.stdout + stagedOnly.stderr);

    const clean = newRepository({ 'README.md': '# app\n', 'src/index.js': 'export const a = 1;\n' });
    roots.push(clean);
    git(clean, 'add', '-A');
    const passed = preCommit(clean, ['try-repo', repo, 'sas-guard', '--all-files']);
    assert.equal(passed.status, 0, passed.stdout + passed.stderr);
    mkdirSync(join(clean, 'later'));
    writeFileSync(join(clean, 'later/x.env'), `SAS=${criticalSas(fakeSignature())}\n`);
    const unstaged = preCommit(clean, ['try-repo', repo, 'sas-guard']);
    assert.equal(unstaged.status, 0, 'a token that is not staged does not fail the commit: ' + unstaged.stdout);
  });
});
