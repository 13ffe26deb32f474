// The call a literal is an argument of: `new StorageSharedKeyCredential("acct", "…")`,
// `storage_credentials(_XPLATSTR("acct"), _XPLATSTR("…"))`, and C++ direct-initialisation
// `test_account_key(_XPLATSTR("…"))`, whose "callee" is the variable's name. String wrappers
// (`_XPLATSTR`, `U`, `_T`, `TEXT`, …) are looked through. The storage evidence rules ask which call
// it is and read the account name from its first argument. Bounded: CALL_REACH characters back.
import { isIdentifierChar, isWhitespace } from '../util/charClasses';

const CALL_REACH = 320;
const MAX_CALLEE = 64;

/** Macros and helpers that only wrap a string literal; the call around them is the one that counts. */
const STRING_WRAPPERS: ReadonlySet<string> = new Set(['_xplatstr', 'u', '_t', 't', 'l', 'text', '_u', 'string', 'string_t', 'str', 'wstring']);

export interface EnclosingCall {
  /** The callee as written, qualifiers dropped (`StorageSharedKeyCredential`, `test_account_key`). */
  readonly callee: string;
  /** Offset of the call's `(`. */
  readonly open: number;
  /** The word before the callee when the call is a C++ declaration (`storage_credentials creds(…)`). */
  readonly declaredType?: string;
  /** The first argument when it is a string literal (wrappers looked through), else undefined. */
  readonly firstStringArgument?: string;
}

/** The identifier ending just before `end` (spaces skipped), qualifiers (`a.b`, `a::b`) dropped, and where it starts. */
function calleeBefore(text: string, end: number): { name: string; start: number } {
  let i = end;
  while (i > 0 && end - i < 8 && (text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 9)) i--;
  const stop = i;
  while (i > 0 && stop - i < MAX_CALLEE && isIdentifierChar(text.charCodeAt(i - 1))) i--;
  return { name: text.slice(i, stop), start: i };
}

/** The type word of a declaration `Type name(…)`: the identifier before `start` after spaces only. */
function declaredTypeBefore(text: string, start: number): string | undefined {
  if (start === 0 || (text.charCodeAt(start - 1) !== 32 && text.charCodeAt(start - 1) !== 9)) return undefined;
  const type = calleeBefore(text, start).name;
  return type === '' || type === 'new' || type === 'return' ? undefined : type;
}

/** A string literal starting at `i` (after spaces and wrappers): its content, or undefined. */
function stringLiteralAt(text: string, i: number, limit: number): string | undefined {
  for (let guard = 0; guard < 3; guard++) {
    while (i < limit && isWhitespace(text.charCodeAt(i))) i++;
    const start = i;
    while (i < limit && isIdentifierChar(text.charCodeAt(i))) i++;
    if (i > start && text.charCodeAt(i) === 40 && STRING_WRAPPERS.has(text.slice(start, i).toLowerCase())) {
      i++;
      continue;
    }
    if (i > start) {
      // A prefix such as L"…" or @"…" is one character; anything longer is not a literal.
      if (i - start > 1) return undefined;
    }
    break;
  }
  const q = text.charCodeAt(i);
  if (q === 64 || q === 36) i++; // @"…", $"…"
  const quote = text.charCodeAt(i);
  if (quote !== 34 && quote !== 39) return undefined;
  const content = text.slice(i + 1, Math.min(limit, i + 130));
  const close = content.indexOf(String.fromCharCode(quote));
  return close < 0 ? undefined : content.slice(0, close);
}

/**
 * The call whose argument list holds the literal that starts at `valueStart` (its opening quote or
 * first character), looking through string wrappers; undefined when the value is not an argument.
 */
export function enclosingCall(text: string, valueStart: number): EnclosingCall | undefined {
  const floor = Math.max(0, valueStart - CALL_REACH);
  let depth = 0;
  for (let i = valueStart - 1; i >= floor; i--) {
    const c = text.charCodeAt(i);
    if (c === 41 || c === 93 || c === 125) depth++;
    else if (c === 91 || c === 123) {
      if (depth === 0) return undefined; // inside a list or block, not directly an argument
      depth--;
    } else if (c === 59 && depth === 0)
      return undefined; // ;
    else if (c === 40) {
      if (depth > 0) {
        depth--;
        continue;
      }
      const { name: callee, start } = calleeBefore(text, i);
      if (callee === '') return undefined;
      if (STRING_WRAPPERS.has(callee.toLowerCase())) continue;
      const first = stringLiteralAt(text, i + 1, Math.min(text.length, valueStart + 1));
      const declaredType = declaredTypeBefore(text, start);
      return {
        callee,
        open: i,
        ...(declaredType !== undefined ? { declaredType } : {}),
        ...(first !== undefined ? { firstStringArgument: first } : {}),
      };
    }
  }
  return undefined;
}
