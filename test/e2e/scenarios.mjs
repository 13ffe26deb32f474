// The scenarios of the end-to-end run. Each one checks what the workbench shows and what lands on
// disk, and throws (through `check`) on the first thing that is not as it must be.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// The fixtures' fabricated signatures (random bytes), raw and as they stand percent-encoded in URLs.
export const SIG = {
  account: 'CpwCqGgnMNh31PAwsxYXK+nJxQ/eUEbno1QikJ8x8rM=',
  move: 'sBHfJNteowpg8Zy+mhrWRp4BHWEBRkH6OUFMHUU5L0A=',
  ignored: 'MIC+vJbN817249/Z+TM0jBSDQvO97wpxq7ucdfSpUo8=',
  binary: '53GWQGYXbO2DOIgkanzO8rNlhdkPnuhG18cHA6F3TC4=',
  notebook: 'wrsA97SqQz/ES1b8idTHC1Of7mZot8gi1ghaJ0LJdXQ=',
  untitled: 'Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGw=',
  killed: 'q8Xv1mT0bJr5NwZ2cYh7LkPa3sUe9DgFiO4nWxKtQyE=',
};

export function check(cond, message) {
  if (!cond) throw new Error(message);
}

/** Throws when any 10-character run of the signature past its first four characters is in `text`. */
export function assertSignatureHidden(text, sig, where) {
  for (const form of [sig, encodeURIComponent(sig)]) {
    for (let i = 4; i + 10 <= form.length; i++) {
      const piece = form.slice(i, i + 10);
      check(!text.includes(piece), `${where} shows the signature (found "${piece}…", part of ${form.slice(0, 4)}…)`);
    }
  }
}

