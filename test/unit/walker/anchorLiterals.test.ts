// The engine's anchor literals (core/scan/anchorLiterals.ts) are the one source that the anchor
// search, the prefilter and the hand-written WebAssembly byte scan must agree on. This test fails
// when they drift: every literal form is found by the engine's anchor search, and a text holding
// nothing but that form (in mixed case, where the engine ignores case) is accepted by both byte
// checks. A new form added to anchorLiterals.ts without teaching prefilter.ts and byteScan.wat
// about it fails here. Fabricated text only: letters and runs of one character, never a real secret.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as literals from '../../../server/src/core/scan/anchorLiterals';
import { AnchorScanner, type AnchorKind } from '../../../server/src/core/scan/anchors';
import { byteScanner } from '../../../server/src/walker/byteScan';
import { mayContainSecrets } from '../../../server/src/walker/prefilter';

/** Upper-cases every other ASCII letter: the engine and both byte checks ignore ASCII case. */
function mixedCase(text: string): string {
  let flip = false;
  return text.replace(/[a-z]/g, (c) => {
    flip = !flip;
    return flip ? c.toUpperCase() : c;
  });
}

/** An account-key-shaped run: base64 characters, then the padding. */
const KEY_RUN = 'A'.repeat(literals.ACCOUNT_KEY_BASE64_RUN) + literals.ACCOUNT_KEY_PADDING;
/** Filler before a `key` word so its key-shaped run is within reach, with no other anchor in it. */
const SIGNATURE_RUN = 'b'.repeat(literals.SIGNATURE_MIN_RUN + 1);

interface Form {
  readonly name: string;
  /** The smallest text in which the engine finds this anchor. */
  readonly text: string;
  /** The anchor kind the engine reports for it, when it is an engine anchor. */
  readonly kind?: AnchorKind;
  readonly anchorLength?: number;
  /** Text holding the form alone, which both byte checks must accept. */
  readonly bytesText: string;
}

