// Finds the string literal around a token, in the syntax of the file's language. For languages whose
// multi-line strings are common and whose lexing is predictable (JS/TS, Python, C#, Java, Kotlin, Go,
// Rust, Bicep) it lexes from the start of the file; a single-line literal left open at a line end (a
// misread regex literal, say) is dropped there, so one misreading cannot spread. Shell, PowerShell,
// Ruby, PHP, cmd and HCL, where heredocs and free text are common, are lexed from the token's line.
import type { FixLanguage } from './fileLanguage';

export interface StringLiteral {
  /** Start of the literal, prefix letters included (`f"`, `$@"`, `r#"`). */
  readonly start: number;
  /** First character of the content. */
  readonly contentStart: number;
  /** Index of the closing delimiter. */
  readonly contentEnd: number;
  /** Just after the closing delimiter. */
  readonly end: number;
  /** The quote character: `"`, `'` or a backtick. */
  readonly quote: string;
  /** Opening delimiter without prefix: `"`, `"""`, `'''`, a backtick. */
  readonly delimiter: string;
  /** Letters or sigils before the opening quote, as written: `f`, `rb`, `$`, `@`, `$@`, `r#`, `$`-prefixed shell `$'…'`. */
  readonly prefix: string;
  readonly triple: boolean;
  /**
   * For literals joined from several (a token split over `"…" + "…"`): the delimiters a rewrite of the
   * whole expression opens and closes with, since the first and the last literal may be quoted
   * differently (shell `"…"'…'`). Absent for one literal: its own delimiters are in the text.
   */
  readonly opening?: string;
  readonly closing?: string;
}

export type LiteralContext = { readonly kind: 'literal'; readonly literal: StringLiteral } | { readonly kind: 'comment' } | { readonly kind: 'bare' };

interface QuoteRules {
  readonly quotes: string;
  readonly triple: string;
  readonly prefixChars: RegExp;
  readonly lineComments: readonly string[];
  readonly blockComment?: readonly [string, string];
  /** Comments start only at the beginning of a word (shell, PowerShell). */
  readonly commentAtWordStart?: boolean;
  readonly escapeChar: (quote: string, prefix: string, triple: boolean) => string | undefined;
  /** The closing quote written twice is an escaped quote (C# verbatim `""`, PowerShell `''`). */
  readonly doubling: (quote: string, prefix: string, triple: boolean) => boolean;
  readonly multiLine: (quote: string, prefix: string, triple: boolean) => boolean;
  /** Lex from the start of the file (else from the start of the token's line). */
  readonly fromFileStart?: boolean;
}

const C_STYLE_COMMENTS = { lineComments: ['//'], blockComment: ['/*', '*/'] as const };

/** What most languages share: no prefix letters, no triple quotes, backslash escapes, no doubled quotes. */
const PLAIN_QUOTING = {
  triple: '',
  prefixChars: /^$/,
  escapeChar: (): string | undefined => '\\',
  doubling: (): boolean => false,
};

/** Only triple-quoted literals span lines. */
const multiLineWhenTriple = (_q: string, _p: string, triple: boolean): boolean => triple;

/** Triple-quoted literals are raw; the others take backslash escapes. */
const escapeUnlessTriple = (_q: string, _p: string, triple: boolean): string | undefined => (triple ? undefined : '\\');

