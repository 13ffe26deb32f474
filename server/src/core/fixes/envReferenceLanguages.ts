// How each language reads an environment variable in place of a secret: one row per FixLanguage
// in REFERENCE_WRITERS. Adding a language is adding its row (the compiler asks for it) and, when
// its strings need it, its quoting rules in stringLiteral.ts. envReference.ts picks the row, finds
// the literal and assembles the fix; a row only says what text replaces what.
import type { FixLanguage } from './fileLanguage';
import type { SecretKind } from './envVariableName';
import { concatenation, escapeBraces, piecesOf, type LiteralPieces } from './literalPieces';
import type { StringLiteral } from './stringLiteral';

/** What leaves the code, and what kind of secret it is (for the variable name and the title). */
export interface SecretRegion {
  readonly start: number;
  readonly end: number;
  readonly kind: SecretKind;
}

/** One replacement written by a row: the edit, and the words of the code action's title. */
export interface ReferenceEdit {
  readonly replaceStart: number;
  readonly replaceEnd: number;
  readonly newText: string;
  /** Code that reads the variable, shown in the title. */
  readonly reference: string;
  readonly notes: string[];
  readonly hasReferenceSyntax: boolean;
  /** The language needs its `os` import (Python, Go): envReference.ts adds it. */
  readonly needsImport: boolean;
  readonly verb?: string;
}

/** What a row gets: the secret, the literal around it (if any) and the variable's name. */
export interface ReferenceSite {
  readonly text: string;
  readonly region: SecretRegion;
  /** The string literal around the secret; undefined when it stands unquoted. */
  readonly lit: StringLiteral | undefined;
  /** The literal cut around the secret; set exactly when `lit` is. */
  readonly pieces: LiteralPieces | undefined;
  /** The secret is the literal's whole content. */
  readonly whole: boolean;
  /** The environment variable's name. */
  readonly name: string;
  readonly file: { readonly jsx: boolean; readonly notebook: boolean };
}

export type ReferenceWriter = (site: ReferenceSite) => ReferenceEdit;

/** The site of a secret: `pieces` and `whole` worked out from the literal. */
export function referenceSite(text: string, region: SecretRegion, lit: StringLiteral | undefined, name: string, file: ReferenceSite['file']): ReferenceSite {
  const pieces = lit ? piecesOf(text, lit, region) : undefined;
  return { text, region, lit, pieces, whole: pieces !== undefined && pieces.pre === '' && pieces.post === '', name, file };
}

export function placeholderInPlace(region: SecretRegion, placeholder: string, notes: string[]): ReferenceEdit {
  return {
    replaceStart: region.start,
    replaceEnd: region.end,
    newText: placeholder,
    reference: `the placeholder ${placeholder}`,
    notes,
    hasReferenceSyntax: false,
    needsImport: false,
  };
}

function inPlace(region: SecretRegion, reference: string, notes: string[] = [], shown = reference): ReferenceEdit {
  return { replaceStart: region.start, replaceEnd: region.end, newText: reference, reference: shown, notes, hasReferenceSyntax: true, needsImport: false };
}

function wholeLiteral(lit: StringLiteral, newText: string, reference: string, notes: string[] = [], needsImport = false): ReferenceEdit {
  return { replaceStart: lit.start, replaceEnd: lit.end, newText, reference, notes, hasReferenceSyntax: true, needsImport };
}

function constNote(text: string, lit: StringLiteral, keyword: RegExp): string[] {
  const lineStart = text.lastIndexOf('\n', lit.start - 1) + 1;
  return keyword.test(text.slice(lineStart, lit.start)) ? ['no longer a compile-time constant: drop const'] : [];
}

const ANNOTATION_NOTE = 'an annotation value must be a constant: Spring and similar frameworks resolve the placeholder';

