// Texts stitched from pieces a property test chooses: the characters, escapes and words where a fast
// reading and the plain one it replaced could part ways, so random texts hit them often.
import fc from 'fast-check';

/** Texts of up to `maxPieces` pieces, each one of `pieces`. */
export function textFromPieces(pieces: readonly string[], maxPieces: number): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...pieces), { maxLength: maxPieces }).map((parts) => parts.join(''));
}

/** Such a text and an offset in it: a draw of up to `maxOffset`, cut to the text's length. */
export function textAndOffset(pieces: readonly string[], maxPieces: number, maxOffset: number): fc.Arbitrary<{ text: string; offset: number }> {
  return fc.tuple(textFromPieces(pieces, maxPieces), fc.nat(maxOffset)).map(([text, at]) => ({ text, offset: Math.min(at, text.length) }));
}
