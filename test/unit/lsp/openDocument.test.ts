// The server's open-document store (openDocument.ts over chunkedText.ts) must behave exactly as
// vscode-languageserver-textdocument's TextDocument, which it replaces: after any sequence of
// didChange content changes (incremental, reversed ranges, characters past the line's end, whole-text
// replacements), the same text, line count, positionAt, offsetAt, line ranges and line breaks everywhere, and the same
// offsets for each change. Tiny chunks make every edit meet chunk boundaries and split CRLF pairs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { OpenDocument } from '../../../server/src/lsp/openDocument';

const PIECES = ['a', 'bc', 'sig=', ' ', '\n', '\r', '\r\n', '\n\r', 'é', '😀', '\uD83D', '\uDE00'];

const textArbitrary = (maxPieces: number): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...PIECES), { maxLength: maxPieces }).map((pieces) => pieces.join(''));

/** A change described independently of the text it will meet: positions may be past the end, or reversed. */
const changeArbitrary = fc.oneof(
  { weight: 12, arbitrary: fc.record({ kind: fc.constant('range' as const), a: fc.nat(40), b: fc.nat(40), column: fc.nat(14), text: textArbitrary(4) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('full' as const), text: textArbitrary(20) }) },
);

type ChangeSpec = typeof changeArbitrary extends fc.Arbitrary<infer T> ? T : never;

function toChange(spec: ChangeSpec, reference: TextDocument): TextDocumentContentChangeEvent {
  if (spec.kind === 'full') return { text: spec.text };
  // Lines of the document (the library mis-indexes a range whose line is past the end, which no
  // client sends), characters up to 14 (often past the line's end, which it clamps).
  const lines = reference.lineCount;
  return {
    range: { start: { line: spec.a % lines, character: spec.column }, end: { line: spec.b % lines, character: (spec.column * 7) % 15 } },
    text: spec.text,
  };
}

function assertSame(ours: OpenDocument, reference: TextDocument, label: string): void {
  const text = reference.getText();
  assert.equal(ours.getText(), text, `${label}: text`);
  assert.equal(ours.lineCount, reference.lineCount, `${label}: lineCount`);
  assert.equal(ours.version, reference.version, `${label}: version`);
  for (let offset = -1; offset <= text.length + 1; offset++) {
    assert.deepEqual(ours.positionAt(offset), reference.positionAt(offset), `${label}: positionAt(${offset})`);
  }
  for (let line = -1; line <= reference.lineCount; line++) {
    assert.deepEqual(ours.getLineRange(line), reference.getLineRange(line), `${label}: getLineRange(${line})`);
    assert.equal(ours.getEOLCharacters(line), reference.getEOLCharacters(line), `${label}: getEOLCharacters(${line})`);
    for (let character = 0; character <= 12; character++) {
      const position = { line, character };
      assert.equal(ours.offsetAt(position), reference.offsetAt(position), `${label}: offsetAt(${line}:${character})`);
    }
  }
}

describe('OpenDocument', () => {
  it('equals the library TextDocument after random didChange sequences (text, positionAt, offsetAt, change offsets)', () => {
    fc.assert(
      fc.property(
        textArbitrary(30),
        fc.integer({ min: 1, max: 9 }),
        fc.array(fc.array(changeArbitrary, { minLength: 1, maxLength: 3 }), { maxLength: 12 }),
        (initial, chunkLength, didChanges) => {
          const ours = new OpenDocument('file:///o', 'plaintext', 1, initial, chunkLength);
          const reference = TextDocument.create('file:///r', 'plaintext', 1, initial);
          assertSame(ours, reference, 'opened');
          // Asked for the text in between or not: the store must not depend on it.
          let version = 1;
          for (const specs of didChanges) {
            version++;
            const changes: TextDocumentContentChangeEvent[] = [];
            const expectedOffsets: { start: number; end: number; newText: string }[] = [];
            let full = false;
            // Each change is in the positions of the text the previous one produced.
            for (const spec of specs) {
              const change = toChange(spec, reference);
              if ('range' in change) {
                const a = reference.offsetAt(change.range.start);
                const b = reference.offsetAt(change.range.end);
                expectedOffsets.push({ start: Math.min(a, b), end: Math.max(a, b), newText: change.text });
              } else {
                full = true;
              }
              changes.push(change);
              TextDocument.update(reference, [change], version);
            }
            const edits = ours.applyChanges(changes, version);
            assert.deepEqual(edits, full ? undefined : expectedOffsets, 'offset edits');
            if (version % 2 === 0) assertSame(ours, reference, `after didChange ${version}`);
          }
          assertSame(ours, reference, 'at the end');
        },
      ),
      { numRuns: 400 },
    );
  });

  it('getText of a range equals the library, across chunks', () => {
    fc.assert(
      fc.property(textArbitrary(40), fc.integer({ min: 1, max: 5 }), fc.nat(50), fc.nat(50), (text, chunkLength, a, b) => {
        const ours = new OpenDocument('file:///o', 'plaintext', 1, text, chunkLength);
        const reference = TextDocument.create('file:///r', 'plaintext', 1, text);
        // An edit first, so the text is held in chunks rather than as the string it was opened with.
        const change = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x\r' };
        ours.applyChanges([change], 2);
        TextDocument.update(reference, [change], 2);
        const range = { start: reference.positionAt(Math.min(a, b)), end: reference.positionAt(Math.max(a, b)) };
        assert.equal(ours.getText(range), reference.getText(range));
      }),
      { numRuns: 300 },
    );
  });

  it('a CR typed before a LF that starts a chunk makes one CRLF line break', () => {
    const ours = new OpenDocument('file:///o', 'plaintext', 1, 'abcd\nefgh', 4);
    const reference = TextDocument.create('file:///r', 'plaintext', 1, 'abcd\nefgh');
    const change = { range: { start: { line: 0, character: 4 }, end: { line: 0, character: 4 } }, text: '\r' };
    ours.applyChanges([change], 2);
    TextDocument.update(reference, [change], 2);
    assert.equal(ours.lineCount, 2);
    assertSame(ours, reference, 'after the CR');
  });
});
