// Git's ignore semantics over a directory tree: every `.gitignore` applies to its own directory and
// below, with paths relative to it; deeper files win over shallower ones, and within one file the
// last matching line wins (so `!negations` re-include). `.git/info/exclude` is the weakest level.
import ignore, { type Ignore } from 'ignore';
import { asyncListingFs, type ListingFs } from './listingFs';
import { relative, sep } from 'node:path';

/** Git matches case-insensitively where the file system usually is (core.ignorecase). */
const IGNORE_CASE = process.platform === 'darwin' || process.platform === 'win32';

export function createMatcher(patterns: string | readonly string[]): Ignore {
  try {
    return ignore({ ignorecase: IGNORE_CASE }).add(patterns);
  } catch {
    // `ignore` escapes what it cannot parse; should a pattern still throw, the rules are dropped
    // one by one rather than the walk failing.
    const matcher = ignore({ ignorecase: IGNORE_CASE });
    for (const pattern of typeof patterns === 'string' ? patterns.split(/\r?\n/) : patterns) {
      try {
        matcher.add(pattern);
      } catch {
        // skip this pattern
      }
    }
    return matcher;
  }
}

interface IgnoreLevel {
  /** Absolute directory the patterns are relative to. */
  readonly base: string;
  readonly matcher: Ignore;
}

/** An immutable chain of ignore files, shallowest first. */
export class IgnoreStack {
  static readonly empty = new IgnoreStack([]);

  private constructor(private readonly levels: readonly IgnoreLevel[]) {}

  with(base: string, matcher: Ignore | undefined): IgnoreStack {
    return matcher ? new IgnoreStack([...this.levels, { base, matcher }]) : this;
  }

  /** Whether git would ignore `absolutePath` (its parent directories are assumed not ignored). */
  isIgnored(absolutePath: string, isDirectory: boolean): boolean {
    let ignored = false;
    for (const level of this.levels) {
      const rel = relativeBelow(level.base, absolutePath);
      if (rel === '' || rel.startsWith('../') || rel === '..') continue;
      const result = testPath(level.matcher, isDirectory ? `${rel}/` : rel);
      if (result.ignored) ignored = true;
      else if (result.unignored) ignored = false;
    }
    return ignored;
  }
}

/** Tests a relative posix path; `ignore` throws on names it cannot take (such as "..."), which match nothing. */
export function testPath(matcher: Ignore, path: string): { ignored: boolean; unignored: boolean } {
  try {
    return matcher.test(path);
  } catch {
    return { ignored: false, unignored: false };
  }
}

/** Reads an ignore file; undefined when it is missing, unreadable or has no rules. */
export async function loadIgnoreFile(path: string, fs: ListingFs = asyncListingFs): Promise<Ignore | undefined> {
  let text: string;
  try {
    text = await fs.readTextFile(path);
  } catch {
    return undefined;
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (!/^[ \t]*[^#\s]/m.test(text)) return undefined;
  return createMatcher(text);
}

/**
 * `path` relative to `base`, posix. Walked paths are built below their bases, so cutting the prefix
 * is what `relative` would give, without resolving both paths again for each of thousands of files.
 */
function relativeBelow(base: string, path: string): string {
  if (sep === '/' && path.length > base.length && path.startsWith(base) && (base.endsWith('/') || path.charCodeAt(base.length) === 0x2f)) {
    const rel = path.slice(base.endsWith('/') ? base.length : base.length + 1);
    // Anything `relative` would normalise ("a//b", "a/./b", "a/../b") goes the long way.
    if (!rel.includes('//') && !rel.endsWith('/') && !/(?:^|\/)\.\.?(?:\/|$)/.test(rel)) return rel;
  }
  return toPosix(relative(base, path));
}

export function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}
