// Drives the VS Code workbench served by code-server, through headless Chromium. Every wait is on
// something the page shows (a selector, a text), never on a fixed delay.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const CHROMIUM = process.env.SAS_GUARD_CHROMIUM || '/usr/bin/chromium';

export async function launchBrowser(profileDir, { viewport = { width: 1440, height: 900 } } = {}) {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set SAS_GUARD_CHROMIUM)`);
  }
  const { chromium } = require('playwright-core');
  mkdirSync(profileDir, { recursive: true });
  // Playwright takes the profile as launchPersistentContext's folder, not as --user-data-dir.
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    deviceScaleFactor: 1,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

const esc = (s) => s.replace(/["\\]/g, '\\$&');

export class Workbench {
  /** @param {import('playwright-core').Page} page */
  constructor(page, { screenshotsDir, timeout = 60_000 } = {}) {
    this.page = page;
    this.screenshotsDir = screenshotsDir;
    this.timeout = timeout;
    this.shotIndex = 0;
    page.setDefaultTimeout(timeout);
  }

  /** The first load is the slowest moment of a run (a cold machine, one core: 30 s was not enough). */
  async open(url, { timeout = 180_000 } = {}) {
    await this.page.goto(url, { waitUntil: 'domcontentloaded', timeout });
    await this.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout });
    await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout });
  }

  async screenshot(name, locator) {
    if (!this.screenshotsDir) return undefined;
    mkdirSync(this.screenshotsDir, { recursive: true });
    const file = path.join(this.screenshotsDir, `${String(++this.shotIndex).padStart(2, '0')}-${name}.png`);
    if (locator) await locator.screenshot({ path: file });
    else await this.page.screenshot({ path: file });
    return file;
  }

  // ---- explorer and editors ----------------------------------------------------------------

  explorerRow(name) {
    return this.page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${esc(name)}"]`).first();
  }

  /** Opens a workspace file by clicking through the Explorer (Quick Open was not reliable here). */
  async openFile(relPath) {
    await this.showExplorer();
    const parts = relPath.split('/');
    for (const [i, part] of parts.entries()) {
      const row = this.explorerRow(part);
      await row.waitFor({ state: 'visible' });
      if (i < parts.length - 1) {
        if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
        await this.page
          .locator(`.explorer-folders-view .monaco-list-row[aria-label="${esc(part)}"][aria-expanded="true"]`)
          .first()
          .waitFor();
      } else {
        await row.click();
      }
    }
    const name = parts.at(-1);
    await this.page.locator(`.tabs-container .tab.active[data-resource-name="${esc(name)}"]`).waitFor();
    return name;
  }

  async showExplorer() {
    if (await this.page.locator('.explorer-folders-view').isVisible()) return;
    await this.page.keyboard.press('Control+Shift+E');
    await this.page.locator('.explorer-folders-view').waitFor({ state: 'visible' });
  }

  /**
   * Waits until the language extension of the active file lists `symbol` in the Outline view: its
   * providers (code actions among them) are registered. VS Code cancels a Ctrl+. request whose
   * document's providers change while it runs, which the TypeScript extension does once its server
   * is up, seconds after a .js file opened on a cold machine. The Outline is closed again after.
   */
  async waitForOutlineSymbol(symbol) {
    await this.showExplorer();
    const pane = this.page.locator('.pane', { has: this.page.locator('.pane-header', { hasText: /^\s*Outline/ }) }).first();
    const header = pane.locator('.pane-header').first();
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    await pane.locator('.monaco-list-row', { hasText: symbol }).first().waitFor({ state: 'visible', timeout: 90_000 });
    await header.click();
    await pane.locator('.pane-header[aria-expanded="false"]').waitFor();
  }

  /** The status bar's combined language status item ("{ }"): its label lists every item it holds. */
  languageStatus() {
    return this.page.locator('.part.statusbar [id="status.languageStatus"]');
  }

  /**
   * Waits until the TypeScript extension has loaded the active .js/.ts file's project: its language
   * status item leaves "Loading IntelliSense status" for the project's name ("No jsconfig", a
   * tsconfig.json, …). Ctrl+. asks every code action provider and shows nothing until all answer,
   * and TypeScript's answers only once its semantic server has loaded the project: 4 s warm, over a
   * minute on a cold, busy machine (the Outline comes earlier, from its syntax server).
   */
  async waitForTypeScriptProject({ timeout = 240_000 } = {}) {
    const loaded = this.languageStatus().and(this.page.locator('[aria-label*="jsconfig" i], [aria-label*="tsconfig" i]'));
    await loaded.waitFor({ state: 'attached', timeout }).catch(async (e) => {
      throw new Error(`TypeScript did not load the project within ${timeout / 1000} s (language status: ${await this.languageStatusLabel()}): ${e.message}`);
    });
  }

  /**
   * Waits until TypeScript's diagnostics for the active .js file have arrived, seen by the hint it
   * gives every CommonJS file ("may be converted to an ES module": the dots under `module`), the
   * last of its three kinds. A pending Ctrl+. whose file's markers change is turned by VS Code into
   * an automatic request, which shows a lightbulb and no list: two cold runs ended so, with the
   * project loaded, the lightbulb shown and the hint drawn by the time of the screenshot.
   */
  async waitForTypeScriptDiagnostics({ timeout = 240_000 } = {}) {
    await this.activeEditor()
      .locator('.squiggly-hint')
      .first()
      .waitFor({ state: 'attached', timeout })
      .catch((e) => {
        throw new Error(`TypeScript's hint for the CommonJS file never showed: ${e.message}`);
      });
  }

  async languageStatusLabel() {
    return JSON.stringify(
      await this.languageStatus()
        .getAttribute('aria-label', { timeout: 1000 })
        .catch(() => null),
    );
  }

  /** The text editor of the active tab (in the active editor group). */
  activeEditor() {
    return this.page.locator('.editor-group-container.active .editor-instance .monaco-editor').first();
  }

  async waitSquiggle(kind = 'error', scope = this.activeEditor()) {
    const sq = scope.locator(`.squiggly-${kind}`).first();
    await sq.waitFor({ state: 'attached' });
    return sq;
  }

  /**
   * The element's box once the workbench has laid it out and stopped moving it: measured in the page
   * in one task (resolving and measuring separately races Monaco, which replaces a squiggle's node
   * whenever the file's markers change), and accepted when three animation frames in a row see the
   * same box, non-empty, inside the viewport, the element connected.
   */
  async stableBox(locator, { timeout = this.timeout } = {}) {
    const deadline = Date.now() + timeout;
    let last = 'no element';
    for (;;) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`element has no stable box on screen within ${timeout} ms (last: ${last})`);
      const reading = await locator
        .evaluate(
          (el) =>
            new Promise((resolve) => {
              const boxes = [];
              const measure = () => {
                if (!el.isConnected) return resolve({ detached: true });
                const r = el.getBoundingClientRect();
                boxes.push({ x: r.x, y: r.y, width: r.width, height: r.height });
                if (boxes.length < 3) return requestAnimationFrame(measure);
                const same = boxes.every((b) => b.x === boxes[0].x && b.y === boxes[0].y && b.width === boxes[0].width && b.height === boxes[0].height);
                const onScreen = r.width > 0 && r.height > 0 && r.x >= 0 && r.y >= 0 && r.right <= innerWidth && r.bottom <= innerHeight;
                resolve({ box: boxes[2], same, onScreen });
              };
              requestAnimationFrame(measure);
            }),
          undefined,
          { timeout: remaining },
        )
        .catch((e) => ({ error: e.message.split('\n')[0] }));
      if (reading.box && reading.same && reading.onScreen) return reading.box;
      last = JSON.stringify(reading);
    }
  }

  /** Moves the mouse to the middle of an element (squiggles take no pointer events themselves). */
  async hoverOver(locator) {
    const box = await this.stableBox(locator);
    await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
  }

  async clickAt(locator, fraction = 0.5) {
    const box = await this.stableBox(locator);
    await this.page.mouse.click(box.x + box.width * fraction, box.y + box.height / 2);
  }

  visibleHover() {
    return this.page
      .locator('.monaco-hover:not(.hidden)')
      .filter({ has: this.page.locator('.hover-contents, .hover-row') })
      .last();
  }

  async editorText(editor = this.activeEditor()) {
    // view-lines render only what is on screen; the fixtures are small enough for that.
    return (await editor.locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
  }

  // ---- quick fixes (Ctrl+.) ------------------------------------------------------------------

  actionWidget() {
    return this.page.locator('.action-widget:not(.action-list-submenu-panel)').first();
  }

  /**
   * Puts the cursor inside `needle` (text on a line of the active editor) with Go to Line, so the
   * mouse never rests on the token: a hover that opens on it takes Ctrl+. for itself (measured), and
   * a click lands on whatever the workbench laid out there at that instant. Waits for the status bar
   * to show the position.
   */
  async cursorTo(needle) {
    const pos = await this.activeEditor().evaluate((ed, needle) => {
      const text = (el) => el.textContent.replace(/\u00a0/g, ' ');
      const line = [...ed.querySelectorAll('.view-line')].find((l) => text(l).includes(needle));
      if (!line) return null;
      const top = line.getBoundingClientRect().top;
      const number = [...ed.querySelectorAll('.line-numbers')].find((n) => Math.abs(n.getBoundingClientRect().top - top) < 2);
      return number ? { line: Number(number.textContent.trim()), column: text(line).indexOf(needle) + 2 } : null;
    }, needle);
    if (!pos) throw new Error(`no line with a number shows "${needle}" in the active editor`);
    const qi = this.quickInput();
    await this.page.keyboard.press('Control+G');
    await qi.waitFor({ state: 'visible' });
    await qi.locator('input').fill(`:${pos.line}:${pos.column}`);
    await this.page.keyboard.press('Enter');
    await qi.waitFor({ state: 'hidden' });
    await this.statusBar()
      .locator('.statusbar-item', { hasText: `Ln ${pos.line}, Col ${pos.column}` })
      .first()
      .waitFor({ state: 'visible' });
    await this.activeEditor().and(this.page.locator('.monaco-editor.focused')).waitFor({ state: 'visible' });
    return pos;
  }

  /** Puts the cursor in `needle` and presses Ctrl+. once; returns the titles of the listed actions. */
  async openQuickFixes(needle) {
    await this.lightbulbAt(needle);
    const widget = this.actionWidget();
    await this.page.keyboard.press('Control+.');
    await widget.waitFor({ state: 'visible' }).catch(async (e) => {
      throw new Error(`Ctrl+. showed no action list (language status: ${await this.languageStatusLabel()}): ${e.message}`);
    });
    return this.listedActions();
  }

  /**
   * Puts the cursor in `needle` and clicks the lightbulb once; returns the titles of the listed
   * actions. The bulb shows the actions the editor already has, where Ctrl+. asks the providers
   * again, and VS Code drops that request when anything it depends on changes meanwhile: three cold
   * CI runs pressed Ctrl+. on the first Python file opened, saw the bulb and never a list, while
   * other extensions were still starting (TypeScript's, after scenario 3's .js file). The scenarios
   * that only need a fix applied click the bulb, as a user may; scenario 3 keeps Ctrl+.
   */
  async openQuickFixesFromLightbulb(needle) {
    const bulb = await this.lightbulbAt(needle);
    const widget = this.actionWidget();
    await bulb.click();
    await widget.waitFor({ state: 'visible' }).catch(async (e) => {
      throw new Error(`the lightbulb showed no action list (language status: ${await this.languageStatusLabel()}): ${e.message}`);
    });
    return this.listedActions();
  }

  /** Puts the cursor in `needle` and waits for the lightbulb: the editor has the code actions at the cursor. */
  async lightbulbAt(needle) {
    await this.page.mouse.move(2, 2);
    await this.page
      .locator('.monaco-hover:not(.hidden)')
      .filter({ has: this.page.locator('.hover-contents, .hover-row') })
      .first()
      .waitFor({ state: 'hidden' });
    await this.cursorTo(needle);
    // The lightbulb first: the editor has asked for the code actions at the cursor and has them. A
    // cold run once pressed Ctrl+. on a freshly opened Python file before that, and the list never
    // came (the lightbulb did): a pending Ctrl+. is dropped when the file's markers change
    // (waitForTypeScriptDiagnostics). A user presses it on seeing the bulb.
    const bulb = this.activeEditor().locator('[class*="codicon-lightbulb"]').first();
    await bulb.waitFor({ state: 'visible' }).catch(async (e) => {
      throw new Error(`no lightbulb at the cursor in "${needle}" (language status: ${await this.languageStatusLabel()}): ${e.message}`);
    });
    return bulb;
  }

  /** The titles of the actions the open action list shows, once the providers have answered. */
  async listedActions() {
    // "Checking for quick fixes…" stays until the providers answer; wait for real rows.
    const rows = this.actionWidget().locator('.monaco-list-row.action');
    await rows.first().waitFor({ state: 'visible' });
    return (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  }

  async chooseQuickFix(title) {
    const widget = this.actionWidget();
    const row = widget.locator('.monaco-list-row.action').filter({ hasText: title }).first();
    await row.click();
    await widget.waitFor({ state: 'hidden' });
  }

  // ---- commands -------------------------------------------------------------------------------

  quickInput() {
    return this.page.locator('.quick-input-widget');
  }

  /**
   * Runs a command from the palette by its title, e.g. "SAS Guard: Scan Workspace". The palette
   * lists an extension's commands once the extension host has read its manifest: run.mjs waits for
   * the extension host before the first scenario, so one attempt is enough, and a missing row fails.
   */
  async runCommand(title) {
    const qi = this.quickInput();
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('F1');
    await qi.waitFor({ state: 'visible' });
    await qi.locator('input').fill(`>${title}`);
    const row = qi.locator('.monaco-list-row', { hasText: title }).first();
    await row.waitFor({ state: 'visible' }).catch(() => {
      throw new Error(`the command palette does not list "${title}"`);
    });
    await row.click();
    await qi.waitFor({ state: 'hidden' });
  }

  // ---- problems panel -------------------------------------------------------------------------

  problemsPanel() {
    return this.page.locator('.markers-panel');
  }

  async openProblems() {
    if (!(await this.problemsPanel().isVisible())) {
      await this.page.keyboard.press('Control+Shift+M');
      await this.problemsPanel().waitFor({ state: 'visible' });
    }
    return this.problemsPanel();
  }

  /** Rows of the Problems tree: { kind: 'file'|'marker', text } in their order on screen. */
  async problemRows() {
    const rows = this.problemsPanel().locator('.monaco-list-row');
    const out = [];
    for (const r of await rows.all()) {
      const text = (await r.innerText()).replace(/\s+/g, ' ').trim();
      const kind = (await r.locator('.marker-icon, .codicon-error, .codicon-warning, .codicon-info').count()) > 0 ? 'marker' : 'file';
      out.push({ kind, text, label: (await r.getAttribute('aria-label')) ?? '' });
    }
    return out;
  }

  // ---- notifications ----------------------------------------------------------------------

  notifications() {
    return this.page.locator('.notifications-toasts .notification-toast, .notification-list-item');
  }

  statusBar() {
    return this.page.locator('.part.statusbar');
  }
}
