// A permissive fake of the `vscode` module: just enough for the bundled client (dist/client.js) to
// activate, start the real server (dist/server.js) over IPC and run its commands in plain Node.
// Anything not modelled here is a harmless stub. `commands.registerCommand` throws on a duplicate
// id, as VS Code does, which is what catches a client/server command collision.
// The local class is FakeDisposable: Disposable is a global of recent JavaScript (explicit resource management).
const path = require('path');
function stub(name) {
  const target = function () {};
  return new Proxy(target, {
    get(t, p) {
      if (p === 'then') return undefined;
      if (p === Symbol.toPrimitive) return () => `<${name}>`;
      if (p === Symbol.iterator) return undefined;
      if (p === 'dispose') return () => {};
      if (!(p in t)) t[p] = stub(`${name}.${String(p)}`);
      return t[p];
    },
    set(t, p, v) {
      t[p] = v;
      return true;
    },
    apply() {
      return stub(`${name}()`);
    },
    construct(t, args) {
      return { __stub: name, args, dispose() {} };
    },
  });
}
class FakeDisposable {
  constructor(fn) {
    this.fn = fn;
  }
  dispose() {
    if (this.fn) this.fn();
  }
  static from(...d) {
    return new FakeDisposable(() => d.forEach((x) => x && x.dispose && x.dispose()));
  }
}
class EventEmitter {
  constructor() {
    this.listeners = new Set();
    this.event = (l, thisArg, disposables) => {
      const f = l.bind(thisArg);
      this.listeners.add(f);
      const d = new FakeDisposable(() => this.listeners.delete(f));
      if (Array.isArray(disposables)) disposables.push(d);
      return d;
    };
  }
  fire(e) {
    for (const l of [...this.listeners]) l(e);
  }
  dispose() {
    this.listeners.clear();
  }
}
class CancellationTokenSource {
  constructor() {
    const em = new EventEmitter();
    this.em = em;
    this.token = { isCancellationRequested: false, onCancellationRequested: em.event };
  }
  cancel() {
    if (!this.token.isCancellationRequested) {
      this.token.isCancellationRequested = true;
      this.em.fire();
    }
  }
  dispose() {}
}
const { pathToFileURL } = require('url');
class Uri {
  constructor(scheme, authority, p, query, fragment) {
    Object.assign(this, { scheme, authority: authority || '', path: p || '', query: query || '', fragment: fragment || '' });
  }
  static file(fsPath) {
    return new Uri('file', '', pathToFileURL(fsPath).pathname);
  }
  static parse(s) {
    const m = /^([a-z][a-z0-9+.-]*):(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/i.exec(s);
    return new Uri(m[1], m[2], decodeURIComponent(m[3]), m[4], m[5]);
  }
  static joinPath(u, ...p) {
    return u.with({ path: path.posix.join(u.path, ...p) });
  }
  with(c) {
    return new Uri(c.scheme ?? this.scheme, c.authority ?? this.authority, c.path ?? this.path, c.query ?? this.query, c.fragment ?? this.fragment);
  }
  get fsPath() {
    return this.path;
  }
  toString() {
    return `${this.scheme}://${this.authority}${encodeURI(this.path)}${this.query ? '?' + this.query : ''}`;
  }
  toJSON() {
    return this.toString();
  }
}
const commands = new Map();
const liveCollections = new Set();
const state = { workspaceRoot: undefined, statusItems: [], messages: [], progress: [] };
const vscode = new Proxy(
  {
    version: '1.95.0',
    Disposable: FakeDisposable,
    EventEmitter,
    CancellationTokenSource,
    Uri,
    env: {
      appName: 'Fake',
      language: 'en',
      machineId: 'x',
      sessionId: 'y',
      uiKind: 1,
      remoteName: undefined,
      clipboard: {
        writeText(text) {
          state.clipboard = text;
          return Promise.resolve();
        },
        readText() {
          return Promise.resolve(state.clipboard ?? '');
        },
      },
      openExternal(uri) {
        state.opened = String(uri);
        return Promise.resolve(true);
      },
    },
    LanguageStatusSeverity: { Information: 0, Warning: 1, Error: 2 },
    StatusBarAlignment: { Left: 1, Right: 2 },
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
    ThemeColor: class {
      constructor(id) {
        this.id = id;
      }
    },
    commands: new Proxy(
      {
        registerCommand(id, fn) {
          if (commands.has(id)) throw new Error(`command '${id}' already exists`);
          commands.set(id, fn);
          return new FakeDisposable(() => commands.delete(id));
        },
        executeCommand(id, ...args) {
          const f = commands.get(id);
          if (!f) return Promise.reject(new Error('no command ' + id));
          return Promise.resolve(f(...args));
        },
        getCommands() {
          return Promise.resolve([...commands.keys()]);
        },
      },
      { get: (t, p) => (p in t ? t[p] : stub('commands.' + String(p))) },
    ),
    window: new Proxy(
      {
        createOutputChannel(name) {
          const ch = stub('channel');
          const w = (lvl) => (m) => state.messages.push([`log:${lvl}`, String(m)]);
          return Object.assign(ch, {
            name,
            info: w('info'),
            warn: w('warn'),
            error: w('error'),
            debug: () => {},
            trace: () => {},
            appendLine: w('line'),
            append: w('append'),
            show() {},
            dispose() {},
            logLevel: 2,
            onDidChangeLogLevel: () => new FakeDisposable(),
          });
        },
        withProgress(options, task) {
          const source = new CancellationTokenSource();
          state.lastProgress = source;
          return task({ report: (v) => state.progress.push(v) }, source.token);
        },
        showInformationMessage(m) {
          state.messages.push(['info', m]);
          return Promise.resolve(undefined);
        },
        showWarningMessage(m) {
          state.messages.push(['warning', m]);
          return Promise.resolve(undefined);
        },
        showErrorMessage(m) {
          state.messages.push(['error', m]);
          return Promise.resolve(undefined);
        },
        createStatusBarItem() {
          return { show() {}, hide() {}, dispose() {} };
        },
        setStatusBarMessage(m) {
          state.messages.push(['statusBar', m]);
          return new FakeDisposable();
        },
        visibleTextEditors: [],
        tabGroups: { all: [], onDidChangeTabs: () => new FakeDisposable() },
        onDidChangeVisibleTextEditors: () => new FakeDisposable(),
        onDidChangeActiveTextEditor: () => new FakeDisposable(),
      },
      { get: (t, p) => (p in t ? t[p] : stub('window.' + String(p))) },
    ),
    workspace: new Proxy(
      {
        get workspaceFolders() {
          return state.workspaceRoot ? [{ uri: Uri.file(state.workspaceRoot), name: 'ws', index: 0 }] : undefined;
        },
        textDocuments: [],
        notebookDocuments: [],
        getConfiguration(section) {
          const values = { 'files.exclude': { '**/.git': true, '**/node_modules': false } };
          return {
            get: (k, d) => {
              const v = values[`${section}.${k}`];
              return v === undefined ? d : v;
            },
            has: () => false,
            inspect: () => undefined,
            update: () => Promise.resolve(),
          };
        },
        getWorkspaceFolder: () => undefined,
        fs: {
          writeFile: (u, b) => {
            require('fs').writeFileSync(u.fsPath, b);
            return Promise.resolve();
          },
        },
      },
      { get: (t, p) => (p in t ? t[p] : stub('workspace.' + String(p))) },
    ),
    languages: new Proxy(
      {
        createLanguageStatusItem(id) {
          const item = { id, dispose() {} };
          state.statusItems.push(item);
          return item;
        },
        // Each collection keeps its own entries (a disposed one's go away, as in VS Code); __diags keeps
        // the last list set for a URI by any collection, __liveDiagnostics() what live collections hold.
        createDiagnosticCollection(name) {
          const m = new Map();
          const collection = {
            name,
            set: (u, d) => {
              m.set(String(u), d || []);
              vscode.__diags.set(String(u), d || []);
            },
            delete: (u) => m.delete(String(u)),
            clear: () => m.clear(),
            dispose() {
              m.clear();
              liveCollections.delete(collection);
            },
            forEach(f) {
              m.forEach((d, u) => f(Uri.parse(u), d, collection));
            },
            get: (u) => m.get(String(u)),
            has: (u) => m.has(String(u)),
            __entries: () => [...m.entries()],
          };
          liveCollections.add(collection);
          return collection;
        },
      },
      { get: (t, p) => (p in t ? t[p] : stub('languages.' + String(p))) },
    ),
    __diags: new Map(),
    /** Every diagnostic that live collections hold, per URI (a URI in two collections lists both). */
    __liveDiagnostics() {
      const out = new Map();
      for (const c of liveCollections) for (const [u, d] of c.__entries()) out.set(u, [...(out.get(u) || []), ...d]);
      return out;
    },
    __commands: commands,
    __state: state,
  },
  { get: (t, p) => (p in t ? t[p] : (t[p] = stub(String(p)))) },
);
module.exports = vscode;