export async function waitForFile(file, predicate, what, timeoutMs = 30_000) {
  // Disk state has no event to wait on from here: poll the file until it says what we expect.
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    if (predicate(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: ${path.basename(file)} on disk is ${last === undefined ? 'missing' : JSON.stringify(last)}`);
}

async function waitForCondition(probe, what, timeoutMs = 60_000) {
  // The disk and the page together: nothing fires for both, so both are read until one answers.
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function saveActiveEditor(wb) {
  await wb.page.keyboard.press('Control+S');
  await wb.page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached' });
}

export async function shotToDocs(env, name, locator) {
  if (!env.docsImages) return;
  const file = path.join(env.docsImages, `${name}.png`);
  await (locator ?? env.page).screenshot({ path: file });
  env.note(`docs image ${path.relative(path.resolve(env.docsImages, '../..'), file)}`);
}

/** The squiggle on the line that holds `needle` in the active editor. */
export async function squiggleOnLineWith(wb, needle, kind = 'error', timeout = 90_000) {
  const editor = wb.activeEditor();
  const sq = editor.locator(`.squiggly-${kind}`).first();
  await sq.waitFor({ state: 'attached', timeout });
  const line = editor.locator('.view-line', { hasText: needle }).first();
  // Laid out and still: Monaco re-creates a squiggle's node whenever the file's markers change
  // (another publish, another extension's diagnostics), which a cold extension host does for a while.
  const [sb, lb] = [await wb.stableBox(sq), await wb.stableBox(line)];
  check(sb.y >= lb.y - 2 && sb.y <= lb.y + lb.height + 40, `the squiggle (y=${sb.y}) is not on the line with "${needle}" (y=${lb.y})`);
  return sq;
}

/**
 * The hover is made of parts: SAS Guard's diagnostic and decoded table, and VS Code's own ones (its
 * link detector's "Follow link" part carries the whole URL in the DOM). SAS Guard's parts must
 * never hold the signature; where VS Code's own part holds it, that is recorded as a note.
 */
async function assertHoverHidesSignature(env, hover, sig) {
  const parts = await hover.evaluate((el) =>
    [...el.querySelectorAll('.hover-row, .hover-contents')]
      .filter((p) => !p.parentElement?.closest('.hover-row, .hover-contents'))
      .map((p) => ({ text: p.innerText, html: p.outerHTML })),
  );
  check(parts.length > 0, 'the hover has no parts');
  const leaks = [];
  for (const p of parts) {
    try {
      assertSignatureHidden(p.html, sig, 'hover part');
    } catch {
      leaks.push(p);
    }
  }
  const ours = leaks.filter((p) => !/^\s*Follow link/.test(p.text));
  check(ours.length === 0, `a SAS Guard hover part holds the signature in its DOM: ${ours.map((p) => p.html.slice(0, 300)).join(' … ')}`);
  if (leaks.length > 0) env.note(`VS Code's own "Follow link" hover part carries the full URL (signature included) in its DOM`);
  // What a person reads in the whole hover never shows it.
  assertSignatureHidden(await hover.innerText(), sig, 'the hover text');
}

export async function problemsText(wb) {
  await wb.openProblems();
  return (await wb.problemsPanel().innerText()).replace(/\s+/g, ' ');
}

// ---- the language server's process, for the crash scenario ----------------------------------------

/** Pids of SAS Guard's language server among code-server's processes (its own process group). */
function serverPids(cs) {
  const out = execFileSync('ps', ['-o', 'pid=,args=', '-g', String(cs.proc.pid)], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((line) => line.includes(cs.extensionsDir) && /dist\/server\.js/.test(line))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

const SAS_GUARD_LOG = /sas-guard\.sas-guard[/\\]SAS Guard\.log$/;
const RESTART_LINE = /SAS Guard server stopped unexpectedly; restarting it/g;

/** Kills the running server with SIGKILL; returns its pid once a new server process replaced it. */
async function killServer(env) {
  const pids = serverPids(env.cs);
  check(pids.length === 1, `expected one SAS Guard server process, found ${JSON.stringify(pids)}`);
  process.kill(pids[0], 'SIGKILL');
  await waitForCondition(() => serverPids(env.cs).find((p) => p !== pids[0]), 'a new SAS Guard server process', 60_000);
  return pids[0];
}

/** SAS Guard's rows in the Problems panel (every one: the panel is maximized so none is virtualized away). */
async function sasGuardRows(wb) {
  return (
    await wb
      .problemsPanel()
      .locator('.monaco-list-row[aria-label]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')).filter((l) => /generated by SAS Guard/.test(l)))
  ).sort();
}

async function statusItemText(wb) {
  const status = wb.page.locator('.part.statusbar .statusbar-item', { has: wb.page.locator('.codicon-shield') }).first();
  return (await status.innerText()).trim();
}

// ---- SAS Guard ------------------------------------------------------------------------------------

export const sasGuardScenarios = [
  {
    id: '1',
    title: 'account SAS: error squiggle, Problems row with account-sas, graded message, signature hidden',
    async run(env) {
      const { wb, page } = env;
      await wb.openFile('account-sas.js');
      const sq = await squiggleOnLineWith(wb, 'contosodata');
      await wb.screenshot('1-squiggle');
      await wb.openProblems();
      const row = wb.problemsPanel().locator('.monaco-list-row[aria-label*="generated by SAS Guard"]', { hasText: 'contosodata' }).first();
      await row.waitFor({ state: 'visible' });
      const text = (await row.innerText()).replace(/\s+/g, ' ');
      check(/Account SAS for contosodata/.test(text), `Problems row does not describe the token: ${text}`);
      check(/critical|high/.test(text), `Problems row does not grade the token critical/high: ${text}`);
      check(/2051/.test(text), `Problems row does not say until when: ${text}`);
      check(/SAS Guard/.test(text), `Problems row has no SAS Guard source: ${text}`);
      check(/account-sas/.test(text), `Problems row has no account-sas rule code: ${text}`);
      const label = (await row.getAttribute('aria-label')) ?? '';
      check(/^Error/.test(label), `Problems row is not an Error: ${label}`);
      const fileRow = wb.problemsPanel().locator('.monaco-list-row', { hasText: 'account-sas.js' }).first();
      await fileRow.waitFor({ state: 'visible' });
      assertSignatureHidden(await wb.problemsPanel().innerText(), SIG.account, 'the Problems panel');
      await wb.screenshot('1-problems');
      // The squiggle with its message, as a person sees it when the mouse rests on it.
      await wb.hoverOver(sq);
      const hover = wb.visibleHover();
      await hover.waitFor({ state: 'visible' });
      await hover.getByText('account-sas').first().waitFor();
      await assertHoverHidesSignature(env, hover, SIG.account);
      await wb.screenshot('1-hover-message');
      await shotToDocs(env, 'squiggle-message', page.locator('.editor-group-container.active'));
    },
  },
  {
    id: '2',
    title: 'hover shows the decoded table',
    async run(env) {
      const { wb, page } = env;
      if (!(await page.locator('.tabs-container .tab.active[data-resource-name="account-sas.js"]').count())) await wb.openFile('account-sas.js');
      const sq = await squiggleOnLineWith(wb, 'contosodata');
      await page.keyboard.press('Escape');
      await wb.hoverOver(sq);
      const hover = wb.visibleHover();
      const table = hover.locator('table').first();
      await table.waitFor({ state: 'visible' });
      const rows = {};
      for (const tr of await table.locator('tr').all()) {
        const cells = (await tr.locator('td, th').allInnerTexts()).map((c) => c.trim());
        if (cells.length >= 2 && cells[0]) rows[cells[0]] = cells.slice(1).join(' ');
      }
      env.note(`hover table rows: ${Object.keys(rows).join(', ')}`);
      check(/account/i.test(rows.Kind ?? ''), `Kind row is ${JSON.stringify(rows.Kind)}`);
      check(rows.Account === 'contosodata', `Account row is ${JSON.stringify(rows.Account)}`);
      check(/blob/.test(rows.Services ?? '') && /table/.test(rows.Services ?? ''), `Services row is ${JSON.stringify(rows.Services)}`);
      check(/write/.test(rows.Permissions ?? '') && /delete/.test(rows.Permissions ?? ''), `Permissions row is ${JSON.stringify(rows.Permissions)}`);
      check(/2051-10-06/.test(rows.Expiry ?? ''), `Expiry row is ${JSON.stringify(rows.Expiry)}`);
      check(/critical/.test(rows.Grade ?? ''), `Grade row is ${JSON.stringify(rows.Grade)}`);
      check(/^CpwC…/.test(rows.Signature ?? ''), `Signature row is ${JSON.stringify(rows.Signature)} (expected the first four characters and an ellipsis)`);
      await assertHoverHidesSignature(env, hover, SIG.account);
      await wb.screenshot('2-hover-table');
      if (env.docsImages) {
        // The hover opens at a fixed height with its own scroll bar: scroll it to the table, as a
        // person would, for the picture.
        const hoverBox = await wb.stableBox(hover);
        await page.mouse.move(hoverBox.x + 40, hoverBox.y + 40, { steps: 3 });
        await table
          .locator('tr', { hasText: 'Grade' })
          .first()
          .evaluate((el) => el.scrollIntoView({ block: 'start' }));
        await shotToDocs(env, 'hover-table', hover);
      }
    },
  },
  {
    id: '3',
    title: 'Ctrl+. lists the fixes; "replace with an environment reference" writes process.env.X; squiggle goes',
    async run(env) {
      const { wb, page, workspace } = env;
      if (!(await page.locator('.tabs-container .tab.active[data-resource-name="account-sas.js"]').count())) await wb.openFile('account-sas.js');
      await squiggleOnLineWith(wb, 'contosodata');
      await wb.waitForOutlineSymbol('blobUrl');
      const titles = await wb.openQuickFixes('contosodata');
      env.note(`quick fixes: ${titles.join(' | ')}`);
      check(
        titles.some((t) => /^Strip the signature/.test(t)),
        'no "Strip the signature" fix',
      );
      check(
        titles.some((t) => /process\.env\.[A-Z_]+/.test(t)),
        'no "Replace … with process.env.…" fix',
      );
      check(
        titles.some((t) => /^Move the value to \.env/.test(t)),
        'no "Move the value to .env" fix',
      );
      check(
        titles.some((t) => /^Suppress/.test(t)),
        'no "Suppress" fix',
      );
      assertSignatureHidden(titles.join('\n'), SIG.account, 'the quick-fix list');
      await wb.screenshot('3-quick-fixes');
      await shotToDocs(env, 'quick-fix-list', page.locator('.editor-group-container.active'));
      const title = titles.find((t) => /process\.env\.[A-Z_]+/.test(t));
      const variable = /process\.env\.([A-Z_0-9]+)/.exec(title)[1];
      await wb.chooseQuickFix(title);
      await wb
        .activeEditor()
        .locator('.view-line', { hasText: `process.env.${variable}` })
        .first()
        .waitFor();
      await wb.activeEditor().locator('.squiggly-error').first().waitFor({ state: 'detached' });
      await saveActiveEditor(wb);
      const disk = readFileSync(path.join(workspace, 'account-sas.js'), 'utf8');
      check(disk.includes(`process.env.${variable}`), `account-sas.js on disk has no process.env.${variable}:\n${disk}`);
      check(!disk.includes('sig='), `account-sas.js on disk still holds the token:\n${disk}`);
      check(/^const blobUrl = .*process\.env\.[A-Z_]+;$/m.test(disk), `the reference is not valid JS in place of the string:\n${disk}`);
      await wb.screenshot('3-after-fix');
    },
  },
  {
    id: '4',
    title: 'move to .env: value in .env on disk, .gitignore gains .env, undo restores',
    async run(env) {
      const { wb, page, workspace } = env;
      const py = path.join(workspace, 'move-to-env.py');
      const envFile = path.join(workspace, '.env');
      const gitignore = path.join(workspace, '.gitignore');
      const before = { py: readFileSync(py, 'utf8'), gitignore: readFileSync(gitignore, 'utf8') };
      check(!existsSync(envFile), '.env exists before the fix');
      check(!/^\.env$/m.test(before.gitignore), '.gitignore ignores .env before the fix');
      await wb.openFile('move-to-env.py');
      await squiggleOnLineWith(wb, 'contosobackup');
      const titles = await wb.openQuickFixes('contosobackup');
      const title = titles.find((t) => /^Move the value to \.env/.test(t));
      check(title, `no "Move the value to .env" fix among ${JSON.stringify(titles)}`);
      const variable = / as ([A-Z_0-9]+) /.exec(title)?.[1];
      check(variable, `the fix title names no variable: ${title}`);
      await wb.chooseQuickFix(title);
      await wb.activeEditor().locator('.view-line', { hasText: variable }).first().waitFor();
      await wb.activeEditor().locator('.squiggly-error').first().waitFor({ state: 'detached' });
      await wb.screenshot('4-after-move');
      // Recorded, not asserted: whether the (git-ignored) .env that now holds the value is flagged.
      await wb.openProblems();
      // As it stands now (a note, not a check: whether and when the .env is flagged is not asserted).
      const envGroup = wb
        .problemsPanel()
        .locator('.monaco-list-row', { hasText: /^\s*\.env\s*\d*\s*$/ })
        .first();
      if (await envGroup.isVisible()) {
        const envRow = wb.problemsPanel().locator('.monaco-list-row[aria-label*="generated by SAS Guard"]').first();
        const label = await envRow.getAttribute('aria-label', { timeout: 2000 }).catch(() => '(the row went before it could be read)');
        env.note(`after the move, Problems lists the git-ignored .env itself: ${label}`);
      }
      await wb.screenshot('4-after-move-problems');
      // The created .env and the .gitignore line: are they on disk without a save?
      const dirtyTabs = await page.locator('.tabs-container .tab.dirty').evaluateAll((els) => els.map((e) => e.getAttribute('data-resource-name')));
      env.note(`after the fix, unsaved editors: ${JSON.stringify(dirtyTabs)}; .env on disk: ${existsSync(envFile)}`);
      await saveActiveEditor(wb);
      await wb.runCommand('File: Save All Files');
      const envText = await waitForFile(envFile, (t) => t !== undefined && t.includes(`${variable}=`), `.env has no ${variable}=`);
      check(envText.includes(encodeURIComponent(SIG.move)) || envText.includes(SIG.move), `.env does not hold the moved value:\n${envText}`);
      const gi = await waitForFile(gitignore, (t) => /^\/?\.env$/m.test(t ?? ''), '.gitignore did not gain .env');
      check(gi.startsWith(before.gitignore.trimEnd()), `.gitignore lost what it had:\n${gi}`);
      const pyAfter = readFileSync(py, 'utf8');
      check(!pyAfter.includes('sig='), `move-to-env.py on disk still holds the token:\n${pyAfter}`);
      check(pyAfter.includes(variable) && /os\.(environ|getenv)/.test(pyAfter), `move-to-env.py reads no environment variable:\n${pyAfter}`);
      check(/^import os$/m.test(pyAfter), `move-to-env.py does not import os:\n${pyAfter}`);

      // Undo in the editor: VS Code undoes the whole workspace edit (it may ask first).
      await wb.activeEditor().locator('.view-line', { hasText: variable }).first().click();
      await page.keyboard.press('Control+Z');
      const dialog = page.locator('.monaco-dialog-box');
      const restored = wb.activeEditor().locator('.view-line', { hasText: 'contosobackup' }).first();
      await Promise.race([dialog.waitFor({ state: 'visible' }), restored.waitFor({ state: 'visible' })]);
      if (await dialog.isVisible()) {
        const dialogText = (await dialog.innerText()).replace(/\s+/g, ' ');
        env.note(`undo asked: ${dialogText}`);
        await wb.screenshot('4-undo-dialog');
        await dialog
          .locator('.monaco-button', { hasText: /Undo in \d+ Files|Undo/ })
          .first()
          .click();
      }
      await restored.waitFor({ state: 'visible' });
      await wb.activeEditor().locator('.squiggly-error').first().waitFor({ state: 'attached' });
      await wb.runCommand('File: Save All Files');
      const pyUndone = await waitForFile(py, (t) => t === before.py, 'undo did not restore move-to-env.py');
      check(pyUndone === before.py, 'move-to-env.py differs from before the fix');
      // Undo reopens .gitignore's model (closed after the fix's auto-save) and reverts it a moment
      // after the .py file, so the Save All above may have come first. Wait for whichever the
      // workbench reaches: .gitignore restored on disk, or an unsaved .gitignore editor (then save it).
      const dirtyGitignore = page.locator('.tabs-container .tab.dirty[data-resource-name=".gitignore"]');
      const restoredOrDirty = await waitForCondition(
        async () => (readFileSync(gitignore, 'utf8') === before.gitignore ? 'restored' : (await dirtyGitignore.count()) > 0 ? 'dirty' : undefined),
        'undo to restore .gitignore on disk or in an editor',
      );
      if (restoredOrDirty === 'dirty') {
        env.note('after undo and Save All, .gitignore was still an unsaved editor (its revert came after the Save All); saved it');
        await wb.runCommand('File: Save All Files');
      }
      const giUndone = await waitForFile(gitignore, (t) => t === before.gitignore, 'undo did not restore .gitignore').catch(() =>
        readFileSync(gitignore, 'utf8'),
      );
      const envAfterUndo = existsSync(envFile) ? readFileSync(envFile, 'utf8') : undefined;
      env.note(
        `after undo: .gitignore ${giUndone === before.gitignore ? 'restored' : `is ${JSON.stringify(giUndone)}`}; .env ${envAfterUndo === undefined ? 'deleted' : `is ${JSON.stringify(envAfterUndo)}`}`,
      );
      check(giUndone === before.gitignore, `undo did not restore .gitignore: ${JSON.stringify(giUndone)}`);
      check(envAfterUndo === undefined || !envAfterUndo.includes(variable), `after undo .env still holds ${variable}: ${JSON.stringify(envAfterUndo)}`);
      await wb.screenshot('4-after-undo');
    },
  },
  {
    id: '5',
    title: 'Scan Workspace: progress, findings of unopened files in Problems, status count, binary and ignored skipped',
    async run(env) {
      const { wb, page } = env;
      // Notifications come and go quickly: record every one the page shows, with or without progress.
      await page.evaluate(() => {
        window.__sgToasts = [];
        const seen = (el) => {
          const text = el.innerText?.replace(/\s+/g, ' ').trim();
          if (!text) return;
          const progress = !!el.querySelector('.monaco-progress-container.active, .monaco-progress-container.infinite, .monaco-progress-container.discrete');
          window.__sgToasts.push({ text, progress });
        };
        new MutationObserver(() => {
          document.querySelectorAll('.notification-toast, .notification-list-item').forEach(seen);
        }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      });
      await wb.runCommand('SAS Guard: Scan Workspace');
      const summary = page.locator('.notification-toast', { hasText: /Scanned \d+/ }).first();
      await summary.waitFor({ state: 'visible', timeout: 120_000 });
      const summaryText = (await summary.innerText()).replace(/\s+/g, ' ');
      env.note(`summary: ${summaryText}`);
      await wb.screenshot('5-scan-summary');
      const toasts = await page.evaluate(() => window.__sgToasts);
      const progress = toasts.filter((t) => t.progress && /SAS Guard|scan/i.test(t.text));
      env.note(`progress notifications seen: ${[...new Set(progress.map((t) => t.text))].slice(0, 3).join(' / ') || 'none'}`);
      check(progress.length > 0, `no progress notification was seen (notifications: ${JSON.stringify([...new Set(toasts.map((t) => t.text))])})`);
      check(/binary/.test(summaryText), `the summary does not say a binary file was skipped: ${summaryText}`);

      const text = await problemsText(wb);
      for (const name of ['deploy.yaml', 'settings.json']) {
        await wb.problemsPanel().locator('.monaco-list-row', { hasText: name }).first().waitFor({ state: 'visible' });
      }
      check(/service-sas/.test(text), `no service-sas finding from scan-only/deploy.yaml: ${text.slice(0, 400)}`);
      check(/storage-account-key/.test(text), `no storage-account-key finding from scan-only/settings.json: ${text.slice(0, 400)}`);
      check(!text.includes('leak.txt'), 'the git-ignored ignored/leak.txt is in Problems');
      check(!text.includes('blob.bin'), 'the binary assets/blob.bin is in Problems');
      assertSignatureHidden(text, SIG.ignored, 'the Problems panel (ignored file)');
      assertSignatureHidden(text, SIG.binary, 'the Problems panel (binary file)');

      // Every SAS Guard marker row versus the number the status bar item shows.
      const markerRows = await wb
        .problemsPanel()
        .locator('.monaco-list-row[aria-label]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')).filter((l) => /generated by SAS Guard/.test(l)));
      const status = page.locator('.part.statusbar .statusbar-item', { has: page.locator('.codicon-shield') }).first();
      await status.waitFor({ state: 'visible' });
      const statusText = (await status.innerText()).trim();
      env.note(`status item: "${statusText}"; SAS Guard rows in Problems: ${markerRows.length}`);
      check(
        Number(statusText.replace(/\D/g, '')) === markerRows.length,
        `status item says "${statusText}" but Problems lists ${markerRows.length} SAS Guard problems`,
      );
      check(markerRows.length >= 3, `only ${markerRows.length} SAS Guard problems after the scan`);
      await wb.screenshot('5-problems-after-scan');
      await shotToDocs(env, 'workspace-scan-summary', page);
      await summary
        .locator('.codicon-notifications-clear, .codicon-close')
        .first()
        .click()
        .catch(() => {});
      await shotToDocs(env, 'workspace-scan-problems', page.locator('.part.panel'));
    },
  },
  {
    id: '6a',
    title: 'a notebook cell is checked',
    async run(env) {
      const { wb, page } = env;
      await wb.openFile('notebook.ipynb');
      const cellRow = page.locator('.notebook-editor .code-cell-row', { hasText: 'contosonotebook' }).first();
      const asText = wb.activeEditor().locator('.view-line', { hasText: '"cells"' }).first();
      await Promise.race([cellRow.waitFor({ state: 'visible', timeout: 60_000 }), asText.waitFor({ state: 'visible', timeout: 60_000 })]);
      if (!(await cellRow.isVisible())) {
        // Opened before the built-in ipynb extension registered its notebook type: reopen it as one.
        env.note('the .ipynb first opened as JSON text; reopened with the Jupyter Notebook editor');
        await wb.runCommand('View: Reopen Editor With...');
        await wb.quickInput().locator('.monaco-list-row', { hasText: 'Jupyter Notebook' }).first().click();
        await cellRow.waitFor({ state: 'visible' });
      }
      await cellRow.locator('.squiggly-error, .squiggly-warning').first().waitFor({ state: 'attached', timeout: 60_000 });
      await wb.openProblems();
      // The cell's own diagnostic is on the cell's line 1 (a scan of the .ipynb file on disk, if one
      // ran before, reports the same token at its line in the JSON).
      const rows = wb.problemsPanel().locator('.monaco-list-row[aria-label*="generated by SAS Guard"]', { hasText: 'contosonotebook' });
      const row = rows.filter({ hasText: '[Ln 1,' }).first();
      await row.waitFor({ state: 'visible' });
      const text = (await row.innerText()).replace(/\s+/g, ' ');
      env.note(`notebook problem: ${text}`);
      const all = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
      if (all.length > 1)
        env.note(
          `the same notebook token is listed ${all.length} times: ${all.map((t) => t.replace(/.*(\[Ln[^\]]*\]).*/, '$1')).join(', ')} (cell and scan of the file on disk)`,
        );
      check(/service-sas|policy-sas/.test(text), `notebook problem has no SAS rule code: ${text}`);
      assertSignatureHidden(await wb.problemsPanel().innerText(), SIG.notebook, 'the Problems panel (notebook)');
      await wb.screenshot('6a-notebook');
    },
  },
  {
    id: '6b',
    title: 'an untitled file is checked as you type',
    async run(env) {
      const { wb, page } = env;
      await wb.runCommand('File: New Untitled Text File');
      const tab = page.locator('.tabs-container .tab.active[data-resource-name^="Untitled-"]');
      await tab.waitFor();
      const name = await tab.getAttribute('data-resource-name');
      const editor = wb.activeEditor();
      await editor.locator('.view-lines').click();
      const sig = encodeURIComponent(SIG.untitled);
      await page.keyboard.type(
        `upload to https://contosountitled.blob.core.windows.net/drop?sv=2022-11-02&sr=c&sp=rwdl&se=2051-10-06T00:00:00Z&spr=https&sig=${sig}`,
      );
      await editor.locator('.squiggly-error').first().waitFor({ state: 'attached', timeout: 60_000 });
      await wb.openProblems();
      // VS Code names an untitled editor after its first line in the tab and in Problems.
      const row = wb.problemsPanel().locator('.monaco-list-row[aria-label*="generated by SAS Guard"]', { hasText: 'contosountitled' }).first();
      await row.waitFor({ state: 'visible' });
      const text = (await row.innerText()).replace(/\s+/g, ' ');
      env.note(`untitled problem (${name}): ${text}`);
      check(/service-sas/.test(text), `untitled problem has no service-sas code: ${text}`);
      check(/critical|high/.test(text), `untitled problem is not graded critical/high (rwdl until 2051): ${text}`);
      assertSignatureHidden(await wb.problemsPanel().innerText(), SIG.untitled, 'the Problems panel (untitled)');
      await wb.screenshot('6b-untitled');
    },
  },
  {
    id: '8',
    title: 'server killed (SIGKILL) mid-edit and mid-scan: restarted, said once, Problems rows exactly back',
    async run(env) {
      const { wb, page, cs } = env;
      const restartLines = () => (cs.logText(SAS_GUARD_LOG).match(RESTART_LINE) ?? []).length;
      check(restartLines() === 0, 'the log says the server restarted before it was killed');
      await wb.openProblems();
      await wb.runCommand('View: Toggle Maximized Panel');
      try {
        const before = await sasGuardRows(wb);
        check(before.length >= 4, `only ${before.length} SAS Guard rows before the kill: ${JSON.stringify(before)}`);
        check(new Set(before).size === before.length, `duplicate rows before the kill: ${JSON.stringify(before)}`);

        // Mid-edit: the server dies, and a token is typed into the open untitled editor while it is down.
        await wb.runCommand('View: Toggle Maximized Panel');
        const tab = page.locator('.tabs-container .tab[data-resource-name^="Untitled-"]').first();
        await tab.click();
        const editor = wb.activeEditor();
        const last = editor.locator('.view-line', { hasText: 'contosountitled' }).first();
        await wb.clickAt(last, 0.5);
        await page.keyboard.press('Control+End');
        const killedPid = await killServer(env);
        await page.keyboard.type(
          `\nand https://contosokilled.blob.core.windows.net/drop?sv=2022-11-02&sr=c&sp=rl&se=2051-10-06T00:00:00Z&sig=${encodeURIComponent(SIG.killed)}`,
        );
        env.note(`killed server pid ${killedPid} mid-edit; a new one runs: ${JSON.stringify(serverPids(cs))}`);
        // The client repeats the finished workspace scan of scenario 5 once the server is back.
        await cs.waitForLog(SAS_GUARD_LOG, /Workspace scan repeated after the server restart: (.*)/, { what: 'the repeated scan after the restart' });
        await wb.openProblems();
        await wb.runCommand('View: Toggle Maximized Panel');
        const killedRow = wb.problemsPanel().locator('.monaco-list-row[aria-label*="generated by SAS Guard"]', { hasText: 'contosokilled' }).first();
        await killedRow.waitFor({ state: 'visible', timeout: 60_000 });
        const expected = [...before, await killedRow.getAttribute('aria-label')].sort();
        const afterEdit = await waitForCondition(async () => {
          const rows = await sasGuardRows(wb);
          return rows.length === expected.length && (await statusItemText(wb)).replace(/\D/g, '') === String(expected.length) ? rows : undefined;
        }, `${expected.length} SAS Guard rows and the status count after the restart`).catch(async (e) => {
          throw new Error(
            `${e.message}: rows ${JSON.stringify(await sasGuardRows(wb))}, status "${await statusItemText(wb)}", expected ${JSON.stringify(expected)}`,
          );
        });
        check(
          JSON.stringify(afterEdit) === JSON.stringify(expected),
          `after the restart the rows are ${JSON.stringify(afterEdit)}, not ${JSON.stringify(expected)}`,
        );
        check(restartLines() === 1, `the output channel says the restart ${restartLines()} times, not once`);
        await wb.screenshot('8-after-kill-mid-edit');

        // Mid-scan: the server dies while Scan Workspace runs; the scan runs again and completes.
        // Enough clean files to keep the scan running for seconds, so the kill lands inside it: since
        // the scan reads the CLI's way, 20,000 files took 0.66 s on an idle machine and the kill
        // came after it (a 2026-12-03 CI run). 120,000 in 120 folders take about 4 s.
        const bulk = path.join(env.workspace, 'scan-only', 'bulk-crash');
        for (let d = 0; d < 120; d++) {
          const folder = path.join(bulk, `d${d}`);
          mkdirSync(folder, { recursive: true });
          for (let i = 0; i < 1_000; i++) writeFileSync(path.join(folder, `part${i}.txt`), `part ${d}-${i}\n`);
        }
        await wb.runCommand('View: Toggle Maximized Panel');
        await wb.runCommand('SAS Guard: Scan Workspace');
        const progressToast = page.locator('.notification-toast', { hasText: 'scanning workspace' }).first();
        await progressToast.waitFor({ state: 'visible' });
        await killServer(env);
        const summary = page.locator('.notification-toast', { hasText: /Scanned \d+/ }).first();
        await summary.waitFor({ state: 'visible', timeout: 120_000 });
        const summaryText = (await summary.innerText()).replace(/\s+/g, ' ');
        env.note(`after the kill mid-scan: ${summaryText}`);
        check(/Skipped 1 file \(1 binary\)/.test(summaryText), `the repeated scan's summary is not the full scan's: ${summaryText}`);
        await cs.waitForLog(SAS_GUARD_LOG, /The server stopped during the workspace scan; the scan runs again/, { what: 'the scan saying it runs again' });
        await summary.locator('.codicon-notifications-clear, .codicon-close').first().click();
        await wb.openProblems();
        await wb.runCommand('View: Toggle Maximized Panel');
        const afterScan = await waitForCondition(async () => {
          const rows = await sasGuardRows(wb);
          return rows.length === expected.length && (await statusItemText(wb)).replace(/\D/g, '') === String(expected.length) ? rows : undefined;
        }, `${expected.length} SAS Guard rows after the kill mid-scan`).catch(async (e) => {
          throw new Error(
            `${e.message}: rows ${JSON.stringify(await sasGuardRows(wb))}, status "${await statusItemText(wb)}", expected ${JSON.stringify(expected)}`,
          );
        });
        check(
          JSON.stringify(afterScan) === JSON.stringify(expected),
          `after the kill mid-scan the rows are ${JSON.stringify(afterScan)}, not ${JSON.stringify(expected)}`,
        );
        check(restartLines() === 2, `two crashes, but the output channel says the restart ${restartLines()} times`);
        const barTooltip = await page
          .locator('.part.statusbar .statusbar-item', { has: page.locator('.codicon-shield') })
          .first()
          .evaluate((el) => el.getAttribute('aria-label') || el.querySelector('[aria-label]')?.getAttribute('aria-label'));
        env.note(`status bar item after the restarts: ${barTooltip}`);
        check(
          /restarted at .* after the server stopped unexpectedly/.test(barTooltip ?? ''),
          `the status item does not say the server restarted: ${barTooltip}`,
        );
        assertSignatureHidden(await wb.problemsPanel().innerText(), SIG.killed, 'the Problems panel (after the kill)');
        await wb.screenshot('8-after-kill-mid-scan');
      } finally {
        rmSync(path.join(env.workspace, 'scan-only', 'bulk-crash'), { recursive: true, force: true });
      }
    },
  },
];

// ---- the harness proving itself on test/e2e/hello-extension ---------------------------------------

export const selfTestScenarios = [
  {
    id: 'h1',
    title: 'stand-in extension: squiggle, Problems row, hover, Ctrl+. list, applied fix on disk',
    async run(env) {
      const { wb, workspace } = env;
      await wb.openFile('account-sas.js');
      const sq = await squiggleOnLineWith(wb, 'contosodata');
      await wb.openProblems();
      await wb.problemsPanel().locator('.monaco-list-row', { hasText: 'hello-sig' }).first().waitFor();
      await wb.hoverOver(sq);
      await wb.visibleHover().locator('table').first().waitFor();
      await wb.waitForOutlineSymbol('blobUrl');
      const titles = await wb.openQuickFixes('contosodata');
      check(titles.includes('Hello: replace with process.env.HELLO'), `quick fixes: ${JSON.stringify(titles)}`);
      await wb.chooseQuickFix('Hello: replace with process.env.HELLO');
      await wb.activeEditor().locator('.squiggly-error').first().waitFor({ state: 'detached' });
      await saveActiveEditor(wb);
      const disk = readFileSync(path.join(workspace, 'account-sas.js'), 'utf8');
      check(disk.includes('process.env.HELLO') && !disk.includes('sig='), `file on disk:\n${disk}`);
      await wb.screenshot('h1-done');
    },
  },
  {
    id: 'h2',
    title: 'stand-in extension: a command from the palette shows a notification',
    async run(env) {
      const { wb, page } = env;
      await wb.runCommand('Hello E2E: Count Markers');
      await page.locator('.notification-toast', { hasText: 'hello-e2e markers: 0' }).first().waitFor();
    },
  },
];
