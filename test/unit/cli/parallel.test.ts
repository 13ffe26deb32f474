// The CLI scans the files whose bytes may hold a token on worker threads when a scan has enough of
// them (the main thread reads every file). The report must not depend on that: same findings,
// positions, skips and order as with everything in one thread (--concurrency 1). Fabricated
// tokens only (random signature and key bytes made at run time).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { makeTree, removeTree } from '../walker/tree';
import { cli, ensureBuilt } from './builtCli';
import { scanThreads } from '../../../server/src/cli/scanCommand';
import { fakeAccountKey, fakeSignature } from '../../support/fakeSecrets';

describe('cli: worker threads do not change the report', () => {
  let root = '';
  before(() => {
    ensureBuilt();
    const files: Record<string, string | Uint8Array> = {};
    for (let d = 0; d < 20; d++) {
      for (let f = 0; f < 30; f++) {
        const name = `pkg${String(d).padStart(2, '0')}/src/file${String(f).padStart(2, '0')}.ts`;
        const kind = (d * 30 + f) % 37;
        files[name] =
          kind === 0
            ? `// line one\r\nconst url = "https://contosodata.blob.core.windows.net/?sv=2022-11-02&ss=bf&srt=sco&sp=rwdl&se=2099-01-01&spr=https&sig=${encodeURIComponent(fakeSignature())}";\n`
            : kind === 1
              ? `\uFEFFexport const conn = "DefaultEndpointsProtocol=https;AccountName=contosodata;AccountKey=${fakeAccountKey()};EndpointSuffix=core.windows.net";\n`
              : kind === 2
                ? Buffer.concat([
                    Buffer.from('bad bytes '),
                    Buffer.from([0xff, 0xfe, 0x41]),
                    Buffer.from(`\nkey: sig=${encodeURIComponent(fakeSignature())}&sv=2022-11-02&sr=b&sp=r&se=2099-01-01\n`),
                  ])
                : kind === 3
                  ? Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1])
                  : kind === 4
                    ? `// sas-guard-ignore-next-line\nconst k = "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=Send;SharedAccessKey=${fakeSignature()}";\n`
                    : `export function f${f}(signal: string): string {\n  return signal + ${JSON.stringify('é日本'.repeat(f))};\n}\n`;
      }
    }
    files['pkg03/.gitignore'] = 'src/file1*.ts\n';
    files['huge.txt'] = 'x'.repeat(2_200_000);
    // A candidate over 1 MiB is scanned in the main thread, not copied to a worker: its finding
    // must sit in the same place of the report either way.
    files['pkg10/big.ts'] =
      `${'// filler line\n'.repeat(80_000)}const big = "https://bigdata.blob.core.windows.net/c?sv=2022-11-02&sr=c&sp=rl&se=2099-01-01&sig=${encodeURIComponent(fakeSignature())}";\n`;
    root = makeTree(files);
    if (process.platform !== 'win32') symlinkSync('..', join(root, 'pkg05', 'loop'));
  });
  after(() => removeTree(root));

  const scan = (extra: string[]): { status: number | null; json: Record<string, unknown>; stderr: string } => {
    const result = spawnSync(process.execPath, [cli, 'scan', '.', '--format', 'json', '--max-file-size', '2m', ...extra], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
    });
    const json = JSON.parse(result.stdout) as Record<string, unknown>;
    delete (json['summary'] as Record<string, unknown>)['durationMs'];
    // Time left is relative to the moment each file was scanned.
    const stripTime = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (k, v: unknown) => (k === 'timeLeftMs' ? undefined : v)));
    return { status: result.status, json: stripTime(json) as Record<string, unknown>, stderr: result.stderr };
  };

  it('gives the same JSON report and exit code on worker threads as in one thread', () => {
    const single = scan(['--concurrency', '1']);
    const parallel = scan(['--concurrency', '4']);
    assert.equal(single.stderr, '');
    assert.equal(parallel.status, single.status);
    assert.deepEqual(parallel.json, single.json);
    const summary = single.json['summary'] as {
      filesScanned: number;
      findings: number;
      suppressed: number;
      skippedByReason: Record<string, number>;
      filesWithInvalidUtf8: number;
    };
    assert.ok(summary.filesScanned > 500, `files scanned: ${summary.filesScanned}`);
    assert.ok(summary.findings >= 40, `findings: ${summary.findings}`);
    assert.ok(summary.suppressed >= 15, `suppressed: ${summary.suppressed}`);
    assert.ok(summary.filesWithInvalidUtf8 >= 15);
    assert.ok((summary.skippedByReason['binary'] ?? 0) >= 15);
    assert.equal(summary.skippedByReason['too-large'], 1);
    if (process.platform !== 'win32') assert.equal(summary.skippedByReason['symlink-loop'], 1);
    const findings = single.json['findings'] as { path: string; line: number }[];
    assert.deepEqual(
      findings.filter((f) => f.path === 'pkg10/big.ts').map((f) => f.line),
      [80_001],
    );
  });

  it('uses a worker for each core but the one this thread runs on, --concurrency threads at most, none for 1', () => {
    assert.equal(scanThreads(1), 0);
    const cores = availableParallelism();
    assert.equal(scanThreads(256), Math.min(cores, 4) - 1);
    assert.equal(scanThreads(2), cores > 1 ? 1 : 0);
  });
});
