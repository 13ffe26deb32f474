// Times the engine in process: reads one file, then calls scanText on it `runs` times (after one
// warm-up call) and prints {ms[], cpuMs[], findings} as JSON. Run in a child process so that a slow case can
// be killed by a timeout and its memory does not pollute the next case.
// Usage: node --import tsx bench/lib/scan-worker.ts FILE [RUNS] [--slice BYTES]
import { readFileSync } from 'node:fs';
import { scanText } from '../../server/src/core';

function main(): void {
  const [file, runsArg] = process.argv.slice(2);
  if (!file) throw new Error('usage: scan-worker FILE [RUNS]');
  const runs = Number(runsArg ?? 5);
  const buf = readFileSync(file);
  const text = buf.toString('utf8');
  const now = new Date('2026-01-01T00:00:00Z');
  const options = { now, fileName: file };
  const warm = scanText(text, options);
  // Wall and CPU time of each call; CPU time is what other load on the machine barely moves.
  const ms: number[] = [];
  const cpuMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const cpu = process.cpuUsage();
    const started = process.hrtime.bigint();
    scanText(text, options);
    ms.push(Number(process.hrtime.bigint() - started) / 1e6);
    const used = process.cpuUsage(cpu);
    cpuMs.push((used.user + used.system) / 1000);
  }
  const byRule: Record<string, number> = {};
  for (const f of warm.findings) byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
  const rssMb = process.memoryUsage().rss / 2 ** 20;
  process.stdout.write(
    JSON.stringify({ bytes: buf.length, chars: text.length, ms, cpuMs, findings: warm.findings.length, suppressed: warm.suppressed.length, byRule, rssMb }) +
      '\n',
  );
}

main();
