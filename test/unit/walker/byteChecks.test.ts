// walker/byteChecks runs the binary sniff and the prefilter in WebAssembly, and falls back to the
// JavaScript versions where the runtime has no WebAssembly (`node --jitless`). Both routes must give
// the same answers, and a file read through the walker must come out the same either way.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { looksBinary, mayContainSecrets, scannerBuffer } from '../../../server/src/walker/byteChecks';
import { looksBinary as looksBinaryInJs } from '../../../server/src/walker/binarySniff';
import { mayContainSecrets as mayContainSecretsInJs } from '../../../server/src/walker/prefilter';

const SAMPLES: Record<string, Uint8Array> = {
  empty: new Uint8Array(0),
  plain: Buffer.from('const x = 1;\n'),
  'sas query': Buffer.from(`url = "https://a.blob.core.windows.net/c?sv=2022-11-02&sp=r&sig=${'A'.repeat(43)}%3D"`),
  'upper SIG%3D': Buffer.from(`SIG%3D${'b'.repeat(43)}`),
  'account key': Buffer.from(`AccountKey=${'k'.repeat(86)}==`),
  'bare key end': Buffer.from(`${'Q'.repeat(86)}==`),
  'nul byte': Buffer.from([0x47, 0x49, 0x46, 0x00, 0x01]),
  'control bytes': Buffer.from(Array.from({ length: 100 }, (_, i) => (i % 2 ? 0x01 : 0x41))),
};

describe('walker: byteChecks', () => {
  it('gives the JavaScript answers in this process (WebAssembly available)', () => {
    for (const [name, bytes] of Object.entries(SAMPLES)) {
      assert.equal(looksBinary(bytes), looksBinaryInJs(bytes), `looksBinary: ${name}`);
      assert.equal(mayContainSecrets(bytes), mayContainSecretsInJs(bytes), `mayContainSecrets: ${name}`);
    }
    assert.ok(scannerBuffer(16) instanceof Uint8Array, 'a buffer inside the WebAssembly scanner');
  });

  it('checks bytes read straight into its buffer without copying them elsewhere first', () => {
    const text = SAMPLES['sas query']!;
    const buffer = scannerBuffer(text.length)!;
    buffer.set(text);
    assert.equal(mayContainSecrets(buffer), true);
    buffer.fill(0x20);
    assert.equal(mayContainSecrets(buffer), false);
  });

  it('falls back to JavaScript where there is no WebAssembly (node --jitless), with the same answers', () => {
    const script = [
      `const checks = require(${JSON.stringify(join(__dirname, '../../../server/src/walker/byteChecks.ts'))});`,
      `const samples = ${JSON.stringify(Object.fromEntries(Object.entries(SAMPLES).map(([k, v]) => [k, Buffer.from(v).toString('base64')])))};`,
      `const out = {};`,
      `for (const [k, v] of Object.entries(samples)) { const b = Buffer.from(v, 'base64'); out[k] = [checks.looksBinary(b), checks.mayContainSecrets(b)]; }`,
      `console.log(JSON.stringify({ wasm: typeof WebAssembly, buffer: checks.scannerBuffer(16) === undefined ? 'none' : 'wasm', out }));`,
    ].join('\n');
    const run = spawnSync(process.execPath, ['--jitless', '--require', 'tsx/cjs', '-e', script], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const result = JSON.parse(run.stdout) as { wasm: string; buffer: string; out: Record<string, [boolean, boolean]> };
    assert.equal(result.wasm, 'undefined', '--jitless has no WebAssembly');
    assert.equal(result.buffer, 'none', 'no scanner buffer without WebAssembly');
    for (const [name, bytes] of Object.entries(SAMPLES)) {
      assert.deepEqual(result.out[name], [looksBinaryInJs(bytes), mayContainSecretsInJs(bytes)], name);
    }
  });
});
