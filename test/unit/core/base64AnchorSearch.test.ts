// The one-loop reading of a base64 run and its anchor forms (core/scan/base64AnchorSearch.ts) must
// answer exactly as the pattern of every form did (`/form|form|…/g` over the run's text, resumed one
// past each match): the same run bounds, the same forms at the same places, in the same order. Also
// the one-loop decoding of short values (parse/base64.ts), against the rule it implements. Random
// texts built from pieces of the forms, base64 characters, padding and separators.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BASE64_ANCHOR_FORMS } from '../../../server/src/core/scan/anchorLiterals';
import { LongRunForms, SHORT_RUN_READ, ShortRunForms, type AnchorForms } from '../../../server/src/core/scan/base64AnchorSearch';
import { base64RunAround, decodeBase64Text } from '../../../server/src/core/parse/base64';
import { seededRandom } from '../../support/fakeSecrets';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const REFERENCE = new RegExp(BASE64_ANCHOR_FORMS.map((anchor) => anchor.form.replace(/[+/]/g, '\\$&')).join('|'), 'g');

/** Every form match the pattern finds in text[start, end): [index in text, form]. */
function patternMatches(text: string, start: number, end: number): string[] {
  const encoded = text.slice(start, end);
  const out: string[] = [];
  REFERENCE.lastIndex = 0;
  for (let m = REFERENCE.exec(encoded); m !== null; m = REFERENCE.exec(encoded)) {
    out.push(`${start + m.index} ${m[0]}`);
    REFERENCE.lastIndex = m.index + 1;
  }
  return out;
}

function cursorMatches(forms: AnchorForms): string[] {
  const out: string[] = [];
  while (forms.next()) {
    const anchor = BASE64_ANCHOR_FORMS.find((a) => a.form === forms.form)!;
    assert.equal(forms.groupShift, anchor.groupShift);
    out.push(`${forms.index} ${forms.form}`);
  }
  return out;
}

/** A run-like text: pieces of forms (whole, cut, overlapping), base64 characters, `=`, separators (`oneRun`: none but at the end). */
function randomText(next: () => number, pieces: number, oneRun = false): string {
  let text = '';
  for (let k = 0; k < pieces; k++) {
    const r = next();
    if (r < 0.45) {
      const form = BASE64_ANCHOR_FORMS[Math.floor(next() * BASE64_ANCHOR_FORMS.length)]!.form;
      const from = next() < 0.7 ? 0 : Math.floor(next() * form.length);
      const to = next() < 0.7 ? form.length : from + Math.floor(next() * (form.length - from + 1));
      text += form.slice(from, to);
    } else if (r < 0.85) {
      const n = 1 + Math.floor(next() * 12);
      for (let i = 0; i < n; i++) text += ALPHABET.charAt(Math.floor(next() * 64));
    } else if (oneRun) {
      text += 'Q';
    } else if (r < 0.95) {
      text += '='.repeat(1 + Math.floor(next() * 3));
    } else {
      text += ' :"\n-é'.charAt(Math.floor(next() * 6));
    }
  }
  return oneRun ? `${text}==` : text;
}

