// End to end: the bundled CLI with a project config (.sas-guard.json) and a baseline, on temp
// trees of fabricated tokens (random signature bytes made at run time, never a real secret).
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type * as Sarif from 'sarif';
import type { JsonReport } from '../../../server/src/report';
import { fakeSignature } from '../../support/fakeSecrets';
import { makeTree, removeTree } from '../walker/tree';
import { ensureBuilt } from './builtCli';
import { criticalSas, runCli } from './projectCli';
import { sarifSchemaErrors } from './sarifSchema';

/** Read-only blob SAS that expired in 2020: info. */
const expiredSas = (sig: string): string =>
  `https://contosodata.blob.core.windows.net/c/b.txt?sv=2019-12-12&sr=b&sp=r&se=2020-01-01T00:00:00Z&spr=https&sig=${encodeURIComponent(sig)}`;

describe('cli: the project config', () => {
  const roots: string[] = [];
  after(() => roots.forEach(removeTree));
  before(ensureBuilt);
  const tree = (files: Record<string, string>): string => {
    const root = makeTree({ '.git/HEAD': 'ref: refs/heads/main\n', ...files });
    roots.push(root);
    return root;
  };

  it('a bad config is one line naming the file and the field, exit 2, no report', () => {
    const root = tree({ '.sas-guard.json': '{ "failOn": "hgh" }', 'src/a.js': `u = "${criticalSas(fakeSignature())}"\n` });
    const result = runCli(['scan', 'src'], root);
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr, 'sas-guard: .sas-guard.json: "failOn" must be one of critical, high, medium, low, info, none, not "hgh"\n');
    const unknown = runCli(['scan', '--format', 'json'], join(root, 'src'));
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /^sas-guard: \.\.\/\.sas-guard\.json: "failOn" /);
    assert.equal(runCli(['scan', '--no-config', 'src'], root).status, 1, '--no-config ignores it');
  });

  it('sets failOn, exclude, minimumGrade and disabledRules; flags override it', () => {
    const root = tree({
      '.sas-guard.json': JSON.stringify({ failOn: 'none', exclude: ['test/fixtures/**'], minimumGrade: 'low', disabledRules: ['storage-account-key'] }),
      'src/a.js': `u = "${criticalSas(fakeSignature())}"\n`,
      'src/old.md': `${expiredSas(fakeSignature())}\n`,
      'test/fixtures/b.js': `u = "${criticalSas(fakeSignature())}"\n`,
    });
    const report = JSON.parse(runCli(['scan', '--format', 'json'], root).stdout) as JsonReport;
    assert.deepEqual(
      report.findings.map((f) => f.path),
      ['src/a.js'],
    );
    assert.deepEqual(report.summary.notReported, { belowMinimumGrade: 1, disabledRules: 0 });
    assert.equal(runCli(['scan'], root).status, 0, 'failOn none from the config');
    assert.equal(runCli(['scan', '--fail-on', 'high'], root).status, 1, '--fail-on overrides the config');
    const everything = JSON.parse(runCli(['scan', '--format', 'json', '--minimum-grade', 'info', '--exclude', 'nothing'], root).stdout) as JsonReport;
    assert.deepEqual(everything.findings.map((f) => f.path).sort(), ['src/a.js', 'src/old.md'], '--minimum-grade overrides; the exclude adds up');
    const text = runCli(['scan'], root).stdout;
    assert.match(text, /^1 finding below the minimum grade, not reported\.$/m);
  });

  it('its exclude applies to files named on the command line (the pre-commit hook names each), counted as skipped', () => {
    const root = tree({
      '.sas-guard.json': JSON.stringify({ exclude: ['test/fixtures/', '*.gen.js'] }),
      'src/a.js': `u = "${criticalSas(fakeSignature())}"\n`,
      'src/b.gen.js': `u = "${criticalSas(fakeSignature())}"\n`,
      'test/fixtures/c.js': `u = "${criticalSas(fakeSignature())}"\n`,
    });
    // As pre-commit runs it: from the root, every staged file by name.
    const named = runCli(['scan', '--format', 'json', 'src/a.js', 'src/b.gen.js', 'test/fixtures/c.js'], root);
    assert.equal(named.status, 1);
    const report = JSON.parse(named.stdout) as JsonReport;
    assert.deepEqual(
      report.findings.map((f) => f.path),
      ['src/a.js'],
    );
    assert.deepEqual(
      report.skipped.map((s) => [s.path, s.reason, s.detail]),
      [
        ['src/b.gen.js', 'excluded', 'exclude in .sas-guard.json'],
        ['test/fixtures/c.js', 'excluded', 'exclude in .sas-guard.json'],
      ],
    );
    assert.equal(report.summary.skippedByReason.excluded, 2);
    // Every named file excluded: nothing scanned, nothing found, and the text says why.
    const none = runCli(['scan', 'c.js'], join(root, 'test/fixtures'));
    assert.equal(none.status, 0);
    assert.match(none.stdout, /^ {2}excluded: 1 — c\.js \(exclude in \.\.\/\.\.\/\.sas-guard\.json\)$/m);
    // --no-config: the file named is scanned, as before.
    assert.equal(runCli(['scan', '--no-config', 'test/fixtures/c.js'], root).status, 1);
  });
});

