#!/usr/bin/env node
// End-to-end test of the packaged extension in a real VS Code workbench: code-server 4.139.1 served
// on 127.0.0.1, driven through headless Chromium by playwright-core. Each scenario checks what the
// page shows and what lands on disk. See docs/real-editors.md.
//
// Usage: node test/e2e/run.mjs [--vsix FILE] [--self-test] [--docs-images] [--only 1,3,5] [--keep]
//   --vsix FILE     test this package instead of running `npm run package`
//   --self-test     prove the harness with test/e2e/hello-extension (no SAS Guard needed)
//   --docs-images   also write docs/images/*.png (npm run docs:screenshots)
//   --only LIST     run only the scenarios whose ids start with these prefixes
//   --keep          keep the temporary profile and workspace (their path is printed)
//   --no-vscode-suite  skip scenario 7 (test/vscode's suite inside code-server's VS Code server)
//   --no-web        skip scenarios w1… (the web build in code-server's web-worker extension host)
// Environment: SAS_GUARD_ARTIFACTS_DIR (screenshots and logs; default test-results/e2e),
//   SAS_GUARD_TOOLS_DIR (default .tools), SAS_GUARD_CHROMIUM (default /usr/bin/chromium).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CodeServer } from './lib/codeserver.mjs';
import { copyFixtureWorkspace, failureLine, runScenarios } from './lib/scenarioRunner.mjs';
import { SAS_GUARD_LOG } from './lib/steps.mjs';
import { CHROMIUM, launchBrowser, Workbench } from './lib/workbench.mjs';
import { ensureTools, repoRoot } from './tools.mjs';
import { sasGuardScenarios, selfTestScenarios } from './scenarios.mjs';
import { runVsCodeSuite } from './vscode-suite.mjs';
import { runWebBuild } from './webBuild.mjs';

const { values: opts } = parseArgs({
  options: {
    vsix: { type: 'string' },
    'self-test': { type: 'boolean', default: false },
    'docs-images': { type: 'boolean', default: false },
    only: { type: 'string' },
    keep: { type: 'boolean', default: false },
    'no-vscode-suite': { type: 'boolean', default: false },
    'no-web': { type: 'boolean', default: false },
  },
});

const artifacts = path.resolve(process.env.SAS_GUARD_ARTIFACTS_DIR || path.join(repoRoot, 'test-results', 'e2e'));
const docsImages = opts['docs-images'] ? path.join(repoRoot, 'docs', 'images') : undefined;
const started = Date.now();
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;
const say = (msg) => console.log(`[e2e ${secs(Date.now() - started).padStart(7)}] ${msg}`);

function fatal(msg) {
  console.error(`\n[e2e] PREREQUISITE FAILED: ${msg}`);
  console.log('e2e: 0 passed, 1 failed');
  process.exit(1);
}

// ---- prerequisites: every one fails loudly ------------------------------------------------------
if (!existsSync(CHROMIUM)) fatal(`no Chromium at ${CHROMIUM}. Install it: apt-get install -y chromium`);
try {
  createRequire(import.meta.url).resolve('playwright-core');
} catch {
  fatal('playwright-core is not installed (npm install --save-dev playwright-core)');
}

mkdirSync(artifacts, { recursive: true });
// Remove only what an earlier run of this script wrote (CI may keep other logs in the same folder).
const OWN_ARTIFACTS =
  /^(\d\d-.*\.png|results\.json|code-server\.log|web-code-server\.log|vscode-suite-code-server\.log|package\.log|browser-console-errors\.log|vscode-logs|vscode-suite-logs)$/;
for (const f of readdirSync(artifacts)) {
  if (OWN_ARTIFACTS.test(f)) rmSync(path.join(artifacts, f), { recursive: true, force: true });
}

let t0 = Date.now();
let tools;
try {
  tools = ensureTools();
} catch (e) {
  fatal(
    `could not install code-server into .tools: ${e.message}\n(code-server's native modules need libkrb5-dev and a C++ toolchain: apt-get install -y libkrb5-dev build-essential python3)`,
  );
}
const toolsSecs = Date.now() - t0;
say(`tools ready in ${secs(toolsSecs)} (code-server ${tools.codeServer})`);