describe('anchor forms read with the run', () => {
  it('gives the run bounds and the forms the pattern gives, short runs and long', () => {
    // Both readings: the text's characters (no window), and the window of its units Node writes (from the start).
    for (const windowed of [false, true]) {
      assert.equal(new ShortRunForms(windowed, 0).readAround('ab cd', 2, 0, 2), -1);
      // A run reaching more than SHORT_RUN_READ characters back: its start all the same, read the long way.
      const far = new ShortRunForms(windowed, 0);
      const farText = `= ${'A'.repeat(3000)} `;
      far.over(farText);
      assert.equal(far.windowOn, windowed);
      assert.equal(far.readAroundWindowed(farText, 2600, 0, 2632), 2);
      assert.equal(far.whole, false);
      const next = seededRandom(901);
      const short = new ShortRunForms(windowed, 0);
      const long = new LongRunForms();
      let forms = 0;
      let longRuns = 0;
      for (let round = 0; round < 3000; round++) {
        const text = round % 50 === 0 ? randomText(next, 300, true) : randomText(next, 1 + Math.floor(next() * 40));
        short.over(text);
        for (let start = 0; start < text.length; start++) {
          if (!ALPHABET.includes(text.charAt(start)) || (start > 0 && ALPHABET.includes(text.charAt(start - 1)))) continue;
          const run = base64RunAround(text, start, start);
          const expected = patternMatches(text, run.start, run.end);
          forms += expected.length;
          const at = start + Math.floor(next() * (run.dataEnd - start));
          const through = at + Math.floor(next() * 40);
          const expectedStart = through < run.dataEnd ? start : -1;
          assert.equal(short.readAroundWindowed(text, at, start, through), expectedStart, `round ${round} at ${at} through ${through}`);
          if (expectedStart < 0) assert.equal(short.readAroundWindowed(text, at, start, at), start);
          if (short.whole) {
            assert.deepEqual([short.start, short.dataEnd, short.end], [run.start, run.dataEnd, run.end], `round ${round} at ${start}`);
            // The codes the decoder reads are the run's own.
            for (let k = run.start; k < run.dataEnd; k++) assert.equal(short.codes[k + short.codesShift], text.charCodeAt(k), `round ${round} code at ${k}`);
            assert.deepEqual(cursorMatches(short), expected, `round ${round} at ${start}`);
          } else {
            longRuns++;
            assert.ok(run.dataEnd - run.start >= SHORT_RUN_READ, `round ${round} at ${start}: a short run left to the long way`);
          }
          assert.deepEqual(cursorMatches(long.over(text.slice(run.start, run.end), run.start)), expected, `round ${round} at ${start} (pattern)`);
        }
      }
      assert.ok(forms > 10_000, `only ${forms} forms were met`);
      assert.ok(longRuns > 0, 'no run was long');
    }
  });

  it('reads a long text through its windows as it reads its characters (stride points in order, as the decoder asks)', () => {
    const next = seededRandom(902);
    const pieces: string[] = [];
    // Runs of every length around the reader's bounds, among non-ASCII text and lone surrogates.
    for (let length = 0; length < 400_000;) {
      const piece = next() < 0.8 ? randomText(next, 1 + Math.floor(next() * 120), next() < 0.1) : ' é\ud800€\udc00"\n'.slice(Math.floor(next() * 6));
      pieces.push(piece);
      length += piece.length;
    }
    const text = pieces.join('');
    const plain = new ShortRunForms(false);
    // Through the window from the start, and from where short runs read whole are dense enough.
    for (const windowed of [new ShortRunForms(true, 0), new ShortRunForms(true)]) {
      windowed.over(text);
      let pos = 0;
      let whole = 0;
      let windowedLooks = 0;
      for (let p = 0; p < text.length; p += 32) {
        if (p < pos) continue;
        if (windowed.windowOn) windowedLooks++;
        const a = plain.readAround(text, p, pos, p + 32);
        const b = windowed.readAroundWindowed(text, p, pos, p + 32);
        assert.equal(b, a, `at ${p}`);
        if (a < 0) continue;
        assert.equal(windowed.whole, plain.whole, `at ${p}`);
        if (!plain.whole) {
          pos = base64RunAround(text, a, a, a + SHORT_RUN_READ).end;
          continue;
        }
        whole++;
        assert.deepEqual([windowed.start, windowed.dataEnd, windowed.end], [plain.start, plain.dataEnd, plain.end], `at ${p}`);
        for (let k = plain.start; k < plain.dataEnd; k++)
          assert.equal(windowed.codes[k + windowed.codesShift], plain.codes[k + plain.codesShift], `code at ${k}`);
        assert.deepEqual(cursorMatches(windowed), cursorMatches(plain), `at ${p}`);
        pos = plain.end;
        // Now and then another text read with the same reader (a nested scan), then this one resumed.
        if (whole % 300 === 0) {
          const paused = windowed.pause();
          const other = text.slice(p + 7, p + 70_007);
          windowed.over(other);
          for (let q = 0; q + 32 < other.length; q += 4096) windowed.readAroundWindowed(other, q, 0, q + 32);
          windowed.over(undefined);
          windowed.resume(paused);
        }
      }
      assert.ok(windowedLooks > 1000, `only ${windowedLooks} looks through the window`);
      assert.ok(whole > 1000, `only ${whole} runs read whole`);
    }
  });
});

