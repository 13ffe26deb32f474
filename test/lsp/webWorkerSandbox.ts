// Runs the web build's server bundle (dist/web/server.js) the way a browser runs it in a web worker:
// in a fresh JavaScript realm whose globals are a worker's (postMessage, onmessage, MessageChannel,
// TextEncoder, URL, atob …) and nothing of Node's (no process, Buffer, require, setImmediate). Tests
// talk LSP to it as a page talks to its worker, and answer its file requests from a map of files.
import { readFileSync } from 'node:fs';
import * as vm from 'node:vm';

/** The JSON-RPC fields the sandbox reads from a server request or notification; params as sent. */
type MessageParams = { message?: unknown; uri?: unknown; items?: unknown[]; diagnostics?: unknown[] };
type Message = { id?: number | string; method?: string; params?: MessageParams; result?: unknown; error?: unknown };

export class WebWorkerSandbox {
  private readonly realm: vm.Context;
  private readonly listeners: Array<(message: Message) => void> = [];
  private nextId = 1;
  private readonly pending = new Map<number, (message: Message) => void>();
  readonly logs: string[] = [];
  private readonly channels: Array<{ port1: { close(): void }; port2: { close(): void } }> = [];

  constructor(
    bundle: string,
    private readonly files: Map<string, { type: number; bytes?: Uint8Array }>,
  ) {
    const code = readFileSync(bundle, 'utf8');
    const channels = this.channels;
    // Recorded so that dispose() can close them: an open port keeps Node's event loop alive.
    class RecordedMessageChannel extends MessageChannel {
      constructor() {
        super();
        channels.push(this);
      }
    }
    const worker: Record<string, unknown> = {
      postMessage: (message: Message) => setTimeout(() => this.receive(JSON.parse(JSON.stringify(message)) as Message)),
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      onmessage: null,
      MessageChannel: RecordedMessageChannel,
      TextEncoder,
      TextDecoder,
      URL,
      atob,
      btoa,
      setTimeout,
      clearTimeout,
      setInterval,
      clearInterval,
      queueMicrotask,
      console: { ...console }, // its own: the server redirects console output to the client
      performance,
    };
    worker.self = worker;
    this.realm = vm.createContext(worker);
    vm.runInContext(code, this.realm, { filename: 'dist/web/server.js' });
  }

  /** Ends the worker: its message ports close, so the test process can exit. */
  dispose(): void {
    for (const channel of this.channels.splice(0)) {
      channel.port1.close();
      channel.port2.close();
    }
  }

  evaluate(expression: string): unknown {
    return vm.runInContext(expression, this.realm);
  }

  private post(message: Message): void {
    const onmessage = this.realm.onmessage as ((event: { data: unknown }) => void) | null;
    if (typeof onmessage !== 'function') throw new Error('the worker did not listen for messages');
    onmessage({ data: JSON.parse(JSON.stringify(message)) });
  }

  private receive(message: Message): void {
    if (message.method === undefined && typeof message.id === 'number') {
      this.pending.get(message.id)?.(message);
      this.pending.delete(message.id);
      return;
    }
    if (message.method === 'window/logMessage') this.logs.push(String(message.params?.message));
    if (message.method !== undefined && message.id !== undefined) {
      this.post({ id: message.id, result: this.answer(message.method, message.params) } as Message);
    }
    for (const listener of this.listeners) listener(message);
  }

  /** The client's side of the server's requests: configuration, registrations and file reads. */
  private answer(method: string, params: MessageParams | undefined): unknown {
    const path = typeof params?.uri === 'string' ? decodeURIComponent(new URL(params.uri).pathname) : '';
    const file = this.files.get(path);
    switch (method) {
      case 'workspace/configuration':
        return (params?.items ?? []).map(() => null);
      case 'sasGuard/fs/stat':
        return file ? { type: file.type, size: file.bytes?.length ?? 0 } : { error: 'ENOENT', message: 'not found' };
      case 'sasGuard/fs/readDirectory': {
        if (!file || file.type !== 2) return { error: 'ENOENT', message: 'not found' };
        const prefix = path.endsWith('/') ? path : `${path}/`;
        const entries = [...this.files]
          .filter(([p]) => p.startsWith(prefix) && !p.slice(prefix.length).includes('/'))
          .map(([p, f]) => [p.slice(prefix.length), f.type]);
        return { entries };
      }
      case 'sasGuard/fs/readFile':
        return file?.bytes ? { base64: Buffer.from(file.bytes).toString('base64') } : { error: file ? 'EISDIR' : 'ENOENT', message: 'cannot read' };
      default:
        return null;
    }
  }

  request(method: string, params: unknown): Promise<Message> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.post({ jsonrpc: '2.0', id, method, params } as Message);
    });
  }

  notify(method: string, params: unknown): void {
    this.post({ jsonrpc: '2.0', method, params } as Message);
  }

  /** Resolves with the first message the server sends that `predicate` accepts. */
  next(predicate: (message: Message) => boolean): Promise<Message> {
    return new Promise((resolve) => {
      const listener = (message: Message): void => {
        if (!predicate(message)) return;
        this.listeners.splice(this.listeners.indexOf(listener), 1);
        resolve(message);
      };
      this.listeners.push(listener);
    });
  }
}
