// Making sure the .env that received a secret is git-ignored, with git's own matching rules
// (globs, `*.env`, `.env*`, directory patterns, negations) as the `ignore` package implements them.
import ignore from 'ignore';

export interface GitignorePlan {
  /** Text to append at the end of .gitignore. */
  readonly appendText: string;
}

/**
 * undefined when `entry` (a path relative to the .gitignore's folder, `/`-separated) is already
 * ignored; else the line to append. An appended line comes last, so it also overrides an earlier
 * negation such as `!.env`.
 */
export function gitignorePlan(existingGitignoreText: string | undefined, entry = '.env'): GitignorePlan | undefined {
  const text = existingGitignoreText ?? '';
  const path = entry.replace(/\\/g, '/').replace(/^\.\//, '').replace(/^\/+/, '');
  if (text.trim() !== '' && ignore().add(text).ignores(path)) return undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lead = text.length > 0 && !text.endsWith('\n') ? eol : '';
  // A leading `/` anchors the entry to this folder only when it has no other slash; keep the entry as given.
  return { appendText: `${lead}${path}${eol}` };
}
