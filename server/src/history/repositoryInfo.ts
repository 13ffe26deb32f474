// What the history scan needs to know about a repository before walking it: where its git
// directory is, whether it is shallow (its history is cut: older commits are not there to scan) or a
// partial clone (some objects were never fetched), and the commits that --branch and --since name.
// Each question is one read-only git call through gitCommand.ts.
import { resolve } from 'node:path';
import { firstLine, runGit } from './gitCommand';

export interface RepositoryInfo {
  /** The directory git was pointed at (the scan's PATH). */
  readonly path: string;
  readonly gitDir: string;
  /** Work tree root; undefined for a bare repository. */
  readonly topLevel?: string;
  /** A shallow clone: commits before its grafted roots are missing. */
  readonly shallow: boolean;
  /** A partial clone (`--filter`): objects it never fetched are missing by design. */
  readonly partialClone: boolean;
  /** HEAD's commit; undefined on an unborn branch. */
  readonly head?: string;
}

/** Why a path cannot be scanned as a repository, in words for the user. */
export class RepositoryError extends Error {}

export async function repositoryInfo(path: string): Promise<RepositoryInfo> {
  // Two git starts: each costs the scan's thread more than its answer (a fork of this process),
  // and on a busy machine each one waited for in turn costs a wait for a core. The partial-clone
  // question is asked alongside; the first call's failure (not a repository, another user's) is
  // the one reported, and the other then answers nothing.
  // In this order: `--show-cdup` prints nothing outside a work tree (a bare repository), where
  // `--show-toplevel` would fail the whole call; `--verify -q` prints HEAD's commit, or nothing
  // with exit code 1 on an unborn branch. Started first: it is the answer the scan waits for, and a
  // start waits for its process to get a core (the others compete for one once started).
  const revParse = runGit(path, [
    'rev-parse',
    '--absolute-git-dir',
    '--is-shallow-repository',
    '--is-bare-repository',
    '--show-cdup',
    '--verify',
    '-q',
    'HEAD^{commit}',
  ]);
  // Newer git records a partial clone as extensions.partialClone, older git as a promisor remote.
  const promisorQuestion = gitLine(path, ['config', '--get-regexp', '^(extensions\\.partialclone|remote\\..*\\.promisor)$']);
  let result;
  try {
    result = await revParse;
  } catch (error) {
    promisorQuestion.catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code;
    throw new RepositoryError(code === 'ENOENT' ? 'git is not installed (or not on PATH): --history needs it' : `cannot run git: ${String(error)}`);
  }
  const lines = result.stdout.toString('utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  // Exit code 1 with the three answers: the unborn HEAD, nothing else wrong.
  const answered = result.code === 0 || (result.code === 1 && lines.length >= 3);
  if (!answered) {
    promisorQuestion.catch(() => undefined);
    const message = firstLine(result.stderr);
    if (/dubious ownership/i.test(result.stderr)) {
      // Refused, not overridden (gitCommand.ts's header): the fix is the user's to make. Git names
      // the directory to trust, which is the repository's top and not always the path given.
      const trusted = /safe\.directory\s+(\S.*)$/m.exec(result.stderr)?.[1]?.trim() ?? path;
      throw new RepositoryError(
        `git refuses ${path}: the repository is owned by another user, and its config could run programs. ` +
          `Scan it as its owner, or if you trust it: git config --global --add safe.directory ${trusted}`,
      );
    }
    throw new RepositoryError(`${path} is not a git repository (${message.replace(/^fatal: /, '')})`);
  }
  const [gitDir = '', shallow, bare] = lines;
  // Outside a work tree `--show-cdup` prints nothing, or the work tree's path when there is one
  // (the path given is inside a .git directory); inside, the way up to the top ('' at the top).
  const hasCdup = bare !== 'true' && lines.length >= (result.code === 0 ? 5 : 4);
  const cdup = hasCdup ? lines[3]! : undefined;
  const head = result.code === 0 ? lines.at(-1) : undefined;
  const promisor = await promisorQuestion;
  const topLevel = cdup !== undefined ? resolve(path, cdup) : undefined;
  const partialClone = promisor !== undefined;
  return {
    path,
    gitDir,
    ...(topLevel !== undefined ? { topLevel } : {}),
    shallow: shallow === 'true',
    partialClone,
    ...(head !== undefined && head !== '' ? { head } : {}),
  };
}

/** The full id of the commit `ref` names, or a RepositoryError naming the option it came from. */
export async function resolveCommit(path: string, ref: string, option: string): Promise<string> {
  // --end-of-options: a ref that starts with '-' is a name, never an option.
  const id = await gitLine(path, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  if (id === undefined) throw new RepositoryError(`${option} ${ref}: no such commit, branch or tag in this repository`);
  return id;
}

async function gitLine(path: string, args: readonly string[]): Promise<string | undefined> {
  const result = await runGit(path, args);
  const line = result.stdout.toString('utf8').trim();
  return result.code === 0 && line !== '' ? line : undefined;
}
