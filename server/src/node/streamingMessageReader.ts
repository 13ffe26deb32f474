// Reads LSP messages (`Content-Length: N` headers, then N bytes of JSON) from a byte stream: the
// server's standard input when an editor talks to it over stdio (Neovim, Emacs, Helix, …).
// vscode-jsonrpc's own reader keeps a message's bytes until the last one has arrived, then joins,
// converts and parses them; for a large document opened in the editor that is most of the time
// between the last byte and the first diagnostic (streamedJsonBody.ts says why). This reader
// parses large bodies while they arrive and small ones as the library does. Headers other than
// Content-Length are ignored, as the library ignores them (it decodes every body as UTF-8).
import { AbstractMessageReader, type DataCallback, Disposable, type Message, type MessageReader } from 'vscode-languageserver/node';
import { StreamedJsonBody } from './streamedJsonBody';

/** Bodies at least this long are parsed as they arrive; smaller ones are joined and parsed at once. */
export const STREAMED_BODY_BYTES = 1024 * 1024;

const HEADER_END = Buffer.from('\r\n\r\n', 'latin1');

/** A body small enough to be parsed the usual way once complete. */
class WholeJsonBody {
  private readonly parts: Uint8Array[] = [];

  write(bytes: Uint8Array): void {
    this.parts.push(bytes);
  }

  finish(): unknown {
    return JSON.parse(Buffer.concat(this.parts).toString('utf8'));
  }
}

export interface StreamingMessageReaderOptions {
  /** Bodies at least this long are parsed as they arrive (tests use a few bytes). */
  readonly streamedBodyBytes?: number;
  /** Strings at least this long inside such bodies are decoded as they arrive (StreamedJsonBody). */
  readonly longStringBytes?: number;
}

export class StreamingMessageReader extends AbstractMessageReader implements MessageReader {
  private callback: DataCallback | undefined;
  /** Header bytes received so far, while no body is being read. */
  private header: Buffer = Buffer.alloc(0);
  private body: WholeJsonBody | StreamedJsonBody | undefined;
  private bodyBytesLeft = 0;

  constructor(
    private readonly readable: NodeJS.ReadableStream,
    private readonly options: StreamingMessageReaderOptions = {},
  ) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    const onData = (chunk: Buffer | string): void => this.receive(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
    const onError = (error: Error): void => this.fireError(error);
    const onClose = (): void => this.fireClose();
    this.readable.on('data', onData);
    this.readable.on('error', onError);
    this.readable.on('close', onClose);
    return Disposable.create(() => {
      this.readable.off('data', onData);
      this.readable.off('error', onError);
      this.readable.off('close', onClose);
      this.callback = undefined;
    });
  }

  /** The next bytes of the stream: any number of messages, or pieces of them. */
  receive(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.body === undefined) {
        at = this.readHeader(chunk, at);
        continue;
      }
      const take = Math.min(this.bodyBytesLeft, chunk.length - at);
      this.body.write(chunk.subarray(at, at + take));
      at += take;
      this.bodyBytesLeft -= take;
      if (this.bodyBytesLeft === 0) this.deliver();
    }
  }

  /** Takes header bytes from `chunk` at `at`; returns where the unread bytes begin. */
  private readHeader(chunk: Buffer, at: number): number {
    const before = this.header.length;
    // Only the header's own bytes are kept: look for its end across the old bytes and the new ones.
    const searchFrom = Math.max(0, before - (HEADER_END.length - 1));
    const joined = before === 0 ? chunk.subarray(at) : Buffer.concat([this.header, chunk.subarray(at)]);
    const end = joined.indexOf(HEADER_END, searchFrom);
    if (end === -1) {
      this.header = Buffer.from(joined); // a copy: the stream may reuse its chunk
      return chunk.length;
    }
    const next = at + (end + HEADER_END.length - before);
    this.header = Buffer.alloc(0);
    const contentLength = contentLengthOf(joined.toString('ascii', 0, end));
    if (typeof contentLength === 'string') {
      this.fireError(new Error(contentLength));
      return next;
    }
    this.bodyBytesLeft = contentLength;
    this.body =
      contentLength >= (this.options.streamedBodyBytes ?? STREAMED_BODY_BYTES)
        ? new StreamedJsonBody(contentLength, this.options.longStringBytes)
        : new WholeJsonBody();
    if (contentLength === 0) this.deliver();
    return next;
  }

  private deliver(): void {
    const body = this.body!;
    this.body = undefined;
    let message: Message;
    try {
      message = body.finish() as Message;
    } catch (error) {
      this.fireError(error);
      return;
    }
    this.callback?.(message);
  }
}

/** The Content-Length of a header block, or what is wrong with it. */
function contentLengthOf(header: string): number | string {
  for (const line of header.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon === -1) continue;
    if (line.slice(0, colon).trim().toLowerCase() !== 'content-length') continue;
    const value = line.slice(colon + 1).trim();
    const length = Number.parseInt(value, 10);
    return Number.isNaN(length) || length < 0 ? `Content-Length value must be a number. Got ${value}` : length;
  }
  return `Header must provide a Content-Length property.\n${header}`;
}
