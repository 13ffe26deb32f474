// The history scan's part of the command line: --history, --branch and --since, their checks, and
// their lines of the help text. Kept apart from args.ts, which only spreads these in.
import { UsageError } from './errors';

export const HISTORY_USAGE = `      --history              scan every commit of the git repository at PATH (default .)
                             instead of its files: each secret once, where it was first
                             committed, and whether HEAD still holds it
      --branch REF           with --history: only the commits reachable from REF
      --since REF            with --history: leave out the commits reachable from REF
                             (a pull request's base); the head is --branch or HEAD`;

export const HISTORY_ARG_OPTIONS = {
  history: { type: 'boolean' },
  branch: { type: 'string' },
  since: { type: 'string' },
} as const;

export interface HistoryArgs {
  /** The repository (one directory). */
  readonly repository: string;
  readonly branch?: string;
  readonly since?: string;
}

interface HistoryValues {
  readonly history?: boolean;
  readonly branch?: string;
  readonly since?: string;
  readonly 'stdin-filename'?: string;
}

/** The history options of a parsed command line, or undefined without --history. */
export function historyArgs(values: HistoryValues, paths: readonly string[]): HistoryArgs | undefined {
  if (!values.history) {
    if (values.branch !== undefined) throw new UsageError('--branch needs --history');
    if (values.since !== undefined) throw new UsageError('--since needs --history');
    return undefined;
  }
  if (paths.length > 1) throw new UsageError('--history scans one repository: give one PATH');
  const repository = paths[0] ?? '.';
  if (repository === '-' || values['stdin-filename'] !== undefined) throw new UsageError('--history reads a git repository, not standard input');
  for (const [name, value] of [
    ['--branch', values.branch],
    ['--since', values.since],
  ] as const) {
    if (value === '') throw new UsageError(`${name} needs a branch, tag or commit`);
  }
  return {
    repository,
    ...(values.branch !== undefined ? { branch: values.branch } : {}),
    ...(values.since !== undefined ? { since: values.since } : {}),
  };
}
