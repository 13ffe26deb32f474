// How the test/vscode suite is bundled for an extension host, which loads plain JavaScript: one
// esbuild configuration for both places that run the suite, test/vscode/runTest.ts (a downloaded or
// given VS Code) and test/e2e/vscode-suite.mjs (the VS Code server inside code-server).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SUITE_ENTRY = path.join(path.dirname(fileURLToPath(import.meta.url)), 'suite', 'index.ts');

/** esbuild options that write the suite to `outfile`. */
export function suiteBundleOptions(outfile) {
  return {
    entryPoints: [SUITE_ENTRY],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'warning',
  };
}
