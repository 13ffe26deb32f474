#!/usr/bin/env node
// Runs the @vscode/test-electron suite (test/vscode/suite, the client engineer's) inside code-server.
// code-server has no --extensionDevelopmentPath/--extensionTestsPath flags (its CLI rejects unknown
// options, and the VS Code server it embeds does not put them into the web workbench's settings),
// but VS Code's web workbench reads the same two from the `payload` query parameter of its address —
// the way "Extension Development Host" windows are opened in the browser. The extension host then
// runs the suite and reports its exit code through window.codeAutomationExit, which Playwright
// exposes; the suite also writes its results to SAS_GUARD_VSCODE_TEST_RESULTS.
// Usage: node test/e2e/vscode-suite.mjs   (or as part of npm run test:e2e)
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CodeServer } from './lib/codeserver.mjs';
import { launchBrowser, Workbench } from './lib/workbench.mjs';
import { ensureTools, repoRoot } from './tools.mjs';
import { SUITE_ENTRY, suiteBundleOptions } from '../vscode/suiteBundle.mjs';

const require = createRequire(import.meta.url);

/** Resolves with { ok, passed, failed, results, exitCode, error }. */
export async function runVsCodeSuite({ tools, artifacts, say = console.log, timeoutMs = 300_000 }) {
  const fixture = path.join(repoRoot, 'test', 'fixtures', 'workspace');
  if (!existsSync(SUITE_ENTRY)) return { ok: false, error: `no suite at ${SUITE_ENTRY}` };
  if (!existsSync(fixture)) return { ok: false, error: `no fixture workspace at ${fixture}` };
  for (const f of ['dist/client.js', 'dist/server.js']) {
    if (!existsSync(path.join(repoRoot, f))) return { ok: false, error: `${f} is missing (npm run build)` };
  }
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'sas-guard-vscode-suite-'));
  const suiteOut = path.join(tmp, 'suite', 'suite.js');
  const resultsFile = path.join(tmp, 'results.json');
  const workspace = path.join(tmp, 'workspace');
  cpSync(fixture, workspace, { recursive: true });
  // The same bundle runTest.ts makes for test-electron.
  const esbuild = require('esbuild');
  await esbuild.build(suiteBundleOptions(suiteOut));

  const cs = new CodeServer({ tools, root: path.join(tmp, 'profile'), logFile: path.join(artifacts, 'vscode-suite-code-server.log') });
  cs.writeUserSettings();
  // The remote extension host inherits code-server's environment.
  cs.env.SAS_GUARD_VSCODE_TEST_RESULTS = resultsFile;
  cs.env.SAS_GUARD_TEST_WORKSPACE = workspace;
  let context;
  const logs = [];
  try {
    // The web workbench honours extensionDevelopmentPath/extensionTestsPath from its `payload` only
    // in a build started with --enable-smoke-test-driver, a flag code-server's own command line
    // rejects ("Unknown option"): so the VS Code server inside code-server is started directly.
    await cs.start({ folder: workspace, vscodeServer: true, extraArgs: ['--enable-smoke-test-driver'] });
    const authority = `${cs.host}:${cs.port}`;
    const remote = (p) => `vscode-remote://${authority}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(repoRoot)],
      ['extensionTestsPath', remote(suiteOut)],
    ];
    const url = `${cs.folderUrl()}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    context = await launchBrowser(path.join(tmp, 'chromium'));
    const page = context.pages()[0] ?? (await context.newPage());
    let resolveExit;
    const exited = new Promise((r) => (resolveExit = r));
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
    await page.exposeFunction('codeAutomationLog', (type, args) => logs.push(`${type}: ${JSON.stringify(args)}`));
    const wb = new Workbench(page, { screenshotsDir: artifacts });
    say(`vscode suite: ${url}`);
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    const timer = new Promise((r) => setTimeout(() => r('timeout'), timeoutMs));
    const exitCode = await Promise.race([exited, timer]);
    await wb.screenshot('vscode-suite-end').catch(() => {});
    const results = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : undefined;
    if (exitCode === 'timeout') return { ok: false, error: `the suite did not finish within ${timeoutMs / 1000} s`, results, logs };
    if (!results) return { ok: false, exitCode, error: `the extension host exited ${exitCode} without writing ${resultsFile}`, logs };
    return { ok: exitCode === 0 && results.failed === 0 && results.passed > 0, exitCode, ...results, logs };
  } catch (e) {
    return { ok: false, error: e.stack ?? String(e), logs };
  } finally {
    await context?.close().catch(() => {});
    await cs.stop();
    const logsDir = path.join(cs.userDataDir, 'logs');
    if (existsSync(logsDir)) {
      mkdirSync(artifacts, { recursive: true });
      cpSync(logsDir, path.join(artifacts, 'vscode-suite-logs'), { recursive: true });
    }
    rmSync(tmp, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const artifacts = path.resolve(process.env.SAS_GUARD_ARTIFACTS_DIR || path.join(repoRoot, 'test-results', 'e2e'));
  mkdirSync(artifacts, { recursive: true });
  const r = await runVsCodeSuite({ tools: ensureTools(), artifacts });
  for (const t of r.results ?? []) console.log(`  ${t.ok ? 'ok  ' : 'FAIL'} ${t.name} (${t.ms} ms)${t.ok ? '' : `\n${t.error}`}`);
  if (r.error) console.log(`vscode suite: ${r.error}`);
  if (r.host) console.log(`vscode suite ran in ${r.host}, exit code ${r.exitCode}`);
  console.log(`vscode-in-code-server: ${r.passed ?? 0} passed, ${r.failed ?? (r.ok ? 0 : 1)} failed`);
  process.exit(r.ok ? 0 : 1);
}
