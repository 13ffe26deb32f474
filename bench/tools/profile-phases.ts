// Splits the CPU profiles of one CLI run (`node --cpu-prof --cpu-prof-dir DIR dist/cli.js scan …`:
// one .cpuprofile for the main thread, one per worker) into the phases of a tree scan: start-up and
// module load, listing, reading, the byte checks, decoding, the engine, the report, messages between
// threads, garbage collection and idle time. Each sample goes to the phase of the innermost frame it
// is spent in, so native calls count where they belong (read → reading, readdir → listing). The
// phases are an approximation for comparing two runs side by side, not exact accounting.
//
// Usage: npx tsx bench/tools/profile-phases.ts DIR [DIR …]      (one column per run directory)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleSections } from '../lib/bundleSections';
import type { Profile } from '../lib/cpuProfile';

const PHASES = [
  'start-up, module load',
  'listing',
  'reading',
  'byte checks (WebAssembly)',
  'decoding',
  'engine',
  'report',
  'threads, messages',
  'garbage collection',
  'other',
  'idle',
] as const;
type Phase = (typeof PHASES)[number];

/** A function's phase from its own name and file; undefined: the caller's phase. */
function ownPhase(name: string, url: string): Phase | undefined {
  if (name === '(garbage collector)') return 'garbage collection';
  if (name === '(idle)') return 'idle';
  if (url.startsWith('wasm://') || /byteScan|byteChecks|prefilter|binarySniff/.test(url)) return 'byte checks (WebAssembly)';
  if (/walkFiles|listingFs|ignoreRules|repositoryIgnores/.test(url) || (url === '' && /^(readdir|stat|lstat)$/.test(name))) return 'listing';
  if (/readTextFile|decodeUtf16/.test(url)) return 'reading';
  if (url === '' && /^(open|read|close|fstat)$/.test(name)) return 'reading';
  if (/decodeUtf8/.test(url)) return 'decoding';
  if (/server\/src\/core\/|lineIndex/.test(url)) return 'engine';
  if (/server\/src\/report\/|reportWriter/.test(url) || /^(writeUtf8String|writev|writeBuffer)$/.test(name)) return 'report';
  if (/workerPool|node:internal\/worker|event_target|per_context\/messageport/.test(url) || name === 'postMessage') return 'threads, messages';
  if (/bootstrap|modules\/|pre_execution|run_main|\(bundle prelude\)/.test(url) || /^(wrapSafe|compileForInternalLoader)$/.test(name))
    return 'start-up, module load';
  return undefined;
}

const sections = new Map<string, ((line: number) => string) | undefined>();

/** The source file of a frame in a bundle (its `// path` sections), else the frame's own URL. */
function sourceOf(url: string, line: number): string {
  if (!sections.has(url)) sections.set(url, bundleSections(url));
  return sections.get(url)?.(line) ?? url;
}

function phasesOf(profile: Profile, into: Map<Phase, number>): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const cache = new Map<number, Phase>();
  const phaseOf = (id: number): Phase => {
    const known = cache.get(id);
    if (known) return known;
    const node = byId.get(id)!;
    const up = parent.get(id);
    const { functionName, url, lineNumber } = node.callFrame;
    const phase = ownPhase(functionName, sourceOf(url, lineNumber)) ?? (up === undefined ? 'other' : phaseOf(up));
    cache.set(id, phase);
    return phase;
  };
  profile.samples.forEach((id, i) => {
    const phase = phaseOf(id);
    into.set(phase, (into.get(phase) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
}

function main(): void {
  const dirs = process.argv.slice(2);
  if (dirs.length === 0) throw new Error('usage: profile-phases.ts DIR [DIR …]');
  const columns = dirs.map((dir) => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
    const profiles = files.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Profile);
    const start = Math.min(...profiles.map((p) => p.startTime));
    const threads = profiles.map((p) => {
      const phases = new Map<Phase, number>();
      phasesOf(p, phases);
      return { phases, from: (p.startTime - start) / 1000, to: (p.endTime - start) / 1000 };
    });
    return { dir, threads };
  });
  const header = [
    'phase (ms of CPU samples)',
    ...columns.flatMap((c) => c.threads.map((_, t) => `${c.dir.split('/').pop()} ${t === 0 ? 'main' : `worker ${t}`}`)),
  ];
  const rows = PHASES.map((phase) => [phase, ...columns.flatMap((c) => c.threads.map((t) => (t.phases.get(phase) ?? 0).toFixed(0)))]);
  rows.push([
    'busy (all but idle)',
    ...columns.flatMap((c) => c.threads.map((t) => [...t.phases].reduce((sum, [p, ms]) => (p === 'idle' ? sum : sum + ms), 0).toFixed(0))),
  ]);
  rows.push(['thread alive (ms from the first start)', ...columns.flatMap((c) => c.threads.map((t) => `${t.from.toFixed(0)}–${t.to.toFixed(0)}`))]);
  console.log(`| ${header.join(' | ')} |\n| ${header.map(() => '---').join(' | ')} |`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

main();
