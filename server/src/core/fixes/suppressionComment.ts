// "Mark as reviewed": a `sas-guard-ignore-next-line` comment on a new line above the finding, in the
// file's comment syntax and with the line's indentation. The detector matches the marker as plain
// text on the finding's line or the line above (core/scan/suppression.ts).
import type { Finding, FixEdit } from '../findings/types';
import { isDockerfilePath, isDotenvPath, resolveFixLanguage } from './fileLanguage';
import { findLiteral } from './stringLiteral';

export const IGNORE_NEXT_LINE_MARKER = 'sas-guard-ignore-next-line';
export const IGNORE_LINE_MARKER = 'sas-guard-ignore';

interface CommentSyntax {
  readonly open: string;
  readonly close: string;
}

const HASH: CommentSyntax = { open: '# ', close: '' };
const SLASHES: CommentSyntax = { open: '// ', close: '' };
const HTML: CommentSyntax = { open: '<!-- ', close: ' -->' };
const DASHES: CommentSyntax = { open: '-- ', close: '' };
const BLOCK: CommentSyntax = { open: '/* ', close: ' */' };
const JSX: CommentSyntax = { open: '{/* ', close: ' */}' };
const REM: CommentSyntax = { open: 'REM ', close: '' };
const APOSTROPHE: CommentSyntax = { open: "' ", close: '' };
const SEMICOLON: CommentSyntax = { open: '; ', close: '' };
const PERCENT: CommentSyntax = { open: '% ', close: '' };
// Syntaxes whose comment may follow code on the same line (REM, ' and ; may not, or not everywhere).
const TRAILING_OK = new Set<CommentSyntax>([HASH, SLASHES, HTML, DASHES, BLOCK, JSX]);

const BY_LANGUAGE: Readonly<Record<string, CommentSyntax | null>> = {
  javascript: SLASHES,
  javascriptreact: SLASHES,
  typescript: SLASHES,
  typescriptreact: SLASHES,
  csharp: SLASHES,
  java: SLASHES,
  kotlin: SLASHES,
  go: SLASHES,
  rust: SLASHES,
  c: SLASHES,
  cpp: SLASHES,
  swift: SLASHES,
  scala: SLASHES,
  groovy: SLASHES,
  dart: SLASHES,
  fsharp: SLASHES,
  php: SLASHES,
  bicep: SLASHES,
  'bicep-params': SLASHES,
  jsonc: SLASHES,
  json5: SLASHES,
  objectivec: SLASHES,
  'objective-c': SLASHES,
  zig: SLASHES,
  python: HASH,
  shellscript: HASH,
  powershell: HASH,
  yaml: HASH,
  dockerfile: HASH,
  ruby: HASH,
  perl: HASH,
  r: HASH,
  toml: HASH,
  dotenv: HASH,
  properties: HASH,
  makefile: HASH,
  terraform: HASH,
  'terraform-vars': HASH,
  hcl: HASH,
  ignore: HASH,
  elixir: HASH,
  julia: HASH,
  nim: HASH,
  coffeescript: HASH,
  cmake: HASH,
  'github-actions-workflow': HASH,
  'azure-pipelines': HASH,
  nix: HASH,
  tcl: HASH,
  plaintext: HASH,
  markdown: HTML,
  html: HTML,
  xml: HTML,
  xsl: HTML,
  svg: HTML,
  vue: HTML,
  razor: HTML,
  aspnetcorerazor: HTML,
  sql: DASHES,
  lua: DASHES,
  haskell: DASHES,
  css: BLOCK,
  scss: SLASHES,
  less: SLASHES,
  bat: REM,
  vb: APOSTROPHE,
  ini: SEMICOLON,
  latex: PERCENT,
  tex: PERCENT,
  matlab: PERCENT,
  erlang: PERCENT,
  // JSON has no comments at all: no suppression comment can be added.
  json: null,
};

