// Reads the output of `git log --raw -z -c --format=…` (commitLog.ts) as it streams in: a commit
// header, then one entry per path that the commit changed. For a merge, `-c` lists a path only when
// its content differs from every parent, so a blob that only the merge commit introduced (an "evil
// merge", a conflict resolution) is an entry of the merge, and a blob it took from one side is not.
// Pure: bytes in, events out; no process, no file system.

/** The format string commitLog.ts gives git: \x01 marks a commit header, NULs end its fields. */
export const COMMIT_FORMAT = 'tformat:%x01%H%x00%an%x00%aI';

export interface LoggedCommit {
  /** Full SHA. */
  readonly commit: string;
  /** Author name. */
  readonly author: string;
  /** Author date, ISO 8601 with the author's offset. */
  readonly date: string;
}

/** One path a commit changed, with the blob it holds after the commit. */
export interface LoggedEntry {
  /** Git mode of the new side: 100644, 100755, 120000 (symbolic link), 160000 (submodule). */
  readonly mode: string;
  /** Object id of the new side (never all zeros: deletions are not entries). */
  readonly blob: string;
  readonly path: string;
  /** The blob at this path in the first parent, when there was one: the version this one edits. */
  readonly previous?: string;
}

export interface RawLogEvents {
  commit(commit: LoggedCommit): void;
  entry(entry: LoggedEntry): void;
}

type State = 'any' | 'author' | 'date' | 'path';

const NUL = 0;
const COMMIT_MARK = '\x01';

export class RawLogParser {
  private pending: Buffer[] = [];
  private state: State = 'any';
  private commitId = '';
  private author = '';
  private meta: EntryMeta | undefined;

  constructor(private readonly events: RawLogEvents) {}

  /** Takes the next chunk of git's output. */
  feed(chunk: Buffer): void {
    let start = 0;
    for (let nul = chunk.indexOf(NUL, start); nul >= 0; nul = chunk.indexOf(NUL, start)) {
      const piece = chunk.subarray(start, nul);
      const token = this.pending.length > 0 ? Buffer.concat([...this.pending, piece]) : piece;
      this.pending = [];
      this.token(token);
      start = nul + 1;
    }
    if (start < chunk.length) this.pending.push(Buffer.from(chunk.subarray(start)));
  }

  /** The output ended: a last token without its NUL (the final commit's date) is still read. */
  end(): void {
    if (this.pending.length > 0) {
      const token = Buffer.concat(this.pending);
      this.pending = [];
      this.token(token);
    }
  }

  private token(bytes: Buffer): void {
    switch (this.state) {
      case 'author':
        this.author = bytes.toString('utf8');
        this.state = 'date';
        return;
      case 'date':
        this.events.commit({ commit: this.commitId, author: this.author, date: bytes.toString('latin1').trim() });
        this.state = 'any';
        return;
      case 'path': {
        const meta = this.meta!;
        this.meta = undefined;
        this.state = 'any';
        if (meta !== RawLogParser.DELETED) {
          const path = bytes.toString('utf8');
          this.events.entry(
            meta.previous !== undefined ? { mode: meta.mode, blob: meta.blob, path, previous: meta.previous } : { mode: meta.mode, blob: meta.blob, path },
          );
        }
        return;
      }
      case 'any': {
        // Between records git puts newlines (and sometimes an empty field): not part of any token.
        const text = bytes.toString('latin1').replace(/^\n+/, '');
        if (text.startsWith(COMMIT_MARK)) {
          this.commitId = text.slice(1).trim();
          this.state = 'author';
        } else if (text.startsWith(':')) {
          this.meta = parseEntryMeta(text);
          // The path follows as the next token even when the entry is not kept.
          this.state = 'path';
        }
        return;
      }
    }
  }

  /** The meta of a deletion: its path is read and dropped. */
  static readonly DELETED: EntryMeta = Object.freeze({ mode: '000000', blob: '' });
}

interface EntryMeta {
  readonly mode: string;
  readonly blob: string;
  readonly previous?: string;
}

const NO_OBJECT = /^0+$/;

/**
 * `:<modes…> <ids…> <status>` with one colon per parent (`-c` on a merge): the last mode and id
 * are the commit's own side, the first id the first parent's. An all-zero id is no object: on the
 * commit's side a deletion, on the parent's side an addition.
 */
function parseEntryMeta(text: string): EntryMeta {
  let parents = 0;
  while (text[parents] === ':') parents++;
  const fields = text.slice(parents).split(' ');
  const mode = fields[parents] ?? '';
  const blob = fields[2 * parents + 1] ?? '';
  if (blob === '' || NO_OBJECT.test(blob)) return RawLogParser.DELETED;
  const previous = fields[parents + 1] ?? '';
  return previous === '' || NO_OBJECT.test(previous) ? { mode, blob } : { mode, blob, previous };
}
