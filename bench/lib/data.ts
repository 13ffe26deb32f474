// Deterministic benchmark data under the git-ignored bench/.data/: a source tree, one big file,
// adversarial single-line files and small slices. Each set is regenerated only when its manifest
// (generator version, seed, size) changes.
import { BASE64_ANCHOR_FORMS } from '../../server/src/core/scan/anchorLiterals';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync, copyFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { Rng } from './rng';
import { LANG_EXT, embed, generateText, pickLang } from './corpus';
import { LIVE_KINDS, type PlantKind, fabricate } from './plants';

export const BENCH_DIR = join(__dirname, '..');
export const REPO_DIR = join(BENCH_DIR, '..');
export const DATA_DIR = join(BENCH_DIR, '.data');

const GENERATOR_VERSION = 4;

export interface Planted {
  /** Fabricated live credentials, by kind: each should be one finding. */
  readonly live: Record<string, number>;
  readonly liveTotal: number;
  /** Placeholders, emulator keys and sanitized values: must not be findings. */
  readonly placeholders: number;
  /** AWS / GCS / CloudFront signed URLs: must not be findings. */
  readonly otherCloud: number;
}

export interface TreeManifest {
  readonly version: number;
  readonly seed: number;
  readonly files: number;
  readonly bytes: number;
  readonly paths: readonly string[];
  readonly planted: Planted;
}

function readJson<T>(path: string): T | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

class PlantCounter {
  readonly live: Record<string, number> = {};
  liveTotal = 0;
  placeholders = 0;
  otherCloud = 0;

  add(kind: PlantKind): void {
    if (kind === 'placeholder') this.placeholders++;
    else if (kind === 'other-cloud') this.otherCloud++;
    else {
      this.live[kind] = (this.live[kind] ?? 0) + 1;
      this.liveTotal++;
    }
  }

  toJSON(): Planted {
    return { live: this.live, liveTotal: this.liveTotal, placeholders: this.placeholders, otherCloud: this.otherCloud };
  }
}

/** Plants for one file: ~2% of files hold 1–3 live credentials, ~1% a placeholder, ~1% another cloud's URL. */
function choosePlants(rng: Rng, counter: PlantCounter): PlantKind[] {
  const kinds: PlantKind[] = [];
  if (rng.chance(0.02)) {
    const n = rng.range(1, 3);
    for (let i = 0; i < n; i++) kinds.push(rng.pick(LIVE_KINDS));
  }
  if (rng.chance(0.01)) kinds.push('placeholder');
  if (rng.chance(0.01)) kinds.push('other-cloud');
  for (const k of kinds) counter.add(k);
  return kinds;
}

/** File sizes: log-normal (median ~6 KB, long tail), clipped to [200 B, 400 KB], scaled to the target total. */
function fileSizes(rng: Rng, count: number, totalBytes: number): number[] {
  const raw: number[] = [];
  for (let i = 0; i < count; i++) raw.push(Math.min(400_000, Math.max(200, Math.exp(8.7 + 1.0 * rng.normal()))));
  const sum = raw.reduce((a, b) => a + b, 0);
  return raw.map((s) => Math.max(200, Math.round((s * totalBytes) / sum)));
}

export interface TreeOptions {
  readonly files?: number;
  readonly totalBytes?: number;
  readonly seed?: number;
}

export function treeDir(files: number, totalBytes: number, seed: number): string {
  return join(DATA_DIR, `tree-${files}f-${Math.round(totalBytes / 1e6)}mb-s${seed}`);
}

