// The checks and steps the end-to-end scenarios share, desktop (scenarios.mjs) and web
// (webBuild.mjs) alike: each throws (through `check`) on the first thing that is not as it must be.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

// The fixtures' fabricated signatures (random bytes), raw and as they stand percent-encoded in URLs.
export const SIG = {
  account: 'CpwCqGgnMNh31PAwsxYXK+nJxQ/eUEbno1QikJ8x8rM=',
  move: 'sBHfJNteowpg8Zy+mhrWRp4BHWEBRkH6OUFMHUU5L0A=',
  ignored: 'MIC+vJbN817249/Z+TM0jBSDQvO97wpxq7ucdfSpUo8=',
  binary: '53GWQGYXbO2DOIgkanzO8rNlhdkPnuhG18cHA6F3TC4=',
  notebook: 'wrsA97SqQz/ES1b8idTHC1Of7mZot8gi1ghaJ0LJdXQ=',
  untitled: 'lvk0ODuBswYJntN5qO+aJRUJqGTWNljHbmzNr1XSoQI=',
  killed: 'q8Xv1mT0bJr5NwZ2cYh7LkPa3sUe9DgFiO4nWxKtQyE=',
};

/** SAS Guard's output channel as code-server writes it to the logs folder (client and server lines). */
export const SAS_GUARD_LOG = /sas-guard\.sas-guard[/\\]SAS Guard\.log$/;

/** The text of SAS Guard's status bar item (the shield), e.g. "5". */
export async function statusItemText(wb) {
  const status = wb.page.locator('.part.statusbar .statusbar-item', { has: wb.page.locator('.codicon-shield') }).first();
  return (await status.innerText()).trim();
}

/** The number SAS Guard's status bar item shows; 0 while it is hidden (no findings, no SAS Guard file open). */
export async function statusItemCount(wb) {
  const status = wb.page.locator('.part.statusbar .statusbar-item', { has: wb.page.locator('.codicon-shield') });
  return (await status.count()) === 0 ? 0 : Number((await statusItemText(wb)).replace(/\D/g, ''));
}

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

