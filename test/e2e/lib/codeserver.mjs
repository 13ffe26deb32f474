// Starts code-server on a fresh profile: its own HOME, user-data-dir and extensions-dir under one
// temporary folder, so nothing of the machine's own profile leaks in and nothing leaks out.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Settings that keep the workbench quiet and predictable: no welcome page, no tips, no chat panel. */
export const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'editor.minimap.enabled': false,
  'editor.wordWrap': 'on',
  'editor.editContext': false,
  'editor.hover.delay': 300,
  'editor.fontSize': 14,
  'files.autoSave': 'off',
  'window.restoreWindows': 'none',
  'notebook.experimental.remoteSave': false,
};

export class CodeServer {
  /**
   * @param {{ tools: ReturnType<import('../tools.mjs').toolPaths>, root: string, logFile?: string }} opts
   * root: an empty temporary folder that holds the profile (home/, data/, extensions/).
   */
  constructor({ tools, root, logFile }) {
    this.tools = tools;
    this.root = root;
    this.home = path.join(root, 'home');
    this.userDataDir = path.join(root, 'data');
    this.extensionsDir = path.join(root, 'extensions');
    this.logFile = logFile ?? path.join(root, 'code-server.log');
    /** While this file exists, a workspace scan of the desktop server holds after its listing (server/src/node/main.ts). */
    this.scanHoldFile = path.join(root, 'scan-hold');
    for (const d of [this.home, this.userDataDir, this.extensionsDir]) mkdirSync(d, { recursive: true });
    this.env = {
      ...process.env,
      HOME: this.home,
      XDG_CONFIG_HOME: path.join(this.home, '.config'),
      XDG_DATA_HOME: path.join(this.home, '.local', 'share'),
      XDG_CACHE_HOME: path.join(this.home, '.cache'),
      PATH: `${path.dirname(tools.node)}:${process.env.PATH}`,
      SAS_GUARD_TEST_HOLD_SCAN: this.scanHoldFile,
    };
    // A terminal would otherwise hand code-server the password and the editor it runs in.
    for (const k of ['PASSWORD', 'HASHED_PASSWORD', 'VSCODE_IPC_HOOK_CLI', 'VSCODE_CWD', 'ELECTRON_RUN_AS_NODE']) delete this.env[k];
    this.proc = undefined;
  }

  profileArgs() {
    return ['--user-data-dir', this.userDataDir, '--extensions-dir', this.extensionsDir];
  }

