// The web bundles' size is mostly the LSP libraries (docs/web.md); what keeps SAS Guard's own share
// small is that no Node-only part of the server reaches them by an import chain. esbuild's metafile
// of the real production build lists every module in each bundle, so a stray import of the Node
// entry, the CLI, the WebAssembly byte scan or the worker-thread pool fails here by name.
import assert from 'node:assert/strict';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import * as esbuild from 'esbuild';
// @ts-expect-error: a build script (JavaScript module without type declarations)
import { webBundleOptions } from '../../../scripts/webBundles.mjs';

const root = join(__dirname, '..', '..', '..');

/** Server modules the browser never runs: each has a browser counterpart or no web feature uses it. */
const NODE_ONLY = [/^server\/src\/node\//, /^server\/src\/cli\//, /^server\/src\/walker\/byteScan\//, /^server\/src\/walker\/workerPool\.ts$/, /\.wasm$/];

async function bundledModules(options: esbuild.BuildOptions): Promise<string[]> {
  const result = await esbuild.build({ ...options, write: false, logLevel: 'silent', metafile: true });
  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint !== undefined);
  assert.ok(output, 'the build has an output for its entry point');
  return Object.keys(output.inputs).map((file) => relative(root, join(process.cwd(), file)).split('\\').join('/'));
}

describe('web bundles: contents', () => {
  it('the production client and worker hold no Node-only server module', async () => {
    for (const options of webBundleOptions({ production: true }) as esbuild.BuildOptions[]) {
      const modules = await bundledModules(options);
      assert.ok(
        modules.some((m) => m.startsWith('server/src/') || m.startsWith('client/src/')),
        `the metafile of ${options.outfile} lists SAS Guard's modules`,
      );
      const strays = modules.filter((m) => NODE_ONLY.some((pattern) => pattern.test(m)));
      assert.deepEqual(strays, [], `Node-only modules in ${relative(root, String(options.outfile))}`);
    }
  });

  it('the worker takes the walker (its per-file scan and listing), so the check above sees the folder it guards', async () => {
    const [, server] = webBundleOptions({ production: true }) as [esbuild.BuildOptions, esbuild.BuildOptions];
    const modules = await bundledModules(server);
    assert.ok(modules.includes('server/src/walker/scanFile.ts'));
    assert.ok(modules.includes('server/src/walker/walkFiles.ts'));
  });
});
