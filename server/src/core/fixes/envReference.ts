// "Replace with environment reference": the secret part of the token leaves the code and an
// environment reference takes its place, written in the file's own language and quoting. The
// non-secret part (scheme, host, path, non-SAS parameters, the `?`) stays in code.
import type { Finding, FixEdit } from '../findings/types';
import { sortEdits } from './edits';
import { type SecretKind, chooseVariableName, contextIdentifier, secretKindOf } from './envVariableName';
import { type FixLanguage, resolveFixLanguage } from './fileLanguage';
import { goImportOsEdit } from './goImport';
import { pythonImportOsEdit } from './pythonImport';
import { decodeTokenText, isSasKey, queryStart, readParameters } from './sasParameters';
import { type StringLiteral, findJoinedLiteral, findLiteral } from './stringLiteral';
import { literalSyntaxFor } from '../parse/literalSyntax';
import { joinedLiteralContent } from '../parse/splitLiterals';

export interface EnvReferenceContext {
  /** VS Code language id (may be `plaintext`: the file name is used too). */
  readonly languageId?: string;
  /** File name or path; decides Dockerfile, .env, Terraform, Bicep, GitHub Actions and Azure Pipelines. */
  readonly fileName?: string;
  /** The user's setting: the variable name to use instead of a derived one. */
  readonly variableName?: string;
}

export interface EnvReferenceFix {
  /** Code action title. Names the variable, never the secret. */
  readonly title: string;
  readonly edits: FixEdit[];
  /** The environment variable the code now reads. */
  readonly variableName: string;
  /**
   * The value the program used to see (separators and escapes of the token's encoding undone), for
   * the ".env" move. The glue must never log or display it.
   */
  readonly secretValue: string;
  /** False when the file type has no way to read the environment and a placeholder was written instead. */
  readonly hasReferenceSyntax: boolean;
  /** False in a .env file (it is the env file itself): the glue must not append the value to a .env. */
  readonly offerEnvFileMove: boolean;
  /** The syntax the fix was written in. */
  readonly language: FixLanguage;
}

interface SecretRegion {
  readonly start: number;
  readonly end: number;
  readonly kind: SecretKind;
}

/** What leaves the code: the SAS parameters of a URL or query, a whole connection string or token, or a key value. */
export function secretRegion(text: string, finding: Finding): SecretRegion {
  const { range, secretRange } = finding;
  // A token split over string literals leaves as a whole: keeping its non-secret literals in code
  // would leave `+ "…"` pieces of a value that now comes from elsewhere.
  if (finding.literalCount !== undefined && finding.literalCount > 1) {
    return { start: range.start, end: range.end, kind: secretKindOf(finding, finding.container === 'url') };
  }
  if (finding.container === 'url' || finding.container === 'query') {
    // The detector's queryRange when the glue passed it along, else the query read here.
    const from = finding.queryRange?.start ?? queryStart(text, range.start, range.end, finding.encoding);
    const to = finding.queryRange?.end ?? range.end;
    const params = readParameters(text, from, to, finding.encoding);
    const sas = params.filter((p) => isSasKey(p.key));
    const first = sas[0];
    const last = sas[sas.length - 1];
    if (first && last && first.keyStart <= secretRange.start && last.valueEnd >= secretRange.end) {
      return { start: first.keyStart, end: last.valueEnd, kind: secretKindOf(finding, false) };
    }
    return { start: range.start, end: range.end, kind: secretKindOf(finding, finding.container === 'url') };
  }
  if (finding.container === 'key-assignment') {
    return { start: secretRange.start, end: secretRange.end, kind: secretKindOf(finding, false) };
  }
  return { start: range.start, end: range.end, kind: secretKindOf(finding, false) };
}

const KIND_LABELS: Readonly<Record<SecretKind, string>> = {
  'sas-token': 'SAS token',
  'sas-url': 'SAS URL',
  'connection-string': 'connection string',
  'account-key': 'account key',
  'servicebus-sas-token': 'Service Bus SAS token',
  'servicebus-key': 'shared access key',
};