export async function waitForCondition(probe, what, timeoutMs = 60_000) {
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

/** Opens `file` (unless its editor is the active one already) and returns the squiggle on the line with `needle`. */
export async function openWithSquiggle(wb, file, needle) {
  if (!(await wb.page.locator(`.tabs-container .tab.active[data-resource-name="${file}"]`).count())) await wb.openFile(file);
  return squiggleOnLineWith(wb, needle);
}

/** Rests the mouse on the squiggle `sq` and returns the hover once its decoded table is shown. */
export async function openHoverTable(wb, sq) {
  await wb.page.keyboard.press('Escape');
  await wb.hoverOver(sq);
  const hover = wb.visibleHover();
  const table = hover.locator('table').first();
  await table.waitFor({ state: 'visible' });
  return { hover, table };
}

/**
 * The hover is made of parts: SAS Guard's diagnostic and decoded table, and VS Code's own ones (its
 * link detector's "Follow link" part carries the whole URL in the DOM). SAS Guard's parts must
 * never hold the signature; where VS Code's own part holds it, that is recorded as a note.
 */
export async function assertHoverHidesSignature(env, hover, sig) {
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

/** Every fix SAS Guard offers on a SAS in a .js file is among the Ctrl+. titles. */
export function expectEveryFix(titles) {
  for (const [pattern, name] of [
    [/^Strip the signature/, 'Strip the signature'],
    [/process\.env\.[A-Z_]+/, 'Replace … with process.env.…'],
    [/^Move the value to \.env/, 'Move the value to .env'],
    [/^Suppress/, 'Suppress'],
  ]) {
    check(
      titles.some((t) => pattern.test(t)),
      `no "${name}" fix among ${JSON.stringify(titles)}`,
    );
  }
}

/**
 * Opens account-sas.js and presses Ctrl+. on its token once TypeScript, the file's other code action
 * provider, has loaded the project and sent its diagnostics (see Workbench.waitForTypeScriptProject
 * and waitForTypeScriptDiagnostics); checks that every fix is listed and returns the titles.
 */
export async function accountSasFixes(env) {
  const { wb } = env;
  await openWithSquiggle(wb, 'account-sas.js', 'contosodata');
  await wb.waitForTypeScriptProject();
  await wb.waitForTypeScriptDiagnostics();
  const titles = await wb.openQuickFixes('contosodata');
  env.note(`quick fixes: ${titles.join(' | ')}`);
  expectEveryFix(titles);
  return titles;
}

/**
 * Opens move-to-env.py and applies "Move the value to .env" from Ctrl+.; returns the variable the
 * fix named, once the editor shows it in place of the token.
 */
export async function applyMoveToEnv(wb) {
  await openWithSquiggle(wb, 'move-to-env.py', 'contosobackup');
  const titles = await wb.openQuickFixesFromLightbulb('contosobackup');
  const title = titles.find((t) => /^Move the value to \.env/.test(t));
  check(title, `no "Move the value to .env" fix among ${JSON.stringify(titles)}`);
  const variable = / as ([A-Z_0-9]+) /.exec(title)?.[1];
  check(variable, `the fix title names no variable: ${title}`);
  await wb.chooseQuickFix(title);
  await wb.activeEditor().locator('.view-line', { hasText: variable }).first().waitFor();
  return variable;
}

/** After the move and a save: .env on disk holds `variable` with the moved value, and .gitignore ignores .env. */
export async function expectValueMovedToEnv(workspace, variable) {
  const envFile = path.join(workspace, '.env');
  const envText = await waitForFile(envFile, (t) => t !== undefined && t.includes(`${variable}=`), `.env has no ${variable}=`);
  check(envText.includes(encodeURIComponent(SIG.move)) || envText.includes(SIG.move), `.env does not hold the moved value:\n${envText}`);
  return waitForFile(path.join(workspace, '.gitignore'), (t) => /^\/?\.env$/m.test(t ?? ''), '.gitignore did not gain .env');
}

/** Runs "SAS Guard: Scan Workspace" and returns the text of its summary notification, once shown. */
export async function scanWorkspace(wb) {
  const summary = wb.page.locator('.notification-toast', { hasText: /Scanned \d+/ }).first();
  // An earlier scan's summary must not be taken for this one's.
  if (await summary.count()) {
    await wb.runCommand('Notifications: Clear All Notifications');
    await summary.waitFor({ state: 'detached' });
  }
  await wb.runCommand('SAS Guard: Scan Workspace');
  await summary.waitFor({ state: 'visible', timeout: 180_000 });
  const text = (await summary.innerText()).replace(/\s+/g, ' ');
  check(/binary/.test(text), `the summary does not say a binary file was skipped: ${text}`);
  return { summary, text };
}

/**
 * After a workspace scan, the Problems panel lists the findings of the fixture's unopened files and
 * none of its git-ignored or binary ones; returns the panel's text.
 */
export async function expectScanFindingsInProblems(wb) {
  for (const name of ['deploy.yaml', 'settings.json']) {
    await (await wb.openProblems()).locator('.monaco-list-row', { hasText: name }).first().waitFor({ state: 'visible' });
  }
  const text = await problemsText(wb);
  check(/service-sas/.test(text), `no service-sas finding from scan-only/deploy.yaml: ${text.slice(0, 400)}`);
  check(/storage-account-key/.test(text), `no storage-account-key finding from scan-only/settings.json: ${text.slice(0, 400)}`);
  check(!text.includes('leak.txt'), 'the git-ignored ignored/leak.txt is in Problems');
  check(!text.includes('blob.bin'), 'the binary assets/blob.bin is in Problems');
  assertSignatureHidden(text, SIG.ignored, 'the Problems panel (ignored file)');
  assertSignatureHidden(text, SIG.binary, 'the Problems panel (binary file)');
  return text;
}