/** Ensures the source tree exists and returns its root and manifest. */
export function ensureTree(options: TreeOptions = {}): { root: string; manifest: TreeManifest } {
  const files = options.files ?? 10_000;
  const totalBytes = options.totalBytes ?? 100_000_000;
  const seed = options.seed ?? 20231;
  const root = treeDir(files, totalBytes, seed);
  const manifestPath = `${root}.manifest.json`;
  const existing = readJson<TreeManifest>(manifestPath);
  if (existing && existing.version === GENERATOR_VERSION && existing.seed === seed && existsSync(join(root, existing.paths[existing.paths.length - 1]!))) {
    return { root, manifest: existing };
  }
  const started = Date.now();
  rmSync(root, { recursive: true, force: true });
  const rng = new Rng(seed);
  const sizes = fileSizes(rng, files, totalBytes);
  const counter = new PlantCounter();
  const paths: string[] = [];
  const used = new Set<string>();
  let bytes = 0;
  // Directories of ~12 files (real repositories hold about 5–20 files a directory), half of them
  // one level deeper, in 10 repositories: ~1,300 directories for 10,000 files.
  let dir = '';
  for (let i = 0; i < files; i++) {
    const lang = pickLang(rng);
    if (i % 12 === 0) {
      const chunk = i / 12;
      const repo = `repo-${Math.floor((i * 10) / files)}`;
      const area = rng.pick(['src', 'lib', 'services', 'tools', 'docs', 'deploy']);
      dir = `${repo}/${area}/${rng.pick(['core', 'api', 'io', 'util', 'cfg', 'jobs', 'web'])}-${chunk}`;
      if (rng.chance(0.5)) dir += `/${rng.pick(['internal', 'handlers', 'models', 'tests', 'config'])}`;
    }
    let name: string;
    if (lang === 'env') name = rng.pick(['.env', '.env.local', 'settings.env', '.env.development']);
    else if (lang === 'dockerfile') name = rng.pick(['Dockerfile', 'Dockerfile.dev', 'Dockerfile.ci']);
    else name = `${rng.pick(['blob', 'queue', 'auth', 'sync', 'upload', 'report', 'config', 'index', 'client', 'jobs'])}-${rng.int(1000)}${LANG_EXT[lang]}`;
    let path = `${dir}/${name}`;
    if (used.has(path)) path = `${dir}/${i}-${name}`;
    used.add(path);
    const plants = choosePlants(rng, counter).map((k) => embed(rng, lang, fabricate(rng, k)));
    const text = generateText(rng, lang, sizes[i]!, plants);
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
    bytes += Buffer.byteLength(text);
    paths.push(path);
  }
  const manifest: TreeManifest = { version: GENERATOR_VERSION, seed, files, bytes, paths, planted: counter.toJSON() };
  writeFileSync(manifestPath, JSON.stringify(manifest));
  console.error(`generated ${root} (${files} files, ${(bytes / 1e6).toFixed(1)} MB) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { root, manifest };
}

export interface FileManifest {
  readonly version: number;
  readonly seed: number;
  readonly bytes: number;
  readonly lines: number;
  readonly planted: Planted;
}

/** One big file of mixed source (concatenated generated files), with plants at the same rates. */
export function ensureBigFile(totalBytes = 100_000_000, seed = 777): { path: string; manifest: FileManifest } {
  const path = join(DATA_DIR, `big-${Math.round(totalBytes / 1e6)}mb-s${seed}.txt`);
  const manifestPath = `${path}.manifest.json`;
  const existing = readJson<FileManifest>(manifestPath);
  if (existing && existing.version === GENERATOR_VERSION && existsSync(path)) return { path, manifest: existing };
  mkdirSync(DATA_DIR, { recursive: true });
  const rng = new Rng(seed);
  const counter = new PlantCounter();
  const fd = openSync(path, 'w');
  let bytes = 0;
  let lines = 0;
  try {
    while (bytes < totalBytes) {
      const lang = pickLang(rng);
      const size = Math.min(totalBytes - bytes, Math.round(Math.min(400_000, Math.max(200, Math.exp(8.7 + rng.normal())))));
      const plants = choosePlants(rng, counter).map((k) => embed(rng, lang, fabricate(rng, k)));
      const text = `// ---- ${lang} ----\n${generateText(rng, lang, size, plants)}`;
      const buf = Buffer.from(text);
      writeSync(fd, buf);
      bytes += buf.length;
      for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lines++;
    }
  } finally {
    closeSync(fd);
  }
  const manifest: FileManifest = { version: GENERATOR_VERSION, seed, bytes, lines, planted: counter.toJSON() };
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return { path, manifest };
}

