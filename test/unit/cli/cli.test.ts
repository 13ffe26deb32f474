// End to end: the bundled CLI (dist/cli.js) spawned as a process on temp trees of fabricated tokens
// (random signature and key bytes made at run time, never a real secret).
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { makeTree, removeTree } from '../walker/tree';
import { cli, ensureBuilt, repo } from './builtCli';
import { sarifSchemaErrors } from './sarifSchema';
import type * as Sarif from 'sarif';
import type { JsonReport } from '../../../server/src/report';
import { fakeAccountKey, fakeSignature } from '../../support/fakeSecrets';

function run(args: string[], options: { cwd: string; input?: string | Buffer }): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [cli, ...args], {
    cwd: options.cwd,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 60_000,
  });
}

/** Account SAS with write and delete, valid until 2099: critical. */
const accountSasUrl = (sig: string): string =>
  `https://contosodata.blob.core.windows.net/?sv=2022-11-02&ss=bf&srt=sco&sp=rwdl&se=2099-01-01T00:00:00Z&st=2024-01-01T00:00:00Z&spr=https&sig=${encodeURIComponent(sig)}`;
/** Read-only blob SAS that expired in 2020: info. */
const expiredSasUrl = (sig: string): string =>
  `https://contosodata.blob.core.windows.net/c/b.txt?sv=2019-12-12&sr=b&sp=r&se=2020-01-01T00:00:00Z&spr=https&sig=${encodeURIComponent(sig)}`;

