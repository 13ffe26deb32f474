// Reads blobs by id through one long-running `git cat-file --batch`: ids go in on its standard
// input as the scan discovers them, contents come back in the same order, each handed to the
// caller while it is read and then dropped, so memory holds one blob at a time (plus what the pipe
// buffers), however long the history. A blob the repository lacks (a partial clone, a corrupt copy)
// comes back as `missing` instead of stopping the read; one over the size limit is passed over
// without being held.
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { firstLine, spawnGit } from './gitCommand';

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

export class BlobReader {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly exited: Promise<number | null>;
  private stderr = '';
  private header: Buffer[] = [];
  /** The blob being read: its id, its bytes so far (none when over the limit), and what is left. */
  private body: { id: string; size: number; bytes?: Buffer; filled: number; left: number } | undefined;
  private requested = 0;
  private answered = 0;
  /** Ids asked for and not yet written to git. */
  private unsent = '';

  constructor(
    repository: string,
    private readonly maxSize: number,
    private readonly onBlob: BlobHandler,
  ) {
    this.child = spawnGit(repository, ['cat-file', '--batch']);
    this.child.stdout.on('data', (chunk: Buffer) => this.read(chunk));
    this.child.stderr.on('data', (chunk: Buffer) => {
      if (this.stderr.length < 4096) this.stderr += chunk.toString('utf8');
    });
    // A write after git died (EPIPE) is reported by `finish`, not thrown here.
    this.child.stdin.on('error', () => undefined);
    this.exited = new Promise((resolve) => {
      this.child.on('error', () => resolve(null));
      this.child.on('close', (code) => resolve(code));
    });
  }

  /** Asks for a blob; its content reaches the handler after every earlier request's. */
  request(id: string): void {
    this.requested++;
    // One write per turn (a chunk of the log holds hundreds of ids), not a system call per id.
    if (this.unsent === '') queueMicrotask(() => this.send());
    this.unsent += id + '\n';
  }

  private send(): void {
    if (this.unsent === '') return;
    this.child.stdin.write(this.unsent);
    this.unsent = '';
  }

  /** Requests not answered yet. */
  get outstanding(): number {
    return this.requested - this.answered;
  }

  /** No more requests: waits for every answer. A git failure is returned as a message, never thrown. */
  async finish(): Promise<string | undefined> {
    this.send();
    this.child.stdin.end();
    const code = await this.exited;
    if (code === 0 && this.answered === this.requested) return undefined;
    const reason = firstLine(this.stderr) || `exit code ${code}`;
    return `git cat-file stopped after ${this.answered} of ${this.requested} blobs: ${reason}`;
  }

  /** Stops at once (cancellation). */
  kill(): void {
    this.child.kill();
  }

  private read(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.body !== undefined) {
        at = this.readBody(chunk, at);
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
      this.startObject(line);
    }
  }

  /** `<id> <type> <size>` or `<id> missing` (also `ambiguous`): the header of the next answer. */
  private startObject(line: string): void {
    const [id = '', type = '', sizeText] = line.split(' ');
    if (sizeText === undefined) {
      this.answer(id, { kind: 'missing' });
      return;
    }
    const size = Number(sizeText);
    const keep = type === 'blob' && size <= this.maxSize;
    // The body is followed by a newline, read (and dropped) with it.
    // The buffer is made when the blob turns out to span chunks (see readBody).
    this.body = { id: type === 'blob' ? id : `${id} ${type}`, size, ...(keep ? { bytes: EMPTY } : {}), filled: 0, left: size + 1 };
  }

  private readBody(chunk: Buffer, at: number): number {
    const body = this.body!;
    // Most blobs arrive whole inside one chunk: handed over as a view of it, with nothing copied.
    if (body.bytes !== undefined && body.filled === 0 && chunk.length - at >= body.left) {
      this.body = undefined;
      this.answer(body.id, { kind: 'blob', bytes: chunk.subarray(at, at + body.size) });
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
      if (type !== undefined) this.answer(id, { kind: 'not-blob', type });
      else if (body.bytes === undefined) this.answer(id, { kind: 'too-large', size: body.size });
      else this.answer(id, { kind: 'blob', bytes: body.bytes });
    }
    return at + take;
  }

  private answer(id: string, content: BlobContent): void {
    this.answered++;
    this.onBlob(id, content);
  }
}
