// SharedFileScan: this thread and worker threads read and scan a tree's files together; every
// file's result comes back in the order the files were given, the same as reading and scanning each
// alone in one thread, whichever thread did it, and also when a worker cannot start or dies with
// work in hand. Fabricated tokens only (random signature and key bytes made at run time).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { scanText } from '../../../server/src/core';
import { scanFile, type FileScanOptions, type FileScanResult } from '../../../server/src/walker/scanFile';
import { SharedFileScan, type FileScanWorkerData } from '../../../server/src/walker/sharedFileScan';
import { fakeAccountKey, fakeSignature } from '../../support/fakeSecrets';
import { makeTree, removeTree } from './tree';

const WORKER = join(__dirname, 'support', 'fileScanWorker.cjs');
const DYING_WORKER = join(__dirname, 'support', 'dyingWorker.cjs');
const MISSING_WORKER = join(__dirname, 'support', 'no-such-worker.cjs');
const NOW = new Date('2026-01-01T00:00:00Z');
const MAX_FILE_SIZE = 64 * 1024;
const fileOptions: FileScanOptions = { maxFileSize: MAX_FILE_SIZE, now: NOW, engine: scanText, prefilter: true };
const workerData: FileScanWorkerData = { sasGuardFileScanWorker: true, maxFileSize: MAX_FILE_SIZE, now: NOW };

describe('walker: SharedFileScan', () => {
  let root = '';
  const paths: string[] = [];
  before(() => {
    const files: Record<string, string | Uint8Array> = {};
    for (let i = 0; i < 400; i++) {
      const kind = i % 23;
      const name = `d${String(i % 9)}/f${String(i).padStart(3, '0')}.ts`;
      files[name] =
        kind === 0
          ? `const url = "https://contosodata.blob.core.windows.net/c?sv=2022-11-02&sr=c&sp=rl&se=2099-01-01&sig=${encodeURIComponent(fakeSignature())}";\n`
          : kind === 1
            ? `// x\nconst conn = "DefaultEndpointsProtocol=https;AccountName=contosodata;AccountKey=${fakeAccountKey()};EndpointSuffix=core.windows.net";\n`
            : kind === 2
              ? Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1])
              : kind === 3
                ? 'y'.repeat(MAX_FILE_SIZE + 1)
                : `export const v${i} = ${i}; // sig but no token\n`;
      paths.push(name);
    }
    root = makeTree(files);
  });
  after(() => removeTree(root));

  const alone = (): FileScanResult[] => paths.map((p) => scanFile(join(root, p), fileOptions, true));

  /**
   * The tree through a SharedFileScan. `waitForWorkers`: the workers start with the first file and
   * the rest is added once they take work, so that they do a share of it.
   */
  async function shared(
    threads: number,
    { workerScript = WORKER, waitForWorkers = false }: { workerScript?: string; waitForWorkers?: boolean } = {},
  ): Promise<{ results: { path: string; result: FileScanResult }[]; workerShare: { files: number; candidates: number } }> {
    const scan = new SharedFileScan({ threads, workerScript, workerData, fileOptions, ...(waitForWorkers ? { minFilesForWorkers: 1 } : {}) });
    try {
      for (const [i, p] of paths.entries()) {
        if (i === 1 && waitForWorkers) {
          for (let waited = 0; scan.readyWorkers < threads && waited < 30_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
          assert.equal(scan.readyWorkers, threads, 'workers started');
        }
        // A skip found while listing keeps its place among the files.
        if (i === 7) scan.addResult(join(root, 'gone'), { kind: 'skipped', reason: 'vanished', detail: 'deleted during the scan' });
        scan.addFile(join(root, p), true);
        if (i % 10 === 9) await scan.share();
      }
      const results = await scan.finish();
      return { results, workerShare: scan.workerShare };
    } finally {
      scan.close();
    }
  }

  const expected = (): { path: string; result: FileScanResult }[] => {
    const results = alone().map((result, i) => ({ path: join(root, paths[i]!), result }));
    results.splice(7, 0, { path: join(root, 'gone'), result: { kind: 'skipped', reason: 'vanished', detail: 'deleted during the scan' } });
    return results;
  };

  it('gives each file the result it has alone, in the order given, with 0, 1 and 2 workers', async () => {
    const want = expected();
    const findings = want.reduce((n, { result }) => n + (result.kind === 'scanned' ? (result.findings?.length ?? 0) : 0), 0);
    assert.ok(findings >= 30, `findings in the tree: ${findings}`);
    assert.ok(want.some(({ result }) => result.kind === 'skipped' && result.reason === 'binary'));
    assert.ok(want.some(({ result }) => result.kind === 'skipped' && result.reason === 'too-large'));
    for (const threads of [0, 1, 2]) {
      const { results, workerShare } = await shared(threads, { waitForWorkers: threads > 0 });
      assert.deepEqual(results, want, `${threads} worker(s)`);
      if (threads > 0) assert.ok(workerShare.files > 0, `files read by the workers: ${workerShare.files}`);
    }
  });

  it('gives the same results when the workers start late in the listing', async () => {
    // 401 places: the workers start at the 256th, and may still be starting at the end.
    assert.deepEqual((await shared(1)).results, expected());
  });

  it('does the work itself when a worker cannot start', async () => {
    assert.deepEqual((await shared(1, { workerScript: MISSING_WORKER })).results, expected());
  });

  it('does again what a worker held when it died', async () => {
    assert.deepEqual((await shared(1, { workerScript: DYING_WORKER, waitForWorkers: true })).results, expected());
  });
});
