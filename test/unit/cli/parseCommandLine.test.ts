// The CLI in process: argument parsing and the scan loop with a substitute engine.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, describe, it } from 'node:test';
import type { ScanResult } from '../../../server/src/core/findings/types';
import { DEFAULT_FAIL_ON, parseCommandLine, type ScanCommand } from '../../../server/src/cli/args';
import { UsageError } from '../../../server/src/cli/errors';
import { main } from '../../../server/src/cli/main';
import { runScan } from '../../../server/src/cli/scanCommand';
import { DEFAULT_MAX_FILE_SIZE } from '../../../server/src/walker';
import { makeTree, removeTree } from '../walker/tree';
import { fakeFinding } from './fakeFindings';

const scan = (argv: string[]): ScanCommand => {
  const parsed = parseCommandLine(argv);
  assert.equal(parsed.kind, 'scan');
  return (parsed as { kind: 'scan'; options: ScanCommand }).options;
};

describe('cli: parseCommandLine', () => {
  it('has documented defaults', () => {
    assert.deepEqual(scan(['scan']), {
      paths: ['.'],
      format: 'text',
      failOn: DEFAULT_FAIL_ON,
      exclude: [],
      useGitignore: true,
      maxFileSize: DEFAULT_MAX_FILE_SIZE,
      concurrency: 8,
    });
    assert.equal(DEFAULT_FAIL_ON, 'high');
  });

  it('reads every flag, in any order, with = or a separate value', () => {
    assert.deepEqual(
      scan([
        'scan',
        'src',
        '--format=sarif',
        '-o',
        'out.sarif',
        '--fail-on',
        'medium',
        '--exclude',
        'a/',
        '--exclude=*.min.js',
        '--no-gitignore',
        '--max-file-size',
        '512k',
        '-',
        '--stdin-filename',
        'x.env',
        '--concurrency',
        '2',
        '--no-color',
      ]),
      {
        paths: ['src', '-'],
        format: 'sarif',
        output: 'out.sarif',
        failOn: 'medium',
        exclude: ['a/', '*.min.js'],
        useGitignore: false,
        maxFileSize: 512 * 1024,
        stdinFilename: 'x.env',
        concurrency: 2,
        color: false,
        failOnFromFlag: true,
      },
    );
    assert.equal(scan(['scan', '--max-file-size', '2m']).maxFileSize, 2 * 1024 * 1024);
    assert.equal(scan(['scan', '--max-file-size', '1048576']).maxFileSize, 1048576);
    assert.equal(scan(['scan', '--fail-on', 'none']).failOn, 'none');
    assert.equal(scan(['scan', '--color']).color, true);
    assert.equal(scan(['scan', '-o', '-']).output, undefined, '-o - is standard output');
  });

  it('help and version win over everything else', () => {
    assert.deepEqual(parseCommandLine(['scan', '--help']), { kind: 'help' });
    assert.deepEqual(parseCommandLine(['-v']), { kind: 'version' });
  });

  it('rejects mistakes with a UsageError', () => {
    for (const argv of [
      ['scan', '--concurrency', '0'],
      ['scan', '--concurrency', '1.5'],
      ['scan', '--color', '--no-color'],
      ['scan', '-', '-'],
      ['scan', '--output', ''],
      ['scan', '--max-file-size', '0'],
    ]) {
      assert.throws(() => parseCommandLine(argv), UsageError, argv.join(' '));
    }
  });
});

describe('cli: an engine failure on one file', () => {
  const root = makeTree({ 'a.txt': 'fine', 'boom.txt': 'explodes', 'c.txt': 'leak' });
  after(() => removeTree(root));
  const engine = (text: string): ScanResult => {
    if (text === 'explodes') throw new Error('engine bug');
    return { findings: text === 'leak' ? [fakeFinding({ range: { start: 0, end: 4 } })] : [], suppressed: [], cancelled: false };
  };

  it('is recorded and the other files are still scanned', async () => {
    const report = await runScan(scan(['scan', '.']), { cwd: root, readStdin: async () => Buffer.alloc(0), scanText: engine });
    assert.deepEqual(
      report.errors?.map((e) => [e.path, e.message]),
      [['boom.txt', 'engine bug']],
    );
    assert.equal(report.filesScanned, 3);
    assert.deepEqual(
      report.findings.map((f) => f.path),
      ['c.txt'],
    );
  });

  it('makes the exit code 2 and still writes the report', async () => {
    let stdout = '';
    let stderr = '';
    const sink = (write: (s: string) => void): Writable => new Writable({ write: (chunk, _enc, done) => (write(String(chunk)), done()) });
    const code = await main(['scan', '--format', 'json'], {
      cwd: root,
      readStdin: async () => Buffer.alloc(0),
      scanText: engine,
      stdout: sink((s) => (stdout += s)),
      stderr: sink((s) => (stderr += s)),
      stdoutIsTty: false,
      env: {},
    });
    assert.equal(code, 2);
    assert.match(stderr, /^sas-guard: internal error while scanning boom\.txt: engine bug/);
    const json = JSON.parse(stdout);
    assert.deepEqual(json.errors, [{ path: 'boom.txt', message: 'engine bug' }]);
    assert.equal(json.findings.length, 1);
  });
});
