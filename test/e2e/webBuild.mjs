// The web build in a real browser: code-server runs extensions that have only a `browser` entry in
// its web-worker extension host, inside the page. This installs a web-only copy of the package (the
// same .vsix with `main` taken out of its manifest) in a code-server of its own, and checks in
// headless Chromium what a person sees: the squiggle, the hover, a quick fix applied (on disk), the
// .env move, the workspace scan through workspace.fs, and the server's own word that it runs in a web worker with no
// Node `process`. Run by run.mjs after the desktop scenarios (ids w1…w5).
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { CodeServer } from './lib/codeserver.mjs';
import { copyFixtureWorkspace, runScenarios } from './lib/scenarioRunner.mjs';
import {
  accountSasFixes,
  applyMoveToEnv,
  assertSignatureHidden,
  check,
  expectScanFindingsInProblems,
  expectValueMovedToEnv,
  saveActiveEditor,
  scanWorkspace,
  shotToDocs,
  SIG,
  openHoverTable,
  openWithSquiggle,
  waitForFile,
} from './lib/steps.mjs';
import { launchBrowser, Workbench } from './lib/workbench.mjs';
import { repoRoot } from './tools.mjs';

const requireFromRoot = createRequire(path.join(repoRoot, 'package.json'));
const yauzl = requireFromRoot('yauzl');
const yazl = requireFromRoot('yazl');

/**
 * The .vsix with `main` removed from extension/package.json: only the web build can run. Its
 * `extensionKind` goes too: ["workspace"] asks for the remote (Node) extension host, and VS Code takes
 * an extension with a browser entry and no main for a web one only when it names no kind. Rewritten
 * with yauzl and yazl, the zip libraries vsce itself depends on (no zip tools needed on the machine).
 */
export async function webOnlyVsix(vsix, dir) {
  const out = path.join(dir, 'sas-guard-web-only.vsix');
  const zipIn = await new Promise((resolve, reject) => yauzl.open(vsix, { lazyEntries: true }, (e, z) => (e ? reject(e) : resolve(z))));
  const zipOut = new yazl.ZipFile();
  let sawBrowser = false;
  await new Promise((resolve, reject) => {
    zipIn.on('error', reject);
    zipIn.on('end', resolve);
    zipIn.on('entry', (entry) => {
      if (entry.fileName.endsWith('/')) return zipIn.readEntry();
      zipIn.openReadStream(entry, (e, stream) => {
        if (e) return reject(e);
        const chunks = [];
        stream.on('data', (c) => chunks.push(c));
        stream.on('error', reject);
        stream.on('end', () => {
          let bytes = Buffer.concat(chunks);
          if (entry.fileName === 'extension/package.json') {
            const manifest = JSON.parse(bytes.toString('utf8'));
            sawBrowser = typeof manifest.browser === 'string';
            delete manifest.main;
            delete manifest.extensionKind;
            bytes = Buffer.from(JSON.stringify(manifest, null, 2) + '\n');
          }
          zipOut.addBuffer(bytes, entry.fileName);
          zipIn.readEntry();
        });
      });
    });
    zipIn.readEntry();
  });
  check(sawBrowser, `${vsix} has no extension/package.json with a browser entry`);
  await new Promise((resolve, reject) => {
    zipOut.outputStream.pipe(createWriteStream(out)).on('close', resolve).on('error', reject);
    zipOut.end();
  });
  return out;
}

/** The text of the "SAS Guard" output channel, as the Output view shows it. */
async function outputChannelText(wb) {
  await wb.runCommand('SAS Guard: Show Output');
  const view = wb.page.locator('.part.panel .output-view, .part.panel [id="workbench.panel.output"]').first();
  await view.waitFor({ state: 'visible' });
  return (await view.locator('.view-lines').first().innerText()).replace(/\u00a0/g, ' ');
}