const tmp = mkdtempSync(path.join(os.tmpdir(), 'sas-guard-e2e-'));
let vsix = opts.vsix ? path.resolve(opts.vsix) : undefined;
let extensionId;
t0 = Date.now();
if (opts['self-test']) {
  const src = path.join(repoRoot, 'test', 'e2e', 'hello-extension');
  const dir = path.join(tmp, 'hello-extension');
  cpSync(src, dir, { recursive: true });
  vsix = path.join(tmp, 'hello.vsix');
  const r = spawnSync(path.join(repoRoot, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '-o', vsix], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.status !== 0) fatal(`vsce package of the hello extension failed:\n${r.stdout}${r.stderr}`);
  extensionId = 'sas-guard-e2e.sas-guard-e2e-hello';
} else {
  if (!vsix) {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    if (!pkg.scripts?.package) fatal('package.json has no "package" script to build sas-guard.vsix');
    say('npm run package');
    const r = spawnSync('npm', ['run', 'package'], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    writeFileSync(path.join(artifacts, 'package.log'), `${r.stdout}\n${r.stderr}`);
    if (r.status !== 0) fatal(`npm run package failed (exit ${r.status}); see ${path.join(artifacts, 'package.log')}\n${(r.stdout + r.stderr).slice(-3000)}`);
    vsix = path.join(repoRoot, 'sas-guard.vsix');
  }
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  extensionId = `${pkg.publisher}.${pkg.name}`;
}
if (!existsSync(vsix)) fatal(`no extension package at ${vsix}`);
// Copy it: other runs in the same tree may rebuild sas-guard.vsix while this one installs it.
const vsixCopy = path.join(tmp, path.basename(vsix));
if (vsixCopy !== vsix) cpSync(vsix, vsixCopy);
// The web scenarios run after this run's temporary folder is gone: they keep their own copy.
const webTmp = mkdtempSync(path.join(os.tmpdir(), 'sas-guard-e2e-web-'));
const webVsixSource = path.join(webTmp, path.basename(vsix));
cpSync(vsix, webVsixSource);
const packageSecs = Date.now() - t0;
say(`package ${vsix} (${Math.round(statSync(vsixCopy).size / 1024)} KiB) in ${secs(packageSecs)}`);

// ---- the fixture workspace, copied so the tests may change it -----------------------------------
const workspace = copyFixtureWorkspace(path.join(tmp, 'workspace'));
// Enough files that the workspace scan's progress notification is on screen long enough to be seen.
const bulk = path.join(workspace, 'scan-only', 'bulk');
mkdirSync(bulk, { recursive: true });
for (let i = 0; i < 1500; i++) {
  writeFileSync(path.join(bulk, `module${String(i).padStart(4, '0')}.ts`), `export const value${i} = ${i};\n// nothing secret here\n`);
}
if (spawnSync('git', ['init', '-q'], { cwd: workspace }).status !== 0) say('git init failed: the workspace is not a repository (the .gitignore still applies)');

// ---- code-server with the extension ---------------------------------------------------------------
const cs = new CodeServer({ tools, root: path.join(tmp, 'profile'), logFile: path.join(artifacts, 'code-server.log') });
cs.writeUserSettings();
t0 = Date.now();
try {
  say(cs.installExtension(vsixCopy).split('\n').pop());
} catch (e) {
  fatal(e.message);
}
const installed = cs.listExtensions();
if (!installed.some((x) => x.toLowerCase().startsWith(`${extensionId.toLowerCase()}@`))) {
  fatal(`after --install-extension, code-server lists ${JSON.stringify(installed)}, not ${extensionId}`);
}
say(`installed ${installed.join(', ')} in ${secs(Date.now() - t0)}`);

const results = [];
let context;
let wb;
const cleanup = async () => {
  await context?.close().catch(() => {});
  await cs.stop().catch(() => {});
};
process.on('SIGINT', () => {
  void cleanup().then(() => process.exit(130));
});

try {
  t0 = Date.now();
  const url = await cs.start({ folder: workspace });
  say(`code-server ready at ${url} in ${secs(Date.now() - t0)}`);
  context = await launchBrowser(path.join(tmp, 'chromium'));
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleErrors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  wb = new Workbench(page, { screenshotsDir: artifacts });
  t0 = Date.now();
  await wb.open(url);
  say(`workbench open in ${secs(Date.now() - t0)}`);
  // The Explorer answers long before the extension host has settled: on a cold machine it is still
  // activating extensions (SAS Guard among them) for tens of seconds, and every new set of markers
  // makes Monaco re-create the squiggles a scenario measures. Start once the extension host says its
  // eager extensions are active and SAS Guard's own output channel says its server runs.
  t0 = Date.now();
  await cs.waitForLog(/exthost\d*[/\\]remoteexthost\.log$/, /Eager extensions activated/, { what: 'the extension host', timeoutMs: 180_000 });
  if (!opts['self-test']) await cs.waitForLog(SAS_GUARD_LOG, /SAS Guard server started\./, { what: 'the SAS Guard server', timeoutMs: 180_000 });
  say(`extension host ready in ${secs(Date.now() - t0)}`);
  await wb.screenshot('workbench');

  const env = { wb, page, workspace, artifacts, docsImages, say, tmp, cs };
  let scenarios = opts['self-test'] ? selfTestScenarios : sasGuardScenarios;
  if (opts.only) {
    const wanted = opts.only.split(',').map((s) => s.trim());
    scenarios = scenarios.filter((s) => wanted.some((w) => s.id.startsWith(w)));
  }
  results.push(...(await runScenarios(scenarios, env)));
  if (consoleErrors.length) writeFileSync(path.join(artifacts, 'browser-console-errors.log'), consoleErrors.join('\n') + '\n');
} catch (e) {
  results.push({ id: 'setup', title: 'start code-server and open the workbench', ok: false, error: e.stack ?? String(e) });
  say(`FAIL setup: ${e.stack ?? e}`);
  await wb?.screenshot('FAIL-setup').catch(() => {});
} finally {
  await cleanup();
  // The extension host's and the server's logs (output channels) help when a scenario failed.
  const logs = path.join(cs.userDataDir, 'logs');
  if (existsSync(logs)) cpSync(logs, path.join(artifacts, 'vscode-logs'), { recursive: true });
  writeFileSync(
    path.join(artifacts, 'results.json'),
    JSON.stringify({ vsix, toolsSecs, packageSecs, totalSecs: (Date.now() - started) / 1000, results }, null, 2) + '\n',
  );
  if (opts.keep) say(`kept ${tmp}`);
  else {
    try {
      rmSync(tmp, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    } catch (e) {
      say(`could not remove ${tmp}: ${e.message}`);
    }
  }
}

// Scenario 7: the client engineer's @vscode/test-electron suite, run in the VS Code server that
// code-server embeds (its own server instance and profile; the extension loaded from the tree).
const wantSuite = !opts['self-test'] && !opts['no-vscode-suite'] && (!opts.only || opts.only.split(',').some((w) => '7'.startsWith(w.trim())));
if (wantSuite) {
  const t = Date.now();
  say("7 running test/vscode suite inside code-server's VS Code server");
  const r = await runVsCodeSuite({ tools, artifacts, say });
  for (const tr of r.results ?? []) say(`     ${tr.ok ? 'ok  ' : 'FAIL'} ${tr.name} (${tr.ms} ms)${tr.ok ? '' : `\n${tr.error}`}`);
  const title = `test/vscode suite in code-server's VS Code server (${r.passed ?? 0} passed, ${r.failed ?? '?'} failed)`;
  results.push({ id: '7', title, ok: r.ok, ms: Date.now() - t, error: r.error ?? (r.ok ? undefined : `exit code ${r.exitCode}`), suite: r.results });
  say(`${r.ok ? 'PASS' : 'FAIL'} 7 ${title} (${secs(Date.now() - t)})${r.error ? `\n      ${r.error}` : ''}`);
  writeFileSync(
    path.join(artifacts, 'results.json'),
    JSON.stringify({ vsix, toolsSecs, packageSecs, totalSecs: (Date.now() - started) / 1000, results }, null, 2) + '\n',
  );
}

// Scenarios w…: the web build (manifest without `main`) in code-server's web-worker extension host.
const wantWeb = !opts['self-test'] && !opts['no-web'] && (!opts.only || opts.only.split(',').some((w) => w.trim().startsWith('w')));
if (wantWeb) {
  say("w running the web build in code-server's web-worker extension host");
  const only = opts.only
    ? opts.only
        .split(',')
        .map((w) => w.trim())
        .filter((w) => w.startsWith('w'))
    : undefined;
  results.push(...(await runWebBuild({ tools, artifacts, vsix: webVsixSource, tmp: webTmp, say, docsImages, only })));
  writeFileSync(
    path.join(artifacts, 'results.json'),
    JSON.stringify({ vsix, toolsSecs, packageSecs, totalSecs: (Date.now() - started) / 1000, results }, null, 2) + '\n',
  );
}
if (opts.keep) say(`kept ${webTmp}`);
else rmSync(webTmp, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });

const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
say(`screenshots and logs: ${artifacts}`);
for (const r of results) console.log(`  ${r.ok ? 'ok  ' : 'FAIL'} ${r.id} ${r.title}${r.ok ? '' : ` — ${failureLine(r.error)}`}`);
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