describe('cli: sas-guard scan (spawned)', () => {
  const secrets: string[] = [];
  const fresh = (make: () => string): string => {
    const value = make();
    secrets.push(value);
    return value;
  };
  const sigMain = fresh(() => fakeSignature());
  const sigCrlf = fresh(() => fakeSignature());
  const sigBom = fresh(() => fakeSignature());
  const sigInvalid = fresh(() => fakeSignature());
  const sigExpired = fresh(() => fakeSignature());
  const sigSuppressed = fresh(() => fakeSignature());
  const sigIgnored = fresh(() => fakeSignature());
  const key = fresh(() => fakeAccountKey());

  const crlfLine3 = `  blob: "${accountSasUrl(sigCrlf)}"`;
  const bomLine1 = `url=${accountSasUrl(sigBom)}`;
  let root = '';
  let cleanRoot = '';
  const tempDirs: string[] = [];

  before(() => {
    ensureBuilt();
    root = makeTree({
      '.gitignore': 'ignored/\n',
      'app/config.js': `// settings\nconst url = "${accountSasUrl(sigMain)}";\n`,
      'app/crlf.yaml': `a: 1\r\nb: 2\r\n${crlfLine3}\r\n`,
      'app/bom.env': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${bomLine1}\n`)]),
      'app/invalid.txt': Buffer.concat([Buffer.from('x\n'), Buffer.from([0xff, 0xfe, 0x20]), Buffer.from(`${accountSasUrl(sigInvalid)}\n`)]),
      'app/storage.json': `{\n  "conn": "DefaultEndpointsProtocol=https;AccountName=contosologs;AccountKey=${key};EndpointSuffix=core.windows.net"\n}\n`,
      'docs/old.md': `Old link: ${expiredSasUrl(sigExpired)}\n`,
      'test/fixture.js': `// sas-guard-ignore-next-line\nconst u = "${accountSasUrl(sigSuppressed)}";\n`,
      'ignored/leak.txt': `${accountSasUrl(sigIgnored)}\n`,
      'assets/logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      'data/big.log': 'x'.repeat(4096),
    });
    cleanRoot = makeTree({ 'README.md': '# nothing to see\n', 'src/index.ts': 'export const a = 1;\n' });
    tempDirs.push(root, cleanRoot);
  });
  after(() => tempDirs.forEach(removeTree));

  const assertNoSecret = (output: string): void => {
    for (const secret of secrets) {
      for (const form of [secret, encodeURIComponent(secret)]) {
        assert.ok(!output.includes(form.slice(0, 12)), 'a report must never contain a secret (not even 12 characters of it)');
      }
    }
  };

  describe('text', () => {
    it('prints path:line:col: level rule message, the summary, and exits 1 on a critical finding', () => {
      const result = run(['scan', '--max-file-size', '1k'], { cwd: root });
      assert.equal(result.status, 1, result.stderr);
      assert.equal(result.stderr, '');
      const lines = result.stdout.split('\n');
      const col = (line: string, needle: string): number => line.indexOf(needle) + 1;
      assert.ok(
        lines.includes(lines.find((l) => l.startsWith(`app/config.js:2:${col(`const url = "${accountSasUrl(sigMain)}"`, 'https://')}: error account-sas `))!),
        result.stdout,
      );
      assert.ok(
        lines.some((l) => l.startsWith(`app/crlf.yaml:3:${col(crlfLine3, 'https://')}: error account-sas `)),
        result.stdout,
      );
      assert.ok(
        lines.some((l) => l.startsWith(`app/bom.env:1:${col(bomLine1, 'https://')}: error account-sas `)),
        'BOM not counted',
      );
      assert.ok(
        lines.some((l) => l.startsWith('app/invalid.txt:2:4: error account-sas ')),
        'each invalid byte is one U+FFFD column',
      );
      assert.ok(
        lines.some((l) => /^app\/storage\.json:2:\d+: error storage-account-key /.test(l)),
        result.stdout,
      );
      assert.ok(
        lines.some((l) => /^docs\/old\.md:1:11: info /.test(l)),
        result.stdout,
      );
      assert.ok(!result.stdout.includes('ignored/leak.txt'), '.gitignore honoured');
      assert.ok(!result.stdout.includes('test/fixture.js:'), 'suppressed findings are not listed');
      assert.match(result.stdout, /\b1 finding suppressed by sas-guard-ignore comments\./);
      assert.match(result.stdout, /Skipped 2 files:\n {2}binary: 1 — assets\/logo\.png\n {2}too-large: 1 — data\/big\.log \(4 KiB > limit 1 KiB\)/);
      assert.match(result.stdout, /1 file had invalid UTF-8/);
      assert.match(result.stdout, /at or above --fail-on high\./);
      // eslint-disable-next-line no-control-regex -- ESC starts an ANSI colour code
      assert.doesNotMatch(result.stdout, /\u001b\[/);
      assertNoSecret(result.stdout);
    });

    it('exits 0 on a clean tree and says so', () => {
      const result = run(['scan'], { cwd: cleanRoot });
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout, /^No findings\.\nScanned 2 files in /);
    });

    it('--fail-on decides the exit code', () => {
      const expiredOnly = join(root, 'docs');
      assert.equal(run(['scan', expiredOnly], { cwd: root }).status, 0, 'an expired token is info, below high');
      assert.equal(run(['scan', expiredOnly, '--fail-on', 'info'], { cwd: root }).status, 1);
      assert.equal(run(['scan', '--fail-on', 'none'], { cwd: root }).status, 0);
      assert.equal(run(['scan', '--fail-on', 'critical', 'app/config.js'], { cwd: root }).status, 1);
    });

    it('--no-gitignore and --exclude change what is walked', () => {
      const all = run(['scan', '--no-gitignore', '--fail-on', 'none'], { cwd: root });
      assert.match(all.stdout, /^ignored\/leak\.txt:1:1: error account-sas /m);
      const excluded = run(['scan', '--exclude', 'app/', '--exclude=*.md', '--fail-on', 'none'], { cwd: root });
      assert.doesNotMatch(excluded.stdout, /^app\//m);
      assert.doesNotMatch(excluded.stdout, /^docs\//m);
      assert.match(excluded.stdout, /No findings\./);
    });

    it('scans a file named explicitly even when git ignores it, with paths relative to the cwd', () => {
      const result = run(['scan', 'leak.txt'], { cwd: join(root, 'ignored') });
      assert.equal(result.status, 1);
      assert.match(result.stdout, /^leak\.txt:1:1: error account-sas /);
      const fromApp = run(['scan', '../docs/old.md'], { cwd: join(root, 'app') });
      assert.match(fromApp.stdout, /^\.\.\/docs\/old\.md:1:11: info /);
    });
  });

  describe('standard input', () => {
    it('reads - with --stdin-filename for the path', () => {
      const result = run(['scan', '-', '--stdin-filename', 'deploy/app.env'], { cwd: cleanRoot, input: `\n\nSAS=${accountSasUrl(sigMain)}\n` });
      assert.equal(result.status, 1, result.stderr);
      assert.match(result.stdout, /^deploy\/app\.env:3:5: error account-sas /);
      assert.match(result.stdout, /Scanned 1 file in /);
      assertNoSecret(result.stdout);
    });

    it('names standard input <stdin> by default and can mix it with paths', () => {
      const result = run(['scan', '-', '.', '--format', 'json'], { cwd: cleanRoot, input: `${expiredSasUrl(sigExpired)}\n` });
      assert.equal(result.status, 0, result.stderr);
      const json = JSON.parse(result.stdout) as JsonReport;
      assert.equal(json.findings[0]!.path, '<stdin>');
      assert.equal(json.summary.filesScanned, 3);
    });

    it('reports standard input over --max-file-size as too-large', () => {
      const result = run(['scan', '-', '--format', 'json', '--max-file-size', '1k'], { cwd: cleanRoot, input: 'x'.repeat(300_000) });
      assert.equal(result.status, 0, result.stderr);
      assert.deepEqual((JSON.parse(result.stdout) as JsonReport).skipped, [{ path: '<stdin>', reason: 'too-large', detail: '293 KiB > limit 1 KiB' }]);
    });

    it('reports binary standard input as skipped', () => {
      const result = run(['scan', '-', '--format', 'json'], { cwd: cleanRoot, input: Buffer.from([0, 1, 2, 3]) });
      assert.equal(result.status, 0);
      assert.deepEqual((JSON.parse(result.stdout) as JsonReport).skipped, [{ path: '<stdin>', reason: 'binary' }]);
    });
  });

  describe('json', () => {
    it('has the documented shape with correct positions for CRLF, BOM and invalid UTF-8', () => {
      const result = run(['scan', '--format', 'json', '--max-file-size', '1k'], { cwd: root });
      assert.equal(result.status, 1, result.stderr);
      assertNoSecret(result.stdout);
      const json = JSON.parse(result.stdout) as JsonReport;
      assert.equal(json.version, 1);
      assert.equal(json.tool.name, 'sas-guard');
      assert.equal(json.tool.version, JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).version);
      const byPath = (path: string) => json.findings.find((f) => f.path === path)!;
      const crlf = byPath('app/crlf.yaml');
      assert.deepEqual(
        { line: crlf.line, column: crlf.column, endLine: crlf.endLine, endColumn: crlf.endColumn },
        { line: 3, column: crlfLine3.indexOf('https://') + 1, endLine: 3, endColumn: crlfLine3.indexOf('https://') + 1 + accountSasUrl(sigCrlf).length },
      );
      const bom = byPath('app/bom.env');
      assert.deepEqual([bom.line, bom.column, bom.endColumn], [1, 5, 5 + accountSasUrl(sigBom).length]);
      const invalid = byPath('app/invalid.txt');
      assert.deepEqual([invalid.line, invalid.column], [2, 4]);
      assert.equal(byPath('app/config.js').grade, 'critical');
      assert.equal(byPath('app/config.js').level, 'error');
      assert.equal(byPath('app/config.js').rule, 'account-sas');
      assert.match(byPath('app/config.js').redactedSecret, /^.{1,4}…$/);
      assert.match(byPath('app/config.js').fingerprint, /^[0-9a-f]+$/);
      assert.equal(byPath('docs/old.md').grade, 'info');
      assert.equal(json.suppressed.length, 1);
      assert.equal(json.suppressed[0]!.path, 'test/fixture.js');
      assert.deepEqual(
        json.skipped.map((s) => [s.path, s.reason]),
        [
          ['assets/logo.png', 'binary'],
          ['data/big.log', 'too-large'],
        ],
      );
      assert.equal(json.summary.findings, json.findings.length);
      assert.equal(json.summary.suppressed, 1);
      assert.equal(json.summary.skipped, 2);
      assert.equal(json.summary.filesWithInvalidUtf8, 1);
      assert.equal(json.summary.failOn, 'high');
      assert.ok(json.summary.failing >= 5);
    });
  });

  describe('sarif', () => {
    it('writes a schema-valid SARIF 2.1.0 log to --output', () => {
      const out = join(root, 'reports', 'sas-guard.sarif');
      mkdirSync(join(root, 'reports'), { recursive: true });
      const result = run(['scan', '--format', 'sarif', '--output', out, '--max-file-size', '1k', '--exclude', 'reports/'], { cwd: root });
      assert.equal(result.status, 1, result.stderr);
      assert.equal(result.stdout, '', 'the report goes to the file only');
      assert.match(result.stderr, /^sas-guard: \d+ findings \(\d+ at or above --fail-on high\) in \d+ files; sarif report written to .*sas-guard\.sarif\n$/);
      const text = readFileSync(out, 'utf8');
      assertNoSecret(text);
      const log = JSON.parse(text) as Sarif.Log;
      assert.deepEqual(sarifSchemaErrors(log), []);

      const run0 = log.runs[0]!;
      assert.equal(log.version, '2.1.0');
      assert.equal(run0.tool.driver.name, 'SAS Guard');
      assert.deepEqual(
        run0.tool.driver.rules!.map((r) => r.id),
        [
          'account-sas',
          'service-sas',
          'policy-sas',
          'user-delegation-sas',
          'unknown-sas',
          'storage-account-key',
          'servicebus-sas',
          'servicebus-key',
          'iothub-device-key',
          'iothub-policy-key',
          'iothub-sas',
          'dps-policy-key',
        ],
      );
      const live = run0.results!.filter((r) => !r.suppressions);
      const suppressed = run0.results!.filter((r) => r.suppressions);
      assert.equal(suppressed.length, 1);
      assert.deepEqual(suppressed[0]!.suppressions, [{ kind: 'inSource', justification: 'sas-guard-ignore comment' }]);
      const crlf = live.find((r) => r.locations![0]!.physicalLocation!.artifactLocation!.uri === 'app/crlf.yaml')!;
      assert.equal(crlf.locations![0]!.physicalLocation!.artifactLocation!.uriBaseId, '%SRCROOT%');
      assert.deepEqual(crlf.locations![0]!.physicalLocation!.region, {
        startLine: 3,
        startColumn: crlfLine3.indexOf('https://') + 1,
        endLine: 3,
        endColumn: crlfLine3.indexOf('https://') + 1 + accountSasUrl(sigCrlf).length,
      });
      assert.equal(crlf.ruleId, 'account-sas');
      assert.equal(run0.tool.driver.rules![crlf.ruleIndex!]!.id, 'account-sas');
      assert.equal(crlf.level, 'error');
      assert.match(crlf.partialFingerprints!['sasGuard/v1']!, /^[0-9a-f]+$/);
      assert.equal(crlf.properties!['security-severity'], '9.5');
      const notes = run0.invocations![0]!.toolExecutionNotifications!;
      assert.deepEqual(
        notes.map((n) => n.locations![0]!.physicalLocation!.artifactLocation!.uri),
        ['assets/logo.png', 'data/big.log'],
      );
      assert.equal(run0.originalUriBaseIds!['%SRCROOT%']!.uri, `file://${root}/`);
    });

    it('an empty scan is valid SARIF and exits 0', () => {
      const result = run(['scan', '--format', 'sarif'], { cwd: cleanRoot });
      assert.equal(result.status, 0, result.stderr);
      const log = JSON.parse(result.stdout) as Sarif.Log;
      assert.deepEqual(sarifSchemaErrors(log), []);
      assert.deepEqual(log.runs[0]!.results, []);
    });
  });

  describe('usage and fatal errors exit 2 with one clear line', () => {
    const cases: Array<[string, string[], RegExp]> = [
      ['unknown flag', ['scan', '--frobnicate'], /Unknown option '--frobnicate'/],
      ['missing path', ['scan', 'no/such/dir'], /no such file or directory: no\/such\/dir/],
      ['bad format', ['scan', '--format', 'xml'], /--format must be one of text, json, sarif, not 'xml'/],
      ['bad grade', ['scan', '--fail-on', 'severe'], /--fail-on must be one of critical, high, medium, low, info, none/],
      ['bad size', ['scan', '--max-file-size', '12q'], /--max-file-size must be a positive size/],
      ['missing value', ['scan', '--format'], /argument missing/],
      ['no command', [], /missing command/],
      ['unknown command', ['check', '.'], /unknown command 'check'/],
      ['stdin name without -', ['scan', '--stdin-filename', 'x.env', '.'], /--stdin-filename needs '-'/],
      [
        'unwritable output',
        ['scan', '--output', 'no/such/dir/report.sarif'],
        /cannot write --output no\/such\/dir\/report\.sarif: its directory does not exist/,
      ],
      ['output is a directory', ['scan', '--output', '.'], /cannot write --output \.: it is a directory/],
    ];
    for (const [name, args, message] of cases) {
      it(name, () => {
        const result = run(args, { cwd: cleanRoot });
        assert.equal(result.status, 2, `${result.stdout}\n${result.stderr}`);
        assert.match(result.stderr, message);
        assert.match(result.stderr, /^sas-guard: /);
        assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
        assert.equal(result.stdout, '');
      });
    }
  });

  describe('help and version', () => {
    it('--help prints the usage and exits 0', () => {
      const result = run(['--help'], { cwd: cleanRoot });
      assert.equal(result.status, 0);
      assert.match(result.stdout, /^Usage: sas-guard scan \[options\] \[PATH\.\.\.\]/);
      for (const flag of [
        '--format',
        '--output',
        '--fail-on',
        '--exclude',
        '--no-gitignore',
        '--max-file-size',
        '--stdin-filename',
        '--no-color',
        '--version',
      ]) {
        assert.ok(result.stdout.includes(flag), flag);
      }
      assert.equal(run(['scan', '-h'], { cwd: cleanRoot }).status, 0);
    });

    it('--version prints the package version', () => {
      const result = run(['--version'], { cwd: cleanRoot });
      assert.equal(result.status, 0);
      assert.equal(result.stdout, `${JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).version}\n`);
    });
  });

  it('writes nothing but the report: a broken pipe ends it quietly', { skip: process.platform === 'win32' }, () => {
    const many: Record<string, string> = {};
    for (let i = 0; i < 300; i++) many[`f${i}.txt`] = `${accountSasUrl(sigMain)}\n`;
    const dir = makeTree(many);
    tempDirs.push(dir);
    writeFileSync(join(dir, 'run.sh'), `node ${JSON.stringify(cli)} scan . | head -n 1\n`);
    const result = spawnSync('sh', ['run.sh'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    assert.equal(result.status, 0);
    assert.match(result.stdout, /^f0\.txt:1:1: error account-sas /);
    assert.equal(result.stderr, '');
  });
});
