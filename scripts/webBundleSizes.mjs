// What the production web bundles are made of, so a change to their size can be explained: builds
// dist/web/client.js and dist/web/server.js in memory with the real options (scripts/webBundles.mjs)
// and prints, from esbuild's metafile, each bundle's bytes and gzip bytes, its bytes by package and
// its largest modules; then the floor that the LSP libraries alone set (an entry that only creates a
// LanguageClient, and one that only creates a server connection). docs/web.md quotes its output.
// Usage: node scripts/webBundleSizes.mjs [--modules N] [--esbuild-analysis]
import * as esbuild from 'esbuild';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { webBundleOptions } from './webBundles.mjs';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const moduleCount = Number(args[args.indexOf('--modules') + 1]) || 15;

/** Stand-in entries that use only the LSP libraries, as the web build must (the design card). */
const LIBRARY_ONLY_ENTRIES = [
  "import { LanguageClient } from 'vscode-languageclient/browser';\nexport const start = () => new LanguageClient('id', 'name', {}, new Worker('server.js')).start();\n",
  "import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';\ncreateConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self)).listen();\n",
];

/** The package a bundled file belongs to, or its folder in this repository (two levels deep). */
function owner(file) {
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (inPackage) return inPackage[1];
  return path.relative(root, path.resolve(root, file)).split(path.sep).slice(0, 3).join('/');
}

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const row = (cells) => `| ${cells.join(' | ')} |`;

async function measure(options) {
  const result = await esbuild.build({ ...options, write: false, logLevel: 'silent' });
  const code = result.outputFiles.find((file) => file.path.endsWith('.js')).contents;
  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint !== undefined);
  return { bytes: code.length, gzip: gzipSync(code, { level: 9 }).length, inputs: Object.entries(output.inputs), metafile: result.metafile };
}

const options = webBundleOptions({ production: true });
const bundles = [];
for (const o of options) bundles.push({ name: path.relative(root, o.outfile), ...(await measure(o)) });

console.log('## Production web bundles\n');
console.log(row(['bundle', 'bytes', 'KiB', 'gzip bytes']));
console.log(row(['---', '---:', '---:', '---:']));
for (const b of bundles) console.log(row([b.name, b.bytes.toLocaleString('en'), kib(b.bytes), b.gzip.toLocaleString('en')]));
const total = bundles.reduce((sum, b) => sum + b.bytes, 0);
console.log(row(['**together**', `**${total.toLocaleString('en')}**`, kib(total), bundles.reduce((sum, b) => sum + b.gzip, 0).toLocaleString('en')]));

for (const b of bundles) {
  const byOwner = new Map();
  for (const [file, input] of b.inputs) byOwner.set(owner(file), (byOwner.get(owner(file)) ?? 0) + input.bytesInOutput);
  console.log(`\n### ${b.name} by package or folder\n`);
  console.log(row(['package / folder', 'bytes', 'share']));
  console.log(row(['---', '---:', '---:']));
  for (const [name, bytes] of [...byOwner].sort((x, y) => y[1] - x[1]).filter(([, bytes]) => bytes >= 1000))
    console.log(row([name, bytes.toLocaleString('en'), `${((100 * bytes) / b.bytes).toFixed(1)} %`]));
  console.log(`\n${b.name}: the ${moduleCount} largest modules\n`);
  console.log(row(['module', 'bytes']));
  console.log(row(['---', '---:']));
  for (const [file, input] of b.inputs.sort((x, y) => y[1].bytesInOutput - x[1].bytesInOutput).slice(0, moduleCount))
    console.log(row([file.replace(/^.*node_modules\//, ''), input.bytesInOutput.toLocaleString('en')]));
  if (args.includes('--esbuild-analysis')) console.log(await esbuild.analyzeMetafile(b.metafile));
}

console.log('\n## The floor: the LSP libraries alone, with the same options\n');
console.log(row(['entry', 'bytes', 'gzip bytes']));
console.log(row(['---', '---:', '---:']));
let floor = 0;
let floorGzip = 0;
for (const [i, contents] of LIBRARY_ONLY_ENTRIES.entries()) {
  const libraryOnly = { ...options[i], stdin: { contents, loader: 'ts', resolveDir: root } };
  delete libraryOnly.entryPoints;
  delete libraryOnly.inject;
  const m = await measure(libraryOnly);
  floor += m.bytes;
  floorGzip += m.gzip;
  console.log(
    row([
      i === 0 ? 'a LanguageClient (vscode-languageclient/browser)' : 'a server connection (vscode-languageserver/browser)',
      m.bytes.toLocaleString('en'),
      m.gzip.toLocaleString('en'),
    ]),
  );
}
console.log(row(['**together**', `**${floor.toLocaleString('en')}**`, floorGzip.toLocaleString('en')]));
console.log(`\nSAS Guard's own code and its other packages: ${(total - floor).toLocaleString('en')} bytes of the ${total.toLocaleString('en')}.`);