/** `@Value(` / `@Config(name = ` right before the literal: only a constant may stand there. */
function inAnnotation(text: string, lit: StringLiteral): boolean {
  const lineStart = text.lastIndexOf('\n', lit.start - 1) + 1;
  return /@[A-Za-z_][\w.]*\(\s*(?:[A-Za-z_]\w*\s*=\s*)?$/.test(text.slice(Math.max(lineStart, lit.start - 300), lit.start));
}

/** `<tag attr=` right before the literal: an attribute inside a JSX element on the same line. */
function isJsxAttributeValue(text: string, literalStart: number): boolean {
  const lineStart = text.lastIndexOf('\n', literalStart - 1) + 1;
  const before = text.slice(Math.max(lineStart, literalStart - 400), literalStart);
  return /<[A-Za-z][\w.:-]*(?:\s+[^<>]*?)?\s[\w:-]+=$/.test(before);
}

function toCamel(name: string): string {
  const parts = name.toLowerCase().split('_').filter(Boolean);
  return parts.map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1))).join('') || 'sasToken';
}

/** JavaScript and TypeScript (`!`: the variable may be undefined as far as the compiler knows). */
function processEnv(bang: string): ReferenceWriter {
  return ({ text, region, lit, pieces: p, whole, name, file }) => {
    const ref = `process.env.${name}`;
    if (!lit || !p) return inPlace(region, ref + bang);
    // A JSX attribute value (`<img src="…">`) takes an expression only in braces.
    const braces = file.jsx && isJsxAttributeValue(text, lit.start) ? (s: string): string => `{${s}}` : (s: string): string => s;
    if (whole) return wholeLiteral(lit, braces(ref + bang), ref);
    if (lit.quote === '`') return wholeLiteral(lit, braces(`${p.open}${p.pre}\${${ref}}${p.post}${p.close}`), ref);
    return wholeLiteral(lit, braces(concatenation(text, lit, p, ref + bang, '+')), ref);
  };
}

