// The web worker's stand-ins for node:path, node:url and node:buffer (server/src/browser/host/) must
// answer as Node does on POSIX, or the server's glue would compute other paths, keys and sizes in
// the browser than on the desktop. Compared with Node's own on generated inputs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isUtf8 } from 'node:buffer';
import { randomInt } from 'node:crypto';
import * as nodePath from 'node:path';
import * as nodeUrl from 'node:url';
import * as hostBuffer from '../../../server/src/browser/host/buffer';
import * as hostPath from '../../../server/src/browser/host/path';
import * as hostUrl from '../../../server/src/browser/host/url';

const posix = nodePath.posix;
const SEGMENTS = ['', '.', '..', 'a', 'b c', 'src', '.env', 'x.test.ts', 'é', '%41', 'a#b', 'q?x', '..a', 'dir/', '/'];

function randomPath(absolute: boolean): string {
  const parts = Array.from({ length: randomInt(0, 6) }, () => SEGMENTS[randomInt(SEGMENTS.length)]);
  const joined = parts.join('/');
  return absolute ? `/${joined}` : joined;
}

test('path functions match node:path posix', () => {
  for (let i = 0; i < 3000; i++) {
    const a = randomPath(randomInt(2) === 0);
    const b = randomPath(randomInt(2) === 0);
    const abs = randomPath(true);
    assert.equal(hostPath.normalize(a), posix.normalize(a), `normalize(${JSON.stringify(a)})`);
    assert.equal(hostPath.join(a, b), posix.join(a, b), `join(${JSON.stringify(a)}, ${JSON.stringify(b)})`);
    assert.equal(hostPath.isAbsolute(a), posix.isAbsolute(a), `isAbsolute(${JSON.stringify(a)})`);
    assert.equal(hostPath.dirname(a), posix.dirname(a), `dirname(${JSON.stringify(a)})`);
    assert.equal(hostPath.basename(a), posix.basename(a), `basename(${JSON.stringify(a)})`);
    assert.equal(hostPath.extname(a), posix.extname(a), `extname(${JSON.stringify(a)})`);
    // resolve and relative: Node resolves relative paths against its working directory, the worker
    // against '/': compare on absolute inputs.
    assert.equal(hostPath.resolve(abs, b), posix.resolve(abs, b), `resolve(${JSON.stringify(abs)}, ${JSON.stringify(b)})`);
    const other = randomPath(true);
    assert.equal(hostPath.relative(abs, other), posix.relative(abs, other), `relative(${JSON.stringify(abs)}, ${JSON.stringify(other)})`);
  }
});

test('file: URL conversions match node:url for POSIX paths', () => {
  for (let i = 0; i < 2000; i++) {
    const p = posix.normalize(randomPath(true));
    assert.equal(hostUrl.pathToFileURL(p).toString(), nodeUrl.pathToFileURL(p).toString(), `pathToFileURL(${JSON.stringify(p)})`);
    const url = nodeUrl.pathToFileURL(p).toString();
    assert.equal(hostUrl.fileURLToPath(url), nodeUrl.fileURLToPath(url), `fileURLToPath(${url})`);
  }
  assert.throws(() => hostUrl.fileURLToPath('https://example.com/a'));
  assert.throws(() => hostUrl.fileURLToPath('file:///a%2Fb'));
});

test('Buffer.byteLength, isUtf8 and decoding match node:buffer', () => {
  const alphabet = ['a', 'é', '€', '😀', '\ud800', '\udfff', '\u0000', '\n'];
  for (let i = 0; i < 2000; i++) {
    let s = '';
    for (let j = randomInt(0, 40); j > 0; j--) s += alphabet[randomInt(alphabet.length)];
    assert.equal(hostBuffer.Buffer.byteLength(s), Buffer.byteLength(s, 'utf8'), JSON.stringify(s));
    const bytes = Uint8Array.from({ length: randomInt(0, 24) }, () => (randomInt(4) === 0 ? randomInt(256) : randomInt(0x20, 0x7f)));
    assert.equal(hostBuffer.isUtf8(bytes), isUtf8(bytes), `isUtf8(${[...bytes]})`);
    assert.equal(hostBuffer.Buffer.from(bytes.buffer, 0, bytes.length).toString(), Buffer.from(bytes).toString('utf8'), `decode(${[...bytes]})`);
  }
});
