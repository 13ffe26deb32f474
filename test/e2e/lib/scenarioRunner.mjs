// Runs a list of scenarios in one workbench, one after another, for run.mjs (desktop) and
// webBuild.mjs (web): each result is recorded, a failure is photographed and does not stop the
// rest, and the workbench is left with no widget open for the next one.
import { cpSync, renameSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../tools.mjs';

const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** Copies the fixture workspace to `dest`, so the scenarios may change it. */
export function copyFixtureWorkspace(dest) {
  cpSync(path.join(repoRoot, 'test', 'e2e', 'workspace'), dest, { recursive: true });
  // Stored as _gitignore so that git in this repository does not ignore the fixture's ignored/ folder.
  renameSync(path.join(dest, '_gitignore'), path.join(dest, '.gitignore'));
  return dest;
}

/**
 * Runs `scenarios` with `env` (plus each one's `note`); returns their results
 * ({ id, title, ok, ms, notes, error?, shot? }).
 */
export async function runScenarios(scenarios, env) {
  const { wb, page, say } = env;
  const results = [];
  for (const sc of scenarios) {
    const t = Date.now();
    const notes = [];
    let step;
    try {
      // A scenario names its steps (`step('…')`), so a failure says how far it got.
      await sc.run({ ...env, note: (n) => notes.push(n), step: (s) => (step = s) });
      results.push({ id: sc.id, title: sc.title, ok: true, ms: Date.now() - t, notes });
      say(`PASS ${sc.id} ${sc.title} (${secs(Date.now() - t)})`);
    } catch (e) {
      const shot = await wb.screenshot(`FAIL-${sc.id}`).catch(() => undefined);
      const error = step === undefined ? e.message : `at step "${step}": ${e.message}`;
      results.push({ id: sc.id, title: sc.title, ok: false, ms: Date.now() - t, error, notes, shot });
      say(
        `FAIL ${sc.id} ${sc.title} (${secs(Date.now() - t)})\n      ${String(error).split('\n').join('\n      ')}${shot ? `\n      screenshot: ${shot}` : ''}`,
      );
    }
    for (const n of notes) say(`     note: ${n}`);
    // Leave the workbench as the next scenario expects it: no widget, hover or dialog open.
    await page.keyboard.press('Escape').catch(() => {});
    await page.keyboard.press('Escape').catch(() => {});
  }
  return results;
}

/**
 * A failure in one line for the closing list: the error's first line, and what Playwright was
 * waiting for when it timed out (its call log names the locator), which the first line omits.
 */
export function failureLine(error) {
  const lines = String(error).split('\n');
  const waitingFor = lines.find((line) => /^\s*- waiting for /.test(line));
  return waitingFor === undefined ? lines[0] : `${lines[0]} (${waitingFor.trim().slice(2)})`;
}
