#!/usr/bin/env node
// Try SAS Guard without installing VS Code: builds the extension, installs it into a fresh
// code-server profile and serves the workbench on http://127.0.0.1:8080 until Ctrl+C.
// Usage: npm run demo [-- FOLDER] [--port N] [--host H]
//   FOLDER defaults to a copy of demo/workspace (fabricated tokens across languages); a folder you
//   name is opened in place, so the fixes you apply there change your files.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CodeServer } from '../test/e2e/lib/codeserver.mjs';
import { ensureTools, repoRoot } from '../test/e2e/tools.mjs';

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string', default: process.env.PORT || '8080' },
    host: { type: 'string', default: '127.0.0.1' },
    'no-package': { type: 'boolean', default: false },
  },
});

function die(msg) {
  console.error(`demo: ${msg}`);
  process.exit(1);
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'sas-guard-demo-'));
let folder;
if (positionals[0]) {
  folder = path.resolve(positionals[0]);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) die(`${folder} is not a folder`);
} else {
  folder = path.join(tmp, 'contoso-photos');
  cpSync(path.join(repoRoot, 'demo', 'workspace'), folder, { recursive: true });
  spawnSync('git', ['init', '-q'], { cwd: folder });
}

let tools;
try {
  tools = ensureTools();
} catch (e) {
  die(`could not install code-server into .tools/: ${e.message}`);
}

const vsix = path.join(repoRoot, 'sas-guard.vsix');
if (!opts['no-package']) {
  console.log('demo: npm run package …');
  const r = spawnSync('npm', ['run', 'package'], { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) die('npm run package failed');
}
if (!existsSync(vsix)) die(`no ${vsix}`);

const cs = new CodeServer({ tools, root: path.join(tmp, 'profile'), logFile: path.join(tmp, 'code-server.log') });
cs.writeUserSettings({ 'workbench.startupEditor': 'none', 'git.enabled': true });
try {
  cs.installExtension(vsix);
} catch (e) {
  die(e.message);
}

let stopping = false;
const stop = async (code) => {
  if (stopping) return;
  stopping = true;
  await cs.stop();
  rmSync(tmp, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  process.exit(code);
};
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

try {
  await cs.start({ folder, host: opts.host, port: Number(opts.port) });
} catch (e) {
  console.error(`demo: ${e.message}`);
  console.error(`demo: is port ${opts.port} taken? Try: npm run demo -- --port 8081`);
  await stop(1);
}
cs.proc.on('exit', (code) => {
  if (stopping) return;
  console.error(`demo: code-server exited (${code}); log: ${cs.logFile}`);
  void stop(1);
});
console.log(`
SAS Guard demo is running: ${cs.folderUrl()}
  folder:  ${folder}
  profile: ${cs.root} (fresh, deleted on exit)
Open the address in a browser, open a file and hover a squiggle, press Ctrl+. for the fixes, or run
"SAS Guard: Scan Workspace" from the command palette (F1). Press Ctrl+C to stop.`);
