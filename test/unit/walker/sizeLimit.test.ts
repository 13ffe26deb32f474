// The size limit is a limit, not a cliff: the default lets through every text file a person or a
// build writes (at least 50 MB), the CLI, the workspace scan and the editor share it, and a file is
// "too large" only past the configured limit: exactly at it is read, one byte over is skipped, on
// every read path (asynchronous, synchronous with fstat, synchronous from the listing's file type).
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { scanText } from '../../../server/src/core';
import { scanFile } from '../../../server/src/walker/scanFile';
import { DEFAULT_SETTINGS } from '../../../server/src/lsp/settings';
import { DEFAULT_MAX_FILE_SIZE, readTextFile } from '../../../server/src/walker';
import { readTextFileSync } from '../../../server/src/walker/readTextFile';
import { makeTree, removeTree } from './tree';

const MB = 1_000_000;
const signature = (): string => Buffer.from(Array.from({ length: 32 }, () => Math.floor(Math.random() * 256))).toString('base64');

describe('size limit', () => {
  const root = makeTree({});
  after(() => removeTree(root));

  it('defaults to at least 50 MB, the same for the CLI, the workspace scan and open documents', () => {
    assert.ok(DEFAULT_MAX_FILE_SIZE >= 50 * MB);
    assert.equal(DEFAULT_SETTINGS.maxFileSizeKB * 1024, DEFAULT_MAX_FILE_SIZE);
    const manifest = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { default: unknown }> } };
    };
    assert.equal(manifest.contributes.configuration.properties['sasGuard.maxFileSizeKB']?.default, DEFAULT_SETTINGS.maxFileSizeKB);
  });

  // 100 bytes; 6 MiB (past the 4 MiB buffer the synchronous reads reuse).
  for (const size of [100, 6 * 1024 * 1024]) {
    it(`reads a ${size}-byte file at a limit of exactly its size and skips it one byte under, on every read path`, async () => {
      const path = join(root, `exact-${size}.txt`);
      writeFileSync(path, Buffer.alloc(size, 0x61));
      const atLimit = [await readTextFile(path, size), readTextFileSync(path, size, false), readTextFileSync(path, size, true)];
      for (const read of atLimit) assert.equal(read.kind === 'text' && read.text.length, size);
      const overLimit = [await readTextFile(path, size - 1), readTextFileSync(path, size - 1, false), readTextFileSync(path, size - 1, true)];
      for (const read of overLimit) assert.equal(read.kind === 'skipped' && read.reason, 'too-large');
    });
  }

  it('the CLI finds a token at the end of a 52 MB file under the default limit, and skips it one byte under its size', () => {
    const path = join(root, 'export.json');
    const sig = encodeURIComponent(signature());
    const tail = `{"url": "https://contosodata.blob.core.windows.net/?sv=2022-11-02&ss=bf&srt=sco&sp=rwdl&se=2099-01-01&spr=https&sig=${sig}"}\n`;
    const line = '{"id": 12345, "name": "an ordinary row of a large JSON export", "ok": true},\n';
    const body = line.repeat(Math.ceil((52 * MB) / line.length)) + tail;
    writeFileSync(path, body);
    const size = Buffer.byteLength(body);
    assert.ok(size > 52 * MB && size <= DEFAULT_MAX_FILE_SIZE);
    const options = { maxFileSize: DEFAULT_MAX_FILE_SIZE, engine: scanText, prefilter: true };
    const scanned = scanFile(path, options, true);
    assert.equal(scanned.kind, 'scanned');
    assert.deepEqual(scanned.kind === 'scanned' && scanned.findings?.map((f) => [f.finding.ruleId, f.start.line]), [
      ['account-sas', body.split('\n').length - 1],
    ]);
    const skipped = scanFile(path, { ...options, maxFileSize: size - 1 }, true);
    assert.equal(skipped.kind === 'skipped' && skipped.reason, 'too-large');
    assert.equal(scanFile(path, { ...options, maxFileSize: size }, false).kind, 'scanned');
  });
});
