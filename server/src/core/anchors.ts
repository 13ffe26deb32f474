// The literal anchors of the one linear pass. A single case-insensitive alternation of fixed
// strings: no quantifiers, so the regular expression engine cannot backtrack.

export type AnchorKind = 'sig' | 'account-key' | 'shared-access-key' | 'key' | 'identifiable-key';

export interface Anchor {
  readonly kind: AnchorKind;
  readonly index: number;
  readonly length: number;
}

const ANCHOR_PATTERN = /sig=|sig%3d|sig%253d|sig\\u003d|accountkey|sharedaccesskey|key|\+ast/gi;

export class AnchorScanner {
  private readonly pattern = new RegExp(ANCHOR_PATTERN.source, 'gi');

  constructor(private readonly text: string) {}

  /** The next anchor at or after `from`, or undefined. */
  next(from: number): Anchor | undefined {
    this.pattern.lastIndex = from;
    for (;;) {
      const m = this.pattern.exec(this.text);
      if (!m) return undefined;
      const literal = m[0].toLowerCase();
      if (literal.startsWith('sig')) return { kind: 'sig', index: m.index, length: m[0].length };
      if (literal === 'accountkey') return { kind: 'account-key', index: m.index, length: m[0].length };
      if (literal === 'sharedaccesskey') return { kind: 'shared-access-key', index: m.index, length: m[0].length };
      if (literal === 'key') return { kind: 'key', index: m.index, length: m[0].length };
      // "+ASt" is case-sensitive; other casings are skipped and the search goes on.
      if (m[0] === '+ASt') return { kind: 'identifiable-key', index: m.index, length: m[0].length };
      this.pattern.lastIndex = m.index + 1;
    }
  }
}