export const webScenarios = [
  {
    id: 'w1',
    title: 'web build: the server runs in a web worker without Node (process undefined), the extension has no main',
    async run(env) {
      const { wb, page } = env;
      await openWithSquiggle(wb, 'account-sas.js', 'contosodata');
      const deadline = Date.now() + 30_000;
      let text = '';
      // The log line may reach the Output view a moment after it opens: read again until it is there.
      while (!/runs in a web worker \(process: undefined\)/.test(text)) {
        if (Date.now() > deadline) throw new Error(`the SAS Guard output does not say the server runs in a web worker:\n${text.slice(0, 1500)}`);
        text = await outputChannelText(wb);
        if (!/runs in a web worker/.test(text))
          await page
            .locator('.part.panel .output-view .view-line', { hasText: 'web worker' })
            .first()
            .waitFor({ timeout: 2000 })
            .catch(() => {});
      }
      env.note((/.*runs in a web worker.*/.exec(text) ?? [''])[0].trim());
      check(/server started in a web worker/.test(text), 'the client did not log that it started the web worker server');
      await wb.screenshot('w1-output');
      await shotToDocs(env, 'web-worker', page);
    },
  },
  {
    id: 'w2',
    title: 'web build: squiggle on the account SAS and the decoded hover',
    async run(env) {
      const { wb } = env;
      const sq = await openWithSquiggle(wb, 'account-sas.js', 'contosodata');
      const { hover } = await openHoverTable(wb, sq);
      const text = (await hover.innerText()).replace(/\s+/g, ' ');
      check(/contosodata/.test(text), `the hover does not name the account: ${text.slice(0, 300)}`);
      check(/critical/.test(text), `the hover does not grade the token critical: ${text.slice(0, 300)}`);
      assertSignatureHidden(text, SIG.account, 'the hover text');
      await wb.screenshot('w2-hover');
    },
  },
  {
    id: 'w3',
    title: 'web build: Ctrl+. lists every fix; "Strip the signature" applied and saved to disk',
    async run(env) {
      const { wb, workspace } = env;
      const titles = await accountSasFixes(env);
      await wb.chooseQuickFix(titles.find((t) => /^Strip the signature/.test(t)));
      await wb.activeEditor().locator('.squiggly-error').first().waitFor({ state: 'detached' });
      await saveActiveEditor(wb);
      const disk = readFileSync(path.join(workspace, 'account-sas.js'), 'utf8');
      check(!disk.includes('sig='), `account-sas.js on disk still holds the signature:\n${disk}`);
      check(disk.includes('contosodata.blob.core.windows.net'), `the fix removed more than the signature:\n${disk}`);
      await wb.screenshot('w3-after-fix');
    },
  },
  {
    id: 'w5',
    title: 'web build: "Move the value to .env" writes .env and the .gitignore line through workspace.fs',
    async run(env) {
      const { wb, workspace } = env;
      check(!existsSync(path.join(workspace, '.env')), '.env exists before the fix');
      const variable = await applyMoveToEnv(wb);
      await wb.runCommand('File: Save All Files');
      await expectValueMovedToEnv(workspace, variable);
      const py = await waitForFile(
        path.join(workspace, 'move-to-env.py'),
        (t) => t !== undefined && !t.includes('sig='),
        'move-to-env.py still holds the token',
      );
      check(py.includes(variable), `move-to-env.py reads no ${variable}:\n${py}`);
      await wb.screenshot('w5-after-move');
    },
  },
  {
    id: 'w4',
    title: 'web build: Scan Workspace through workspace.fs: findings of unopened files, ignored and binary files skipped',
    async run(env) {
      const { wb } = env;
      const { text } = await scanWorkspace(wb);
      env.note(`summary: ${text}`);
      await expectScanFindingsInProblems(wb);
      await wb.screenshot('w4-scan');
    },
  },
];

/**
 * Runs the web scenarios in their own code-server and browser; returns results like run.mjs's.
 * `only`: scenario id prefixes, as run.mjs's --only.
 */
export async function runWebBuild({ tools, artifacts, vsix, tmp, say, docsImages, only }) {
  const results = [];
  const dir = path.join(tmp, 'web');
  mkdirSync(dir, { recursive: true });
  const webVsix = await webOnlyVsix(vsix, dir);
  const workspace = copyFixtureWorkspace(path.join(dir, 'workspace'));
  const cs = new CodeServer({ tools, root: path.join(dir, 'profile'), logFile: path.join(artifacts, 'web-code-server.log') });
  cs.writeUserSettings();
  say(`web: ${cs.installExtension(webVsix).split('\n').pop()}`);
  let context;
  try {
    const url = await cs.start({ folder: workspace });
    context = await launchBrowser(path.join(dir, 'chromium'));
    const page = context.pages()[0] ?? (await context.newPage());
    const wb = new Workbench(page, { screenshotsDir: artifacts });
    await wb.open(url);
    const scenarios = only ? webScenarios.filter((s) => only.some((w) => s.id.startsWith(w))) : webScenarios;
    results.push(...(await runScenarios(scenarios, { wb, page, workspace, artifacts, docsImages, say, tmp: dir })));
  } catch (e) {
    results.push({ id: 'w-setup', title: 'web build: start code-server and open the workbench', ok: false, error: e.stack ?? String(e) });
    say(`FAIL web setup: ${e.stack ?? e}`);
  } finally {
    await context?.close().catch(() => {});
    await cs.stop().catch(() => {});
  }
  return results;
}
