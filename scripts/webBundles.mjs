// The esbuild options of the two web bundles (package.json `browser`): dist/web/client.js for the web
// extension host and dist/web/server.js for the web worker the client starts. Both are built for the
// browser, and a Node built-in module reaching either one fails the build (nodeBuiltinGuard), except
// the few the server's glue names, which map to the worker's own implementations in
// server/src/browser/host/ (pure path and URL functions, and files read through the client).
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const host = (file) => path.join(root, 'server', 'src', 'browser', 'host', file);

/** Node modules the worker provides itself: the module name, and the file that stands for it. */
export const SERVER_HOST_MODULES = {
  'node:path': host('path.ts'),
  'node:url': host('url.ts'),
  'node:util': host('util.ts'),
  'node:buffer': host('buffer.ts'),
  'node:fs': host('fs.ts'),
  'node:fs/promises': host('fsPromises.ts'),
};

const BUILTIN = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Fails the build when a Node built-in (`node:fs`, `fs`, `path`, `worker_threads`, …) is imported and
 * `hostModules` has no browser implementation for it; maps the ones it has.
 */
export function nodeBuiltinGuard(hostModules = {}) {
  return {
    name: 'node-builtin-guard',
    setup(build) {
      const filter = new RegExp(`^(${[...BUILTIN].map(escape).join('|')})$`);
      build.onResolve({ filter }, (args) => {
        const mapped = hostModules[args.path] ?? hostModules[`node:${args.path}`];
        if (mapped !== undefined) return { path: mapped };
        return {
          errors: [
            {
              text: `Node built-in "${args.path}" would leak into the web bundle (imported by ${path.relative(root, args.importer) || args.importer}). The browser has no Node: use a browser API, or give it an implementation in server/src/browser/host/ (scripts/webBundles.mjs).`,
            },
          ],
        };
      });
    },
  };
}

/** The byte checks (imported by the walker and the file scan the workspace scan shares with the CLI) run in WebAssembly in Node; the worker takes the JavaScript ones. */
const javascriptByteChecks = {
  name: 'javascript-byte-checks',
  setup(build) {
    build.onResolve({ filter: /(^|\/)byteChecks$/ }, (args) =>
      path.basename(args.importer) !== 'byteChecks.ts' && /[\\/](walker|cli)[\\/]/.test(args.importer) ? { path: host('byteChecks.ts') } : undefined,
    );
  },
};

/** esbuild options of the web bundles that exist in this tree. */
export function webBundleOptions({ production }) {
  const common = {
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
    metafile: true,
    // Packages with a browser build use it (vscode-languageserver/browser, vscode-jsonrpc/browser).
    mainFields: ['browser', 'module', 'main'],
    conditions: ['browser'],
  };
  return [
    {
      ...common,
      entryPoints: [path.join(root, 'client/src/browser/extension.ts')],
      outfile: path.join(root, 'dist/web/client.js'),
      // The web extension host loads a CommonJS module and provides `vscode`.
      format: 'cjs',
      external: ['vscode'],
      // Shared client modules name the Node client only for its protocol types and helpers, which
      // the browser client exports too.
      alias: { 'vscode-languageclient/node': 'vscode-languageclient/browser' },
      plugins: [nodeBuiltinGuard({})],
    },
    {
      ...common,
      entryPoints: [path.join(root, 'server/src/browser/main.ts')],
      outfile: path.join(root, 'dist/web/server.js'),
      format: 'iife',
      inject: [host('globals.ts')],
      // Read by the glue for case rules and a default folder: a browser's paths are POSIX and absolute.
      define: { 'process.platform': '"browser"', 'process.cwd': 'browserWorkingDirectory' },
      plugins: [javascriptByteChecks, nodeBuiltinGuard(SERVER_HOST_MODULES)],
    },
  ];
}