const BY_EXTENSION: Readonly<Record<string, CommentSyntax | null>> = {
  js: SLASHES,
  mjs: SLASHES,
  cjs: SLASHES,
  jsx: SLASHES,
  ts: SLASHES,
  mts: SLASHES,
  cts: SLASHES,
  tsx: SLASHES,
  cs: SLASHES,
  java: SLASHES,
  kt: SLASHES,
  kts: SLASHES,
  go: SLASHES,
  rs: SLASHES,
  php: SLASHES,
  bicep: SLASHES,
  bicepparam: SLASHES,
  jsonc: SLASHES,
  c: SLASHES,
  h: SLASHES,
  cpp: SLASHES,
  swift: SLASHES,
  scala: SLASHES,
  py: HASH,
  sh: HASH,
  bash: HASH,
  zsh: HASH,
  ps1: HASH,
  psm1: HASH,
  yml: HASH,
  yaml: HASH,
  rb: HASH,
  pl: HASH,
  toml: HASH,
  env: HASH,
  properties: HASH,
  tf: HASH,
  tfvars: HASH,
  hcl: HASH,
  r: HASH,
  txt: HASH,
  conf: HASH,
  cfg: HASH,
  md: HTML,
  markdown: HTML,
  html: HTML,
  htm: HTML,
  xml: HTML,
  config: HTML,
  csproj: HTML,
  props: HTML,
  targets: HTML,
  resx: HTML,
  svg: HTML,
  sql: DASHES,
  lua: DASHES,
  css: BLOCK,
  scss: SLASHES,
  less: SLASHES,
  bat: REM,
  cmd: REM,
  vb: APOSTROPHE,
  vbs: APOSTROPHE,
  ini: SEMICOLON,
  json: null,
  ipynb: null,
};

/** Comment syntax for the file; null when the format has no comments (JSON); undefined when unknown. */
export function commentSyntaxFor(languageId: string | undefined, fileName: string | undefined): CommentSyntax | null | undefined {
  if (isDotenvPath(fileName) || isDockerfilePath(fileName)) return HASH;
  const base = (fileName ?? '').replace(/\\/g, '/').split('/').pop() ?? '';
  const dot = base.lastIndexOf('.');
  const ext = dot >= 0 ? base.slice(dot + 1).toLowerCase() : '';
  const id = (languageId ?? '').toLowerCase();
  // A generic id (plaintext) says less than a known extension.
  if (id && id !== 'plaintext' && id in BY_LANGUAGE) return BY_LANGUAGE[id];
  if (ext in BY_EXTENSION) return BY_EXTENSION[ext];
  if (id in BY_LANGUAGE) return BY_LANGUAGE[id];
  return undefined;
}

/**
 * The edit that adds the suppression comment, or undefined when no comment can be added:
 * JSON (no comment syntax; suppress it in settings or move the secret out instead), and a line
 * that continues the previous one (`\` or a PowerShell backtick) and itself continues, where
 * neither a line above nor a trailing comment would be valid. Where the previous line continues
 * onto this one, a trailing `sas-guard-ignore` comment is added at the end of the finding's line.
 * Unknown file types get a `#` line.
 */
