// A language-server client for the LSP benchmarks (bench/lsp.ts, bench/lsp-open.ts): starts a
// server over stdio (or Node IPC, as VS Code clients may),
// initializes it as an editor would, sends didOpen and didChange, and resolves when the server
// publishes diagnostics for a document version. It drives sas-guard and the naive server alike.
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  type ProtocolConnection,
  PublishDiagnosticsNotification,
  type PublishDiagnosticsParams,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type TextDocumentContentChangeEvent,
  TextDocumentSyncKind,
} from 'vscode-languageserver-protocol/node';

/** Settings answered to workspace/configuration: the defaults (the 64 MiB size limit skips no bench document). */
const SETTINGS = {};

interface Waiter {
  readonly version: number;
  readonly resolve: (p: PublishDiagnosticsParams) => void;
}

export class LspClient {
  private readonly waiters = new Map<string, Waiter[]>();
  readonly latest = new Map<string, PublishDiagnosticsParams>();
  syncKind: TextDocumentSyncKind = TextDocumentSyncKind.Full;

  private constructor(
    readonly name: string,
    private readonly proc: ChildProcess,
    private readonly conn: ProtocolConnection,
    private readonly publishTimeoutMs: number,
  ) {}

  /**
   * Starts `script` as a language server over stdio (or Node IPC); a publish not seen within
   * `publishTimeoutMs` fails its wait.
   */
  static async start(name: string, script: string, publishTimeoutMs: number, transport: 'stdio' | 'ipc' = 'stdio'): Promise<LspClient> {
    // BENCH_LSP_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=bench/.data/prof-lsp", profiles both servers.
    const nodeArgs = (process.env.BENCH_LSP_NODE_ARGS ?? '').split(' ').filter(Boolean);
    let proc: ChildProcess;
    let conn: ProtocolConnection;
    if (transport === 'ipc') {
      proc = fork(script, ['--node-ipc'], { execArgv: nodeArgs, stdio: ['pipe', 'pipe', 'pipe', 'ipc'] });
      proc.stdout!.on('data', () => undefined);
      conn = createProtocolConnection(new IPCMessageReader(proc), new IPCMessageWriter(proc));
    } else {
      proc = spawn(process.execPath, [...nodeArgs, script, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
      conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    }
    proc.stderr!.on('data', () => undefined);
    const client = new LspClient(name, proc, conn, publishTimeoutMs);
    conn.onNotification(PublishDiagnosticsNotification.type, (p) => client.onPublish(p));
    conn.onRequest('workspace/configuration', (params: { items?: unknown[] }) => (params.items ?? []).map(() => SETTINGS));
    for (const method of ['client/registerCapability', 'client/unregisterCapability', 'window/workDoneProgress/create', 'window/showMessageRequest']) {
      conn.onRequest(method, () => null);
    }
    conn.listen();
    const result = await conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: null,
      initializationOptions: { settings: SETTINGS },
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: true },
          publishDiagnostics: { versionSupport: true, relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
        },
        window: { workDoneProgress: true },
      },
    });
    const sync = result.capabilities.textDocumentSync;
    client.syncKind = typeof sync === 'number' ? sync : (sync?.change ?? TextDocumentSyncKind.None);
    await conn.sendNotification(InitializedNotification.type, {});
    return client;
  }

  get pid(): number {
    return this.proc.pid!;
  }

  private onPublish(p: PublishDiagnosticsParams): void {
    this.latest.set(p.uri, p);
    const list = this.waiters.get(p.uri);
    if (!list) return;
    const remaining: Waiter[] = [];
    for (const w of list) {
      if (p.version === undefined || p.version >= w.version) w.resolve(p);
      else remaining.push(w);
    }
    this.waiters.set(p.uri, remaining);
  }

  /** Resolves with the first publishDiagnostics for `uri` at `version` or later (or any, if the server sends no version). */
  waitPublish(uri: string, version: number): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${this.name}: no publishDiagnostics for ${uri} v${version} within ${this.publishTimeoutMs} ms`)),
        this.publishTimeoutMs,
      );
      const list = this.waiters.get(uri) ?? [];
      list.push({
        version,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p);
        },
      });
      this.waiters.set(uri, list);
    });
  }

  async open(uri: string, languageId: string, text: string): Promise<void> {
    await this.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  async change(uri: string, version: number, incremental: TextDocumentContentChangeEvent, fullText: string): Promise<void> {
    const contentChanges = this.syncKind === TextDocumentSyncKind.Incremental ? [incremental] : [{ text: fullText }];
    await this.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges });
  }

  memory(): { rssMb: number; hwmMb: number } {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 2000))]);
      await this.conn.sendNotification(ExitNotification.type);
    } catch {
      // already gone
    }
    await new Promise((r) => setTimeout(r, 200));
    this.conn.dispose();
    if (this.proc.exitCode === null) this.proc.kill();
  }
}
