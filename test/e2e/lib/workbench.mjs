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
  constructor(page, { screenshotsDir, timeout = 30_000 } = {}) {
    this.page = page;
    this.screenshotsDir = screenshotsDir;
    this.timeout = timeout;
    this.shotIndex = 0;
    page.setDefaultTimeout(timeout);
  }

  async open(url) {
    await this.page.goto(url, { waitUntil: 'domcontentloaded' });
    await this.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout: 60_000 });
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
        await this.page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${esc(part)}"][aria-expanded="true"]`).first().waitFor();
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

  /** The text editor of the active tab (in the active editor group). */
  activeEditor() {
    return this.page.locator('.editor-group-container.active .editor-instance .monaco-editor').first();
  }

  async waitSquiggle(kind = 'error', scope = this.activeEditor()) {
    const sq = scope.locator(`.squiggly-${kind}`).first();
    await sq.waitFor({ state: 'attached' });
    return sq;
  }

  /** Moves the mouse to the middle of an element (squiggles take no pointer events themselves). */
  async hoverOver(locator) {
    const box = await locator.boundingBox();
    if (!box) throw new Error('element has no box to hover over');
    await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
  }

  async clickAt(locator, fraction = 0.5) {
    const box = await locator.boundingBox();
    if (!box) throw new Error('element has no box to click');
    await this.page.mouse.click(box.x + box.width * fraction, box.y + box.height / 2);
  }

  visibleHover() {
    return this.page.locator('.monaco-hover:not(.hidden)').filter({ has: this.page.locator('.hover-contents, .hover-row') }).last();
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
   * Puts the cursor on `target` and presses Ctrl+.; returns the titles of the listed actions.
   * A hover still open on the token takes the first Ctrl+. (measured), so the mouse leaves the
   * editor and the hover is closed first; the key is pressed again (up to 3 times) only when the
   * list has not appeared.
   */
  async openQuickFixes(target) {
    await this.clickAt(target, 0.3);
    await this.page.mouse.move(2, 2);
    await this.page.keyboard.press('Escape');
    await this.page.locator('.monaco-hover:not(.hidden)').first().waitFor({ state: 'hidden' }).catch(() => {});
    const widget = this.actionWidget();
    let attempts = 0;
    while (!(await widget.isVisible())) {
      if (++attempts > 3) throw new Error('Ctrl+. did not open the quick-fix list after 3 presses');
      await this.page.keyboard.press('Control+.');
      await widget.waitFor({ state: 'visible', timeout: 10_000 }).catch(() => {});
    }
    // "Checking for quick fixes…" stays until the providers answer; wait for real rows.
    const rows = widget.locator('.monaco-list-row.action');
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
   * Runs a command from the palette by its title, e.g. "SAS Guard: Scan Workspace". An extension's
   * commands join the palette only once the extension host has read its manifest, and an open
   * palette does not refresh: when the row is missing, the palette is opened again (up to 60 s).
   */
  async runCommand(title, { timeout = 60_000 } = {}) {
    const qi = this.quickInput();
    const deadline = Date.now() + timeout;
    for (;;) {
      await this.page.keyboard.press('Escape');
      await this.page.keyboard.press('F1');
      await qi.waitFor({ state: 'visible' });
      await qi.locator('input').fill(`>${title}`);
      const row = qi.locator('.monaco-list-row', { hasText: title }).first();
      const found = await row.waitFor({ state: 'visible', timeout: 5000 }).then(() => true, () => false);
      if (found) {
        await row.click();
        await qi.waitFor({ state: 'hidden' });
        return;
      }
      if (Date.now() > deadline) throw new Error(`the command palette does not list "${title}"`);
    }
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
