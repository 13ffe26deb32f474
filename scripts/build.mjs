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
const entries = [
  { in: 'client/src/extension.ts', out: 'dist/client.js', external: ['vscode'] },
  { in: 'server/src/node/main.ts', out: 'dist/server.js', banner: shebang, executable: true },
  { in: 'server/src/cli/main.ts', out: 'dist/cli.js', banner: shebang, executable: true },
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
      plugins: watch ? [watchMarkers] : [],
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
