// The config's `exclude` globs (gitignore syntax, relative to the config file's folder) in the two
// forms their users need: patterns for the walker, whose globs are relative to each scanned root
// (the CLI and the workspace scan), and a test of one file (an open document in the editor). One
// set of rules, so the CLI and the editor leave out the same files.
import { isAbsolute, join, relative, sep } from 'node:path';
import { createMatcher, testPath } from '../walker/ignoreRules';

/**
 * Patterns for the walker: a pattern with a slash (other than a trailing one) is anchored at the
 * config's folder, so it becomes absolute and the walker re-anchors it under each root it walks;
 * one without (`*.min.js`) matches at any depth, as in a .gitignore.
 */
export function excludeForWalker(patterns: readonly string[], configRoot: string): string[] {
  return patterns.map((pattern) => {
    const negated = pattern.startsWith('!');
    const body = negated ? pattern.slice(1) : pattern;
    const withoutTrailing = body.replace(/\/+$/, '');
    if (!withoutTrailing.includes('/') || withoutTrailing.startsWith('**/')) return pattern;
    const absolute = join(configRoot, withoutTrailing.replace(/^\/+/, '')) + (body.endsWith('/') ? '/' : '');
    return `${negated ? '!' : ''}${sep === '/' ? absolute : absolute.split(sep).join('/')}`;
  });
}

/** Whether the config's exclude globs leave out the file at `filePath` (absolute). */
export function createConfigExcludeTest(patterns: readonly string[], configRoot: string): (filePath: string) => boolean {
  if (patterns.length === 0) return () => false;
  const matcher = createMatcher(patterns);
  return (filePath) => {
    const rel = relative(configRoot, filePath);
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return false;
    return testPath(matcher, sep === '/' ? rel : rel.split(sep).join('/')).ignored;
  };
}
