// The history scan on repositories as they are found in the wild: shallow clones, partial clones
// and copies with missing objects (scanned as far as they go, never a crash), binaries, LFS
// pointers and submodules (skipped and counted), and a repository whose own config names programs
// for git to run (never run: the scan's git calls switch them off).
import assert from 'node:assert/strict';
import { chmodSync, existsSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { historySummaryLines } from '../../../server/src/report/historyOrigin';
import { fakeSignature } from '../../support/fakeSecrets';
import { fixtureGitEnv, GitRepo } from './gitRepo';
import { accountSasUrl, scan } from './historyFixtures';

/** A source repository with an old secret (removed since) and a current one. */
function sourceRepo(oldSig: string, currentSig: string): GitRepo {
  const repo = new GitRepo();
  repo.commit({ 'old.txt': `old ${accountSasUrl(oldSig)}\n` });
  repo.commit({ 'old.txt': null, 'notes.txt': 'moved on\n' });
  repo.commit({ 'current.txt': `current ${accountSasUrl(currentSig)}\n` });
  return repo;
}

describe('history scan: incomplete repositories', () => {
  const oldSig = fakeSignature();
  const currentSig = fakeSignature();
  const source = sourceRepo(oldSig, currentSig);
  const clones: GitRepo[] = [];
  const cloneOf = (...args: string[]): GitRepo => {
    const target = new GitRepo();
    rmSync(target.path, { recursive: true, force: true });
    execFileSync('git', ['clone', '-q', ...args, `file://${source.path}`, target.path], { env: fixtureGitEnv(), stdio: 'ignore' });
    clones.push(target);
    return target;
  };
  after(() => {
    source.remove();
    for (const clone of clones) clone.remove();
  });

  it('says a shallow clone is shallow, and scans what it has', async () => {
    const shallow = cloneOf('--depth', '1');
    const result = await scan(shallow);
    assert.equal(result.repository.shallow, true);
    assert.deepEqual(
      result.secrets.map((s) => s.path),
      ['current.txt'],
    );
    const text = historySummaryLines({ ...result.counts, range: result.range, shallow: true, partialClone: false, warnings: [] }, 0).join('\n');
    assert.match(text, /shallow clone/);
    const full = await scan(source);
    assert.equal(full.repository.shallow, false);
  });

  it('scans a partial clone without fetching: what is missing is counted', async () => {
    execFileSync('git', ['config', 'uploadpack.allowFilter', 'true'], { cwd: source.path, env: fixtureGitEnv() });
    const partial = cloneOf('--filter=blob:none');
    const missingBefore = partial
      .git('rev-list', '--objects', '--all', '--missing=print')
      .split('\n')
      .filter((l) => l.startsWith('?')).length;
    assert.ok(missingBefore > 0, 'the clone lacks some blobs');
    const result = await scan(partial);
    assert.equal(result.repository.partialClone, true);
    assert.deepEqual(
      result.secrets.map((s) => s.path),
      ['current.txt'],
    );
    assert.equal(result.counts.missing, missingBefore);
    assert.deepEqual(result.errors, []);
    const missingAfter = partial
      .git('rev-list', '--objects', '--all', '--missing=print')
      .split('\n')
      .filter((l) => l.startsWith('?')).length;
    assert.equal(missingAfter, missingBefore, 'nothing was fetched');
  });

  it('goes on past a blob deleted from the object store', async () => {
    const copy = cloneOf('--no-local');
    // A clone packs its objects; unpack them so that one can be removed.
    const packs = copy.git('rev-parse', '--git-path', 'objects/pack');
    for (const pack of readdirPacks(join(copy.path, packs))) {
      // Out of the repository first: unpack-objects skips objects the repository already has.
      const bytes = readFileSync(pack);
      unlinkSync(pack);
      unlinkSync(pack.replace(/\.pack$/, '.idx'));
      execFileSync('git', ['unpack-objects', '-q'], { cwd: copy.path, input: bytes, env: fixtureGitEnv() });
    }
    const oldBlob = copy.git('rev-parse', 'HEAD~2:old.txt');
    unlinkSync(join(copy.path, '.git', 'objects', oldBlob.slice(0, 2), oldBlob.slice(2)));
    const result = await scan(copy);
    assert.equal(result.counts.missing, 1);
    assert.deepEqual(
      result.secrets.map((s) => s.path),
      ['current.txt'],
    );
    assert.deepEqual(result.errors, []);
  });
});

function readdirPacks(dir: string): string[] {
  return execFileSync('ls', [dir], { encoding: 'utf8' })
    .split('\n')
    .filter((name) => name.endsWith('.pack'))
    .map((name) => join(dir, name));
}

describe('history scan: entries that are not text', () => {
  const repo = new GitRepo();
  const sig = fakeSignature();
  before(() => {
    repo.commit({
      'image.bin': Buffer.concat([Buffer.from([0, 1, 2, 0, 0xff, 0]), Buffer.from(accountSasUrl(sig)), Buffer.alloc(64)]),
      'big.psd': `version https://git-lfs.github.com/spec/v1\noid sha256:${'ab'.repeat(32)}\nsize 123456\n`,
      'text.txt': 'plain\n',
    });
    // A submodule is a gitlink entry: a commit id of another repository.
    repo.git('update-index', '--add', '--cacheinfo', `160000,${'1'.repeat(40)},vendor/lib`);
    repo.git('commit', '-q', '-m', 'submodule');
  });
  after(() => repo.remove());

  it('skips binary blobs, LFS pointers and submodules, and counts each', async () => {
    const result = await scan(repo);
    assert.equal(result.counts.binary, 1);
    assert.equal(result.counts.lfsPointers, 1);
    assert.equal(result.counts.submodules, 1);
    assert.equal(result.counts.blobsScanned, 1);
    assert.deepEqual(result.secrets, []);
    assert.deepEqual(result.errors, []);
  });
});

describe('history scan: never runs code from the scanned repository', () => {
  const repo = new GitRepo();
  const marker = join(repo.path, '..', `${repo.path.split('/').pop()}-ran`);
  before(() => {
    // Each program appends its name to the marker file when git runs it.
    const program = (name: string): string => {
      const script = join(repo.path, '.git', `evil-${name}.sh`);
      writeFileSync(script, `#!/bin/sh\necho ${name} >> '${marker}'\ncat\n`);
      chmodSync(script, 0o755);
      return script;
    };
    repo.commit({ '.gitattributes': '* filter=evil diff=evil\n', 'a.txt': 'one\n' });
    repo.commit({ 'a.txt': `two ${accountSasUrl(fakeSignature())}\n` });
    const config: [string, string][] = [
      ['core.fsmonitor', program('fsmonitor')],
      ['filter.evil.clean', program('clean')],
      ['filter.evil.smudge', program('smudge')],
      ['filter.evil.process', program('process')],
      ['diff.evil.textconv', program('textconv')],
      ['diff.external', program('external-diff')],
      ['core.pager', program('pager')],
      ['core.hooksPath', join(repo.path, '.git', 'evil-hooks')],
    ];
    for (const [key, value] of config) repo.git('config', key, value);
  });
  after(() => {
    repo.remove();
    rmSync(marker, { force: true });
  });

  it('the repository would run its programs under plain git', () => {
    // The control: without the scan's settings, git runs the textconv program of this config.
    execFileSync('git', ['log', '-p', '-1'], { cwd: repo.path, env: fixtureGitEnv(), stdio: 'ignore' });
    assert.ok(existsSync(marker), 'plain git log -p ran the repository textconv');
    rmSync(marker);
  });

  it('the history scan runs none of them', async () => {
    const result = await scan(repo);
    assert.equal(result.secrets.length, 1, 'the scan still read the history');
    assert.equal(existsSync(marker) ? readFileSync(marker, 'utf8') : '', '');
  });
});

// os.tmpdir() follows TMPDIR on Linux and macOS only.
describe('history scan: no temporary file can be made', { skip: process.platform === 'win32' }, () => {
  // git cat-file's answers go through a temporary file (blobReader.ts). Without one the scan says
  // why and ends, even with more blobs asked for than the log may run ahead of (it pauses then).
  const repo = new GitRepo();
  const files: Record<string, string> = {};
  for (let i = 0; i < 4100; i++) files[`f/${i}.txt`] = `file ${i}\n`;
  repo.commit(files);
  const tmp = process.env.TMPDIR;
  before(() => {
    process.env.TMPDIR = join(repo.path, 'no-such-directory');
  });
  after(() => {
    if (tmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = tmp;
    repo.remove();
  });

  it('reports it as an error and does not wait for answers that cannot come', async () => {
    const result = await scan(repo);
    assert.equal(result.counts.commits, 1);
    assert.equal(result.counts.blobsScanned, 0);
    assert.equal(result.errors.length, 1);
    assert.match(result.errors[0]!, /cannot make a temporary file in .*no-such-directory for git cat-file's answers \(ENOENT\)/);
  });
});
