// The web bundles (package.json `browser`) must not depend on Node: the build's guard fails on a Node
// built-in, the real web build options fail on a planted one, and the built bundles require nothing
// but `vscode` (client) and nothing at all (worker).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import * as esbuild from 'esbuild';
// @ts-expect-error: a build script (JavaScript module without type declarations)
import { nodeBuiltinGuard, SERVER_HOST_MODULES, webBundleOptions } from '../../../scripts/webBundles.mjs';

const root = join(__dirname, '..', '..', '..');
const scratch = mkdtempSync(join(tmpdir(), 'sas-guard-web-guard-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function planted(name: string, source: string): string {
  const file = join(scratch, name);
  writeFileSync(file, source);
  return file;
}

async function buildError(options: esbuild.BuildOptions): Promise<string> {
  try {
    await esbuild.build({ ...options, write: false, logLevel: 'silent' });
  } catch (error) {
    return String((error as Error).message);
  }
  return '';
}

describe('web bundles: no Node built-ins', () => {
  it('the guard fails the build on node:child_process, bare fs and node:os', async () => {
    for (const [name, source] of [
      ['childProcess.ts', "import { execSync } from 'node:child_process';\nexport const run = execSync;\n"],
      ['bareFs.ts', "import * as fs from 'fs';\nexport const read = fs.readFileSync;\n"],
      ['os.ts', "import os from 'node:os';\nexport const cpus = os.cpus;\n"],
    ] as const) {
      const message = await buildError({ entryPoints: [planted(name, source)], bundle: true, platform: 'browser', plugins: [nodeBuiltinGuard({})] });
      assert.match(message, /would leak into the web bundle/, name);
    }
  });

  it('the guard maps the modules the worker implements and still refuses the others', async () => {
    const ok = await buildError({
      entryPoints: [planted('path.ts', "import * as path from 'node:path';\nexport const j = path.join('a', 'b');\n")],
      bundle: true,
      platform: 'browser',
      plugins: [nodeBuiltinGuard(SERVER_HOST_MODULES)],
    });
    assert.equal(ok, '');
    const refused = await buildError({
      entryPoints: [planted('crypto.ts', "import { createHash } from 'node:crypto';\nexport const h = createHash;\n")],
      bundle: true,
      platform: 'browser',
      plugins: [nodeBuiltinGuard(SERVER_HOST_MODULES)],
    });
    assert.match(refused, /"node:crypto" would leak/);
  });

  it('the real web build options fail on a planted import, in the client and in the worker', async () => {
    const [client, server] = webBundleOptions({ production: true }) as esbuild.BuildOptions[];
    const entry = planted('planted.ts', "import { cpus } from 'node:os';\nexport const n = cpus().length;\n");
    assert.match(await buildError({ ...client, entryPoints: [entry] }), /"node:os" would leak/);
    assert.match(await buildError({ ...server, entryPoints: [entry] }), /"node:os" would leak/);
  });

  it('the built bundles require only vscode (client) and nothing (worker), and hold no WebAssembly scanner', () => {
    const client = readFileSync(join(root, 'dist/web/client.js'), 'utf8');
    const server = readFileSync(join(root, 'dist/web/server.js'), 'utf8');
    const requires = (code: string) => [...new Set([...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]))];
    assert.deepEqual(requires(client), ['vscode']);
    assert.deepEqual(requires(server), []);
    assert.ok(!server.includes('may_contain_secrets'), 'the WebAssembly byte scanner is in the worker bundle');
  });
});
