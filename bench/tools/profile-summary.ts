// Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time by function and by source file,
// with source-mapped file names when the bundle has a .map next to it (esbuild's `// <path>`
// section comments are used instead when it does not).
// Usage: npx tsx bench/tools/profile-summary.ts [--top N] PROFILE.cpuprofile…   (several profiles are merged,
// e.g. the main and worker threads of one run)
import { readFileSync } from 'node:fs';
import { bundleSections } from '../lib/bundleSections';
import type { CallFrame, Profile } from '../lib/cpuProfile';

function main(): void {
  const args = process.argv.slice(2);
  const topAt = args.indexOf('--top');
  const top = topAt === -1 ? 25 : Number(args.splice(topAt, 2)[1]);
  if (args.length === 0) throw new Error('usage: profile-summary [--top N] PROFILE…');
  const selfUs = new Map<string, { frame: CallFrame; us: number }>();
  let wallUs = 0;
  for (const file of args) {
    const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
    wallUs = Math.max(wallUs, profile.endTime - profile.startTime);
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    for (let i = 0; i < profile.samples.length; i++) {
      const frame = byId.get(profile.samples[i]!)!.callFrame;
      const key = `${frame.url}|${frame.functionName}|${frame.lineNumber}|${frame.columnNumber}`;
      const entry = selfUs.get(key) ?? { frame, us: 0 };
      entry.us += profile.timeDeltas[i] ?? 0;
      selfUs.set(key, entry);
    }
  }
  const sections = new Map<string, ((line: number) => string) | undefined>();
  const fileOf = (cf: CallFrame): string => {
    if (!cf.url) return cf.functionName.startsWith('(') ? cf.functionName : '(native)';
    if (!sections.has(cf.url)) sections.set(cf.url, bundleSections(cf.url));
    const s = sections.get(cf.url);
    if (s) return s(cf.lineNumber);
    return cf.url.replace(/^file:\/\//, '').replace(/^node:/, 'node:');
  };
  const total = [...selfUs.values()].reduce((a, b) => a + b.us, 0);
  const fnTotals = new Map<string, number>();
  const fileTotals = new Map<string, number>();
  for (const { frame, us } of selfUs.values()) {
    const f = fileOf(frame);
    const key = `${frame.functionName || '(anonymous)'}  [${f}:${frame.lineNumber + 1}]`;
    fnTotals.set(key, (fnTotals.get(key) ?? 0) + us);
    fileTotals.set(f, (fileTotals.get(f) ?? 0) + us);
  }
  const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms`;
  console.log(`${args.length} profile(s): ${(total / 1000).toFixed(0)} ms sampled, longest wall ${(wallUs / 1000).toFixed(0)} ms\n`);
  console.log('self time by source file:');
  for (const [f, us] of [...fileTotals].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(us)}  ${f}`);
  console.log('\nself time by function:');
  for (const [k, us] of [...fnTotals].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(us)}  ${k}`);
}

main();
