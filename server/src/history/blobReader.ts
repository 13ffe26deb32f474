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
// read, and after `segmentBytes` a new cat-file process starts on a new file; the old one is
// deleted once read.
import type { ChildProcess } from 'node:child_process';
import { closeSync, fstatSync, mkdtempSync, openSync, readSync, rmSync, unlinkSync } from 'node:fs';
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
const EMPTY = Buffer.alloc(0);
/** Each read fills this much of the file's answers at most (a fresh buffer once one is full). */
const READ_BUFFER = 1024 * 1024;
/** A read buffer with less room left than this is replaced by a fresh one. */
const MIN_READ = 64 * 1024;

/** How far git may run ahead of the scan, and when its file is started anew. */
export interface BlobReaderLimits {
  /** Answers git may have written that the scan has not read yet, before no more ids are sent. */
  readonly aheadBytes: number;
  /** Ids sent and not answered yet, at most: bounds the overshoot past aheadBytes by this many blobs. */
  readonly inFlight: number;
  /** A cat-file's file that has grown past this gets no more ids: the next ones go to a new process. */
  readonly segmentBytes: number;
}

export const DEFAULT_LIMITS: BlobReaderLimits = { aheadBytes: 16 * 1024 * 1024, inFlight: 128, segmentBytes: 64 * 1024 * 1024 };
/** How long the reader sleeps when it has caught up with git. */
const POLL_MS = 1;
/** Bytes read before the reader lets the event loop run (the log's chunks, git's exits). */
const YIELD_EVERY = 4 * 1024 * 1024;

/** One cat-file process and the file it writes. */
interface Segment {
  readonly child: ChildProcess;
  readonly fd: number;
  readonly file: string;
  /** Exit code once git has exited (null: killed or failed to start); undefined while it runs. */
  exit?: number | null;
  stderr: string;
  /** How far the file has been read. */
  offset: number;
  /** Ids written to its standard input, and answers read. */
  sent: number;
  answered: number;
  /** No more ids go to it. */
  closed: boolean;
}

export class BlobReader {
  private readonly directory: string;
  private readonly segments: Segment[] = [];
  private header: Buffer[] = [];
  /** The blob being read: its id, its bytes so far (none when over the limit), and what is left. */
  private body: { id: string; size: number; bytes?: Buffer; filled: number; left: number } | undefined;
  private requested = 0;
  private answered = 0;
  /** Ids asked for and not yet written to git. */
  private unsent: string[] = [];
  private finishing = false;
  private killed = false;
  private error: string | undefined;
  private buffer = Buffer.allocUnsafe(READ_BUFFER);
  private filled = 0;
  private wake: (() => void) | undefined;
  private readonly pumped: Promise<void>;

  constructor(
    private readonly repository: string,
    private readonly maxSize: number,
    private readonly onBlob: BlobHandler,
    private readonly limits: BlobReaderLimits = DEFAULT_LIMITS,
  ) {
    this.directory = mkdtempSync(join(tmpdir(), 'sas-guard-blobs-'));
    this.pumped = this.pump();
  }

  /** Asks for a blob; its content reaches the handler after every earlier request's. */
  request(id: string): void {
    this.requested++;
    this.unsent.push(id);
    // One wake-up per turn (a chunk of the log holds hundreds of ids), not one per id.
    if (this.unsent.length === 1) queueMicrotask(() => this.poke());
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
    return this.error;
  }

