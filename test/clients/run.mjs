#!/usr/bin/env node
// Runs the language server in other LSP editors: Neovim's built-in client (headless) and Emacs with
// eglot (batch). Each editor starts `node dist/server.js --stdio` (the package's
// sas-guard-language-server bin), opens a file with a fabricated token, and must show the diagnostic
// and list the quick fixes; both also apply the environment-reference fix and watch the diagnostic go.
// Usage: node test/clients/run.mjs [--no-build] [nvim|emacs ...]
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const args = process.argv.slice(2);
const wanted = args.filter((a) => !a.startsWith('--'));
const server = path.join(repoRoot, 'dist', 'server.js');

// The fixture's token: fabricated, random signature bytes.
const SIGNATURE_RAW = 'CpwCqGgnMNh31PAwsxYXK+nJxQ/eUEbno1QikJ8x8rM=';
const SIGNATURE_URL = encodeURIComponent(SIGNATURE_RAW);
const FIXTURE = path.join(repoRoot, 'test', 'e2e', 'workspace', 'account-sas.js');

function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

if (!args.includes('--no-build')) {
  const b = spawnSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] });
  if (b.status !== 0) {
    console.error('[clients] npm run build failed');
    console.log('clients: 0 passed, 1 failed');
    process.exit(1);
  }
}

/** Runs one editor on a fresh copy of the fixture; returns { ok, checks, failures, output }. */
function runEditor(name, command, commandArgs) {
  const root = mkdtempSync(path.join(os.tmpdir(), `sas-guard-${name}-`));
  const file = path.join(root, 'account-sas.js');
  cpSync(FIXTURE, file);
  // A .env that exists and is git-ignored already: then the move-to-.env fix needs no file creation,
  // which Neovim 0.7 and eglot 1.9 do not announce, and must be offered too.
  writeFileSync(path.join(root, '.env'), '# local settings\n');
  writeFileSync(path.join(root, '.gitignore'), '.env\n');
  const started = Date.now();
  const r = spawnSync(command, commandArgs, {
    cwd: root,
    encoding: 'utf8',
    timeout: 90_000,
    env: {
      ...process.env,
      HOME: root, // no user init files, no shared state between runs
      XDG_CONFIG_HOME: path.join(root, '.config'),
      XDG_DATA_HOME: path.join(root, '.local', 'share'),
      XDG_STATE_HOME: path.join(root, '.local', 'state'),
      XDG_CACHE_HOME: path.join(root, '.cache'),
      SG_NODE: process.execPath,
      SG_SERVER: server,
      SG_FILE: file,
      SG_ROOT: root,
      SG_SIGNATURE: SIGNATURE_URL,
    },
  });
  const ms = Date.now() - started;
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  const results = {};
  for (const line of (r.stdout ?? '').split('\n')) {
    const m = /^RESULT (.*)$/.exec(line.trim());
    if (m) {
      try {
        const { check, value } = JSON.parse(m[1]);
        results[check] = value;
      } catch {
        /* a malformed line is reported through the failed checks below */
      }
    }
  }
  const failures = [];
  const fail = (msg) => failures.push(msg);
  if (r.error) fail(`${command} did not run: ${r.error.message}`);
  if (r.status !== 0) fail(`${command} exited ${r.status ?? r.signal}`);
  for (const line of output.split('\n')) if (line.startsWith('FAIL ')) fail(line.slice(5));

  // Checks made here, on what the editor reported: each can fail.
  const diags = results.diagnostics ?? [];
  const d = diags.find((x) => x.code === 'account-sas');
  if (!d) fail(`no account-sas diagnostic (got ${JSON.stringify(diags.map((x) => x.code))})`);
  else {
    if (d.source !== 'SAS Guard') fail(`diagnostic source is ${JSON.stringify(d.source)}, not "SAS Guard"`);
    if (d.severity !== 1) fail(`diagnostic severity is ${d.severity}, not 1 (Error) for an account SAS with write/delete valid until 2051`);
    if (d.line !== 1) fail(`diagnostic on line ${d.line + 1}, not 2 where the token is`);
    if (!/critical|high/i.test(d.message ?? '')) fail(`message does not grade the token: ${JSON.stringify(d.message)}`);
  }
  const all = JSON.stringify(results);
  if (all.includes(SIGNATURE_URL) || all.includes(SIGNATURE_RAW)) {
    // The buffer after the fix must not have it either; before the fix only the buffer may.
    fail('the whole signature appears in a diagnostic, code action title or hover');
  }
  const titles = results['code-actions'] ?? [];
  if (titles.length < 2) fail(`expected the list of quick fixes, got ${JSON.stringify(titles)}`);
  if (!titles.some((t) => /process\.env\./.test(t))) fail(`no "replace with process.env…" fix among ${JSON.stringify(titles)}`);
  if (!titles.some((t) => /\.env\b/.test(t) && /^Move/i.test(t))) fail(`no "move the value to .env" fix among ${JSON.stringify(titles)}`);
  if (results.applied === undefined || results.applied === false) fail('the environment-reference fix was not applied');
  else {
    if (!/process\.env\.[A-Z_]+/.test(results.buffer ?? '')) fail(`buffer after the fix has no process.env reference:\n${results.buffer}`);
    if ((results.buffer ?? '').includes('sig=')) fail('buffer after the fix still holds the token');
    if (results['cleared-after-fix'] !== true) fail('the diagnostic did not go after the fix');
  }
  if (name === 'nvim' && !/contosodata/.test(results.hover ?? '')) fail(`hover does not name the account: ${JSON.stringify(results.hover)}`);
  if (process.env.SAS_GUARD_KEEP !== '1') rmSync(root, { recursive: true, force: true });
  return { ok: failures.length === 0, failures, results, ms, output };
}

