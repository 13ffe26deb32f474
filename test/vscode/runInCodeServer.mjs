// Runs the same extension-host suite (test/vscode/suite) inside code-server, for machines without a
// desktop VS Code. The packaged sas-guard.vsix is installed as a user would; a tiny runner
// extension, written into the profile's extensions folder, loads the bundled suite on startup; the
// suite writes its results to SAS_GUARD_VSCODE_TEST_RESULTS, which this script reads. code-server
// ignores --extensionDevelopmentPath/--extensionTestsPath ("not supported for server"), hence the
// runner. The workbench must be open in a browser for the extension host to start: headless
// Chromium through playwright-core, as in test/e2e.
// Usage (through runTest.ts): npm run test:vscode -- --code-server [--vsix FILE]
// Needs: code-server and Node 24 under .tools/ (node test/e2e/tools.mjs installs them), Chromium.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values: opts } = parseArgs({ options: { vsix: { type: 'string' }, suite: { type: 'string' }, keep: { type: 'boolean', default: false } } });
const vsix = path.resolve(opts.vsix ?? path.join(root, 'sas-guard.vsix'));
const suite = path.resolve(opts.suite ?? path.join(root, 'out', 'vscode', 'suite.js'));

function fail(line) {
  console.error(`test:vscode (code-server): ${line}`);
  process.exit(1);
}

const { CodeServer } = await import('../e2e/lib/codeserver.mjs').catch(() => fail('test/e2e/lib/codeserver.mjs is missing'));
const { CHROMIUM, launchBrowser } = await import('../e2e/lib/workbench.mjs');
const { toolPaths } = await import('../e2e/tools.mjs');
const tools = toolPaths();
if (!existsSync(tools.codeServer) || !existsSync(tools.node)) fail(`code-server or Node 24 is not installed under ${tools.dir}; run: node test/e2e/tools.mjs`);
if (!existsSync(CHROMIUM)) fail(`no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set SAS_GUARD_CHROMIUM)`);
if (!existsSync(vsix)) fail(`${vsix} does not exist; run: npm run package`);
if (!existsSync(suite)) fail(`${suite} does not exist; run it through npm run test:vscode -- --code-server`);

const scratch = mkdtempSync(path.join(os.tmpdir(), 'sas-guard-code-server-suite-'));
const workspace = path.join(scratch, 'workspace');
cpSync(path.join(root, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
const resultsFile = path.join(scratch, 'results.json');
process.env.SAS_GUARD_VSCODE_TEST_RESULTS = resultsFile; // code-server's extension host inherits it

const server = new CodeServer({ tools, root: path.join(scratch, 'profile') });
let browser;
let exitCode = 1;
try {
  server.writeUserSettings();
  server.installExtension(vsix);
  const runnerDir = path.join(server.extensionsDir, 'sas-guard.sas-guard-test-runner-0.0.1');
  mkdirSync(runnerDir, { recursive: true });
  cpSync(suite, path.join(runnerDir, 'suite.js'));
  writeFileSync(
    path.join(runnerDir, 'package.json'),
    JSON.stringify({
      name: 'sas-guard-test-runner',
      publisher: 'sas-guard',
      version: '0.0.1',
      engines: { vscode: '^1.91.0' },
      main: './runner.js',
      activationEvents: ['onStartupFinished'],
    }),
  );
  writeFileSync(
    path.join(runnerDir, 'runner.js'),
    "exports.activate = () => { setTimeout(() => { require('./suite.js').run().catch((e) => console.error(e)); }, 0); };\n",
  );
  // Register the unpacked runner next to the installed extension, as --install-extension would.
  const registry = path.join(server.extensionsDir, 'extensions.json');
  const entries = JSON.parse(readFileSync(registry, 'utf8'));
  entries.push({
    identifier: { id: 'sas-guard.sas-guard-test-runner' },
    version: '0.0.1',
    location: { $mid: 1, path: runnerDir, scheme: 'file' },
    relativeLocation: path.basename(runnerDir),
    metadata: { installedTimestamp: Date.now(), source: 'vsix' },
  });
  writeFileSync(registry, JSON.stringify(entries));

  const url = await server.start({ folder: workspace });
  browser = await launchBrowser(path.join(scratch, 'chromium'));
  const page = browser.pages()[0] ?? (await browser.newPage());
  await page.goto(url);
  const deadline = Date.now() + 180_000;
  while (!existsSync(resultsFile) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250)); // the suite writes the file when done
  if (!existsSync(resultsFile)) fail(`the suite wrote no results within 3 minutes; see ${server.logFile}`);
  const report = JSON.parse(readFileSync(resultsFile, 'utf8'));
  console.log(`SAS Guard extension tests in ${report.host}`);
  for (const r of report.results) console.log(`  ${r.ok ? '✔' : '✖'} ${r.name} (${r.ms} ms)${r.ok ? '' : `\n${r.error}`}`);
  console.log(`${report.passed} passed, ${report.failed} failed`);
  exitCode = report.failed === 0 && report.passed > 0 ? 0 : 1;
} catch (error) {
  console.error(`test:vscode (code-server): ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await browser?.close().catch(() => undefined);
  await server.stop().catch(() => undefined);
  if (!opts.keep) rmSync(scratch, { recursive: true, force: true });
  else console.log(`kept ${scratch}`);
}
process.exit(exitCode);