export const REFERENCE_WRITERS: Readonly<Record<FixLanguage, ReferenceWriter>> = {
  javascript: processEnv(''),
  typescript: processEnv('!'),
  python: ({ text, region, lit, pieces: p, whole, name }) => {
    if (!lit || !p) return { ...inPlace(region, `os.environ["${name}"]`), needsImport: true };
    const letters = lit.prefix.replace(/[uU]/g, '');
    const adjacentLiteral =
      /["']\s*$/.test(text.slice(Math.max(0, lit.start - 4), lit.start)) || /^\s*[rRbBuUfF]{0,2}["']/.test(text.slice(lit.end, lit.end + 6));
    if (/[bB]/.test(letters)) {
      const ref = `os.environ["${name}"].encode()`;
      return wholeLiteral(lit, concatenation(text, lit, p, ref, '+'), `os.environ["${name}"]`, [], true);
    }
    if (whole && !adjacentLiteral) return wholeLiteral(lit, `os.environ["${name}"]`, `os.environ["${name}"]`, [], true);
    const inner = lit.quote === '"' ? "'" : '"';
    const ref = `os.environ[${inner}${name}${inner}]`;
    const isF = /[fF]/.test(letters);
    const pre = isF ? p.pre : escapeBraces(p.pre);
    const post = isF ? p.post : escapeBraces(p.post);
    const newPrefix = isF ? letters : `${letters}f`;
    return wholeLiteral(lit, `${newPrefix}${lit.delimiter}${pre}{${ref}}${post}${lit.delimiter}`, `os.environ["${name}"]`, [], true);
  },
  csharp: ({ text, region, lit, pieces: p, whole, name }) => {
    const ref = `Environment.GetEnvironmentVariable("${name}")`;
    if (!lit || !p) return inPlace(region, ref);
    const notes = constNote(text, lit, /\bconst\b/);
    if (whole) return wholeLiteral(lit, ref, ref, notes);
    const dollars = (lit.prefix.match(/\$/g) ?? []).length;
    if (dollars > 0) {
      return wholeLiteral(lit, `${p.open}${p.pre}${'{'.repeat(dollars)}${ref}${'}'.repeat(dollars)}${p.post}${p.close}`, ref, notes);
    }
    return wholeLiteral(lit, concatenation(text, lit, p, ref, '+'), ref, notes);
  },
  java: ({ text, region, lit, pieces: p, whole, name }) => {
    const ref = `System.getenv("${name}")`;
    if (!lit || !p) return inPlace(region, ref);
    if (inAnnotation(text, lit)) return inPlace(region, `\${${name}}`, [ANNOTATION_NOTE], `\${${name}}`);
    if (whole) return wholeLiteral(lit, ref, ref);
    if (lit.triple) {
      const esc = (s: string): string => s.replace(/%/g, '%%');
      return wholeLiteral(lit, `${p.open}${esc(p.pre)}%s${esc(p.post)}${p.close}.formatted(${ref})`, ref);
    }
    return wholeLiteral(lit, concatenation(text, lit, p, ref, '+'), ref);
  },
  kotlin: ({ text, region, lit, pieces: p, whole, name }) => {
    const ref = `System.getenv("${name}")`;
    if (!lit || !p) return inPlace(region, ref);
    if (inAnnotation(text, lit)) return inPlace(region, `\\\${${name}}`, [ANNOTATION_NOTE], `\${${name}}`);
    const notes = constNote(text, lit, /\bconst\s+val\b/);
    if (whole) return wholeLiteral(lit, ref, ref, notes);
    return wholeLiteral(lit, `${p.open}${p.pre}\${${ref}}${p.post}${p.close}`, ref, notes);
  },
  go: ({ text, region, lit, pieces: p, whole, name }) => {
    const ref = `os.Getenv("${name}")`;
    if (!lit || !p) return { ...inPlace(region, ref), needsImport: true };
    const notes = constNote(text, lit, /\bconst\b/);
    if (whole) return wholeLiteral(lit, ref, ref, notes, true);
    return wholeLiteral(lit, concatenation(text, lit, p, ref, '+'), ref, notes, true);
  },
  rust: ({ text, region, lit, pieces: p, whole, name }) => {
    const ref = `std::env::var("${name}").expect("${name} is not set")`;
    const shown = `std::env::var("${name}")`;
    if (!lit || !p) return inPlace(region, ref, [], shown);
    const notes = [...constNote(text, lit, /\b(const|static)\b/), 'a String now'];
    if (whole) return wholeLiteral(lit, ref, shown, notes);
    return wholeLiteral(lit, `format!(${p.open}${escapeBraces(p.pre)}{}${escapeBraces(p.post)}${p.close}, ${ref})`, shown, notes);
  },
  ruby: ({ text, region, lit, pieces: p, whole, name }) => {
    const ref = `ENV.fetch("${name}")`;
    if (!lit || !p) return inPlace(region, ref);
    if (whole) return wholeLiteral(lit, ref, ref);
    if (lit.quote === '"') return wholeLiteral(lit, `${p.open}${p.pre}#{${ref}}${p.post}${p.close}`, ref);
    return wholeLiteral(lit, concatenation(text, lit, p, ref, '+'), ref);
  },
  php: ({ text, region, lit, pieces: p, whole, name }) => {
    const ref = `getenv('${name}')`;
    if (!lit || !p) return inPlace(region, ref);
    if (whole) return wholeLiteral(lit, ref, ref);
    return wholeLiteral(lit, concatenation(text, lit, p, ref, '.', false), ref);
  },
  powershell: ({ region, lit, pieces: p, whole, name }) => {
    const shown = `$env:${name}`;
    if (!lit || !p) return inPlace(region, shown);
    if (whole) return wholeLiteral(lit, shown, shown);
    const ref = /^[\w:?]/.test(p.post) ? `\${env:${name}}` : shown;
    if (lit.quote === '"') return wholeLiteral(lit, `${p.open}${p.pre}${ref}${p.post}${p.close}`, shown);
    // A single-quoted string does not expand: rewrite it double-quoted, escaping what would expand.
    const toDouble = (s: string): string => s.replace(/''/g, "'").replace(/[`$"]/g, (c) => `\`${c}`);
    return wholeLiteral(lit, `"${toDouble(p.pre)}${ref}${toDouble(p.post)}"`, shown);
  },
  shell: ({ region, lit, pieces: p, name }) => {
    const ref = `\${${name}}`;
    if (!lit || !p) return inPlace(region, `"${ref}"`, [], `"${ref}"`);
    if (lit.quote === '"') return wholeLiteral(lit, `${p.open}${p.pre}${ref}${p.post}${p.close}`, `"${ref}"`);
    const parts = [p.pre ? p.open + p.pre + p.close : '', `"${ref}"`, p.post ? p.open + p.post + p.close : ''];
    return wholeLiteral(lit, parts.join(''), `"${ref}"`);
  },
  bat: ({ region, name }) => inPlace(region, `%${name}%`),
  'github-actions': ({ region, name }) => inPlace(region, `\${{ secrets.${name} }}`, [`add the repository secret ${name}`]),
  'azure-pipelines': ({ region, name }) => inPlace(region, `$(${name})`, [`define ${name} as a secret pipeline variable; map it into env: for scripts`]),
  yaml: ({ region, name }) => inPlace(region, `\${${name}}`, ['expanded by tools that read the environment, such as docker compose']),
  dockerfile: ({ region, name }) =>
    inPlace(region, `\${${name}}`, [`declare ARG ${name} or use a BuildKit secret mount: ARG and ENV values stay in the image layers`]),
  terraform: ({ region, lit, whole, name }) => {
    const varName = name.toLowerCase();
    const ref = `var.${varName}`;
    const notes = [`declare variable "${varName}" with sensitive = true; set TF_VAR_${varName}`];
    if (lit && whole) return wholeLiteral(lit, ref, ref, notes);
    return inPlace(region, `\${${ref}}`, notes, ref);
  },
  bicep: ({ region, lit, whole, name }) => {
    const param = toCamel(name);
    const notes = [`declare @secure() param ${param} string`];
    if (lit && whole) return wholeLiteral(lit, param, `the parameter ${param}`, notes);
    return inPlace(region, `\${${param}}`, notes, `the parameter ${param}`);
  },
  bicepparam: ({ region, lit, whole, name }) => {
    const ref = `readEnvironmentVariable('${name}')`;
    if (lit && whole) return wholeLiteral(lit, ref, ref);
    return inPlace(region, `\${${ref}}`, [], ref);
  },
  dotenv: ({ text, region, name }) => dotenvFix(text, region, name),
  json: ({ region, name, file }) =>
    file.notebook
      ? placeholderInPlace(region, `\${${name}}`, [`notebook JSON: in the code cell read it with os.environ["${name}"]; clear outputs that printed it`])
      : placeholderInPlace(region, `\${${name}}`, [`JSON has no environment reference: supply ${name} at run time`]),
  xml: ({ region, name }) => placeholderInPlace(region, `\${${name}}`, [`XML has no environment reference: supply ${name} at run time`]),
  markdown: ({ region, name }) => placeholderInPlace(region, `<${name}>`, ['Markdown has no environment reference']),
  unknown: ({ region, name }) => placeholderInPlace(region, `\${${name}}`, ['no environment reference syntax known for this file type']),
};

/**
 * A .env file is the environment file itself: the value is emptied when it is the whole value of its
 * own variable (keep the real one out of version control), else replaced by `${NAME}` (dotenv-expand
 * and docker compose expand it).
 */
function dotenvFix(text: string, region: SecretRegion, name: string): ReferenceEdit {
  const lineStart = text.lastIndexOf('\n', region.start - 1) + 1;
  const nl = text.indexOf('\n', region.end);
  const lineEnd = nl < 0 ? text.length : nl;
  const before = text.slice(lineStart, region.start);
  const after = text.slice(region.end, lineEnd).replace(/\r$/, '');
  // `KEY=…`, `KEY="…"`, and a bare query's kept `?` (`KEY="?…"`).
  const assignment = /^\s*(?:export\s+)?([A-Za-z_][\w.-]*)\s*=\s*(["']?)\??$/.exec(before);
  if (assignment && after.replace(/\s+#.*$/, '').trim() === assignment[2]) {
    return {
      replaceStart: region.start,
      replaceEnd: region.end,
      newText: '',
      reference: '',
      verb: `Empty ${assignment[1]} in this .env file`,
      notes: ['it is the env file itself: keep the real value out of version control'],
      hasReferenceSyntax: false,
      needsImport: false,
    };
  }
  return inPlace(region, `\${${name}}`, ['this is an env file: define the value outside version control']);
}
