// The `exclude` setting: globs relative to the workspace folder (or absolute). A glob that matches a
// folder excludes everything under it, as VS Code's files.exclude does.
import picomatch from 'picomatch';
import * as path from 'node:path';

export type PathMatcher = (filePath: string) => boolean;

export function createExcludeMatcher(globs: readonly string[], folder: string | undefined): PathMatcher {
  const usable = globs.filter((g) => g.trim() !== '');
  if (usable.length === 0) return () => false;
  let isMatch: (p: string) => boolean;
  try {
    isMatch = picomatch(usable.map(toPosix), { dot: true, nocase: process.platform === 'win32' });
  } catch {
    return () => false;
  }
  return (filePath: string) => {
    const candidates: string[] = [];
    const absolute = toPosix(filePath);
    if (folder !== undefined) {
      const rel = path.relative(folder, filePath);
      if (rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel)) candidates.push(toPosix(rel));
    }
    candidates.push(absolute);
    for (const candidate of candidates) {
      // The path itself and every ancestor folder.
      let current = candidate;
      for (;;) {
        if (isMatch(current)) return true;
        const cut = current.lastIndexOf('/');
        if (cut <= 0) break;
        current = current.slice(0, cut);
      }
    }
    // A bare name such as "secrets.txt" matches that name anywhere.
    const base = path.basename(filePath);
    return usable.some((g) => !/[/\\]/.test(g) && !/[*?[\]{}]/.test(g) && g === base);
  };
}

function toPosix(p: string): string {
  return p.replace(/\\/g, '/');
}
