// Bundles the entry points with esbuild: the VS Code client, the language server and the CLI for
// Node, and the web client and web worker server for the browser (scripts/webBundles.mjs).
// `--production` minifies and drops source maps; `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { chmod, stat } from 'node:fs/promises';
import { webBundleOptions } from './webBundles.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const shebang = { js: '#!/usr/bin/env node' };

/** In watch mode, marks each rebuild so an editor task (.vscode/tasks.json) knows when dist/ is current. */
const watchMarkers = {
  name: 'watch-markers',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => console.log(`[watch] build finished with ${result.errors.length} error(s)`));
  },
};
/**
 * The CLI's engine in a file of its own (dist/cli-engine.js), loaded by the thread that first scans
 * (server/src/walker/engineOnDemand.ts): the CLI's main thread lists and reads, and most runs never
 * load it there. Only that file's require of the engine is redirected; nothing else in dist/cli.js
 * may reach the engine (test/unit/packaging/bundleSource.test.ts).
 */
const engineInItsOwnFile = {
  name: 'engine-in-its-own-file',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/core$/ }, (args) =>
      path.basename(args.importer) === 'engineOnDemand.ts' ? { path: './cli-engine.js', external: true } : undefined,
    );
  },
};

const entries = [
  { in: 'client/src/extension.ts', out: 'dist/client.js', external: ['vscode'] },
  { in: 'server/src/node/main.ts', out: 'dist/server.js', banner: shebang, executable: true },
  { in: 'server/src/cli/main.ts', out: 'dist/cli.js', banner: shebang, executable: true, plugins: [engineInItsOwnFile] },
  { in: 'server/src/core/index.ts', out: 'dist/cli-engine.js' },
].filter((entry) => existsSync(entry.in));

const webOptions = webBundleOptions({ production });
const contexts = await Promise.all([
  ...entries.map((entry) =>
    esbuild.context({
      entryPoints: [entry.in],
      outfile: entry.out,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: entry.external ?? [],
      banner: entry.banner,
      sourcemap: !production,
      minify: production,
      logLevel: 'warning',
      plugins: [...(entry.plugins ?? []), ...(watch ? [watchMarkers] : [])],
    }),
  ),
  ...webOptions.map((options) => esbuild.context(options)),
]);

if (watch) {
  await Promise.all(contexts.map((ctx) => ctx.watch()));
} else {
  try {
    await Promise.all(contexts.map((ctx) => ctx.rebuild()));
  } catch {
    // esbuild printed the errors (a Node built-in in a web bundle among them).
    process.exitCode = 1;
  } finally {
    await Promise.all(contexts.map((ctx) => ctx.dispose()));
  }
  if (process.exitCode !== 1) {
    for (const entry of entries) if (entry.executable) await chmod(entry.out, 0o755);
    const web = await Promise.all(webOptions.map(async (o) => `${path.relative('.', o.outfile)} ${((await stat(o.outfile)).size / 1024).toFixed(0)} KiB`));
    console.log(`built ${entries.map((e) => e.out).join(', ')}; web: ${web.join(', ')}${production ? ' (production)' : ''}`);
  }
}
