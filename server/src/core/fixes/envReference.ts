// "Replace with environment reference": the secret part of the token leaves the code and an
// environment reference takes its place, written in the file's own language and quoting. The
// non-secret part (scheme, host, path, non-SAS parameters, the `?`) stays in code. This file finds
// what leaves, the literal around it and the variable's name, and assembles the fix; each
// language's own syntax is a row of envReferenceLanguages.ts.
import type { Finding, FixEdit } from '../findings/types';
import { sortEdits } from './edits';
import { type SecretKind, chooseVariableName, contextIdentifier, secretKindOf } from './envVariableName';
import { type FixLanguage, resolveFixLanguage } from './fileLanguage';
import { goImportOsEdit } from './goImport';
import { pythonImportOsEdit } from './pythonImport';
import { decodeTokenText, isSasKey, queryStart, readParameters } from './sasParameters';
import { placeholderInPlace, referenceSite, REFERENCE_WRITERS, type SecretRegion } from './envReferenceLanguages';
import { findJoinedLiteral, findLiteral } from './stringLiteral';
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
  'iothub-sas-token': 'IoT Hub SAS token',
  'iothub-device-key': 'device key',
};

/**
 * Replaces the token's secret part with an environment reference in the file's language. A finding
 * whose ranges do not fit the text (stale) gets no edits.
 */
export function envReferenceFix(text: string, finding: Finding, ctx: EnvReferenceContext = {}): EnvReferenceFix {
  const language = resolveFixLanguage(ctx.languageId, ctx.fileName);
  const { range, secretRange } = finding;
  if (finding.encoding === 'base64') {
    // The token is inside a base64 value (a Kubernetes Secret's data, …): replacing the value with an
    // environment reference would not be read as one there. What helps is the advice in the rule's
    // fix text: create the Secret from a secret store at deploy time, never from the repository.
    return { title: '', edits: [], variableName: '', secretValue: '', hasReferenceSyntax: false, offerEnvFileMove: false, language };
  }
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
  const secretValue = joined ? joinedRuntimeValue(text, region, finding, ctx) : runtimeValue(text.slice(region.start, region.end), finding, language);

  const built =
    found.kind === 'comment'
      ? placeholderInPlace(region, `<${variableName}>`, ['the token is in a comment'])
      : REFERENCE_WRITERS[language](
          referenceSite(text, region, literal, variableName, {
            jsx: /react$/i.test(ctx.languageId ?? '') || /\.[jt]sx$/i.test(ctx.fileName ?? ''),
            notebook: /\.ipynb$/i.test(ctx.fileName ?? ''),
          }),
        );

  const edits: FixEdit[] = [{ start: built.replaceStart, end: built.replaceEnd, newText: built.newText }];
  let importNote = '';
  if (built.needsImport) {
    const header = language === 'python' ? pythonImportOsEdit(text) : language === 'go' ? goImportOsEdit(text) : undefined;
    if (header) {
      // The import's place is read from the header, which in a file that does not parse (an
      // unclosed quote taken for a docstring) can fall inside the text being replaced: the import
      // then goes to the start of the replaced text's line, before the statement that uses it.
      const inside = header.start > built.replaceStart && header.start < built.replaceEnd;
      const lineStart = text.lastIndexOf('\n', built.replaceStart - 1) + 1;
      edits.push(inside ? { ...header, start: lineStart, end: lineStart } : header);
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