const forms: Form[] = [
  ...literals.SIGNATURE_EQUALS_SPELLINGS.map((spelling) => ({
    name: `${literals.SIGNATURE_NAME}${spelling}`,
    text: ` ${mixedCase(literals.SIGNATURE_NAME + spelling)}${SIGNATURE_RUN}`,
    kind: 'sig' as const,
    anchorLength: literals.SIGNATURE_NAME.length + spelling.length,
    bytesText: ` ${mixedCase(literals.SIGNATURE_NAME + spelling)} `,
  })),
  {
    name: literals.ACCOUNT_KEY_WORD,
    text: ` ${mixedCase(literals.ACCOUNT_KEY_WORD)}=${KEY_RUN}`,
    kind: 'account-key',
    anchorLength: literals.ACCOUNT_KEY_WORD.length,
    bytesText: ` ${mixedCase(literals.ACCOUNT_KEY_WORD)} `,
  },
  {
    name: literals.SHARED_ACCESS_KEY_WORD,
    text: ` ${mixedCase(literals.SHARED_ACCESS_KEY_WORD)}=x`,
    kind: 'shared-access-key',
    anchorLength: literals.SHARED_ACCESS_KEY_WORD.length,
    bytesText: ` ${mixedCase(literals.SHARED_ACCESS_KEY_WORD)} `,
  },
  {
    name: `${literals.ACCOUNT_KEY_WORD}%3d (a percent-encoded connection string)`,
    // An encoded key must follow: 86 base64 characters (two as `%2F` `%2B`), then `%3D%3D`.
    text: ` ${mixedCase(literals.ACCOUNT_KEY_WORD)}%3D${'A'.repeat(80)}%2F%2B${'A'.repeat(4)}%3D%3D`,
    kind: 'account-key',
    anchorLength: literals.ACCOUNT_KEY_WORD.length,
    bytesText: ` ${mixedCase(literals.ACCOUNT_KEY_WORD)}%3D `,
  },
  {
    name: `${literals.KEY_WORD} before a key-shaped run`,
    text: ` my${mixedCase(literals.KEY_WORD)}=${KEY_RUN}`,
    kind: 'key',
    anchorLength: literals.KEY_WORD.length,
    // A bare "key" is not enough for the byte checks: only the key-shaped run is.
    bytesText: ` ${KEY_RUN} `,
  },
  {
    name: literals.ENCODED_KEY_PASSWORD_END,
    // A URL's password: 86 base64 characters with `+` and `/` percent-encoded, then the padding.
    text: ` mongodb://acct:${'A'.repeat(80)}%2B%2f${'A'.repeat(4)}${mixedCase(literals.ENCODED_KEY_PASSWORD_END).toUpperCase()}acct.mongo.cosmos.azure.com`,
    kind: 'userinfo-key',
    anchorLength: 80 + 6 + 4 + literals.ENCODED_KEY_PASSWORD_END.length - 1,
    bytesText: ` ${literals.ENCODED_KEY_PASSWORD_END.toUpperCase()} `,
  },
  {
    name: literals.IDENTIFIABLE_KEY_MARKER,
    text: ` ${'A'.repeat(literals.IDENTIFIABLE_MARKER_OFFSET)}${literals.IDENTIFIABLE_KEY_MARKER}${'A'.repeat(literals.ACCOUNT_KEY_BASE64_RUN - literals.IDENTIFIABLE_MARKER_OFFSET - literals.IDENTIFIABLE_KEY_MARKER.length)}${literals.ACCOUNT_KEY_PADDING}`,
    // The "==" run also makes a key anchor possible; the marker's own kind is what is checked.
    kind: 'identifiable-key',
    anchorLength: literals.IDENTIFIABLE_KEY_MARKER.length,
    bytesText: ` ${literals.IDENTIFIABLE_KEY_MARKER} `,
  },
  {
    name: literals.SYMMETRIC_KEY_CALL,
    // Case-sensitive (a class name): written as it is.
    text: ` ${literals.SYMMETRIC_KEY_CALL}("x")`,
    kind: 'symmetric-key-call',
    anchorLength: literals.SYMMETRIC_KEY_CALL.length,
    bytesText: ` ${literals.SYMMETRIC_KEY_CALL} `,
  },
  // The base64 decoder's anchors count inside a run of BASE64_MIN_RUN base64 characters.
  ...literals.BASE64_ANCHOR_FORMS.map(({ form }) => ({
    name: `base64 anchor ${form}`,
    text: '',
    bytesText: ` ${'A'.repeat(literals.BASE64_MIN_RUN)}${form} `,
  })),
  {
    name: literals.SHARED_ACCESS_SIGNATURE_WORD,
    text: '',
    bytesText: ` ${mixedCase(literals.SHARED_ACCESS_SIGNATURE_WORD)} `,
  },
];

describe('anchor literals: one source for the engine and the byte checks', () => {
  for (const form of forms) {
    if (form.kind !== undefined) {
      it(`the engine's anchor search finds ${form.name}`, () => {
        const anchors = new AnchorScanner(form.text);
        const found = [];
        for (let next = anchors.next(0, 0); next; next = anchors.next(next.resume, next.resume)) found.push(next);
        const match = found.find((anchor) => anchor.kind === form.kind);
        assert.ok(match, `no ${form.kind} anchor in ${JSON.stringify(form.text.slice(0, 40))}: ${JSON.stringify(found)}`);
        assert.equal(match.length, form.anchorLength);
      });
    }
    it(`the prefilter and the WebAssembly byte scan accept ${form.name}`, () => {
      const bytes = Buffer.from(form.bytesText, 'latin1');
      assert.equal(mayContainSecrets(bytes), true, 'prefilter');
      assert.equal(byteScanner().mayContainSecrets(bytes), true, 'byteScan.wat');
    });
  }

  it('neither byte check accepts the same text with every literal broken', () => {
    const broken = forms.map((form) =>
      form.bytesText
        .replace(/[a-z]{2}/i, (pair) => `${pair[0]} ${pair[1]}`)
        .replace(/==|\+A|d@/gi, (p) => `${p[0]} ${p[1]}`)
        .replace(/A{16}/g, (run) => `${run.slice(0, 8)} ${run.slice(8)}`),
    );
    const bytes = Buffer.from(broken.join('\n'), 'latin1');
    assert.equal(mayContainSecrets(bytes), false, 'prefilter');
    assert.equal(byteScanner().mayContainSecrets(bytes), false, 'byteScan.wat');
  });
});
