// Builds throw-away git repositories for the history tests: commits with fixed authors and dates
// (so the report's fields can be asserted), branches, merges, and the odd objects real repositories
// hold (submodules, LFS pointers, binaries). Runs the system git with no user or system config.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The environment of the fixture's own git calls: no global or system config, fixed identity. */
export function fixtureGitEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: 'Fixture Author',
    GIT_AUTHOR_EMAIL: 'author@example.com',
    GIT_COMMITTER_NAME: 'Fixture Committer',
    GIT_COMMITTER_EMAIL: 'committer@example.com',
  };
}

export class GitRepo {
  readonly path: string;
  private tick = 0;

  constructor(path?: string) {
    this.path = path ?? mkdtempSync(join(tmpdir(), 'sas-guard-history-'));
    if (path === undefined) this.git('init', '-q', '-b', 'main');
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.path, env: fixtureGitEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  }

  /** Same as `git`, with the commit's author and dates set to `date` (ISO 8601) and `author`. */
  private gitAt(date: string, author: string, ...args: string[]): string {
    return execFileSync('git', args, {
      cwd: this.path,
      env: { ...fixtureGitEnv(), GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_AUTHOR_NAME: author },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
  }

  write(files: Record<string, string | Buffer | null>): void {
    for (const [name, content] of Object.entries(files)) {
      const path = join(this.path, name);
      if (content === null) {
        rmSync(path, { force: true });
        continue;
      }
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
    }
  }

  /** Writes the files (null deletes one), commits all, returns the commit's full id. */
  commit(files: Record<string, string | Buffer | null>, options: { message?: string; date?: string; author?: string } = {}): string {
    this.write(files);
    this.git('add', '-A');
    const date = options.date ?? `2024-01-${String(1 + (this.tick++ % 28)).padStart(2, '0')}T12:00:00+00:00`;
    this.gitAt(date, options.author ?? 'Fixture Author', 'commit', '-q', '--allow-empty', '-m', options.message ?? 'change');
    return this.git('rev-parse', 'HEAD');
  }

  /**
   * Merges `branch` into the current branch with `files` written into the merge commit itself:
   * content no parent has (an evil merge).
   */
  evilMerge(branch: string, files: Record<string, string>, date = '2024-02-01T12:00:00+00:00'): string {
    this.git('merge', '-q', '--no-ff', '--no-commit', branch);
    this.write(files);
    this.git('add', '-A');
    this.gitAt(date, 'Merger', 'commit', '-q', '-m', `merge ${branch}`);
    return this.git('rev-parse', 'HEAD');
  }

  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}
