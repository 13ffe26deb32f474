// Test harness: the REAL language server (dist/server.js, built by `npm run build`) as a child process
// over stdio, driven by a real JSON-RPC client. Every wait has a guard that fails the test instead of
// hanging; no assertion depends on timing. One file over 400 lines on purpose: every LSP test file
// imports its one client (requests, notifications, waits, folders); split, they would import it in parts.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before } from 'node:test';
import {
  CancellationTokenSource,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExecuteCommandRequest,
  ExitNotification,
  HoverRequest,
  CodeActionRequest,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  ConfigurationRequest,
  WorkDoneProgressCreateRequest,
  RegistrationRequest,
  type ClientCapabilities,
  type CodeAction,
  type Diagnostic,
  type Hover,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type TextDocumentContentChangeEvent,
  type WorkspaceFolder,
  type Command,
  type ProgressToken,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { StatusNotification, type StatusParams } from '../../server/src/lsp/protocol';
import { NOW } from '../support/clock';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const serverPath = path.join(repoRoot, 'dist', 'server.js');

export interface StartOptions {
  /** Answer workspace/configuration (default true). */
  readonly configuration?: boolean;
  /** Client supports window/workDoneProgress (default true). */
  readonly workDoneProgress?: boolean;
  readonly relatedInformation?: boolean;
  readonly workspaceFolders?: readonly string[];
  /** Settings returned for section "sasGuard" (any scope). */
  readonly settings?: Record<string, unknown>;
  readonly initializationOptions?: unknown;
  readonly extraCapabilities?: Partial<ClientCapabilities>;
  /** The server's clock for grading (SAS_GUARD_TEST_CLOCK); default the suites' fixed NOW, 'real' for the real time. */
  readonly clock?: Date | 'real';
}

interface Waiter<T> {
  readonly match: (value: T) => boolean;
  readonly resolve: (value: T) => void;
}

export interface ProgressEvent {
  readonly token: ProgressToken;
  readonly value: { kind: 'begin' | 'report' | 'end'; percentage?: number; message?: string; title?: string; cancellable?: boolean };
}

const GUARD_MS = 20_000;

export class TestClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  readonly progress: ProgressEvent[] = [];
  readonly createdProgressTokens: ProgressToken[] = [];
  readonly statuses: StatusParams[] = [];
  readonly logs: string[] = [];
  /** `window/showMessage` notifications, in arrival order. */
  readonly shownMessages: { type: number; message: string }[] = [];
  readonly configurationRequests: unknown[] = [];
  readonly registrations: unknown[] = [];
  settings: Record<string, unknown>;
  private readonly diagnosticWaiters: Waiter<PublishDiagnosticsParams>[] = [];
  private readonly progressWaiters: Waiter<ProgressEvent>[] = [];
  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, TextDocument>();
  stderr = '';

  private constructor(
    readonly child: ChildProcessWithoutNullStreams,
    readonly connection: ProtocolConnection,
    readonly options: StartOptions,
  ) {
    this.settings = { ...(options.settings ?? {}) };
  }

  static async start(options: StartOptions = {}): Promise<TestClient> {
    if (!existsSync(serverPath)) throw new Error(`${serverPath} is missing: run \`npm run build\` first`);
    const clock = options.clock ?? NOW;
    const env = { ...process.env, SAS_GUARD_TEST_CLOCK: clock === 'real' ? '' : clock.toISOString() };
    const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: 'pipe', env });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new TestClient(child, connection, options);
    child.stderr.on('data', (chunk: Buffer) => (client.stderr += chunk.toString()));
    client.wire();
    connection.listen();
    const workspaceFolders: WorkspaceFolder[] | null = options.workspaceFolders
      ? options.workspaceFolders.map((p) => ({ uri: fileUri(p), name: path.basename(p) }))
      : null;
    const capabilities: ClientCapabilities = {
      workspace: {
        configuration: options.configuration ?? true,
        workspaceFolders: true,
        didChangeConfiguration: { dynamicRegistration: true },
        workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] },
        applyEdit: true,
        executeCommand: {},
      },
      textDocument: {
        synchronization: { dynamicRegistration: false },
        publishDiagnostics: { relatedInformation: options.relatedInformation ?? true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        codeAction: {
          codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
          isPreferredSupport: true,
          dataSupport: true,
        },
      },
      window: { workDoneProgress: options.workDoneProgress ?? true },
      ...(options.extraCapabilities ?? {}),
    };
    const result = await guard(
      connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: workspaceFolders?.[0]?.uri ?? null,
        workspaceFolders,
        capabilities,
        initializationOptions: options.initializationOptions,
      }),
      'initialize',
    );
    client.initializeResult = result;
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  initializeResult: unknown;

  private wire(): void {
    const { connection } = this;
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      const list = this.diagnostics.get(params.uri) ?? [];
      list.push(params);
      this.diagnostics.set(params.uri, list);
      this.fire(this.diagnosticWaiters, params);
    });
    connection.onNotification(StatusNotification, (params) => {
      this.statuses.push(params);
      const waiters = this.statusWaiters;
      this.statusWaiters = [];
      for (const w of waiters) w();
    });
    connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
    });
    connection.onNotification('window/showMessage', (params: { type: number; message: string }) => {
      this.shownMessages.push(params);
    });
    connection.onNotification('$/progress', (params: ProgressEvent) => {
      this.progress.push(params);
      this.fire(this.progressWaiters, params);
    });
    connection.onRequest(ConfigurationRequest.type, (params) => {
      this.configurationRequests.push(params);
      if (this.options.configuration === false) throw new Error('configuration not supported');
      return params.items.map((item) => (item.section === 'sasGuard' ? this.settings : null));
    });
    connection.onRequest(WorkDoneProgressCreateRequest.type, (params) => {
      this.createdProgressTokens.push(params.token);
    });
    connection.onRequest(RegistrationRequest.type, (params) => {
      this.registrations.push(params);
    });
  }

  private fire<T>(waiters: Waiter<T>[], value: T): void {
    for (const waiter of [...waiters]) {
      if (waiter.match(value)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(value);
      }
    }
  }

  /** Resolves with the next publishDiagnostics for `uri` that satisfies `match`. Register before triggering. */
  nextDiagnostics(uri: string, match: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    return guard(
      new Promise<PublishDiagnosticsParams>((resolve) => this.diagnosticWaiters.push({ match: (p) => p.uri === uri && match(p), resolve })),
      `diagnostics for ${uri}`,
    );
  }

  nextProgress(match: (p: ProgressEvent) => boolean): Promise<ProgressEvent> {
    const already = this.progress.find(match);
    if (already) return Promise.resolve(already);
    return guard(new Promise<ProgressEvent>((resolve) => this.progressWaiters.push({ match, resolve })), 'progress');
  }

  latestDiagnostics(uri: string): Diagnostic[] | undefined {
    const list = this.diagnostics.get(uri);
    return list?.[list.length - 1]?.diagnostics;
  }

  text(uri: string): string {
    const doc = this.texts.get(uri);
    if (!doc) throw new Error(`${uri} is not open`);
    return doc.getText();
  }

  document(uri: string): TextDocument {
    const doc = this.texts.get(uri);
    if (!doc) throw new Error(`${uri} is not open`);
    return doc;
  }

  /** Opens a document and returns the diagnostics published for it. */
  async open(uri: string, languageId: string, text: string): Promise<Diagnostic[]> {
    const waiting = this.nextDiagnostics(uri, (p) => p.version === 1);
    this.versions.set(uri, 1);
    this.texts.set(uri, TextDocument.create(uri, languageId, 1, text));
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return (await waiting).diagnostics;
  }

  /** Sends incremental changes and returns the diagnostics published for the new version. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<Diagnostic[]> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    const doc = this.document(uri);
    this.texts.set(uri, TextDocument.update(doc, changes, version));
    const waiting = this.nextDiagnostics(uri, (p) => p.version === version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
    return (await waiting).diagnostics;
  }

  /** Replaces the whole text through one incremental change covering the old text. */
  replaceAll(uri: string, text: string): Promise<Diagnostic[]> {
    const doc = this.document(uri);
    return this.change(uri, [{ range: { start: { line: 0, character: 0 }, end: doc.positionAt(doc.getText().length) }, text }]);
  }

  /** A didChange without waiting for diagnostics (for bursts). Keeps the local copy in step. */
  async sendRawChange(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    this.versions.set(uri, version);
    this.texts.set(uri, TextDocument.update(this.document(uri), changes, version));
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
  }

  /** Resolves with the first status notification (already received or coming) that satisfies `match`, newest first. */
  waitForStatus(match: (s: StatusParams) => boolean): Promise<StatusParams> {
    const seen = [...this.statuses].reverse().find(match);
    if (seen !== undefined && this.statuses[this.statuses.length - 1] === seen) return Promise.resolve(seen);
    return guard(
      new Promise<StatusParams>((resolve) => {
        const check = (): void => {
          const latest = this.statuses[this.statuses.length - 1];
          if (latest !== undefined && match(latest)) resolve(latest);
          else this.statusWaiters.push(check);
        };
        this.statusWaiters.push(check);
      }),
      'status',
    );
  }

  private statusWaiters: (() => void)[] = [];

  async close(uri: string): Promise<void> {
    this.texts.delete(uri);
    this.versions.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  hover(uri: string, line: number, character: number): Promise<Hover | null> {
    return guard(this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } }), 'hover');
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<(Command | CodeAction)[] | null> {
    return guard(
      this.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range,
        context: { diagnostics, ...(only ? { only } : {}) },
      }),
      'codeAction',
    );
  }

  executeCommand<T>(command: string, args: unknown[] = [], options: { workDoneToken?: ProgressToken; cancel?: CancellationTokenSource } = {}): Promise<T> {
    return guard(
      this.connection.sendRequest(
        ExecuteCommandRequest.type,
        { command, arguments: args, ...(options.workDoneToken !== undefined ? { workDoneToken: options.workDoneToken } : {}) },
        options.cancel?.token,
      ) as Promise<T>,
      `executeCommand ${command}`,
    );
  }

  /**
   * Runs a long command on a work-done token and sends $/cancelRequest once a progress event on it
   * matches `when`; resolves to the command's (cancelled) result.
   */
  async executeCancelled<T>(command: string, workDoneToken: string, when: (value: ProgressEvent['value']) => boolean): Promise<T> {
    const source = new CancellationTokenSource();
    const running = this.executeCommand<T>(command, [], { workDoneToken, cancel: source });
    await this.nextProgress((p) => p.token === workDoneToken && when(p.value));
    source.cancel();
    return running;
  }

  async changeConfiguration(settings: Record<string, unknown>, pushed?: unknown): Promise<void> {
    this.settings = { ...settings };
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: pushed ?? null });
  }

  async stop(): Promise<void> {
    try {
      await guard(this.connection.sendRequest(ShutdownRequest.type), 'shutdown', 5000);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // already gone
    }
    this.connection.dispose();
    if (this.child.exitCode === null) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.child.kill();
          resolve();
        }, 3000);
        this.child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The server process is still alive and answering. */
  async alive(): Promise<boolean> {
    if (this.child.exitCode !== null) return false;
    await this.hover('file:///nonexistent.txt', 0, 0);
    return this.child.exitCode === null;
  }
}