/** A single line of `size` bytes built by repeating `unit` (cut at the end). */
export function repeatLine(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

/** Units made one after another until `size` characters (each may differ), cut to `size`. */
function variedLine(size: number, unit: () => string): string {
  const parts: string[] = [];
  for (let length = 0; length < size;) {
    const next = unit();
    parts.push(next);
    length += next.length;
  }
  return parts.join('').slice(0, size);
}

export interface TextCase {
  readonly name: string;
  readonly description: string;
  readonly adversarial: boolean;
  readonly build: (size: number) => string;
}

/** Adversarial inputs: anchors and escape prefixes repeated on one long line, and ordinary baselines. */
export function textCases(): TextCase[] {
  const b64 = new Rng(99).bytes(33).toString('base64').slice(0, 43); // 43 base64 chars, no '='
  const alnum = (b64 + b64 + b64).replace(/[+/]/g, 'x'); // 129 letters and digits: a percent-encoded key's as written
  return [
    {
      name: 'ordinary',
      description: 'generated source, multi-line (baseline)',
      adversarial: false,
      build: (size) => ordinaryText(size),
    },
    {
      name: 'ordinary-one-line',
      description: 'same source with newlines replaced by spaces (baseline for one-line cases)',
      adversarial: false,
      build: (size) => ordinaryText(size).replace(/\n/g, ' '),
    },
    { name: 'sig=', description: '`sig=` repeated', adversarial: true, build: (size) => repeatLine('sig=', size) },
    { name: '&sv=', description: '`&sv=` repeated', adversarial: true, build: (size) => repeatLine('&sv=', size) },
    { name: '%', description: '`%` repeated', adversarial: true, build: (size) => repeatLine('%', size) },
    { name: '%25', description: '`%25` repeated', adversarial: true, build: (size) => repeatLine('%25', size) },
    {
      name: 'sig=+43b64',
      description: '`sig=` + 43 base64 chars, no `=`, then `&`, repeated',
      adversarial: true,
      build: (size) => repeatLine(`sig=${b64}&`, size),
    },
    {
      name: 'sig=+43b64-nosep',
      description: '`sig=` + 43 base64 chars, no separator, repeated',
      adversarial: true,
      build: (size) => repeatLine(`sig=${b64}`, size),
    },
    {
      name: '?sv=date&',
      description: '`?sv=2020-01-01&` repeated',
      adversarial: true,
      build: (size) => repeatLine('?sv=2020-01-01&', size),
    },
    {
      name: 'sv+sig-bad',
      description: '`sv=2020-01-01&sp=rwdl&sig=` + 43 chars + `&` repeated (almost a token)',
      adversarial: true,
      build: (size) => repeatLine(`sv=2020-01-01&sp=rwdl&sig=${b64}&`, size),
    },
    { name: 'AccountKey=', description: '`AccountKey=` repeated', adversarial: true, build: (size) => repeatLine('AccountKey=', size) },
    {
      name: 'AccountKey=+87b64',
      description: '`AccountKey=` + 87 base64 chars (one short) + `;` repeated',
      adversarial: true,
      build: (size) => repeatLine(`AccountKey=${(b64 + b64 + b64).slice(0, 87)};`, size),
    },
    {
      name: 'SharedAccessSignature ',
      description: '`SharedAccessSignature ` repeated',
      adversarial: true,
      build: (size) => repeatLine('SharedAccessSignature ', size),
    },
    { name: 'SharedAccessKey=', description: '`SharedAccessKey=` repeated', adversarial: true, build: (size) => repeatLine('SharedAccessKey=', size) },
    { name: '&amp;', description: '`&amp;` repeated', adversarial: true, build: (size) => repeatLine('&amp;', size) },
    { name: '\\u0026', description: '`\\u0026` repeated', adversarial: true, build: (size) => repeatLine('\\u0026', size) },
    { name: 'base64 run', description: 'one line-long run of base64 characters (no anchor)', adversarial: true, build: (size) => repeatLine(b64 + '+/', size) },
    // A URL's password before a Cosmos DB host (families/accountKey.ts handleUserinfoKeyAnchor), as
    // written and percent-encoded: every one an anchor read to the end, none a key (a repeating value).
    {
      name: 'userinfo key, Cosmos DB host, not a key',
      description: '`mongodb://a:` + 86 repeating base64 characters + `==@a.mongo.cosmos.azure.com/ ` repeated',
      adversarial: true,
      build: (size) => repeatLine(`mongodb://a:${'AbCd'.repeat(22).slice(0, 86)}==@a.mongo.cosmos.azure.com/ `, size),
    },
    {
      name: 'encoded userinfo key, Cosmos DB host, not a key',
      description: 'the same with two characters as `%2F` `%2B` and the padding as `%3D%3D`',
      adversarial: true,
      build: (size) => repeatLine(`mongodb://a:${'AbCd'.repeat(20)}%2F%2BAbCd%3D%3D@a.mongo.cosmos.azure.com/ `, size),
    },
    {
      name: 'AccountKey%3D + 86 base64',
      description: "a percent-encoded connection string's key setting + 86 base64 characters, no padding, + `%3B` repeated",
      adversarial: true,
      build: (size) => repeatLine(`AccountName%3Da%3BAccountKey%3D${alnum.slice(0, 86)}%3B`, size),
    },
    {
      name: 'SharedAccessKey= + 40 base64, no key',
      description:
        '`SharedAccessKey=` + 40 base64 characters (four short of a key) + `=;` repeated: a Service Bus key setting whose value is read and rejected at every line',
      adversarial: true,
      build: (size) => repeatLine(`SharedAccessKey=${`${alnum.slice(0, 9)}/`.repeat(4)}abcd=;`, size),
    },
    {
      name: 'SharedAccessKey= + 40 base64 + comma, no key',
      description: 'the same value cut by a comma (`,`) instead of `=;`: each setting ends its connection string',
      adversarial: true,
      build: (size) => repeatLine(`SharedAccessKey=${`${alnum.slice(0, 9)}/`.repeat(4)}abcd,`, size),
    },
    {
      name: 'SharedAccessKey= + 40 base64, no key, a line each',
      description: 'the same value ending its line: one setting a line, as in a settings file',
      adversarial: true,
      build: (size) => repeatLine(`SharedAccessKey=${`${alnum.slice(0, 9)}/`.repeat(4)}abcd\n`, size),
    },
    {
      name: 'SharedAccessKey= + escaped slashes, no key',
      description: 'the same with its slashes JSON-escaped (`\\/`): the value stops at the first backslash',
      adversarial: true,
      build: (size) => repeatLine(`SharedAccessKey=${`${alnum.slice(0, 9)}\\/`.repeat(4)}abcd=;`, size),
    },
    {
      name: 'SharedAccessKey= + escaped slashes, made-up key',
      description: 'a 44-character key-shaped value, its slashes JSON-escaped, that is made up (repeating), + `;` repeated: read and judged at every setting',
      adversarial: true,
      build: (size) => repeatLine(`SharedAccessKey=${'AbC/'.repeat(11).slice(0, 43).replace(/\//g, '\\/')}=;`, size),
    },
    {
      name: 'AccountKey%3D repeated',
      description: 'a percent-encoded key setting, `AccountKey%3D`, repeated',
      adversarial: true,
      build: (size) => repeatLine('AccountKey%3D', size),
    },
    {
      name: 'encoded connection string, key-shaped, not a key',
      description: '`AccountName%3Da%3BAccountKey%3D` + 86 repeating base64 characters + `%3D%3D%3B` repeated',
      adversarial: true,
      build: (size) => repeatLine(`AccountName%3Da%3BAccountKey%3D${'AbCd'.repeat(22).slice(0, 86)}%3D%3D%3B`, size),
    },
    {
      name: 'connection string, key-shaped, not a key',
      description: 'the same as written: `AccountName=a;AccountKey=` + 86 repeating base64 characters + `==;` repeated',
      adversarial: true,
      build: (size) => repeatLine(`AccountName=a;AccountKey=${'AbCd'.repeat(22).slice(0, 86)}==;`, size),
    },
    {
      name: 'connection string, escaped slashes, key-shaped, not a key',
      description: 'the same with its slashes JSON-escaped: `AccountName=a;AccountKey=` + 86 repeating base64 characters, each `/` as `\\/`, + `==;` repeated',
      adversarial: true,
      build: (size) => repeatLine(`AccountName=a;AccountKey=${'Ab/d'.repeat(22).slice(0, 86).replace(/\//g, '\\/')}==;`, size),
    },
    {
      name: 'connection string, made-up key, 64-byte ending',
      description: 'the plain case with its 86th character one a 64-byte key ends in (`A`): the key is read whole and judged made up at every setting',
      adversarial: true,
      build: (size) => repeatLine(`AccountName=a;AccountKey=${'AbCd'.repeat(22).slice(0, 85)}A==;`, size),
    },
    {
      name: 'connection string, escaped slashes, made-up key, 64-byte ending',
      description: 'the same with its slashes JSON-escaped',
      adversarial: true,
      build: (size) => repeatLine(`AccountName=a;AccountKey=${'Ab/d'.repeat(22).slice(0, 85).replace(/\//g, '\\/')}A==;`, size),
    },
    {
      name: 'escaped key ends',
      description: '86 base64 characters, a third of them JSON-escaped slashes (`\\/`), + `==` repeated (no key word before them)',
      adversarial: true,
      build: (size) => repeatLine(`${'Ab\\/'.repeat(29).slice(0, 114)}==`, size),
    },
    {
      name: 'encoded key ends',
      description: '86 base64 characters + `%3D%3D@` repeated (no `user:` before them)',
      adversarial: true,
      build: (size) => repeatLine(`${alnum.slice(0, 86)}%3D%3D@`, size),
    },
    // The base64 decoder (core/scan/base64Wrapped.ts): runs over its 1 MiB cap, runs at the cap that
    // decode to adversarial text, and many short runs that each hold an anchor.
    {
      name: 'base64 anchors packed',
      description: 'one line-long base64 run made of the base64 anchor forms (over the decoding cap)',
      adversarial: true,
      build: (size) =>
        repeatLine(
          BASE64_ANCHOR_FORMS.map((a) => a.form)
            .filter((f) => !f.includes('='))
            .join(''),
          size,
        ),
    },
    {
      name: 'base64 of sig= (1 MiB runs)',
      description: 'lines of 1 MiB of base64 that decode to `sig=` repeated (decoded, then scanned)',
      adversarial: true,
      build: (size) => repeatLine(`${Buffer.from('sig='.repeat(196_605)).toString('base64')}\n`, size),
    },
    {
      name: 'base64 of sig=+43 (1 MiB runs)',
      description: 'lines of 1 MiB of base64 that decode to `sig=` + 43 base64 + `&` repeated',
      adversarial: true,
      build: (size) => repeatLine(`${Buffer.from(`sig=${b64}&`.repeat(16_383)).toString('base64')}\n`, size),
    },
    {
      name: 'near-tokens spaced',
      description: '`sv=2020-01-01&sig=` + 43 chars + `=&`, space-separated (the plain text of `base64 short runs`)',
      adversarial: true,
      build: (size) => repeatLine(`sv=2020-01-01&sig=${b64}=& `, size),
    },
    {
      name: 'base64 short runs',
      description: 'runs of ~70 base64 characters, each decoding to `sig=` + 44 characters, space-separated',
      adversarial: true,
      build: (size) => repeatLine(`${Buffer.from(`sv=2020-01-01&sig=${b64}=&`).toString('base64')} `, size),
    },
    // The same runs, each with a signature of its own: no run is written twice, so the decoder's
    // memory of the last empty run never helps (the cost of ruling each one out on its own).
    {
      name: 'base64 short runs, each different',
      description: 'runs of ~70 base64 characters, each decoding to `sv=…&sig=` + 43 characters with padding bits set + `=&`, no two alike',
      adversarial: true,
      build: (size) => {
        const rng = new Rng(7);
        return variedLine(size, () => `${Buffer.from(`sv=2020-01-01&sig=${rng.bytes(33).toString('base64').slice(0, 42)}B=&`).toString('base64')} `);
      },
    },
    // A real-shaped signature (its last character carries no padding bits) that no SAS family claims:
    // the signature reader's full path for every anchor (the engine's cost, not the decoders').
    {
      name: 'real-shaped sig, no SAS parameter',
      description: '`sig=` + a real-shaped 44-character signature + `&`, space-separated (no family claims it)',
      adversarial: true,
      build: (size) => repeatLine(`sig=${b64.slice(0, 42)}A=& `, size),
    },
    {
      name: 'base64 of the above',
      description: 'runs of ~70 base64 characters, each decoding to `x=1&sig=` + a real-shaped signature + `&`',
      adversarial: true,
      build: (size) => repeatLine(`${Buffer.from(`x=1&sig=${b64.slice(0, 42)}A=&`).toString('base64')} `, size),
    },
    {
      name: 'base64 of the above, each different',
      description: 'runs of ~70 base64 characters, each decoding to `x=1&sig=` + its own real-shaped signature + `&`',
      adversarial: true,
      build: (size) => {
        const rng = new Rng(8);
        return variedLine(size, () => `${Buffer.from(`x=1&sig=${rng.bytes(33).toString('base64').slice(0, 42)}A=&`).toString('base64')} `);
      },
    },
  ];
}

let ordinaryCache: string | undefined;

/** Generated multi-language source with plants, deterministic, of at least `size` characters. */
export function ordinaryText(size: number): string {
  if (ordinaryCache === undefined || ordinaryCache.length < size) {
    const rng = new Rng(4242);
    const counter = new PlantCounter();
    const parts: string[] = [];
    let length = 0;
    while (length < size) {
      const lang = pickLang(rng);
      const plants = choosePlants(rng, counter).map((k) => embed(rng, lang, fabricate(rng, k)));
      const text = generateText(rng, lang, Math.round(Math.min(400_000, Math.max(200, Math.exp(8.7 + rng.normal())))), plants);
      parts.push(text);
      length += text.length;
    }
    ordinaryCache = parts.join('');
  }
  return ordinaryCache.slice(0, size);
}

/** Writes each text case to bench/.data/text-<size>/<n>.txt and returns the paths. */
export function ensureTextCaseFiles(size: number): { name: string; description: string; adversarial: boolean; path: string; bytes: number }[] {
  const dir = join(DATA_DIR, `text-${size}-v${GENERATOR_VERSION}`);
  mkdirSync(dir, { recursive: true });
  return textCases().map((c, i) => {
    const path = join(dir, `case-${String(i).padStart(2, '0')}.txt`);
    if (!existsSync(path)) writeFileSync(path, c.build(size));
    return { name: c.name, description: c.description, adversarial: c.adversarial, path, bytes: Buffer.byteLength(readFileSync(path)) };
  });
}

/** Copies every `step`-th file of the tree into its own folder (for slow tools). */
export function ensureSlice(root: string, manifest: TreeManifest, count: number): { root: string; bytes: number; files: number } {
  const dir = join(DATA_DIR, `slice-${count}-of-${relative(DATA_DIR, root)}-v${manifest.version}`);
  const step = Math.max(1, Math.floor(manifest.paths.length / count));
  const chosen = manifest.paths.filter((_, i) => i % step === 0).slice(0, count);
  let bytes = 0;
  for (const p of chosen) {
    const to = join(dir, p);
    if (!existsSync(to)) {
      mkdirSync(dirname(to), { recursive: true });
      copyFileSync(join(root, p), to);
    }
    bytes += readFileSync(to).length;
  }
  return { root: dir, bytes, files: chosen.length };
}