export function suppressionFix(text: string, finding: Finding, languageId?: string, fileName?: string): FixEdit | undefined {
  const syntax = commentSyntaxFor(languageId, fileName);
  if (syntax === null) return undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const offset = Math.min(finding.range.start, text.length);
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const nl = text.indexOf('\n', offset);
  const lineEnd = nl < 0 ? text.length : text[nl - 1] === '\r' ? nl - 1 : nl;
  const line = text.slice(lineStart, lineEnd);
  let comment = syntax ?? HASH;
  const markdown = (languageId ?? '').toLowerCase() === 'markdown' || /\.(md|markdown)$/i.test(fileName ?? '');
  if (comment === HTML && markdown) {
    comment = fencedCodeComment(text, lineStart) ?? comment;
  } else if (comment === SLASHES && isJsxFile(languageId, fileName) && inJsxChildren(text, lineStart, line)) {
    comment = JSX;
  }
  const indent = /^[ \t]*/.exec(line)![0];
  const trailing = (): FixEdit | undefined =>
    TRAILING_OK.has(comment) ? { start: lineEnd, end: lineEnd, newText: ` ${comment.open}${IGNORE_LINE_MARKER}${comment.close}` } : undefined;
  // Inside a multi-line string (template literal, triple quotes, text block) a new line above would
  // become part of the string: a trailing comment is valid only when the string closes on this line.
  const language = resolveFixLanguage(languageId, fileName);
  const around = findLiteral(text, lineStart, lineStart, language);
  if (around.kind === 'literal' && around.literal.start < lineStart) {
    return around.literal.end <= lineEnd ? trailing() : undefined;
  }
  const prevLine = lineStart > 0 ? text.slice(text.lastIndexOf('\n', lineStart - 2) + 1, lineStart - 1).replace(/\r$/, '') : '';
  const continuation = language === 'powershell' ? /[`\\]$/ : /\\$/;
  if (lineStart > 0 && language !== 'dockerfile' && continuation.test(prevLine)) {
    // The previous line continues onto this one: a line above would cut the statement in two.
    return continuation.test(line) ? undefined : trailing();
  }
  return { start: lineStart, end: lineStart, newText: `${indent}${comment.open}${IGNORE_NEXT_LINE_MARKER}${comment.close}${eol}` };
}

// Code fence languages (```bash) and the comment that is invisible to them.
const FENCE_COMMENTS: Readonly<Record<string, CommentSyntax>> = {
  bash: HASH,
  sh: HASH,
  shell: HASH,
  zsh: HASH,
  console: HASH,
  shellscript: HASH,
  powershell: HASH,
  pwsh: HASH,
  ps1: HASH,
  python: HASH,
  py: HASH,
  yaml: HASH,
  yml: HASH,
  dockerfile: HASH,
  docker: HASH,
  ruby: HASH,
  rb: HASH,
  hcl: HASH,
  terraform: HASH,
  tf: HASH,
  toml: HASH,
  dotenv: HASH,
  env: HASH,
  ini: SEMICOLON,
  js: SLASHES,
  javascript: SLASHES,
  ts: SLASHES,
  typescript: SLASHES,
  jsx: SLASHES,
  tsx: SLASHES,
  csharp: SLASHES,
  cs: SLASHES,
  'c#': SLASHES,
  java: SLASHES,
  kotlin: SLASHES,
  kt: SLASHES,
  go: SLASHES,
  rust: SLASHES,
  rs: SLASHES,
  php: SLASHES,
  bicep: SLASHES,
  jsonc: SLASHES,
  c: SLASHES,
  cpp: SLASHES,
  swift: SLASHES,
  sql: DASHES,
  lua: DASHES,
  html: HTML,
  xml: HTML,
  bat: REM,
  cmd: REM,
};

/**
 * Inside a fenced code block of a Markdown file an HTML comment would show in the rendered code:
 * use the fenced language's comment (HTML comment when the language is unknown or has none).
 */
function fencedCodeComment(text: string, lineStart: number): CommentSyntax | undefined {
  let fence: { marker: string; lang: string } | undefined;
  let pos = 0;
  while (pos < lineStart) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(pos, end);
    const m = /^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)/.exec(line);
    if (m) {
      if (!fence) fence = { marker: m[1]!, lang: m[2]!.toLowerCase() };
      else if (m[1]!.startsWith(fence.marker[0]!) && m[1]!.length >= fence.marker.length && m[2] === '') fence = undefined;
    }
    if (nl < 0) break;
    pos = nl + 1;
  }
  return fence ? (FENCE_COMMENTS[fence.lang] ?? HTML) : undefined;
}

function isJsxFile(languageId: string | undefined, fileName: string | undefined): boolean {
  return /react$/i.test(languageId ?? '') || /\.[jt]sx$/i.test(fileName ?? '');
}

/**
 * A line that starts an element among JSX children (the previous line ends a tag): a `//` line there
 * would be rendered as text, so the comment goes in braces. After `(`, `=>`, `return` or `=` it is code.
 */
function inJsxChildren(text: string, lineStart: number, line: string): boolean {
  if (!/^\s*</.test(line)) return false;
  const before = text.slice(Math.max(0, lineStart - 400), lineStart).replace(/\s+$/, '');
  return /[^=]>$/.test(before);
}