interface Built {
  readonly replaceStart: number;
  readonly replaceEnd: number;
  readonly newText: string;
  /** Code that reads the variable, shown in the title. */
  readonly reference: string;
  readonly notes: string[];
  readonly hasReferenceSyntax: boolean;
  readonly needsImport: boolean;
  readonly verb?: string;
}

/**
 * Replaces the token's secret part with an environment reference in the file's language. A finding
 * whose ranges do not fit the text (stale) gets no edits.
 */
export function envReferenceFix(text: string, finding: Finding, ctx: EnvReferenceContext = {}): EnvReferenceFix {
  const language = resolveFixLanguage(ctx.languageId, ctx.fileName);
  const { range, secretRange } = finding;
  if (range.start < 0 || range.end > text.length || range.start >= range.end || secretRange.start < range.start || secretRange.end > range.end) {
    // A finding from another version of the text: nothing safe to edit.
    return { title: '', edits: [], variableName: '', secretValue: '', hasReferenceSyntax: false, offerEnvFileMove: false, language };
  }
  const region = secretRegion(text, finding);
  const joined = finding.literalCount !== undefined && finding.literalCount > 1;
  const found = joined ? findJoinedLiteral(text, region.start, region.end, language) : findLiteral(text, region.start, region.end, language);
  const literal = found.kind === 'literal' ? found.literal : undefined;
  // The name is read before the literal, or before the whole token (the URL's start) when unquoted.
  const context = contextIdentifier(text, literal ? literal.start : unquotedValueStart(text, Math.min(region.start, finding.range.start)));
  const variableName = chooseVariableName(finding, region.kind, context, ctx.variableName);
  const kindLabel = KIND_LABELS[region.kind];
  const secretValue = joined
    ? joinedRuntimeValue(text, region, finding, ctx)
    : runtimeValue(text.slice(region.start, region.end), finding, language);

  const built =
    found.kind === 'comment'
      ? placeholderInPlace(region, `<${variableName}>`, ['the token is in a comment'])
      : buildForLanguage(text, region, literal, language, variableName, {
          jsx: /react$/i.test(ctx.languageId ?? '') || /\.[jt]sx$/i.test(ctx.fileName ?? ''),
          notebook: /\.ipynb$/i.test(ctx.fileName ?? ''),
        });

  const edits: FixEdit[] = [{ start: built.replaceStart, end: built.replaceEnd, newText: built.newText }];
  let importNote = '';
  if (built.needsImport) {
    const imp = language === 'python' ? pythonImportOsEdit(text) : language === 'go' ? goImportOsEdit(text) : undefined;
    if (imp) {
      edits.push(imp);
      importNote = language === 'python' ? 'adds import os' : 'adds import "os"';
    }
  }
  const notes = [...built.notes];
  if (importNote) notes.unshift(importNote);
  const verb = built.verb ?? `Replace the ${kindLabel} with`;
  const title = `${verb}${built.reference ? ` ${built.reference}` : ''}${notes.length ? ` (${notes.join('; ')})` : ''}`;
  return {
    title,
    edits: mergeTouching(sortEdits(edits)),
    variableName,
    secretValue,
    hasReferenceSyntax: built.hasReferenceSyntax,
    offerEnvFileMove: language !== 'dotenv',
    language,
  };
}

/** An insertion that ends where the next edit starts is merged into it, so no client has to order them. */
function mergeTouching(edits: FixEdit[]): FixEdit[] {
  const out: FixEdit[] = [];
  for (const e of edits) {
    const prev = out[out.length - 1];
    if (prev && prev.end === e.start && prev.start === prev.end) {
      out[out.length - 1] = { start: prev.start, end: e.end, newText: prev.newText + e.newText };
    } else {
      out.push(e);
    }
  }
  return out;
}