const editors = [
  {
    name: 'nvim',
    bin: 'nvim',
    install: 'apt-get install -y neovim',
    args: ['--headless', '-u', 'NONE', '-i', 'NONE', '--cmd', 'filetype on', '-c', `luafile ${path.join(here, 'nvim-check.lua')}`],
  },
  {
    name: 'emacs',
    bin: 'emacs',
    install: 'apt-get install -y emacs-nox elpa-eglot',
    args: ['--batch', '-Q', '-l', path.join(here, 'eglot-check.el')],
  },
].filter((e) => wanted.length === 0 || wanted.includes(e.name));

let passed = 0;
let failed = 0;
if (!existsSync(server)) {
  console.error(`[clients] ${server} is missing: npm run build`);
  failed++;
}
for (const e of editors) {
  const bin = which(e.bin);
  if (!bin) {
    console.error(`[clients] FAIL ${e.name}: '${e.bin}' is not installed (${e.install})`);
    failed++;
    continue;
  }
  if (
    e.name === 'emacs' &&
    !existsSync('/usr/share/emacs/site-lisp/elpa/eglot-1.9') &&
    !spawnSync('sh', ['-c', 'ls -d /usr/share/emacs/site-lisp/elpa*/eglot-*']).stdout?.length
  ) {
    console.error(`[clients] FAIL emacs: eglot is not installed (${e.install})`);
    failed++;
    continue;
  }
  const res = runEditor(e.name, bin, e.args);
  const artifacts = process.env.SAS_GUARD_ARTIFACTS_DIR;
  if (artifacts) writeFileSync(path.join(artifacts, `clients-${e.name}.log`), res.output);
  if (res.ok) {
    passed++;
    const d = (res.results.diagnostics ?? [])[0] ?? {};
    console.log(`[clients] ok   ${e.name} (${res.ms} ms): ${d.code} "${d.message}"; fixes: ${(res.results['code-actions'] ?? []).join(' | ')}`);
  } else {
    failed++;
    console.log(`[clients] FAIL ${e.name} (${res.ms} ms):\n  - ${res.failures.join('\n  - ')}\n  editor output:\n${res.output.replace(/^/gm, '    | ')}`);
  }
}
console.log(`clients: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