/** The rule decodeBase64Text implements, on Node's own decoding: no NUL, at most 2 % controls or invalid UTF-8. */
function referenceText(encoded: string): string | undefined {
  const bytes = Buffer.from(encoded.length % 4 === 1 ? encoded.slice(0, -1) : encoded, 'base64');
  if (bytes.includes(0)) return undefined;
  const decoded = bytes.toString('utf8');
  let unprintable = 0;
  for (const b of bytes) if (b < 32 && b !== 9 && b !== 10 && b !== 13) unprintable++;
  if (bytes.some((b) => b >= 128)) for (const c of decoded) if (c === '\ufffd') unprintable++;
  if (unprintable > 0.02 * bytes.length) return undefined;
  return bytes.some((b) => b >= 128) ? decoded : bytes.toString('latin1');
}

describe('short values decoded in one loop', () => {
  it('keep or drop what the rule keeps or drops', () => {
    const next = seededRandom(902);
    const kinds = [
      (): number => 32 + Math.floor(next() * 95),
      (): number => [9, 10, 13][Math.floor(next() * 3)]!,
      (): number => Math.floor(next() * 32),
      (): number => 128 + Math.floor(next() * 128),
    ];
    let kept = 0;
    let dropped = 0;
    for (let round = 0; round < 20_000; round++) {
      const length = 1 + Math.floor(next() * 150);
      // Mostly printable: a rare other byte decides.
      const bytes = Buffer.alloc(length);
      const rare = next();
      for (let i = 0; i < length; i++) bytes[i] = kinds[next() < 0.97 ? 0 : rare < 0.25 ? 1 : rare < 0.5 ? 2 : rare < 0.75 ? 3 : Math.floor(next() * 4)]!();
      const encoded = bytes.toString('base64').replace(/=+$/, '');
      for (let cut = 0; cut < 2; cut++) {
        const part = encoded.slice(0, encoded.length - cut);
        const got = decodeBase64Text(part, 0, part.length);
        assert.equal(got, referenceText(part), `round ${round} cut ${cut}`);
        if (got === undefined) dropped++;
        else kept++;
      }
    }
    assert.ok(kept > 1000 && dropped > 1000, `kept ${kept}, dropped ${dropped}`);
  });

  it('long values (Node decodes them into one reused buffer) too, longer and shorter one after another', () => {
    const next = seededRandom(903);
    let kept = 0;
    let dropped = 0;
    for (let round = 0; round < 1500; round++) {
      const length = 190 + Math.floor(next() * (round % 10 === 0 ? 20_000 : 2_000));
      const bytes = Buffer.alloc(length);
      const rare = next() < 0.5 ? -1 : Math.floor(next() * 4);
      for (let i = 0; i < length; i++) {
        const r = next();
        bytes[i] = r < 0.999 || rare < 0 ? 32 + Math.floor(next() * 95) : [9, 0, 7, 200][rare]!;
      }
      // Somewhere past the leading bytes checked on their own, now and then.
      if (rare >= 0 && next() < 0.5) bytes[length - 1 - Math.floor(next() * Math.min(length, 100))] = [9, 0, 7, 200][rare]!;
      const encoded = bytes.toString('base64').replace(/=+$/, '');
      const part = encoded.slice(0, encoded.length - (round % 3 === 0 ? 1 : 0));
      const got = decodeBase64Text(`..${part}..`, 2, part.length + 2);
      assert.equal(got, referenceText(part), `round ${round}`);
      if (got === undefined) dropped++;
      else kept++;
    }
    assert.ok(kept > 300 && dropped > 100, `kept ${kept}, dropped ${dropped}`);
  });
});
