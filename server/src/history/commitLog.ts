// Streams the history as `git log --raw` sees it: every commit reachable from the revisions asked
// for, oldest first in topological order (so the first commit that adds a blob is met first), each
// with the blobs it added or changed. Only tree objects are read for this (no blob contents, no
// diffs): it is cheap, and it works in a partial clone that lacks blobs. The contents are read once
// per distinct blob by blobReader.ts.
import { firstLine, spawnGit } from './gitCommand';
import { COMMIT_FORMAT, RawLogParser, type RawLogEvents } from './rawLogParser';

/** The git log arguments for the revisions (already resolved to ids or `--all`). */
export function commitLogArgs(revisions: readonly string[]): string[] {
  return [
    'log',
    '--raw',
    '-z',
    '--no-abbrev',
    // Renames would make git read and compare blob contents; a renamed blob is one already scanned.
    '--no-renames',
    // A merge's entries: the paths whose content differs from every parent (evil merges).
    '-c',
    '--root',
    '--topo-order',
    '--reverse',
    '--no-textconv',
    '--no-ext-diff',
    '--no-color',
    '--no-show-signature',
    `--format=${COMMIT_FORMAT}`,
    ...revisions,
    '--',
  ];
}

export interface CommitLog {
  /** Resolves when git is done: undefined, or why it stopped early (the events so far still count). */
  readonly done: Promise<string | undefined>;
  kill(): void;
  pause(): void;
  resume(): void;
}

/** `paused`: no event until `resume()` (git is started, and waits once its output pipe is full). */
export function streamCommitLog(repository: string, revisions: readonly string[], events: RawLogEvents, paused = false): CommitLog {
  const child = spawnGit(repository, commitLogArgs(revisions));
  const parser = new RawLogParser(events);
  let stderr = '';
  child.stdin.end();
  // Until the scan is ready, chunks are held and the stream paused (git then waits on a full pipe).
  // Not left without a 'data' listener: Node drops what a child's unread stdout holds at its exit.
  let held: Buffer[] | undefined = paused ? [] : undefined;
  child.stdout.on('data', (chunk: Buffer) => {
    if (held === undefined) {
      parser.feed(chunk);
      return;
    }
    held.push(chunk);
    child.stdout.pause();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    if (stderr.length < 4096) stderr += chunk.toString('utf8');
  });
  const done = new Promise<string | undefined>((resolve) => {
    child.on('error', (error) => resolve(`cannot run git log: ${error.message}`));
    child.on('close', (code, signal) => {
      parser.end();
      if (code === 0) resolve(undefined);
      else resolve(`git log stopped early (${signal ?? `exit code ${code}`}): ${firstLine(stderr)}`);
    });
  });
  return {
    done,
    kill: () => child.kill(),
    pause: () => child.stdout.pause(),
    resume: () => {
      if (held !== undefined) {
        const chunks = held;
        held = undefined;
        for (const chunk of chunks) parser.feed(chunk);
      }
      child.stdout.resume();
    },
  };
}
