// Which open documents git ignores, by the walker's own rules (the workspace scan never reads those
// files): `.git/info/exclude` and the `.gitignore` files above the workspace folder
// (`repositoryIgnores`), then every `.gitignore` from the folder down to the file, deeper ones
// winning, negations re-including, a file under an ignored directory ignored. A secret in such a
// file stays out of the repository, so it is reported at grade info with the reason (see
// `asGitIgnored`), not as an error.
//
// Rules are cached per directory (and the levels above each folder per folder), decisions per file:
// a keystroke costs a map lookup. An open `.gitignore` is read from the document store in preference
// to disk (the .env move writes one as part of its WorkspaceEdit; its rule counts before it is saved).
// The cache is dropped when a `.gitignore` or `.git/info/exclude` is opened, changed, saved, closed
// or reported changed on disk (didChangeWatchedFiles), and on any didOpen (a file opened after an
// edit applied to disk behind the server's back sees the rules on disk now).
import * as path from 'node:path';
import type { Ignore } from 'ignore';
import type { Finding } from '../core/findings/types';
import { createMatcher, IgnoreStack, loadIgnoreFile } from '../walker/ignoreRules';
import { repositoryIgnores } from '../walker/repositoryIgnores';

/** Appended to a finding's message (before the grade) in a git-ignored file. */
export const GIT_IGNORED_NOTE = 'this file is git-ignored, keep it out of the repository';

export class GitIgnoredFiles {
  /** Per workspace folder: `.git/info/exclude` and the `.gitignore` files above the folder. */
  private readonly bases = new Map<string, Promise<IgnoreStack>>();
  /** Per directory: its `.gitignore` (undefined: none, or no rules). */
  private readonly levels = new Map<string, Promise<Ignore | undefined>>();
  /** Per folder and file: the decision. */
  private readonly decisions = new Map<string, Promise<boolean>>();
  private currentGeneration = 0;

  /** `openText(path)`: the text of an open document for that file path, if any. */
  constructor(private readonly openText: (filePath: string) => string | undefined) {}

  /** Bumped whenever the cache is dropped; a decision taken across a bump may be stale. */
  get generation(): number {
    return this.currentGeneration;
  }

  /** Whether git ignores `filePath`, a file inside the workspace folder `folder` (both absolute). */
  isIgnored(filePath: string, folder: string): Promise<boolean> {
    const key = `${folder}\0${filePath}`;
    let decision = this.decisions.get(key);
    if (decision === undefined) {
      decision = this.decide(filePath, folder).catch(() => false);
      this.decisions.set(key, decision);
    }
    return decision;
  }

  /** Drops every cached rule and decision. */
  invalidate(): void {
    this.bases.clear();
    this.levels.clear();
    this.decisions.clear();
    this.currentGeneration++;
  }

  private async decide(filePath: string, folder: string): Promise<boolean> {
    const rel = path.relative(folder, filePath);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return false;
    // As the walk goes: each directory's .gitignore joins the stack before its entries are tested,
    // and an ignored directory is never entered.
    let stack = await this.base(folder);
    let dir = folder;
    const parts = rel.split(path.sep);
    for (const name of parts.slice(0, -1)) {
      stack = stack.with(dir, await this.level(dir));
      dir = path.join(dir, name);
      if (stack.isIgnored(dir, true)) return true;
    }
    stack = stack.with(dir, await this.level(dir));
    return stack.isIgnored(filePath, false);
  }

  private base(folder: string): Promise<IgnoreStack> {
    let base = this.bases.get(folder);
    if (base === undefined) {
      base = repositoryIgnores(folder).catch(() => IgnoreStack.empty);
      this.bases.set(folder, base);
    }
    return base;
  }

  private level(dir: string): Promise<Ignore | undefined> {
    let level = this.levels.get(dir);
    if (level === undefined) {
      const file = path.join(dir, '.gitignore');
      const open = this.openText(file);
      level = open === undefined ? loadIgnoreFile(file).catch(() => undefined) : Promise.resolve(matcherOf(open));
      this.levels.set(dir, level);
    }
    return level;
  }
}

/** An open `.gitignore`'s rules, read as `loadIgnoreFile` reads the file (byte order mark dropped). */
function matcherOf(text: string): Ignore | undefined {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return body.trim() === '' ? undefined : createMatcher(body);
}

/** A document whose change can change ignore decisions: a `.gitignore` or `.git/info/exclude`. */
export function isIgnoreRulesFile(filePath: string): boolean {
  return path.basename(filePath) === '.gitignore' || filePath.endsWith(`${path.sep}.git${path.sep}info${path.sep}exclude`);
}

const GRADE_SUFFIX = / \u2014 (?:critical|high|medium|low|info)$/;

/**
 * A finding in a git-ignored file: grade info, the message saying why (same shape as other info
 * findings: "… — info"), the reason first among the hover's reasons.
 */
export function asGitIgnored(finding: Finding): Finding {
  const base = finding.message.replace(GRADE_SUFFIX, '');
  const was = finding.grade === 'info' ? '' : ` (${finding.grade} otherwise)`;
  return {
    ...finding,
    grade: 'info',
    message: `${base}; ${GIT_IGNORED_NOTE} — info`,
    reasons: [`in a git-ignored file: it stays out of the repository while the file is ignored${was}`, ...finding.reasons],
  };
}
