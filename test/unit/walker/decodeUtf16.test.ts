// UTF-16 files are read as text (LE/BE, with or without a byte-order mark) and decode to exactly the
// string the same text saved as UTF-8 gives, so offsets agree; real binaries stay skipped; the byte
// prefilter sees the transcoded UTF-8 and so cannot miss a token written in UTF-16.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { mayContainSecrets } from '../../../server/src/walker/byteChecks';
import { detectUtf16 } from '../../../server/src/walker/decodeUtf16';
import { decodeTextBytes, readTextBytesSync, readTextFile, readTextFileSync, textBytes, textFromBytes } from '../../../server/src/walker/readTextFile';
import { seededRandom } from '../../support/fakeSecrets';
import { binarySamples, encodeUtf16, fabricatedSasUrl, powerShellScript, UTF16_VARIANTS } from './utf16Fixtures';

function decoded(bytes: Uint8Array): string {
  const read = textBytes(bytes);
  assert.equal(read.kind, 'text-bytes', `skipped: ${JSON.stringify(read)}`);
  return read.kind === 'text-bytes' ? decodeTextBytes(read).text : '';
}

/** Random text of printable ASCII, Latin, Cyrillic, CJK and astral characters, with CRLF line ends. */
function randomText(seed: number, length: number): string {
  const next = seededRandom(seed);
  const pools = ['abcdefghijklmnopqrstuvwxyz ABC=&?/"$0123456789', 'éèàçÉ€ßø', 'жизньЖ', '一二中文字', '😀🔑'];
  let text = '';
  while (text.length < length) {
    const r = next();
    if (r < 0.05) text += '\r\n';
    else {
      const pool = r < 0.8 ? pools[0]! : pools[1 + Math.floor(next() * 4)]!;
      const chars = [...pool];
      text += chars[Math.floor(next() * chars.length)]!;
    }
  }
  return text;
}

describe('walker: UTF-16 text', () => {
  const script = powerShellScript(fabricatedSasUrl());

  it('decodes LE and BE, with and without a byte-order mark, to the UTF-8 text', () => {
    const utf8 = textFromBytes(Buffer.from(script, 'utf8'));
    assert.equal(utf8.kind === 'text' && utf8.text, script);
    for (const variant of UTF16_VARIANTS) {
      const read = textFromBytes(encodeUtf16(script, variant));
      assert.equal(read.kind, 'text', variant);
      if (read.kind !== 'text') continue;
      assert.equal(read.text, script, variant);
      assert.equal(read.hadBom, variant.endsWith('-bom'), variant);
      assert.equal(read.invalidUtf8, false, variant);
      assert.equal(read.size, encodeUtf16(script, variant).length, variant);
    }
  });

  it('decodes random mixed-script text in every variant exactly (property)', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const text = randomText(seed, 20 + seed * 97);
      for (const variant of UTF16_VARIANTS) {
        // BOM-less detection needs an ASCII-heavy text; these are, by construction.
        assert.equal(decoded(encodeUtf16(text, variant)), text, `seed ${seed}, ${variant}`);
      }
    }
  });

  it('leaves UTF-8 files on the UTF-8 path: the same body bytes, not a copy', () => {
    const bytes = Buffer.from(script, 'utf8');
    const read = textBytes(bytes);
    assert.equal(read.kind === 'text-bytes' && read.body.buffer === bytes.buffer, true);
  });

  it('gives the byte prefilter UTF-8 to look at, so the anchors of a UTF-16 token are seen', () => {
    for (const variant of UTF16_VARIANTS) {
      const bytes = encodeUtf16(script, variant);
      assert.equal(mayContainSecrets(bytes), false, `raw ${variant} bytes hide the anchors (why the transcoding exists)`);
      const read = textBytes(bytes);
      assert.equal(read.kind === 'text-bytes' && mayContainSecrets(read.body), true, variant);
    }
  });

  it('handles an odd byte length and a truncated final code unit without throwing', () => {
    const withEmoji = `${script}key 🔑`;
    for (const variant of UTF16_VARIANTS) {
      const bytes = encodeUtf16(withEmoji, variant);
      const odd = bytes.subarray(0, bytes.length - 1); // half of the low surrogate's last unit
      const text = decoded(odd);
      assert.equal(text.startsWith(`${script}key `), true, variant);
      assert.equal(text.endsWith('\ufffd'), true, variant);
      const cutPair = bytes.subarray(0, bytes.length - 2); // a high surrogate with no low one
      assert.equal(decoded(cutPair), `${script}key \ufffd`, variant);
    }
    for (const tiny of [[0xff], [0xff, 0xfe], [0xfe, 0xff], [0xff, 0xfe, 0x41], [0x41, 0x00, 0x42]]) {
      assert.doesNotThrow(() => textFromBytes(Buffer.from(tiny)), JSON.stringify(tiny));
    }
    assert.deepEqual(textFromBytes(Buffer.from([0xff, 0xfe])), { kind: 'text', text: '', size: 2, hadBom: true, invalidUtf8: false });
  });

  it('keeps skipping real binaries: executables, images, archives, a .NET dll, SQLite, UTF-32', () => {
    for (const [name, bytes] of Object.entries(binarySamples())) {
      assert.equal(detectUtf16(bytes.subarray(0, 8192)), undefined, `${name} taken for UTF-16`);
      const read = textBytes(bytes);
      assert.equal(read.kind === 'skipped' && read.reason, 'binary', `${name}: ${read.kind}`);
    }
  });

  it('does not take control bytes behind a UTF-16 byte-order mark, or UTF-32 behind its own, for UTF-16 text', () => {
    // A UTF-16 LE byte-order mark then NUL-dense control bytes: declared, but not text.
    const fake = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(Array.from({ length: 512 }, (_, i) => (i % 2 ? 0 : 1 + (i % 7))))]);
    assert.equal(textBytes(fake).kind, 'skipped');
    // A UTF-32 LE byte-order mark begins like UTF-16 LE's: skipped, and said why.
    const utf32 = binarySamples()['utf-32le with bom']!;
    assert.deepEqual(textBytes(utf32), { kind: 'skipped', reason: 'binary', detail: 'UTF-32 text is not scanned' });
  });

  describe('from disk', () => {
    let root = '';
    before(() => {
      root = mkdtempSync(join(tmpdir(), 'sas-guard-utf16-'));
      for (const variant of UTF16_VARIANTS) writeFileSync(join(root, `${variant}.ps1`), encodeUtf16(script, variant));
    });
    after(() => rmSync(root, { recursive: true, force: true }));

    it('reads every variant the same way asynchronously, synchronously and as bytes', async () => {
      for (const variant of UTF16_VARIANTS) {
        const path = join(root, `${variant}.ps1`);
        const read = await readTextFile(path);
        assert.equal(read.kind === 'text' && read.text, script, variant);
        assert.deepEqual(readTextFileSync(path), read, variant);
        assert.deepEqual(readTextFileSync(path, undefined, true), read, variant);
        const bytes = readTextBytesSync(path, undefined, true);
        assert.equal(bytes.kind === 'text-bytes' && Buffer.from(bytes.body).toString('utf8'), script, variant);
      }
    });
  });
});