/** For an unquoted value (YAML, .env, Dockerfile), the start of the whole value, so the name before it can be read. */
function unquotedValueStart(text: string, pos: number): number {
  let p = pos;
  while (p > 0 && !/[\s=:"'(]/.test(text[p - 1]!)) p--;
  if (p > 0 && /["']/.test(text[p - 1]!)) p--;
  return p;
}

/** The value the program saw: pieces of a split literal joined, line continuations and the encoding undone. */
function runtimeValue(raw: string, finding: Finding, language: FixLanguage): string {
  let value = raw;
  if (/["'`]/.test(value)) {
    value = value.replace(/["'`][ \t]*(?:\+|\.{1,2})?[ \t]*(?:\\?\r?\n[ \t]*)*(?:\+|\.{1,2})?[ \t]*[@$fFrRuUbB]{0,2}["'`]/g, '');
  }
  if (language !== 'markdown' && language !== 'json' && language !== 'xml') value = value.replace(/\\\r?\n[ \t]*/g, '');
  if (language === 'powershell') value = value.replace(/`\r?\n[ \t]*/g, '');
  return decodeTokenText(value, finding.encoding);
}

/** The value a program saw for a token joined from several literals, read with the language's own joining. */
function joinedRuntimeValue(text: string, region: SecretRegion, finding: Finding, ctx: EnvReferenceContext): string {
  const syntax = literalSyntaxFor(ctx.languageId, ctx.fileName);
  const raw = syntax ? joinedLiteralContent(text, region.start, region.end, syntax) : text.slice(region.start, region.end);
  return decodeTokenText(raw, finding.encoding);
}

function placeholderInPlace(region: SecretRegion, placeholder: string, notes: string[]): Built {
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

function inPlace(region: SecretRegion, reference: string, notes: string[] = [], shown = reference): Built {
  return { replaceStart: region.start, replaceEnd: region.end, newText: reference, reference: shown, notes, hasReferenceSyntax: true, needsImport: false };
}

interface Pieces {
  /** Source text of the opening delimiter with its prefix. */
  readonly open: string;
  readonly close: string;
  /** Literal content before and after the secret, as written in the source. */
  readonly pre: string;
  readonly post: string;
}

function piecesOf(text: string, lit: StringLiteral, region: SecretRegion): Pieces {
  return {
    open: lit.opening ?? text.slice(lit.start, lit.contentStart),
    close: lit.closing ?? text.slice(lit.contentEnd, lit.end),
    pre: text.slice(lit.contentStart, region.start),
    post: text.slice(region.end, lit.contentEnd),
  };
}

function wholeLiteral(lit: StringLiteral, newText: string, reference: string, notes: string[] = [], needsImport = false): Built {
  return { replaceStart: lit.start, replaceEnd: lit.end, newText, reference, notes, hasReferenceSyntax: true, needsImport };
}

/** `"pre" + REF + "post"` with the literal's own delimiters; parenthesised when a member access follows. */
function concatenation(text: string, lit: StringLiteral, p: Pieces, reference: string, operator: string, memberAccess = true): string {
  const parts = [p.pre ? p.open + p.pre + p.close : undefined, reference, p.post ? p.open + p.post + p.close : undefined].filter(
    (x): x is string => x !== undefined,
  );
  const joined = parts.join(` ${operator} `);
  if (parts.length > 1 && memberAccess && /^\s*(\?\.|\.|\[)/.test(text.slice(lit.end, lit.end + 8))) return `(${joined})`;
  return joined;
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

function escapeBraces(s: string): string {
  return s.replace(/\{/g, '{{').replace(/\}/g, '}}');
}

function toCamel(name: string): string {
  const parts = name.toLowerCase().split('_').filter(Boolean);
  return parts.map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1))).join('') || 'sasToken';
}

function buildForLanguage(
  text: string,
  region: SecretRegion,
  lit: StringLiteral | undefined,
  language: FixLanguage,
  name: string,
  file: { readonly jsx: boolean; readonly notebook: boolean },
): Built {
  const p = lit ? piecesOf(text, lit, region) : undefined;
  const whole = p !== undefined && p.pre === '' && p.post === '';
  switch (language) {
    case 'javascript':
    case 'typescript': {
      const bang = language === 'typescript' ? '!' : '';
      const ref = `process.env.${name}`;
      if (!lit || !p) return inPlace(region, ref + bang);
      // A JSX attribute value (`<img src="…">`) takes an expression only in braces.
      const braces = file.jsx && isJsxAttributeValue(text, lit.start) ? (s: string): string => `{${s}}` : (s: string): string => s;
      if (whole) return wholeLiteral(lit, braces(ref + bang), ref);
      if (lit.quote === '`') return wholeLiteral(lit, braces(`${p.open}${p.pre}\${${ref}}${p.post}${p.close}`), ref);
      return wholeLiteral(lit, braces(concatenation(text, lit, p, ref + bang, '+')), ref);
    }
    case 'python': {
      if (!lit || !p) return { ...inPlace(region, `os.environ["${name}"]`), needsImport: true };
      const letters = lit.prefix.replace(/[uU]/g, '');
      const adjacentLiteral = /["']\s*$/.test(text.slice(Math.max(0, lit.start - 4), lit.start)) || /^\s*[rRbBuUfF]{0,2}["']/.test(text.slice(lit.end, lit.end + 6));
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
    }
    case 'csharp': {
      const ref = `Environment.GetEnvironmentVariable("${name}")`;
      if (!lit || !p) return inPlace(region, ref);
      const notes = constNote(text, lit, /\bconst\b/);
      if (whole) return wholeLiteral(lit, ref, ref, notes);
      const dollars = (lit.prefix.match(/\$/g) ?? []).length;
      if (dollars > 0) {
        return wholeLiteral(lit, `${p.open}${p.pre}${'{'.repeat(dollars)}${ref}${'}'.repeat(dollars)}${p.post}${p.close}`, ref, notes);
      }
      return wholeLiteral(lit, concatenation(text, lit, p, ref, '+'), ref, notes);
    }
    case 'java': {
      const ref = `System.getenv("${name}")`;
      if (!lit || !p) return inPlace(region, ref);
      if (inAnnotation(text, lit)) return inPlace(region, `\${${name}}`, [ANNOTATION_NOTE], `\${${name}}`);
      if (whole) return wholeLiteral(lit, ref, ref);
      if (lit.triple) {
        const esc = (s: string): string => s.replace(/%/g, '%%');
        return wholeLiteral(lit, `${p.open}${esc(p.pre)}%s${esc(p.post)}${p.close}.formatted(${ref})`, ref);
      }
      return wholeLiteral(lit, concatenation(text, lit, p, ref, '+'), ref);
    }
    case 'kotlin': {
      const ref = `System.getenv("${name}")`;
      if (!lit || !p) return inPlace(region, ref);
      if (inAnnotation(text, lit)) return inPlace(region, `\\\${${name}}`, [ANNOTATION_NOTE], `\${${name}}`);
      const notes = constNote(text, lit, /\bconst\s+val\b/);
      if (whole) return wholeLiteral(lit, ref, ref, notes);
      return wholeLiteral(lit, `${p.open}${p.pre}\${${ref}}${p.post}${p.close}`, ref, notes);
    }
    case 'go': {
      const ref = `os.Getenv("${name}")`;
      if (!lit || !p) return { ...inPlace(region, ref), needsImport: true };
      const notes = constNote(text, lit, /\bconst\b/);
      if (whole) return wholeLiteral(lit, ref, ref, notes, true);
      return wholeLiteral(lit, concatenation(text, lit, p, ref, '+'), ref, notes, true);
    }
    case 'rust': {
      const ref = `std::env::var("${name}").expect("${name} is not set")`;
      const shown = `std::env::var("${name}")`;
      if (!lit || !p) return inPlace(region, ref, [], shown);
      const notes = [...constNote(text, lit, /\b(const|static)\b/), 'a String now'];
      if (whole) return wholeLiteral(lit, ref, shown, notes);
      return wholeLiteral(lit, `format!(${p.open}${escapeBraces(p.pre)}{}${escapeBraces(p.post)}${p.close}, ${ref})`, shown, notes);
    }
    case 'ruby': {
      const ref = `ENV.fetch("${name}")`;
      if (!lit || !p) return inPlace(region, ref);
      if (whole) return wholeLiteral(lit, ref, ref);
      if (lit.quote === '"') return wholeLiteral(lit, `${p.open}${p.pre}#{${ref}}${p.post}${p.close}`, ref);
      return wholeLiteral(lit, concatenation(text, lit, p, ref, '+'), ref);
    }
    case 'php': {
      const ref = `getenv('${name}')`;
      if (!lit || !p) return inPlace(region, ref);
      if (whole) return wholeLiteral(lit, ref, ref);
      return wholeLiteral(lit, concatenation(text, lit, p, ref, '.', false), ref);
    }
    case 'powershell': {
      const shown = `$env:${name}`;
      if (!lit || !p) return inPlace(region, shown);
      if (whole) return wholeLiteral(lit, shown, shown);
      const ref = /^[\w:?]/.test(p.post) ? `\${env:${name}}` : shown;
      if (lit.quote === '"') return wholeLiteral(lit, `${p.open}${p.pre}${ref}${p.post}${p.close}`, shown);
      // A single-quoted string does not expand: rewrite it double-quoted, escaping what would expand.
      const toDouble = (s: string): string => s.replace(/''/g, "'").replace(/[`$"]/g, (c) => `\`${c}`);
      return wholeLiteral(lit, `"${toDouble(p.pre)}${ref}${toDouble(p.post)}"`, shown);
    }
    case 'shell': {
      const ref = `\${${name}}`;
      if (!lit || !p) return inPlace(region, `"${ref}"`, [], `"${ref}"`);
      if (lit.quote === '"') return wholeLiteral(lit, `${p.open}${p.pre}${ref}${p.post}${p.close}`, `"${ref}"`);
      const parts = [p.pre ? p.open + p.pre + p.close : '', `"${ref}"`, p.post ? p.open + p.post + p.close : ''];
      return wholeLiteral(lit, parts.join(''), `"${ref}"`);
    }
    case 'bat':
      return inPlace(region, `%${name}%`);
    case 'github-actions':
      return inPlace(region, `\${{ secrets.${name} }}`, [`add the repository secret ${name}`]);
    case 'azure-pipelines':
      return inPlace(region, `$(${name})`, [`define ${name} as a secret pipeline variable; map it into env: for scripts`]);
    case 'yaml':
      return inPlace(region, `\${${name}}`, ['expanded by tools that read the environment, such as docker compose']);
    case 'dockerfile':
      return inPlace(region, `\${${name}}`, [
        `declare ARG ${name} or use a BuildKit secret mount: ARG and ENV values stay in the image layers`,
      ]);
    case 'terraform': {
      const varName = name.toLowerCase();
      const ref = `var.${varName}`;
      const notes = [`declare variable "${varName}" with sensitive = true; set TF_VAR_${varName}`];
      if (lit && whole) return wholeLiteral(lit, ref, ref, notes);
      return inPlace(region, `\${${ref}}`, notes, ref);
    }
    case 'bicep': {
      const param = toCamel(name);
      const notes = [`declare @secure() param ${param} string`];
      if (lit && whole) return wholeLiteral(lit, param, `the parameter ${param}`, notes);
      return inPlace(region, `\${${param}}`, notes, `the parameter ${param}`);
    }
    case 'bicepparam': {
      const ref = `readEnvironmentVariable('${name}')`;
      if (lit && whole) return wholeLiteral(lit, ref, ref);
      return inPlace(region, `\${${ref}}`, [], ref);
    }
    case 'dotenv':
      return dotenvFix(text, region, name);
    case 'json':
      if (file.notebook) {
        return placeholderInPlace(region, `\${${name}}`, [`notebook JSON: in the code cell read it with os.environ["${name}"]; clear outputs that printed it`]);
      }
      return placeholderInPlace(region, `\${${name}}`, [`JSON has no environment reference: supply ${name} at run time`]);
    case 'xml':
      return placeholderInPlace(region, `\${${name}}`, [`XML has no environment reference: supply ${name} at run time`]);
    case 'markdown':
      return placeholderInPlace(region, `<${name}>`, ['Markdown has no environment reference']);
    case 'unknown':
      return placeholderInPlace(region, `\${${name}}`, ['no environment reference syntax known for this file type']);
  }
}

/**
 * A .env file is the environment file itself: the value is emptied when it is the whole value of its
 * own variable (keep the real one out of version control), else replaced by `${NAME}` (dotenv-expand
 * and docker compose expand it).
 */
function dotenvFix(text: string, region: SecretRegion, name: string): Built {
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
