// How a language joins string literals written next to each other, for rejoining a SAS token split
// over several literals (splitLiterals.ts). Only the languages whose joining is certain from the text
// alone are listed; any other file (Markdown, plain text, JSON, YAML, an unknown language) joins
// nothing, so prose such as `"a" + "b"` in a README is never read as code.
// Separate from fixes/fileLanguage.ts on purpose: that one decides which syntax a fix writes (and knows
// no C), this one which joining the scanner reads; the scanner must not depend on the fixes.

export interface LiteralSyntax {
  /** For tests and messages. */
  readonly name: string;
  /** Characters that open and close a string literal. */
  readonly quotes: string;
  /** Letters or sigils that may stand right before an opening quote (`f`, `r`, `@`, `$`, `u8`), at most 3. */
  readonly prefixChars: string;
  /** Binary operators that concatenate two literals (`+`, PHP `.`). */
  readonly operators: string;
  /** Literals side by side, with nothing but blanks between them, are one literal (Python, C, Ruby). */
  readonly adjacent: boolean;
  /**
   * Where a line break may sit between two joined literals: anywhere (the statement goes on until a
   * `;` or a closing parenthesis), only after the operator (a line that ends in `+` goes on, a line
   * that starts with one is a new statement), or nowhere (without a line continuation).
   */
  readonly newlines: 'anywhere' | 'after-operator' | 'never';
  /** The character that continues a line when it stands right before the line break: `\` or PowerShell's backtick. */
  readonly continuation?: string;
  /**
   * Shell words: literals join only when nothing at all separates them (`"…"'…'`, or a `\` line
   * continuation right after the first), and an unquoted word joins the quoted one it touches.
   */
  readonly shellWords?: boolean;
}

// What most of these languages share; each syntax below states only how it differs.
const C_LIKE_PLUS = { quotes: '"', prefixChars: '', operators: '+', adjacent: false, newlines: 'anywhere' } as const;

const JAVASCRIPT: LiteralSyntax = { name: 'javascript', ...C_LIKE_PLUS, quotes: '"\'`' };
const JAVA: LiteralSyntax = { name: 'java', ...C_LIKE_PLUS };
const CSHARP: LiteralSyntax = { name: 'csharp', ...C_LIKE_PLUS, prefixChars: '@$' };
// Go and Kotlin end a statement at a line break unless the line ends in an operator.
const KOTLIN: LiteralSyntax = { name: 'kotlin', ...C_LIKE_PLUS, newlines: 'after-operator' };
const GO: LiteralSyntax = { name: 'go', ...C_LIKE_PLUS, quotes: '"`', newlines: 'after-operator' };
const RUBY: LiteralSyntax = { name: 'ruby', ...C_LIKE_PLUS, quotes: '"\'', adjacent: true, newlines: 'after-operator', continuation: '\\' };
const POWERSHELL: LiteralSyntax = { name: 'powershell', ...C_LIKE_PLUS, quotes: '"\'', newlines: 'after-operator', continuation: '`' };
const PHP: LiteralSyntax = { name: 'php', ...C_LIKE_PLUS, quotes: '"\'', operators: '.' };
// Python joins adjacent literals; across lines only inside brackets or after `\`. Brackets are not
// tracked (that would mean lexing from the top of the file): a line break between two literals is
// taken as inside brackets, since two statements that are each a bare string literal carry no URL.
const PYTHON: LiteralSyntax = { name: 'python', ...C_LIKE_PLUS, quotes: '"\'', prefixChars: 'rRbBuUfF', adjacent: true, continuation: '\\' };
// C and C++ join adjacent literals in translation phase 6, macros included (after `\` continuation).
// `+` between two literals is pointer arithmetic there, not joining.
const C: LiteralSyntax = { name: 'c', ...C_LIKE_PLUS, prefixChars: 'LuU8', operators: '', adjacent: true, continuation: '\\' };
const SHELL: LiteralSyntax = {
  name: 'shell',
  quotes: '"\'',
  prefixChars: '$',
  operators: '',
  adjacent: true,
  newlines: 'never',
  continuation: '\\',
  shellWords: true,
};

const BY_LANGUAGE_ID: Readonly<Record<string, LiteralSyntax>> = {
  javascript: JAVASCRIPT,
  javascriptreact: JAVASCRIPT,
  typescript: JAVASCRIPT,
  typescriptreact: JAVASCRIPT,
  java: JAVA,
  csharp: CSHARP,
  kotlin: KOTLIN,
  go: GO,
  ruby: RUBY,
  powershell: POWERSHELL,
  php: PHP,
  python: PYTHON,
  c: C,
  cpp: C,
  shellscript: SHELL,
};

const BY_EXTENSION: Readonly<Record<string, LiteralSyntax>> = {
  js: JAVASCRIPT,
  mjs: JAVASCRIPT,
  cjs: JAVASCRIPT,
  jsx: JAVASCRIPT,
  ts: JAVASCRIPT,
  mts: JAVASCRIPT,
  cts: JAVASCRIPT,
  tsx: JAVASCRIPT,
  java: JAVA,
  cs: CSHARP,
  csx: CSHARP,
  kt: KOTLIN,
  kts: KOTLIN,
  go: GO,
  rb: RUBY,
  ps1: POWERSHELL,
  psm1: POWERSHELL,
  php: PHP,
  py: PYTHON,
  pyw: PYTHON,
  c: C,
  h: C,
  cc: C,
  cpp: C,
  cxx: C,
  hpp: C,
  hh: C,
  hxx: C,
  sh: SHELL,
  bash: SHELL,
  zsh: SHELL,
  ksh: SHELL,
};

/** The joining of the file's language: its editor language id first, else its extension; undefined joins nothing. */
export function literalSyntaxFor(languageId: string | undefined, fileName: string | undefined): LiteralSyntax | undefined {
  if (languageId === undefined && fileName === undefined) return undefined;
  const id = typeof languageId === 'string' ? languageId.toLowerCase() : '';
  if (Object.hasOwn(BY_LANGUAGE_ID, id)) return BY_LANGUAGE_ID[id];
  if (typeof fileName !== 'string') return undefined;
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  if (dot < 0) return undefined;
  const extension = base.slice(dot + 1).toLowerCase();
  return Object.hasOwn(BY_EXTENSION, extension) ? BY_EXTENSION[extension] : undefined;
}
