// `"os"` for a Go fix that calls os.Getenv: into the import block (in sorted position within its
// first group), after single-line imports, or as a new `import "os"` after the package clause.
import type { FixEdit } from '../findings/types';

export function goImportsOs(text: string): boolean {
  return /(^|\n)[ \t]*(import[ \t]+)?(os[ \t]+)?"os"[ \t]*(\/\/[^\n]*)?\r?(\n|$)/.test(text);
}

export function goImportOsEdit(text: string): FixEdit | undefined {
  if (goImportsOs(text)) return undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const block = /(^|\n)import[ \t]*\([ \t]*\r?\n/.exec(text);
  if (block) {
    let pos = block.index + block[0].length;
    let indent = '\t';
    let first = true;
    for (;;) {
      const nl = text.indexOf('\n', pos);
      const lineEnd = nl < 0 ? text.length : nl;
      const line = text.slice(pos, lineEnd).replace(/\r$/, '');
      const path = /^([ \t]*)(?:[\w.]+[ \t]+)?"([^"]+)"/.exec(line);
      if (first && path) indent = path[1]! || '\t';
      first = false;
      if (/^[ \t]*\)/.test(line) || line.trim() === '' || (path && path[2]! > 'os') || nl < 0) {
        return { start: pos, end: pos, newText: `${indent}"os"${eol}` };
      }
      pos = nl + 1;
    }
  }
  let lastSingle: RegExpExecArray | null = null;
  const single = /(^|\n)import[ \t]+(?:[\w.]+[ \t]+)?"[^"\n]+"[^\n]*?(?=\r?\n|$)/g;
  for (let m = single.exec(text); m; m = single.exec(text)) lastSingle = m;
  if (lastSingle) {
    const end = lastSingle.index + lastSingle[0].length;
    return { start: end, end, newText: `${eol}import "os"` };
  }
  const pkg = /(^|\n)package[ \t]+\w+[^\n]*?(?=\r?\n|$)/.exec(text);
  if (pkg) {
    const end = pkg.index + pkg[0].length;
    return { start: end, end, newText: `${eol}${eol}import "os"` };
  }
  return { start: 0, end: 0, newText: `import "os"${eol}${eol}` };
}
