// Reads blobs by id through `git cat-file --batch`: ids go in on its standard input as the scan
// discovers them, contents come back in the same order, each handed to the caller while it is read
// and then dropped, so memory holds one blob at a time (plus one read buffer), however long the
// history. A blob the repository lacks (a partial clone, a corrupt copy) comes back as `missing`
// instead of stopping the read; one over the size limit is passed over without being held.
//
// Git writes its answers into a temporary file, not a pipe, and the scan reads that file as it
// grows. A pipe holds 64 KiB: git stopped each time the scan was busy with a blob, and the scan
// waited each time git was inflating one, so the two took turns on a 2-core machine (the scan's
// thread was idle half the time). Through the file git runs ahead at its own pace. The file is
// bounded: git is given ids while its answers run less than `aheadBytes` ahead of what the scan has
// read, and once the file holds `rewindBytes` git gets no more ids until everything it was sent is
// read; the file is then emptied and git, which writes in append mode, starts again from its
// beginning. The same process goes on (a new one would start with no delta base cache: restarting
// cat-file every 128 MB cost Azurite's history ~0.7 s of git's CPU).
import type { ChildProcess } from 'node:child_process';
import { closeSync, fstatSync, ftruncateSync, mkdtempSync, openSync, readSync, rmdirSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstLine, spawnGitToFile } from './gitCommand';

export type BlobContent =
  | { readonly kind: 'blob'; readonly bytes: Buffer }
  | { readonly kind: 'missing' }
  | { readonly kind: 'too-large'; readonly size: number }
  /** A submodule's commit id or anything else that is not a blob. */
  | { readonly kind: 'not-blob'; readonly type: string };

/** Receives each blob in request order; `bytes` are valid only during the call. */
export type BlobHandler = (id: string, content: BlobContent) => void;

const NEWLINE = 0x0a;
/** Each read takes this much of the file's answers at most; larger blobs get their own buffer. */
const READ_BUFFER = 1024 * 1024;

/** How far git may run ahead of the scan, and when its file is started anew. */
export interface BlobReaderLimits {
  /** Answers git may have written that the scan has not read yet, before no more ids are sent. */
  readonly aheadBytes: number;
  /** Ids sent and not answered yet, at most: bounds the overshoot past aheadBytes by this many blobs. */
  readonly inFlight: number;
  /** A file that has grown past this is emptied once read to its end (git is sent no ids meanwhile). */
  readonly rewindBytes: number;
}

/**
 * Git may run far ahead: what it writes ahead is in the file (page cache), not in the scan's
 * memory. With 128 blobs (1.6 MB of a typical history) git stopped at every turn of the scan's
 * thread, and the two took turns again; 512 to 2,048 measured the same (docs/benchmarks.md).
 */
export const DEFAULT_LIMITS: BlobReaderLimits = { aheadBytes: 64 * 1024 * 1024, inFlight: 1024, rewindBytes: 128 * 1024 * 1024 };
/** How long the reader sleeps when it has caught up with git. */
const POLL_MS = 1;
/** Bytes read before the reader lets the event loop run (the log's chunks, git's exits). */
const YIELD_EVERY = 4 * 1024 * 1024;

/** An answer longer than what git had written when it was first read. */
interface Body {
  readonly id: string;
  readonly type: string;
  readonly size: number;
  /** The body and its newline, kept blobs only. */
  readonly bytes?: Buffer;
  /** Bytes of body and newline read so far. */
  filled: number;
}

/** What a blob over the limit, or an object that is no blob, is answered as. */
function skipped(type: string, size: number): BlobContent {
  return type === 'blob' ? { kind: 'too-large', size } : { kind: 'not-blob', type };
}

/** The cat-file process and the file it writes. */
interface CatFile {
  readonly child: ChildProcess;
  readonly fd: number;
  readonly file: string;
  /** Exit code once git has exited (null: killed or failed to start); undefined while it runs. */
  exit?: number | null;
  stderr: string;
  /** How far the file has been read. */
  offset: number;
  /** Ids written to its standard input. */
  sent: number;
  /** No more ids go to it. */
  closed: boolean;
  /** Sent no ids until it is emptied (see rewindBytes). */
  rewinding: boolean;
  /** False where the file cannot be emptied: it then grows. */
  rewindable: boolean;
}

export class BlobReader {
  /** The temporary directory of git's file, made with the first request. */
  private directory: string | undefined;
  /** Started with the first request. */
  private git: CatFile | undefined;
  /** The answer under way when it did not fit into one read. */
  private body: Body | undefined;
  private requested = 0;
  private answered = 0;
  /** Ids asked for and not yet written to git. */
  private unsent: string[] = [];
  private finishing = false;
  private killed = false;
  /** Git's exit after a finish that read every answer; undefined when it was killed or had exited. */
  private exited: Promise<void> | undefined;
  private error: string | undefined;
  private readonly buffer = Buffer.allocUnsafe(READ_BUFFER);
  /** The last read reached the end of what git had written. */
  private caughtUp = false;
  private wake: (() => void) | undefined;
  private readonly pumped: Promise<void>;

