// Scenario 10: the git history. The workspace gets three commits: one adds a file with an account
// SAS, the next removes it, the third adds a note with a second SAS that stays. "SAS Guard: Scan Git
// History" must list both secrets in its view, say which one HEAD no longer holds, open the removed
// one's file as it was at its commit (read-only, the token selected), and the hover of the token
// still in the working tree must say it is already committed.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { assertSignatureHidden, check, openWithSquiggle } from './lib/steps.mjs';

// Fabricated signatures (random bytes).
const REMOVED_SIG = 'u4Hc2pWq9sLm0xZbN7vRt1yK3eJfA8dGoQiS5nVwXkM=';
const KEPT_SIG = 'Tq8nV3bLx0sWm5zR2kYp7dHc1fJg9aEuN4oCiS6rXwQ=';
const sasUrl = (account, sig) =>
  `https://${account}.blob.core.windows.net/?sv=2022-11-02&ss=b&srt=sco&sp=rwdl&se=2051-10-06T00:00:00Z&spr=https&sig=${encodeURIComponent(sig)}`;

function git(workspace, ...args) {
  return execFileSync('git', ['-c', 'user.name=SAS Guard e2e', '-c', 'user.email=e2e@example.invalid', '-c', 'commit.gpgsign=false', ...args], {
    cwd: workspace,
    encoding: 'utf8',
  }).trim();
}

export const historyScenario = {
  id: '10',
  title: 'Scan Git History: both secrets listed, the removed one opened at its commit read-only, hover says committed',
  async run(env) {
    const { wb, page, workspace, step } = env;
    const dir = path.join(workspace, 'history');
    mkdirSync(dir, { recursive: true });
    const removedFile = path.join(dir, 'app.json');
    const keptFile = path.join(dir, 'notes.md');
    try {
      writeFileSync(removedFile, `{\n  "storage": "${sasUrl('contosohistory', REMOVED_SIG)}"\n}\n`);
      git(workspace, 'add', 'history/app.json');
      git(workspace, 'commit', '-q', '-m', 'add the app config');
      const addedIn = git(workspace, 'rev-parse', '--short=7', 'HEAD');
      // The note is written before the removal, so the folder never goes away and comes back: the
      // workbench's file watcher then has no delete and re-create of one folder to coalesce.
      writeFileSync(keptFile, `Upload with ${sasUrl('contosonotes', KEPT_SIG)}\n`);
      git(workspace, 'rm', '-q', 'history/app.json');
      git(workspace, 'commit', '-q', '-m', 'remove the token');
      git(workspace, 'add', 'history/notes.md');
      git(workspace, 'commit', '-q', '-m', 'add notes');
      const keptIn = git(workspace, 'rev-parse', '--short=7', 'HEAD');

      step('run Scan Git History and wait for its summary');
      await wb.runCommand('SAS Guard: Scan Git History');
      const summary = page.locator('.notification-toast', { hasText: /secrets? in \d+ commits?/ }).first();
      await summary.waitFor({ state: 'visible', timeout: 120_000 });
      const summaryText = (await summary.innerText()).replace(/\s+/g, ' ');
      env.note(`history summary: ${summaryText}`);
      check(/2 secrets in 3 commits/.test(summaryText), `the summary does not count 2 secrets in 3 commits: ${summaryText}`);
      check(/1 removed from HEAD but still in history/.test(summaryText), `the summary does not say one was removed: ${summaryText}`);

      step('find both rows in the Git History view');
      const view = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'SAS Guard: Git History' }) }).first();
      const removedRow = view.locator('.monaco-list-row', { hasText: 'history/app.json:2' }).first();
      const keptRow = view.locator('.monaco-list-row', { hasText: 'history/notes.md:1' }).first();
      await removedRow.waitFor({ state: 'visible' });
      await keptRow.waitFor({ state: 'visible' });
      const removedText = (await removedRow.innerText()).replace(/\s+/g, ' ');
      const keptText = (await keptRow.innerText()).replace(/\s+/g, ' ');
      env.note(`view rows: ${removedText} | ${keptText}`);
      check(removedText.includes(addedIn) && /removed, still in history/.test(removedText), `the removed secret's row: ${removedText}`);
      check(/critical/.test(removedText), `the removed secret's row has no grade: ${removedText}`);
      check(keptText.includes(keptIn) && /still in HEAD/.test(keptText), `the kept secret's row: ${keptText}`);
      assertSignatureHidden(await view.innerText(), REMOVED_SIG, 'the history view');
      await wb.screenshot('10-history-view');

      // The removed secret's file as it was at its commit: read-only, the token selected.
      step('open the removed secret at its commit');
      await removedRow.click();
      const tab = page.locator('.tabs-container .tab.active[data-resource-name="app.json"]');
      await tab.waitFor();
      const editor = wb.activeEditor();
      await editor.locator('.view-line', { hasText: 'contosohistory' }).first().waitFor();
      step('the token selected in the committed file (status bar: Ln 2, n selected)');
      await wb
        .statusBar()
        .locator('.statusbar-item', { hasText: /Ln 2, Col \d+ \(\d+ selected\)/ })
        .first()
        .waitFor({ state: 'visible' });
      await wb.screenshot('10-committed-file');
      // Read-only: typing into it is refused with the editor's own message.
      step('type into the committed file: the editor says read-only');
      await editor.locator('.view-line').first().click();
      // The keystroke must reach this editor: typed anywhere else, it would prove nothing.
      await editor.and(page.locator('.monaco-editor.focused')).waitFor({ state: 'visible' });
      await page.keyboard.type('x');
      await page
        .locator('.monaco-editor-overlaymessage', { hasText: /read-only/i })
        .first()
        .waitFor({ state: 'visible' });
      check(!(await tab.evaluate((el) => el.classList.contains('dirty'))), 'typing changed the file at the commit');

      // The working tree's token: its hover says the secret is already committed.
      step('hover the working tree token: Already committed');
      await page.keyboard.press('Escape');
      const sq = await openWithSquiggle(wb, 'history/notes.md', 'contosonotes');
      await wb.hoverOver(sq);
      // SAS Guard's hover by its content: the tree row's and the Explorer's own tooltips are hovers too.
      const hover = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: 'Already committed' }).last();
      await hover.waitFor({ state: 'visible' });
      const hoverText = (await hover.innerText()).replace(/\s+/g, ' ');
      check(hoverText.includes(keptIn), `the hover does not name the commit ${keptIn}: ${hoverText.slice(0, 400)}`);
      assertSignatureHidden(hoverText, KEPT_SIG, 'the hover');
      await wb.screenshot('10-hover-committed');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