  /** Stops at once (cancellation). */
  kill(): void {
    this.killed = true;
    for (const segment of this.segments) segment.child.kill();
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
          const segment = this.segments[0];
          if (segment !== undefined && segment.exit !== undefined) {
            // Git has exited: what it wrote is all in the file, so a last read settles it.
            if (this.drain() === 0 && segment.answered < segment.sent) this.stopped(segment);
            continue;
          }
          await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        }
      }
    } finally {
      for (const segment of this.segments) this.close(segment);
      this.segments.length = 0;
      rmSync(this.directory, { recursive: true, force: true });
    }
  }

  /** Writes ids to the newest process while fewer than `inFlight` wait and its unread answers are under `aheadBytes`. */
  private send(): void {
    const room = this.limits.inFlight - (this.requested - this.unsent.length - this.answered);
    if (this.unsent.length > 0 && room > 0) {
      let segment = this.segments[this.segments.length - 1];
      if (segment === undefined || segment.closed) segment = this.start();
      const written = fstatSync(segment.fd).size;
      if (written - segment.offset <= this.limits.aheadBytes) {
        const ids = this.unsent.splice(0, room);
        segment.sent += ids.length;
        segment.child.stdin!.write(ids.join('\n') + '\n');
        if (written > this.limits.segmentBytes) this.closeInput(segment);
      }
    }
    if (this.finishing && this.unsent.length === 0) for (const segment of this.segments) this.closeInput(segment);
  }

  private start(): Segment {
    const file = join(this.directory, String(this.segments.length + this.answered));
    const writeFd = openSync(file, 'w');
    let child: ChildProcess;
    try {
      child = spawnGitToFile(this.repository, ['cat-file', '--batch'], writeFd);
    } finally {
      closeSync(writeFd);
    }
    const segment: Segment = { child, fd: openSync(file, 'r'), file, stderr: '', offset: 0, sent: 0, answered: 0, closed: false };
    // The exit is recorded from the start: a process that ends before it is waited for is no hang.
    child.on('error', (error) => {
      segment.stderr ||= error.message;
      segment.exit = null;
      this.poke();
    });
    child.on('exit', (code) => {
      segment.exit = code;
      this.poke();
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      if (segment.stderr.length < 4096) segment.stderr += chunk.toString('utf8');
    });
    // A write after git died (EPIPE) is reported when its answers are missed, not thrown here.
    child.stdin!.on('error', () => undefined);
    // Unix lets an open file be deleted: nothing is left behind if the process dies.
    try {
      unlinkSync(file);
    } catch {
      // Windows: deleted by close().
    }
    this.segments.push(segment);
    return segment;
  }

  private closeInput(segment: Segment): void {
    if (segment.closed) return;
    segment.closed = true;
    segment.child.stdin!.end();
  }

  private close(segment: Segment): void {
    if (segment.exit === undefined) segment.child.kill();
    closeSync(segment.fd);
    rmSync(segment.file, { force: true });
  }

  private stopped(segment: Segment): void {
    const reason = firstLine(segment.stderr) || `exit code ${segment.exit}`;
    this.error = `git cat-file stopped after ${this.answered} of ${this.requested} blobs: ${reason}`;
  }

  /** Reads what the oldest process has written so far; returns the bytes read. */
  private drain(): number {
    let total = 0;
    for (;;) {
      const segment = this.segments[0];
      if (segment === undefined) return total;
      if (segment.closed && segment.answered === segment.sent && this.body === undefined) {
        if (segment.exit !== undefined && segment.exit !== 0 && segment.exit !== null) this.stopped(segment);
        this.close(segment);
        this.segments.shift();
        continue;
      }
      if (this.buffer.length - this.filled < MIN_READ) {
        this.buffer = Buffer.allocUnsafe(READ_BUFFER);
        this.filled = 0;
      }
      const read = readSync(segment.fd, this.buffer, this.filled, this.buffer.length - this.filled, segment.offset);
      if (read === 0) return total;
      segment.offset += read;
      total += read;
      const chunk = this.buffer.subarray(this.filled, this.filled + read);
      this.filled += read;
      this.read(chunk, segment);
      if (total >= YIELD_EVERY) {
        // Let the log go on, and git get new ids.
        this.send();
        return total;
      }
      this.send();
    }
  }

  private read(chunk: Buffer, segment: Segment): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.body !== undefined) {
        at = this.readBody(chunk, at, segment);
        continue;
      }
      const newline = chunk.indexOf(NEWLINE, at);
      if (newline < 0) {
        this.header.push(Buffer.from(chunk.subarray(at)));
        return;
      }
      const line = Buffer.concat([...this.header, chunk.subarray(at, newline)]).toString('latin1');
      this.header = [];
      at = newline + 1;
      this.startObject(line, segment);
    }
  }

  /** `<id> <type> <size>` or `<id> missing` (also `ambiguous`): the header of the next answer. */
  private startObject(line: string, segment: Segment): void {
    const [id = '', type = '', sizeText] = line.split(' ');
    if (sizeText === undefined) {
      this.answer(id, { kind: 'missing' }, segment);
      return;
    }
    const size = Number(sizeText);
    const keep = type === 'blob' && size <= this.maxSize;
    // The body is followed by a newline, read (and dropped) with it.
    // The buffer is made when the blob turns out to span reads (see readBody).
    this.body = { id: type === 'blob' ? id : `${id} ${type}`, size, ...(keep ? { bytes: EMPTY } : {}), filled: 0, left: size + 1 };
  }

  private readBody(chunk: Buffer, at: number, segment: Segment): number {
    const body = this.body!;
    // Most blobs arrive whole inside one read: handed over as a view of it, with nothing copied.
    if (body.bytes !== undefined && body.filled === 0 && chunk.length - at >= body.left) {
      this.body = undefined;
      this.answer(body.id, { kind: 'blob', bytes: chunk.subarray(at, at + body.size) }, segment);
      return at + body.left;
    }
    const take = Math.min(body.left, chunk.length - at);
    if (body.bytes === EMPTY && body.size > 0) body.bytes = Buffer.allocUnsafe(body.size);
    if (body.bytes !== undefined && body.filled < body.size) {
      const copy = Math.min(take, body.size - body.filled);
      chunk.copy(body.bytes, body.filled, at, at + copy);
      body.filled += copy;
    }
    body.left -= take;
    if (body.left === 0) {
      this.body = undefined;
      const [id = '', type] = body.id.split(' ');
      if (type !== undefined) this.answer(id, { kind: 'not-blob', type }, segment);
      else if (body.bytes === undefined) this.answer(id, { kind: 'too-large', size: body.size }, segment);
      else this.answer(id, { kind: 'blob', bytes: body.bytes }, segment);
    }
    return at + take;
  }

  private answer(id: string, content: BlobContent, segment: Segment): void {
    this.answered++;
    segment.answered++;
    this.onBlob(id, content);
  }
}
