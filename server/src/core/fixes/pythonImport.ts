// `import os` for a Python fix that reads os.environ: added only when the module does not bind `os`
// yet, after a shebang, encoding line, license comments, the module docstring and any
// `from __future__` imports (which must stay first), before the first other statement.
import type { FixEdit } from '../findings/types';

interface Line {
  readonly start: number;
  readonly text: string;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    lines.push({ start, text: text.slice(start, end).replace(/\r$/, '') });
    if (nl < 0) break;
    start = nl + 1;
  }
  return lines;
}

export function pythonBindsOs(text: string): boolean {
  // Module level only: an `import os` inside a function does not bind `os` where the fix reads it
  // (a second `import os` at the top is harmless).
  const imports = /^import[ \t]+([^#\r\n]+)/gm;
  for (let m = imports.exec(text); m; m = imports.exec(text)) {
    for (const item of m[1]!.replace(/[()\\]/g, '').split(',')) {
      if (/^os(\.[\w.]+)?$/.test(item.trim())) return true;
    }
  }
  return false;
}

const BLANK_OR_COMMENT = /^[ \t]*(#.*)?$/;

/** The edit that adds `import os`, or undefined when the module already binds `os`. */
export function pythonImportOsEdit(text: string): FixEdit | undefined {
  if (pythonBindsOs(text)) return undefined;
  // The header (shebang, comments, docstring, __future__) is read from the first 64 KiB, or from the
  // whole text when it runs past them.
  return importEditAfterHeader(text, 64 * 1024) ?? importEditAfterHeader(text, text.length)!;
}

function importEditAfterHeader(text: string, window: number): FixEdit | undefined {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const partial = window < text.length;
  const lines = splitLines(partial ? text.slice(0, text.lastIndexOf('\n', window) + 1) : text);
  let i = 0;
  while (i < lines.length && BLANK_OR_COMMENT.test(lines[i]!.text)) i++;
  // Module docstring.
  const doc = i < lines.length ? /^[rRuU]?("""|'''|"|')/.exec(lines[i]!.text) : null;
  if (doc) {
    const delim = doc[1]!;
    const openEnd = lines[i]!.start + doc[0].length;
    const close = text.indexOf(delim, openEnd);
    if (close >= 0) {
      const closeLine = lines.findIndex((l) => l.start <= close && close <= l.start + l.text.length);
      if (closeLine < 0) return partial ? undefined : { start: text.length, end: text.length, newText: `${text.endsWith('\n') ? '' : eol}import os${eol}` };
      i = closeLine + 1;
    }
  }
  // `from __future__ import …` statements, possibly parenthesised over several lines.
  for (;;) {
    let j = i;
    while (j < lines.length && BLANK_OR_COMMENT.test(lines[j]!.text)) j++;
    if (j >= lines.length || !/^from[ \t]+__future__[ \t]+import\b/.test(lines[j]!.text)) break;
    let k = j;
    if (lines[k]!.text.includes('(') && !lines[k]!.text.includes(')')) {
      while (k < lines.length && !lines[k]!.text.includes(')')) k++;
    }
    while (k < lines.length && /\\$/.test(lines[k]!.text)) k++;
    i = k + 1;
  }
  let target = i;
  while (target < lines.length && BLANK_OR_COMMENT.test(lines[target]!.text)) target++;
  if (partial && target >= lines.length - 1) return undefined;
  if (target >= lines.length || (target === lines.length - 1 && lines[target]!.text === '')) {
    // Nothing but a docstring / comments: append.
    const needsNewline = text.length > 0 && !text.endsWith('\n');
    return { start: text.length, end: text.length, newText: `${needsNewline ? eol : ''}import os${eol}` };
  }
  const line = lines[target]!;
  const isImport = /^(import|from)[ \t]/.test(line.text);
  return { start: line.start, end: line.start, newText: `import os${eol}${isImport ? '' : eol}` };
}
