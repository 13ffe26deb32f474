// A generated git history for the history benchmark (bench/history.ts) and its memory check: a few
// dozen source files edited a little in every commit, a lock file with a base64 hash on every
// entry updated every few commits (the large, often-edited file real histories have), a merge now
// and then, and fabricated SAS tokens planted in some commits and removed from half of them later.
// Built with one `git fast-import` stream, so thousands of commits take seconds. Seeded: the same
// repository every run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { Rng } from './rng';

export interface GeneratedHistory {
  readonly path: string;
  readonly commits: number;
  /** Tokens planted (each a distinct secret). */
  readonly planted: number;
}

const SOURCE_FILES = 40;
const LOCK_ENTRIES = 1500;
const LOCK_EVERY = 25;
const MERGE_EVERY = 50;
const PLANT_EVERY = 250;

function base64(rng: Rng, bytes: number): string {
  const out = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) out[i] = rng.int(256);
  return out.toString('base64');
}

function sasUrl(rng: Rng): string {
  const sig = encodeURIComponent(base64(rng, 32));
  return `https://benchdata${rng.int(100)}.blob.core.windows.net/c?sv=2022-11-02&ss=b&srt=co&sp=rwdl&se=2099-01-01T00:00:00Z&spr=https&sig=${sig}`;
}

function sourceLine(rng: Rng, file: number, line: number): string {
  const words = ['value', 'count', 'result', 'items', 'config', 'handler', 'buffer', 'index'];
  return `  const ${words[rng.int(words.length)]}${line} = compute(${file}, ${rng.int(100000)}); // ${words[rng.int(words.length)]} of step ${line}`;
}

function lockFile(versions: readonly number[], hashes: readonly string[]): string {
  const lines = ['{', '  "name": "bench",', '  "lockfileVersion": 3,', '  "packages": {'];
  for (let i = 0; i < versions.length; i++) {
    lines.push(`    "node_modules/pkg-${i}": {`, `      "version": "1.${versions[i]}.0",`, `      "integrity": "sha512-${hashes[i]}"`, '    },');
  }
  lines.push('  }', '}', '');
  return lines.join('\n');
}

/** Creates the repository at `path` (a bare one) unless it is there already. */
export function generateHistory(path: string, commits: number, seed = 7): GeneratedHistory {
  const planted = Math.floor(commits / PLANT_EVERY);
  if (existsSync(path)) return { path, commits, planted };
  mkdirSync(path, { recursive: true });
  const init = spawnSync('git', ['init', '-q', '--bare', path]);
  if (init.status !== 0) throw new Error(`git init failed: ${init.stderr}`);
  const rng = new Rng(seed);
  const files: string[][] = [];
  for (let f = 0; f < SOURCE_FILES; f++) {
    const lines = [`// module ${f}`, `export function run${f}() {`];
    for (let l = 0; l < 80 + rng.int(200); l++) lines.push(sourceLine(rng, f, l));
    lines.push('}', '');
    files.push(lines);
  }
  const versions = Array.from({ length: LOCK_ENTRIES }, () => rng.int(20));
  const hashes = Array.from({ length: LOCK_ENTRIES }, () => base64(rng, 64));
  const chunks: Buffer[] = [];
  const emit = (text: string | Buffer): void => void chunks.push(typeof text === 'string' ? Buffer.from(text) : text);
  const data = (content: string): void => {
    const bytes = Buffer.from(content);
    emit(`data ${bytes.length}\n`);
    emit(bytes);
    emit('\n');
  };
  let mark = 0;
  let sideTip = 0;
  let mainTip = 0;
  const tokens: { file: number; line: number; removeAt: number }[] = [];
  for (let c = 1; c <= commits; c++) {
    const changes: [string, string][] = [];
    const edited = new Set<number>();
    for (let k = 0; k < 1 + rng.int(3); k++) edited.add(rng.int(SOURCE_FILES));
    for (const f of edited) {
      const lines = files[f]!;
      const at = 2 + rng.int(lines.length - 4);
      if (rng.int(3) === 0) lines.splice(at, 0, sourceLine(rng, f, lines.length));
      else lines[at] = sourceLine(rng, f, at);
    }
    if (c % PLANT_EVERY === 7) {
      const f = rng.int(SOURCE_FILES);
      const line = 2 + rng.int(10);
      files[f]!.splice(line, 0, `  const url = "${sasUrl(rng)}";`);
      edited.add(f);
      if (tokens.length % 2 === 0) tokens.push({ file: f, line, removeAt: c + 40 });
    }
    for (const token of tokens) {
      if (token.removeAt !== c) continue;
      const lines = files[token.file]!;
      const index = lines.findIndex((l) => l.includes('sig='));
      if (index >= 0) lines.splice(index, 1);
      edited.add(token.file);
    }
    for (const f of edited) changes.push([`src/module${f}.ts`, files[f]!.join('\n')]);
    if (c === 1 || c % LOCK_EVERY === 0) {
      for (let k = 0; k < 3; k++) {
        const i = rng.int(LOCK_ENTRIES);
        versions[i]!++;
        hashes[i] = base64(rng, 64);
      }
      changes.push(['package-lock.json', lockFile(versions, hashes)]);
    }
    if (c === 1) for (let f = 0; f < SOURCE_FILES; f++) if (!edited.has(f)) changes.push([`src/module${f}.ts`, files[f]!.join('\n')]);
    const onSide = c % MERGE_EVERY > MERGE_EVERY - 5 && c > MERGE_EVERY;
    const blobMarks: [string, number][] = [];
    for (const [name, content] of changes) {
      emit(`blob\nmark :${++mark}\n`);
      data(content);
      blobMarks.push([name, mark]);
    }
    const time = 1_600_000_000 + c * 3600;
    emit(`commit refs/heads/${onSide ? 'side' : 'main'}\nmark :${++mark}\n`);
    emit(`author Bench Author <bench@example.com> ${time} +0000\ncommitter Bench Author <bench@example.com> ${time} +0000\n`);
    data(`commit ${c}`);
    if (onSide && sideTip === 0) emit(`from :${mainTip}\n`);
    else if (onSide) emit(`from :${sideTip}\n`);
    else if (mainTip !== 0) emit(`from :${mainTip}\n`);
    if (!onSide && sideTip !== 0 && c % MERGE_EVERY === 0) {
      emit(`merge :${sideTip}\n`);
      sideTip = 0;
    }
    for (const [name, blob] of blobMarks) emit(`M 100644 :${blob} ${name}\n`);
    emit('\n');
    if (onSide) sideTip = mark;
    else mainTip = mark;
  }
  const result = spawnSync('git', ['-C', path, 'fast-import', '--quiet'], { input: Buffer.concat(chunks), maxBuffer: 1 << 30 });
  if (result.status !== 0) throw new Error(`git fast-import failed: ${result.stderr}`);
  spawnSync('git', ['-C', path, 'symbolic-ref', 'HEAD', 'refs/heads/main']);
  return { path, commits, planted };
}