describe('cli: the baseline', () => {
  const roots: string[] = [];
  after(() => roots.forEach(removeTree));
  before(ensureBuilt);
  const oldSig = fakeSignature();
  const otherSig = fakeSignature();
  const newSig = fakeSignature();
  let root = '';

  before(() => {
    root = makeTree({
      '.git/HEAD': 'ref: refs/heads/main\n',
      'app/config.js': `const u = "${criticalSas(oldSig)}";\n`,
      'docs/b.md': `${criticalSas(otherSig)}\n`,
    });
    roots.push(root);
  });

  it('--write-baseline accepts every finding, holds no secret, and exits 0', () => {
    const result = runCli(['scan', '--write-baseline'], root);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^No new findings\.$/m);
    assert.match(result.stdout, /^2 findings \(2 secrets\) accepted in the baseline \.sas-guard-baseline\.json, not reported; it has 2 entries\.$/m);
    const text = readFileSync(join(root, '.sas-guard-baseline.json'), 'utf8');
    for (const sig of [oldSig, otherSig]) {
      for (const form of [sig, encodeURIComponent(sig), sig.slice(0, 12), sig.slice(4, 16), Buffer.from(sig, 'base64').toString('hex').slice(0, 16)]) {
        assert.equal(text.includes(form), false, 'no part of a secret past its preview');
      }
    }
    const baseline = JSON.parse(text) as { version: number; secrets: { fingerprint: string; rule: string; path: string; preview: string }[] };
    assert.equal(baseline.version, 1);
    assert.deepEqual(
      baseline.secrets.map((s) => [s.path, s.rule, s.preview]),
      [
        ['app/config.js', 'account-sas', `${oldSig.slice(0, 4)}…`],
        ['docs/b.md', 'account-sas', `${otherSig.slice(0, 4)}…`],
      ],
    );
    for (const s of baseline.secrets) assert.match(s.fingerprint, /^[0-9a-f]{64}$/);
  });

  it('--baseline: a moved finding still matches; a new secret, or an old one in another file, fails', () => {
    writeFileSync(join(root, 'app/config.js'), `// moved down\n\n\nconst u = "${criticalSas(oldSig)}";\n`);
    assert.equal(runCli(['scan', '--baseline'], root).status, 0, 'only accepted findings');
    writeFileSync(join(root, 'app/new.js'), `const v = "${criticalSas(newSig)}";\nconst w = "${criticalSas(oldSig)}";\n`);
    const result = runCli(['scan', '--baseline', '--format', 'json'], root);
    assert.equal(result.status, 1);
    const report = JSON.parse(result.stdout) as JsonReport;
    assert.deepEqual(
      report.findings.map((f) => `${f.path}:${f.line}`),
      ['app/new.js:1', 'app/new.js:2'],
    );
    assert.deepEqual(
      report.accepted?.map((f) => `${f.path}:${f.line}`),
      ['app/config.js:4', 'docs/b.md:1'],
    );
    assert.equal(report.summary.accepted, 2);
    assert.equal(report.summary.baseline, '.sas-guard-baseline.json');
    assert.equal(report.summary.failing, 2);
  });

  it('SARIF marks accepted results unchanged with an external suppression, the others new', () => {
    const result = runCli(['scan', '--baseline', '.sas-guard-baseline.json', '--format', 'sarif'], root);
    const log = JSON.parse(result.stdout) as Sarif.Log;
    assert.deepEqual(sarifSchemaErrors(log), []);
    const results = log.runs[0]!.results!;
    const state = (path: string): string[] =>
      results
        .filter((r) => r.locations?.[0]?.physicalLocation?.artifactLocation?.uri === path)
        .map((r) => `${r.baselineState}:${r.suppressions?.map((s) => s.kind).join(',') ?? '-'}`);
    assert.deepEqual(state('app/new.js'), ['new:-', 'new:-']);
    assert.deepEqual(state('app/config.js'), ['unchanged:external']);
  });

  it('a missing or broken baseline is one clear error, exit 2', () => {
    const missing = runCli(['scan', '--baseline=nope.json'], root);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /^sas-guard: nope\.json: baseline does not exist; create it with `sas-guard scan --write-baseline`\n$/);
    writeFileSync(join(root, 'bad.json'), '{"version": 1, "secrets": [{"fingerprint": "x", "rule": "account-sas", "path": "a"}]}');
    const broken = runCli(['scan', '--baseline', 'bad.json'], root);
    assert.equal(broken.status, 2);
    assert.match(broken.stderr, /^sas-guard: bad\.json: "secrets"\[0\]: "fingerprint" must be 64 hex digits\n$/);
  });

  it('the config names the baseline file, relative to the config', () => {
    const configured = makeTree({
      '.git/HEAD': 'x',
      '.sas-guard.json': '{"baseline": "security/accepted.json"}',
      'src/a.js': `u = "${criticalSas(fakeSignature())}"\n`,
    });
    roots.push(configured);
    const cannotWrite = runCli(['scan', '--write-baseline'], join(configured, 'src'));
    assert.equal(cannotWrite.status, 2, 'security/ does not exist yet');
    assert.match(cannotWrite.stderr, /^sas-guard: \.\.\/security\/accepted\.json: cannot write the baseline \(its folder does not exist\)\n$/);
    mkdirSync(join(configured, 'security'));
    assert.equal(runCli(['scan', '--write-baseline'], join(configured, 'src')).status, 0);
    const baseline = JSON.parse(readFileSync(join(configured, 'security/accepted.json'), 'utf8')) as { secrets: { path: string }[] };
    assert.deepEqual(
      baseline.secrets.map((s) => s.path),
      ['../src/a.js'],
      "relative to the baseline's own folder",
    );
    assert.equal(runCli(['scan', '--baseline'], configured).status, 0);
  });
});
