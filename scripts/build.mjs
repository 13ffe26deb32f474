// Bundles the three entry points with esbuild: the VS Code client, the language server and the CLI.
// `--production` minifies and drops source maps; `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';
import { chmod } from 'node:fs/promises';

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

const contexts = await Promise.all(
  entries.map((entry) =>
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
);

if (watch) {
  await Promise.all(contexts.map((ctx) => ctx.watch()));
} else {
  await Promise.all(contexts.map((ctx) => ctx.rebuild()));
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
  for (const entry of entries) if (entry.executable) await chmod(entry.out, 0o755);
  console.log(`built ${entries.map((e) => e.out).join(', ')}${production ? ' (production)' : ''}`);
}