  constructor(
    private readonly repository: string,
    private readonly maxSize: number,
    private readonly onBlob: BlobHandler,
    private readonly limits: BlobReaderLimits = DEFAULT_LIMITS,
  ) {
    this.pumped = this.pump();
  }

  /**
   * Starts git now rather than with the first request, so that it has started by the time ids
   * come. Without it, the first request starts it.
   */
  startGit(): void {
    if (this.git === undefined && this.error === undefined && !this.killed) this.git = this.start();
  }

  /** Asks for a blob; its content reaches the handler after every earlier request's. */
  request(id: string): void {
    this.requested++;
    this.unsent.push(id);
    // One wake-up per turn (a chunk of the log holds hundreds of ids), not one per id.
    if (this.unsent.length === 1) queueMicrotask(() => this.poke());
  }

  /**
   * Resolves when the reader has stopped: after `finish()`, or early (git failed, `kill()`), when
   * requests may be left unanswered and the caller must not wait for them.
   */
  get stopped(): Promise<void> {
    return this.pumped;
  }

  /** Requests not answered yet. */
  get outstanding(): number {
    return this.requested - this.answered;
  }

  /** No more requests: waits for every answer. A git failure is returned as a message, never thrown. */
  async finish(): Promise<string | undefined> {
    this.finishing = true;
    this.poke();
    await this.pumped;
    await this.exited;
    return this.error;
  }

  /** Stops at once (cancellation). */
  kill(): void {
    this.killed = true;
    this.git?.child.kill();
    this.poke();
  }

