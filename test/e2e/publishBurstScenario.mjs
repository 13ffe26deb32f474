// Scenario 9: a workspace scan that finds tokens in 2,000 files. The server sends their
// publishDiagnostics in batches (lsp/publishThrottle.ts) rather than as one flood the workbench must
// digest before it answers anything else: its log says how many batches, every file's finding
// arrives exactly once, and the page's longest main-thread task while they arrive is recorded.
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { check, SAS_GUARD_LOG, scanWorkspace, statusItemCount, waitForCondition } from './lib/steps.mjs';

const FILES = 2_000;
const BURST_LINE = /Sent the diagnostics of ([\d,]+) files? in ([\d,]+) batch(?:es)? over (\d+) ms \(at most (\d+) a batch/g;
const number = (text) => Number(String(text).replace(/\D/g, ''));

/** Errors the workbench's markers hold, every source together, as its status bar item says ("Errors: 12"). */
async function workbenchErrorCount(wb) {
  const label = (await wb.statusBar().locator('[id="status.problems"]').first().getAttribute('aria-label')) ?? '';
  if (label === 'No Problems') return 0;
  const errors = /Errors: ([\d,]+)/.exec(label);
  check(errors, `the status bar's problems item says "${label}"`);
  return number(errors[1]);
}

export const publishBurstScenario = {
  id: '9',
  title: `a scan that finds ${FILES.toLocaleString('en-US')} files: diagnostics sent in batches, every one arrives once`,
  async run(env) {
    const { wb, page, cs, workspace } = env;
    const dir = path.join(workspace, 'scan-only', 'burst');
    // A scan first, so that every other file's findings are in place: the counts below then change
    // by the burst's files alone, whichever scenarios ran before.
    await scanWorkspace(wb);
    mkdirSync(dir, { recursive: true });
    try {
      // Fabricated service SAS tokens: random signature bytes, one token a file.
      for (let i = 0; i < FILES; i++) {
        const sig = encodeURIComponent(randomBytes(32).toString('base64'));
        writeFileSync(
          path.join(dir, `export${String(i).padStart(4, '0')}.txt`),
          `https://contosoburst.blob.core.windows.net/exports/f${i}.csv?sv=2022-11-02&sr=b&sp=r&se=2051-10-06T00:00:00Z&spr=https&sig=${sig}\n`,
        );
      }
      const before = await statusItemCount(wb);
      const errorsBefore = await workbenchErrorCount(wb);
      const burstsBefore = [...cs.logText(SAS_GUARD_LOG).matchAll(BURST_LINE)].length;
      // The page's main thread while the diagnostics arrive: every task over 50 ms (the browser's
      // own "long task" threshold), as the Long Tasks API reports them.
      await page.evaluate(() => {
        window.__sgLongTasks = [];
        window.__sgLongTaskObserver?.disconnect();
        window.__sgLongTaskObserver = new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) window.__sgLongTasks.push(Math.round(entry.duration));
        });
        window.__sgLongTaskObserver.observe({ type: 'longtask' });
      });
      const { text: summary } = await scanWorkspace(wb);
      env.note(`summary: ${summary}`);
      const expected = before + FILES;
      await waitForCondition(
        async () => ((await statusItemCount(wb)) === expected ? true : undefined),
        `the status item to count ${expected} findings`,
        120_000,
      );
      // The scan publishes as it goes: its files' diagnostics leave in one or more bursts, each in batches.
      const bursts = await waitForCondition(() => {
        const lines = [...cs.logText(SAS_GUARD_LOG).matchAll(BURST_LINE)].slice(burstsBefore);
        return lines.reduce((sum, m) => sum + number(m[1]), 0) >= FILES ? lines : undefined;
      }, `the server's lines saying it sent the diagnostics of ${FILES} files`);
      let [files, batches, ms] = [0, 0, 0];
      for (const m of bursts) {
        const [burstFiles, burstBatches, burstMs, batchSize] = [number(m[1]), number(m[2]), number(m[3]), number(m[4])];
        check(burstBatches >= Math.ceil(burstFiles / batchSize), `"${m[0]}": more than ${batchSize} in a batch`);
        [files, batches, ms] = [files + burstFiles, batches + burstBatches, ms + burstMs];
      }
      env.note(`the server sent the diagnostics of ${files} files in ${batches} batches (${bursts.length} bursts, ${ms} ms of sending)`);
      check(batches >= Math.ceil(FILES / 200), `${files} files' diagnostics went out in only ${batches} batches`);
      const longTasks = await page.evaluate(() => {
        window.__sgLongTaskObserver.disconnect();
        return window.__sgLongTasks;
      });
      env.note(
        `page main thread during the scan and the ${batches} batches (${ms} ms): ${longTasks.length} tasks over 50 ms, the longest ${Math.max(0, ...longTasks)} ms`,
      );
      // Received by the workbench, each once: its own error count (the status bar's problems item)
      // grows by exactly one a file.
      await waitForCondition(
        async () => ((await workbenchErrorCount(wb)) === errorsBefore + FILES ? true : undefined),
        `the workbench to count ${errorsBefore + FILES} errors`,
      );
      await wb.screenshot('9-after-burst');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