  writeUserSettings(extra = {}) {
    const dir = path.join(this.userDataDir, 'User');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...extra }, null, 2) + '\n');
  }

  /** `code-server --install-extension`; throws with its output when it does not report success. */
  installExtension(vsix) {
    const r = spawnSync(this.tools.node, [this.tools.codeServer, ...this.profileArgs(), '--install-extension', vsix], {
      env: this.env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
    if (r.status !== 0 || !/successfully installed/i.test(out)) {
      throw new Error(`code-server --install-extension ${vsix} failed (exit ${r.status}):\n${out}`);
    }
    return out.trim();
  }

  listExtensions() {
    const r = spawnSync(this.tools.node, [this.tools.codeServer, ...this.profileArgs(), '--list-extensions', '--show-versions'], {
      env: this.env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    return (r.stdout ?? '').trim().split('\n').filter(Boolean);
  }

  /**
   * Starts the server on host:port and resolves once the workbench page for `folder` answers 200.
   * `vscodeServer: true` starts the VS Code server that code-server embeds (lib/vscode/out/server-main.js)
   * without code-server's wrapper, whose command line rejects the flags extension tests need.
   */
  async start({ folder, host = '127.0.0.1', port, timeoutMs = 90_000, inheritOutput = false, vscodeServer = false, extraArgs = [] }) {
    this.port = port ?? (await freePort());
    this.host = host;
    this.folder = folder;
    const args = vscodeServer
      ? [
          path.join(path.dirname(this.tools.codeServer), '..', '..', 'lib', 'vscode', 'out', 'server-main.js'),
          '--host',
          host,
          '--port',
          String(this.port),
          '--without-connection-token',
          '--accept-server-license-terms',
          '--disable-telemetry',
          '--disable-workspace-trust',
          '--server-data-dir',
          path.join(this.root, 'server-data'),
          ...this.profileArgs(),
          ...extraArgs,
        ]
      : [
          this.tools.codeServer,
          '--auth',
          'none',
          '--bind-addr',
          `${host}:${this.port}`,
          '--disable-telemetry',
          '--disable-update-check',
          '--disable-workspace-trust',
          '--disable-getting-started-override',
          ...this.profileArgs(),
          ...extraArgs,
          folder,
        ];
    const log = createWriteStream(this.logFile);
    // Its own process group, so that stop() ends the extension host and every other child with it.
    this.proc = spawn(this.tools.node, args, { env: this.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    this.proc.stdout.pipe(log);
    this.proc.stderr.pipe(log);
    if (inheritOutput) {
      this.proc.stdout.pipe(process.stdout);
      this.proc.stderr.pipe(process.stderr);
    }
    let exited = null;
    this.proc.on('exit', (code, signal) => {
      exited = { code, signal };
    });
    // /healthz answers 200 even when the workbench is broken (e.g. on the wrong Node): wait on the page.
    const url = this.folderUrl();
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      if (exited) throw new Error(`code-server exited early (${JSON.stringify(exited)}); see ${this.logFile}`);
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
        last = `HTTP ${res.status}`;
        if (res.status === 200) return url;
      } catch (e) {
        last = e.cause?.code ?? e.message;
      }
      await new Promise((r) => setTimeout(r, 250)); // polling a socket that is not up yet; nothing to wait on
    }
    throw new Error(`code-server did not serve ${url} within ${timeoutMs} ms (last: ${last}); see ${this.logFile}`);
  }

  /** Log files under the profile's logs/ folder whose path (relative to it) matches `pathPattern`. */
  logFiles(pathPattern) {
    const root = path.join(this.userDataDir, 'logs');
    if (!existsSync(root)) return [];
    return readdirSync(root, { recursive: true })
      .map(String)
      .filter((rel) => pathPattern.test(rel))
      .map((rel) => path.join(root, rel));
  }

  /** The text of every log file whose path matches, joined (empty when there is none yet). */
  logText(pathPattern) {
    return this.logFiles(pathPattern)
      .map((file) => {
        try {
          return readFileSync(file, 'utf8');
        } catch {
          return '';
        }
      })
      .join('\n');
  }

  /**
   * Waits until a log of this profile says something: the extension host and the output channels
   * write their state there (e.g. "Eager extensions activated", "SAS Guard server started."). Log
   * files have no event to wait on from here, so they are read again every 100 ms until the deadline.
   */
  async waitForLog(pathPattern, textPattern, { timeoutMs = 90_000, what = String(textPattern) } = {}) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const text = this.logText(pathPattern);
      const match = textPattern.exec(text);
      if (match) return match;
      if (Date.now() > deadline)
        throw new Error(`${what}: not in ${this.logFiles(pathPattern).join(', ') || `any log matching ${pathPattern}`} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  folderUrl() {
    return `http://${this.host}:${this.port}/?folder=${encodeURIComponent(this.folder)}`;
  }

  async stop() {
    const p = this.proc;
    if (!p) return;
    const group = (signal) => {
      try {
        process.kill(-p.pid, signal);
      } catch {
        /* the group is gone already */
      }
    };
    if (p.exitCode === null && p.signalCode === null) {
      const done = new Promise((r) => p.once('exit', r));
      group('SIGTERM');
      const t = setTimeout(() => group('SIGKILL'), 5000);
      await done;
      clearTimeout(t);
    }
    group('SIGKILL'); // children that outlived the main process
  }
}