  private poke(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  /** Sends ids, reads answers, sleeps when caught up; ends when everything asked for is answered. */
  private async pump(): Promise<void> {
    try {
      for (;;) {
        if (this.killed) return;
        this.send();
        const progress = this.drain();
        if (this.error !== undefined || this.killed) return;
        if (this.finishing && this.answered === this.requested) return;
        if (progress >= YIELD_EVERY) {
          await new Promise((resolve) => setImmediate(resolve));
        } else if (this.answered === this.requested && this.unsent.length === 0) {
          // Nothing in flight: wait for a request or for finish().
          await new Promise<void>((resolve) => (this.wake = resolve));
        } else if (progress === 0) {
          const git = this.git;
          if (git !== undefined && git.exit !== undefined) {
            // Git has exited: what it wrote is all in the file, so a last read settles it.
            if (this.drain() === 0 && this.answered < git.sent) this.gitStopped(git);
            continue;
          }
          await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        } else if (this.caughtUp) {
          // Everything git had written is read: reading again at once would take the few bytes it
          // wrote meanwhile, one system call each (~9,000 reads for 5,600 blobs, most of the scan's
          // read time). After a pause the next read takes what git wrote in it, in one call.
          await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        }
      }
    } finally {
      if (this.git !== undefined) this.close(this.git);
      this.git = undefined;
      if (this.directory !== undefined) rmSync(this.directory, { recursive: true, force: true });
    }
  }

  /** Writes ids to git while fewer than `inFlight` wait and its unread answers are under `aheadBytes`. */
  private send(): void {
    const room = this.limits.inFlight - (this.requested - this.unsent.length - this.answered);
    if (this.unsent.length > 0 && room > 0) {
      const git = (this.git ??= this.start());
      if (git === undefined) return;
      const written = fstatSync(git.fd).size;
      if (!git.rewinding && written - git.offset <= this.limits.aheadBytes) {
        const ids = this.unsent.splice(0, room);
        git.sent += ids.length;
        git.child.stdin!.write(ids.join('\n') + '\n');
        if (git.rewindable && written > this.limits.rewindBytes) git.rewinding = true;
      }
    }
    if (this.finishing && this.unsent.length === 0 && this.git !== undefined) this.closeInput(this.git);
  }

  /** Starts git on a new temporary file; undefined (and `error` set) when no file can be made. */
  private start(): CatFile | undefined {
    let file: string;
    try {
      this.directory = mkdtempSync(join(tmpdir(), 'sas-guard-blobs-'));
      file = join(this.directory, 'answers');
      closeSync(openSync(file, 'w'));
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? String(error);
      this.error = `cannot make a temporary file in ${tmpdir()} for git cat-file's answers (${reason}): no blob was read`;
      return undefined;
    }
    // Append mode: git's writes go to the file's end, wherever a rewind left it.
    const writeFd = openSync(file, 'a');
    let child: ChildProcess;
    try {
      child = spawnGitToFile(this.repository, ['cat-file', '--batch'], writeFd);
    } finally {
      closeSync(writeFd);
    }
    const git: CatFile = { child, fd: openSync(file, 'r+'), file, stderr: '', offset: 0, sent: 0, closed: false, rewinding: false, rewindable: true };
    // The exit is recorded from the start: a process that ends before it is waited for is no hang.
    child.on('error', (error) => {
      git.stderr ||= error.message;
      git.exit = null;
      this.poke();
    });
    child.on('exit', (code) => {
      git.exit = code;
      this.poke();
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      if (git.stderr.length < 4096) git.stderr += chunk.toString('utf8');
    });
    // A write after git died (EPIPE) is reported when its answers are missed, not thrown here.
    child.stdin!.on('error', () => undefined);
    // Unix lets an open file be deleted, and then its directory: nothing of the repository is left
    // in the temporary directory, even if the process is killed (SIGKILL) mid-scan.
    try {
      unlinkSync(file);
      rmdirSync(this.directory);
      this.directory = undefined;
    } catch {
      // Windows: deleted by close() and finish().
    }
    return git;
  }

  private closeInput(git: CatFile): void {
    if (git.closed) return;
    git.closed = true;
    git.child.stdin!.end();
  }

  private close(git: CatFile): void {
    if (git.exit === undefined && git.closed && !this.killed && this.error === undefined) {
      // Every answer read and its input closed: git is ending on its own. It is waited for (killed
      // after a second), so that it is reaped by this process and not left to exit after it.
      this.exited = new Promise((resolve) => {
        const timer = setTimeout(() => git.child.kill(), 1000);
        git.child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    } else if (git.exit === undefined) git.child.kill();
    closeSync(git.fd);
    rmSync(git.file, { force: true });
  }

  /** Git has answered every id it was sent, and all of it is read: the file starts again empty. */
  private rewind(git: CatFile): void {
    try {
      ftruncateSync(git.fd, 0);
      git.offset = 0;
    } catch {
      // Where a file open in another process cannot be cut (some Windows setups), it grows instead.
      git.rewindable = false;
    }
    git.rewinding = false;
  }

  private gitStopped(git: CatFile): void {
    const reason = firstLine(git.stderr) || `exit code ${git.exit}`;
    this.error = `git cat-file stopped after ${this.answered} of ${this.requested} blobs: ${reason}`;
  }

  /** Reads what git has written so far; returns the bytes read. */
  private drain(): number {
    let total = 0;
    this.caughtUp = false;
    for (;;) {
      const git = this.git;
      if (git === undefined) return total;
      if (this.answered === git.sent && this.body === undefined) {
        if (!git.rewinding) return total;
        this.rewind(git);
      }
      const read = this.body !== undefined ? this.readRest(git, this.body) : this.readAnswers(git);
      if (read === 0) return total;
      total += read;
      this.send();
      // Let the log go on now and then; and no read after one that reached git's end (see pump).
      if (total >= YIELD_EVERY || this.caughtUp) return total;
    }
  }

  /**
   * Reads whole answers into the read buffer, which every read reuses (no allocation, no page
   * faults on fresh memory): a blob is handed over as a view of it. An answer cut by the end of what
   * git has written is read again from its start next time, unless its body is under way: then it
   * goes on into a buffer of its own (readRest). Returns the bytes consumed.
   */
  private readAnswers(git: CatFile): number {
    const read = readSync(git.fd, this.buffer, 0, this.buffer.length, git.offset);
    this.caughtUp = read < this.buffer.length;
    const chunk = this.buffer.subarray(0, read);
    let at = 0;
    while (at < read) {
      const newline = chunk.indexOf(NEWLINE, at);
      if (newline < 0) break;
      // `<id> <type> <size>` or `<id> missing` (also `ambiguous`).
      const [id = '', type = '', sizeText] = chunk.toString('latin1', at, newline).split(' ');
      const start = newline + 1;
      if (sizeText === undefined) {
        at = start;
        this.answer(id, { kind: 'missing' });
        continue;
      }
      const size = Number(sizeText);
      const keep = type === 'blob' && size <= this.maxSize;
      // The body is followed by a newline, read (and dropped) with it.
      const end = start + size + 1;
      if (end <= read) {
        at = end;
        this.answer(id, keep ? { kind: 'blob', bytes: chunk.subarray(start, start + size) } : skipped(type, size));
        continue;
      }
      // Read again from its start next time, when it fits into the buffer then.
      if (at > 0 && end - at <= this.buffer.length) break;
      // Longer than what is there yet: taken over by readRest.
      const bytes = keep ? Buffer.allocUnsafe(size + 1) : undefined;
      if (bytes !== undefined) chunk.copy(bytes, 0, start, read);
      this.body = { id, type, size, ...(bytes !== undefined ? { bytes } : {}), filled: read - start };
      at = read;
      break;
    }
    git.offset += at;
    return at;
  }

  /** Goes on with the answer under way: into its own buffer, or past it when it is not kept. */
  private readRest(git: CatFile, body: Body): number {
    const left = body.size + 1 - body.filled;
    let read: number;
    if (body.bytes !== undefined) {
      read = readSync(git.fd, body.bytes, body.filled, left, git.offset);
    } else {
      // Nothing to keep: only whether git has written it all.
      read = Math.min(left, Math.max(0, fstatSync(git.fd).size - git.offset));
    }
    this.caughtUp = read < left;
    git.offset += read;
    body.filled += read;
    if (body.filled === body.size + 1) {
      this.body = undefined;
      this.answer(body.id, body.bytes !== undefined ? { kind: 'blob', bytes: body.bytes.subarray(0, body.size) } : skipped(body.type, body.size));
    }
    return read;
  }

  private answer(id: string, content: BlobContent): void {
    this.answered++;
    this.onBlob(id, content);
  }
}
