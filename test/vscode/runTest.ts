// Runs the extension test suite inside a real VS Code (@vscode/test-electron).
//   VSCODE_EXECUTABLE=/path/to/code npm run test:vscode
// Without VSCODE_EXECUTABLE it downloads VS Code stable into .vscode-test/, which needs internet;
// with neither it prints one line and exits 1. On Linux without a display, run it under xvfb-run.
//   npm run test:vscode -- --code-server [--vsix FILE]
// runs the same suite in code-server instead (runInCodeServer.mjs), with the packaged .vsix.
// The suite is bundled with esbuild into out/vscode/ first (the extension host loads plain JS),
// the extension itself must be built (`npm run build`), and the fixture workspace is copied to a
// temporary folder so the tests' edits never touch the repository.
import { runTests, downloadAndUnzipVSCode } from '@vscode/test-electron';
import { spawnSync } from 'node:child_process';
import * as esbuild from 'esbuild';
import { lookup } from 'node:dns/promises';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');
const suiteOut = join(root, 'out', 'vscode', 'suite.js');

async function bundleSuite(): Promise<void> {
  // Shared with test/e2e/vscode-suite.mjs, an ES module: imported the way a CommonJS file can.
  const { suiteBundleOptions } = await import('./suiteBundle.mjs');
  await esbuild.build(suiteBundleOptions(suiteOut));
}

async function online(): Promise<boolean> {
  try {
    await Promise.race([lookup('update.code.visualstudio.com'), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 5000))]);
    return true;
  } catch {
    return false;
  }
}

async function vscodeExecutable(): Promise<string | undefined> {
  const fromEnv = process.env['VSCODE_EXECUTABLE'];
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`VSCODE_EXECUTABLE=${fromEnv} does not exist`);
    return fromEnv;
  }
  if (!(await online())) return undefined;
  return downloadAndUnzipVSCode({ version: 'stable', cachePath: join(root, '.vscode-test') });
}

async function main(): Promise<number> {
  if (!existsSync(join(root, 'dist', 'client.js')) || !existsSync(join(root, 'dist', 'server.js'))) {
    console.error('test:vscode: dist/client.js or dist/server.js is missing; run `npm run build` first.');
    return 1;
  }
  if (process.argv.includes('--code-server')) {
    await bundleSuite();
    const forwarded = process.argv.slice(2).filter((arg) => arg !== '--code-server');
    const vsixGiven = forwarded.includes('--vsix');
    if (!vsixGiven) {
      const packaged = spawnSync('npm', ['run', 'package'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], shell: process.platform === 'win32' });
      if (packaged.status !== 0) {
        console.error('test:vscode: `npm run package` failed.');
        return 1;
      }
    }
    const run = spawnSync(process.execPath, [join(root, 'test', 'vscode', 'runInCodeServer.mjs'), ...forwarded], { cwd: root, stdio: 'inherit' });
    return run.status ?? 1;
  }
  const executable = await vscodeExecutable();
  if (!executable) {
    console.error(
      'test:vscode: no VS Code available: VSCODE_EXECUTABLE is not set and VS Code cannot be downloaded (no internet); `npm run test:vscode -- --code-server` runs the suite in code-server instead.',
    );
    return 1;
  }
  await bundleSuite();
  const scratch = mkdtempSync(join(tmpdir(), 'sas-guard-vscode-'));
  const workspace = join(scratch, 'workspace');
  cpSync(join(root, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  try {
    return await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: root,
      extensionTestsPath: suiteOut,
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--disable-gpu',
        `--user-data-dir=${join(scratch, 'user-data')}`,
        `--extensions-dir=${join(scratch, 'extensions')}`,
      ],
      extensionTestsEnv: { SAS_GUARD_TEST_WORKSPACE: workspace },
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`test:vscode: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
