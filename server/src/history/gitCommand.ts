// How SAS Guard starts git on a repository it does not trust. A scanned repository's own
// `.git/config` can name programs for git to run (core.fsmonitor, filters, textconv, an external
// diff, a pager, hooks, a lazy fetch's transport: CVE-2025-41390 is this in TruffleHog), so every
// invocation goes through here: command-line settings that switch each of them off, no system
// config, no prompts, and only read-only plumbing commands (log --raw, cat-file, ls-tree, rev-parse; and
// for --staged, cli/gitIndex.ts's diff --cached and ls-files),
// none of which reads file contents through a filter. A repository owned by another user stays
// refused by git's own safe.directory check (see repositoryInfo.ts): overriding it would trust
// exactly the config this file guards against.
import type { ChildProcess, ChildProcessWithoutNullStreams } from 'node:child_process';
import { childProcess } from './childProcess';

/** Settings given on git's command line, which outrank the repository's config. */
export const SAFE_GIT_CONFIG: readonly string[] = [
  'core.fsmonitor=false',
  'core.hooksPath=/dev/null',
  'core.pager=cat',
  'core.editor=true',
  'core.askPass=',
  'core.sshCommand=false',
  'credential.helper=',
  'diff.external=',
  // A partial clone fetches a missing object on demand through its remote's transport; never here.
  'protocol.allow=never',
  'fetch.recurseSubmodules=false',
  'submodule.recurse=false',
  'core.untrackedCache=false',
  // Replace refs would show other bytes than the commits hold.
  'core.useReplaceRefs=false',
];

/** Environment variables that would let the caller's environment steer git elsewhere. */
const DROPPED_ENV = [
  'GIT_EXTERNAL_DIFF',
  'GIT_PAGER',
  'GIT_EDITOR',
  'GIT_ASKPASS',
  'SSH_ASKPASS',
  'GIT_SSH',
  'GIT_SSH_COMMAND',
  'GIT_CONFIG_PARAMETERS',
  'GIT_CONFIG_COUNT',
];

/** The environment git runs in. */
export function safeGitEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  for (const name of DROPPED_ENV) delete env[name];
  return {
    ...env,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    // Git 2.44+: never fetch a missing object of a partial clone (older git: protocol.allow above).
    GIT_NO_LAZY_FETCH: '1',
    GIT_NO_REPLACE_OBJECTS: '1',
    GIT_OPTIONAL_LOCKS: '0',
    LC_ALL: 'C',
  };
}

/** The full argument list: the safe settings, the repository, then the command. */
export function safeGitArgs(repository: string, args: readonly string[]): string[] {
  return ['--no-pager', ...SAFE_GIT_CONFIG.flatMap((setting) => ['-c', setting]), '-C', repository, ...args];
}

/** Starts git with the safe settings; its stdout and stderr are pipes, stdin too. */
export function spawnGit(repository: string, args: readonly string[]): ChildProcessWithoutNullStreams {
  return childProcess().spawn('git', safeGitArgs(repository, args), { env: safeGitEnv(), stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
}

/** Starts git with the safe settings, its stdout going to the open file `stdoutFd`; stdin and stderr are pipes. */
export function spawnGitToFile(repository: string, args: readonly string[], stdoutFd: number): ChildProcess {
  return childProcess().spawn('git', safeGitArgs(repository, args), { env: safeGitEnv(), stdio: ['pipe', stdoutFd, 'pipe'], windowsHide: true });
}

export interface GitOutput {
  readonly code: number | null;
  readonly stdout: Buffer;
  readonly stderr: string;
}

/** Runs a git command with a small output to completion; never rejects for git's own failure. */
export function runGit(repository: string, args: readonly string[]): Promise<GitOutput> {
  return new Promise((resolve, reject) => {
    const child = spawnGit(repository, args);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.stdin.end();
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8').trim() }));
  });
}

/** The first line of git's error output, for a message. */
export function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim() !== '') ?? '';
}
