// End to end: the bundled CLI spawned on a tree holding one PowerShell script saved five ways
// (UTF-8, UTF-16 LE/BE with and without a byte-order mark) and real binaries. Every UTF-16 copy
// gives the UTF-8 copy's findings at the same line and column (code units, CRLF line ends, a
// non-ASCII character before the token); the binaries stay skipped. The signature is random bytes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { makeTree, removeTree } from '../walker/tree';
import { binarySamples, encodeUtf16, fabricatedSasUrl, powerShellScript, UTF16_VARIANTS } from '../walker/utf16Fixtures';
import { cli, ensureBuilt } from './builtCli';
import type { JsonFinding, JsonReport } from '../../../server/src/report/json';

function scan(cwd: string, args: string[], input?: Buffer): JsonReport {
  const run = spawnSync(process.execPath, [cli, 'scan', ...args, '--format', 'json', '--fail-on', 'none'], {
    cwd,
    input: input ?? '',
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 60_000,
  });
  assert.equal(run.status, 0, `exit ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout) as JsonReport;
}

const where = (f: JsonFinding) => ({ rule: f.rule, line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn, fingerprint: f.fingerprint });

describe('cli: UTF-16 files (spawned)', () => {
  const sasUrl = fabricatedSasUrl();
  const script = powerShellScript(sasUrl);
  const binaries = binarySamples();
  let root = '';

  before(() => {
    ensureBuilt();
    const files: Record<string, string | Buffer> = { 'backup.utf8.ps1': script };
    for (const variant of UTF16_VARIANTS) files[`backup.${variant}.ps1`] = encodeUtf16(script, variant);
    Object.values(binaries).forEach((bytes, i) => (files[`bin/sample${i}.dat`] = bytes));
    root = makeTree(files);
  });
  after(() => removeTree(root));

  for (const concurrency of ['1', '3']) {
    it(`reports each UTF-16 copy exactly as the UTF-8 copy, and skips the binaries (--concurrency ${concurrency})`, () => {
      const report = scan(root, ['.', '--concurrency', concurrency]);
      const byFile = (path: string) => report.findings.filter((f) => f.path === path).map(where);
      const expected = byFile('backup.utf8.ps1');
      assert.equal(expected.length, 1, JSON.stringify(report.findings.map((f) => f.path)));
      const line = script.split('\r\n')[2]!;
      assert.deepEqual({ line: expected[0]!.line, column: expected[0]!.column }, { line: 3, column: line.indexOf('https://') + 1 });
      assert.equal(expected[0]!.rule, 'account-sas');
      for (const variant of UTF16_VARIANTS) assert.deepEqual(byFile(`backup.${variant}.ps1`), expected, variant);

      const skipped = report.skipped.filter((s) => s.path.startsWith('bin/'));
      assert.equal(skipped.length, Object.keys(binaries).length, JSON.stringify(report.skipped));
      for (const s of skipped) assert.equal(s.reason, 'binary', s.path);
      assert.equal(report.summary.filesWithInvalidUtf8, 0);
      assert.ok(!JSON.stringify(report).includes(sasUrl.slice(sasUrl.indexOf('sig=') + 4, sasUrl.indexOf('sig=') + 16)), 'the signature is printed');
    });
  }

  it('reads UTF-16 from standard input the same way', () => {
    const expected = scan(root, ['backup.utf8.ps1']).findings.map(where);
    assert.equal(expected.length, 1);
    for (const variant of UTF16_VARIANTS) {
      const report = scan(root, ['-', '--stdin-filename', 'backup.ps1'], encodeUtf16(script, variant));
      assert.deepEqual(report.findings.map(where), expected, variant);
    }
  });
});