const RULES: Partial<Record<FixLanguage, QuoteRules>> = {
  javascript: { ...PLAIN_QUOTING, quotes: '"\'`', ...C_STYLE_COMMENTS, multiLine: (q) => q === '`', fromFileStart: true },
  python: {
    // A backslash still keeps a quote inside a raw string, so it is an escape for the lexer everywhere.
    ...PLAIN_QUOTING,
    quotes: '"\'',
    triple: '"\'',
    prefixChars: /^[rRbBuUfF]{1,2}$/,
    lineComments: ['#'],
    multiLine: multiLineWhenTriple,
    fromFileStart: true,
  },
  csharp: {
    quotes: '"',
    triple: '"',
    prefixChars: /^[$@]{1,4}$/,
    ...C_STYLE_COMMENTS,
    escapeChar: (_q, p, triple) => (p.includes('@') || triple ? undefined : '\\'),
    doubling: (_q, p, triple) => p.includes('@') && !triple,
    multiLine: (_q, p, triple) => triple || p.includes('@'),
    fromFileStart: true,
  },
  java: { ...PLAIN_QUOTING, quotes: '"', triple: '"', ...C_STYLE_COMMENTS, multiLine: multiLineWhenTriple, fromFileStart: true },
  kotlin: {
    ...PLAIN_QUOTING,
    quotes: '"',
    triple: '"',
    ...C_STYLE_COMMENTS,
    escapeChar: escapeUnlessTriple,
    multiLine: multiLineWhenTriple,
    fromFileStart: true,
  },
  go: {
    ...PLAIN_QUOTING,
    quotes: '"`',
    ...C_STYLE_COMMENTS,
    escapeChar: (q) => (q === '`' ? undefined : '\\'),
    multiLine: (q) => q === '`',
    fromFileStart: true,
  },
  rust: {
    ...PLAIN_QUOTING,
    quotes: '"',
    prefixChars: /^b?r#*$|^b$/,
    ...C_STYLE_COMMENTS,
    escapeChar: (_q, p) => (p.includes('r') ? undefined : '\\'),
    multiLine: () => true,
    fromFileStart: true,
  },
  ruby: { ...PLAIN_QUOTING, quotes: '"\'', lineComments: ['#'], multiLine: () => true },
  php: { ...PLAIN_QUOTING, quotes: '"\'', lineComments: ['//', '#'], blockComment: ['/*', '*/'], multiLine: () => true },
  powershell: {
    ...PLAIN_QUOTING,
    quotes: '"\'',
    lineComments: ['#'],
    commentAtWordStart: true,
    escapeChar: (q) => (q === '"' ? '`' : undefined),
    doubling: () => true,
    multiLine: () => true,
  },
  shell: {
    ...PLAIN_QUOTING,
    quotes: '"\'',
    prefixChars: /^\$$/,
    lineComments: ['#'],
    commentAtWordStart: true,
    escapeChar: (q, p) => (q === '"' || p === '$' ? '\\' : undefined),
    multiLine: () => true,
  },
  bat: { ...PLAIN_QUOTING, quotes: '"', lineComments: [], escapeChar: () => undefined, multiLine: () => false },
  terraform: { ...PLAIN_QUOTING, quotes: '"', lineComments: ['#', '//'], blockComment: ['/*', '*/'], multiLine: () => false },
  bicep: {
    ...PLAIN_QUOTING,
    quotes: "'",
    triple: "'",
    ...C_STYLE_COMMENTS,
    escapeChar: escapeUnlessTriple,
    multiLine: multiLineWhenTriple,
    fromFileStart: true,
  },
};
RULES.typescript = RULES.javascript!;
RULES.bicepparam = RULES.bicep!;

export function hasLiteralRules(language: FixLanguage): boolean {
  return RULES[language] !== undefined;
}

interface Open {
  readonly start: number;
  readonly contentStart: number;
  readonly quote: string;
  readonly delimiter: string;
  readonly prefix: string;
  readonly triple: boolean;
  readonly closer: string;
  readonly escape: string | undefined;
  readonly doubling: boolean;
  readonly multiLine: boolean;
}

/**
 * The literals joined into one expression around [regionStart, regionEnd): from the literal that
 * holds `regionStart` to the one that holds `regionEnd`, as one literal with the first's delimiters
 * (the last's when the first is an unquoted shell word). `bare` when neither end is in a literal.
 */
export function findJoinedLiteral(text: string, regionStart: number, regionEnd: number, language: FixLanguage): LiteralContext {
  const first = findLiteral(text, regionStart, regionStart, language);
  const last = findLiteral(text, regionEnd, regionEnd, language);
  if (first.kind === 'comment' || last.kind === 'comment') return { kind: 'comment' };
  const a = first.kind === 'literal' ? first.literal : undefined;
  const b = last.kind === 'literal' ? last.literal : undefined;
  const model = a ?? b;
  if (!model) return { kind: 'bare' };
  return {
    kind: 'literal',
    literal: {
      start: a ? a.start : regionStart,
      contentStart: a ? a.contentStart : regionStart,
      contentEnd: b ? b.contentEnd : regionEnd,
      end: b ? b.end : regionEnd,
      quote: model.quote,
      delimiter: model.delimiter,
      prefix: model.prefix,
      triple: model.triple,
      opening: text.slice(model.start, model.contentStart),
      closing: text.slice(model.contentEnd, model.end),
    },
  };
}

/** The literal (or comment) around [regionStart, regionEnd), for `language`; `bare` when none. */
export function findLiteral(text: string, regionStart: number, regionEnd: number, language: FixLanguage): LiteralContext {
  const rules = RULES[language];
  if (!rules) return { kind: 'bare' };
  const lineStart = text.lastIndexOf('\n', regionStart - 1) + 1;
  const from = rules.fromFileStart && regionStart <= MAX_LEX_FROM_START ? 0 : lineStart;
  const open = lex(text, from, regionStart, rules);
  if (open === 'comment') return { kind: 'comment' };
  if (!open) return { kind: 'bare' };
  const contentEnd = findCloser(text, regionEnd, open, rules);
  if (contentEnd < 0) return { kind: 'bare' };
  return {
    kind: 'literal',
    literal: {
      start: open.start,
      contentStart: open.contentStart,
      contentEnd,
      end: contentEnd + open.closer.length,
      quote: open.quote,
      delimiter: open.delimiter,
      prefix: open.prefix,
      triple: open.triple,
    },
  };
}

