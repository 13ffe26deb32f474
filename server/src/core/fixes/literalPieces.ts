// A string literal cut around the secret in it, and joined back around an expression: the pieces
// every language's environment-reference rewrite is built from. stringLiteral.ts finds the literal;
// this file only slices and reassembles source text, in no particular language.
import type { StringLiteral } from './stringLiteral';

export interface LiteralPieces {
  /** Source text of the opening delimiter with its prefix. */
  readonly open: string;
  readonly close: string;
  /** Literal content before and after the secret, as written in the source. */
  readonly pre: string;
  readonly post: string;
}

/** The literal `lit` around the secret at `region` (which lies inside its content). */
export function piecesOf(text: string, lit: StringLiteral, region: { readonly start: number; readonly end: number }): LiteralPieces {
  return {
    open: lit.opening ?? text.slice(lit.start, lit.contentStart),
    close: lit.closing ?? text.slice(lit.contentEnd, lit.end),
    pre: text.slice(lit.contentStart, region.start),
    post: text.slice(region.end, lit.contentEnd),
  };
}

/** `"pre" + REF + "post"` with the literal's own delimiters; parenthesised when a member access follows. */
export function concatenation(text: string, lit: StringLiteral, p: LiteralPieces, reference: string, operator: string, memberAccess = true): string {
  const parts = [p.pre ? p.open + p.pre + p.close : undefined, reference, p.post ? p.open + p.post + p.close : undefined].filter(
    (x): x is string => x !== undefined,
  );
  const joined = parts.join(` ${operator} `);
  if (parts.length > 1 && memberAccess && /^\s*(\?\.|\.|\[)/.test(text.slice(lit.end, lit.end + 8))) return `(${joined})`;
  return joined;
}

/** Literal braces in a format string (Python f-strings, Rust `format!`) are written doubled. */
export function escapeBraces(s: string): string {
  return s.replace(/\{/g, '{{').replace(/\}/g, '}}');
}
