// Maps a line of an esbuild bundle back to the source file it came from, by the `// path` comment
// esbuild writes at the start of each file's section: the CPU-profile tools (bench/tools) name
// source files with it, without needing a source map.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** For an esbuild bundle without a source map: line → original file, from its `// path` comments. */
export function bundleSections(url: string): ((line: number) => string) | undefined {
  if (!url.startsWith('file://')) return undefined;
  const path = fileURLToPath(url);
  if (!existsSync(path)) return undefined;
  const lines = readFileSync(path, 'utf8').split('\n');
  const marks: { line: number; file: string }[] = [];
  lines.forEach((l, i) => {
    const m = /^\/\/ ((?:server|client|node_modules|bench)\/\S+)$/.exec(l);
    if (m) marks.push({ line: i, file: m[1]! });
  });
  if (marks.length === 0) return undefined;
  return (line) => {
    let file = '(bundle prelude)';
    for (const m of marks) {
      if (m.line > line) break;
      file = m.file;
    }
    return file;
  };
}