export function fileUri(p: string): string {
  return pathToFileURL(p).toString();
}

export function guard<T>(promise: Promise<T>, what: string, ms = GUARD_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer for ${what} (the server hung or never sent it)`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Starts one server before the enclosing describe block's tests and stops it after them; `use` hands the
 * started client to the suite, which keeps it in its own variable.
 */
export function clientPerSuite(options: StartOptions, use: (client: TestClient) => void): void {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start(options);
    use(client);
  });
  after(async () => {
    await client.stop();
  });
}

/** A suite's server and its workspace folder: there once the suite's first test runs. */
export interface SuiteServer {
  readonly client: TestClient;
  readonly folder: string;
}

/**
 * Like clientPerSuite, with the workspace folder a fresh temporary directory named from `prefix`,
 * removed after the server stops. The suite reads both from the object returned.
 */
export function clientPerSuiteInTempFolder(prefix: string): SuiteServer {
  const suite = {} as { client: TestClient; folder: string };
  before(async () => {
    suite.folder = mkdtempSync(path.join(tmpdir(), prefix));
    suite.client = await TestClient.start({ workspaceFolders: [suite.folder] });
  });
  after(async () => {
    await suite.client.stop();
    rmSync(suite.folder, { recursive: true, force: true });
  });
  return suite;
}