const CHAR_LITERAL = /^'(?:\\.[^\n']{0,8}|[^\\'\n])'/;

// Past this offset a file is lexed from the token's line only, to bound the work per fix.
const MAX_LEX_FROM_START = 1_000_000;

/** Lexes [from, to): the literal open at `to`, 'comment', or undefined when `to` is outside any literal. */
const interestingCache = new WeakMap<QuoteRules, Set<string>>();

/** Characters that can start a quote or a comment: every other character outside a literal is skipped at once. */
function interestingChars(rules: QuoteRules): Set<string> {
  let set = interestingCache.get(rules);
  if (!set) {
    set = new Set([...rules.quotes, "'", ...rules.lineComments.map((c) => c[0]!), ...(rules.blockComment ? [rules.blockComment[0][0]!] : [])]);
    interestingCache.set(rules, set);
  }
  return set;
}

function lex(text: string, from: number, to: number, rules: QuoteRules): Open | 'comment' | undefined {
  let i = from;
  let open: Open | undefined;
  const interesting = interestingChars(rules);
  while (i < to) {
    const ch = text[i]!;
    if (!open && !interesting.has(ch)) {
      i++;
      continue;
    }
    if (open) {
      if (ch === '\n' && !open.multiLine) {
        open = undefined;
        i++;
        continue;
      }
      if (ch === open.escape) {
        i += 2;
        continue;
      }
      if (ch === open.quote && text.startsWith(open.closer, i)) {
        if (open.doubling && text.startsWith(open.closer, i + open.closer.length)) {
          i += 2 * open.closer.length;
          continue;
        }
        i += open.closer.length;
        open = undefined;
        continue;
      }
      i++;
      continue;
    }
    const atWordStart = i === from || /\s/.test(text[i - 1]!);
    if ((!rules.commentAtWordStart || atWordStart) && rules.lineComments.some((c) => text.startsWith(c, i))) {
      const nl = text.indexOf('\n', i);
      if (nl < 0 || nl >= to) return 'comment';
      i = nl + 1;
      continue;
    }
    if (rules.blockComment && text.startsWith(rules.blockComment[0], i)) {
      const close = text.indexOf(rules.blockComment[1], i + rules.blockComment[0].length);
      if (close < 0 || close + rules.blockComment[1].length > to) return 'comment';
      i = close + rules.blockComment[1].length;
      continue;
    }
    if (ch === "'" && !rules.quotes.includes(ch)) {
      // A character literal ('"', '\'') in a language where ' does not open a string.
      const char = CHAR_LITERAL.exec(text.slice(i, i + 12));
      if (char) {
        i += char[0].length;
        continue;
      }
    }
    if (rules.quotes.includes(ch)) {
      open = openAt(text, i, rules);
      i = open.contentStart;
      continue;
    }
    i++;
  }
  return open;
}

function openAt(text: string, quotePos: number, rules: QuoteRules): Open {
  const quote = text[quotePos]!;
  let p = quotePos;
  while (p > 0 && /[A-Za-z$@#]/.test(text[p - 1]!) && quotePos - (p - 1) <= 8) p--;
  // Only sigils/letters that form a whole word count as a prefix (`print"x"` is no prefix in any of these languages).
  while (p < quotePos && (!rules.prefixChars.test(text.slice(p, quotePos)) || (p > 0 && /[A-Za-z0-9_]/.test(text[p - 1]!)))) p++;
  const prefix = text.slice(p, quotePos);
  const triple = rules.triple.includes(quote) && text.startsWith(quote.repeat(3), quotePos);
  const delimiter = triple ? quote.repeat(3) : quote;
  const hashes = /#+$/.exec(prefix)?.[0] ?? '';
  return {
    start: p,
    contentStart: quotePos + delimiter.length,
    quote,
    delimiter,
    prefix,
    triple,
    closer: delimiter + hashes,
    escape: rules.escapeChar(quote, prefix, triple),
    doubling: rules.doubling(quote, prefix, triple),
    multiLine: rules.multiLine(quote, prefix, triple),
  };
}

function findCloser(text: string, from: number, open: Open, rules: QuoteRules): number {
  const esc = rules.escapeChar(open.quote, open.prefix, open.triple);
  const multi = rules.multiLine(open.quote, open.prefix, open.triple);
  let i = from;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '\n' && !multi) return -1;
    if (esc && ch === esc) {
      i += 2;
      continue;
    }
    if (text.startsWith(open.closer, i)) {
      if (rules.doubling(open.quote, open.prefix, open.triple) && text.startsWith(open.closer, i + open.closer.length)) {
        i += 2 * open.closer.length;
        continue;
      }
      return i;
    }
    i++;
  }
  return -1;
}
