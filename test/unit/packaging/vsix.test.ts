// Packages the extension with vsce's own code and checks exactly which files the .vsix holds.
// vsce walks the whole folder before applying .vscodeignore (node_modules, benchmark data, local
// tools: minutes on a busy machine), so the test stages what a clean checkout plus a build has —
// tracked and untracked-but-not-ignored files, dist/ — together with decoys that must stay out,
// and packs that folder.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { after, before, describe, it } from 'node:test';

const root = join(__dirname, '..', '..', '..');
const requireFromRoot = createRequire(join(root, 'package.json'));

interface VsceFile {
  readonly path: string;
}
interface VscePackage {
  listFiles(options: { cwd: string; dependencies: boolean }): Promise<string[]>;
  pack(options: { cwd: string; packagePath: string; dependencies: boolean }): Promise<{ files: VsceFile[]; packagePath: string }>;
}

/** Exactly what the .vsix may hold, as `vsce ls` names it. */
const EXPECTED_FILES = [
  'CHANGELOG.md',
  'LICENSE',
  'README.md',
  'dist/cli-engine.js',
  'dist/cli.js',
  'dist/client.js',
  'dist/server.js',
  'dist/web/client.js',
  'dist/web/server.js',
  'images/icon.png',
  'package.json',
  'schemas/sas-guard.schema.json',
  'syntaxes/sas-guard.injection.tmLanguage.json',
  'syntaxes/sas-guard.markdown-link.injection.tmLanguage.json',
];

const DECOYS = [
  'node_modules/left-pad/index.js',
  'node_modules/vscode-languageclient/package.json',
  'dist/client.js.map',
  'dist/server.js.map',
  'dist/web/client.js.map',
  'dist/web/server.js.map',
  'client/src/extension.ts',
  'server/src/core/index.ts',
  'test/fixtures/workspace/notes.md',
  'images/draw-icon.mjs',
  'syntaxes/notes.txt',
  'sas-guard.vsix',
  'tsconfig.json',
  'package-lock.json',
  '.vscode-test/settings.json',
  'out/vscode/suite.js',
];

function repositoryFiles(): string[] {
  const list = (args: string[]) =>
    execFileSync('git', ['ls-files', '-z', ...args], { cwd: root, encoding: 'utf8' })
      .split('\0')
      .filter(Boolean);
  const files = new Set([...list([]), ...list(['--others', '--exclude-standard'])]);
  for (const name of readdirSync(join(root, 'dist'), { recursive: true, encoding: 'utf8' })) {
    if (statSync(join(root, 'dist', name)).isFile()) files.add(`dist/${name.split(sep).join('/')}`);
  }
  return [...files].filter((file) => existsSync(join(root, file)));
}

describe('the .vsix package', () => {
  let stage: string;
  let vsce: VscePackage;

  before(() => {
    assert.ok(existsSync(join(root, 'dist', 'client.js')), 'dist/client.js is missing: run `npm run build` first');
    vsce = requireFromRoot('@vscode/vsce/out/package.js') as VscePackage;
    stage = mkdtempSync(join(tmpdir(), 'sas-guard-vsix-'));
    for (const file of repositoryFiles()) {
      mkdirSync(dirname(join(stage, file)), { recursive: true });
      cpSync(join(root, file), join(stage, file));
    }
    for (const decoy of DECOYS) {
      if (existsSync(join(stage, decoy))) continue;
      mkdirSync(dirname(join(stage, decoy)), { recursive: true });
      writeFileSync(join(stage, decoy), '// decoy: must not be packaged\n');
    }
  });

  after(() => {
    if (stage) rmSync(stage, { recursive: true, force: true });
  });

  it('vsce ls lists exactly the allowlisted files', async () => {
    const files = await vsce.listFiles({ cwd: stage, dependencies: false });
    assert.deepEqual([...files].sort(), EXPECTED_FILES);
  });

  it('vsce packages it (manifest, README, icon and secret checks pass) with nothing else inside', async () => {
    const packagePath = join(stage, 'out.vsix');
    const log = console.log; // vsce prints the file tree; the assertion below says the same
    console.log = () => undefined;
    const result = await vsce.pack({ cwd: stage, packagePath, dependencies: false }).finally(() => {
      console.log = log;
    });
    assert.ok(existsSync(packagePath));
    const inside = result.files.map((file) => file.path).sort();
    assert.deepEqual(inside, [
      '[Content_Types].xml',
      'extension.vsixmanifest',
      'extension/LICENSE.txt',
      'extension/changelog.md',
      'extension/dist/cli-engine.js',
      'extension/dist/cli.js',
      'extension/dist/client.js',
      'extension/dist/server.js',
      'extension/dist/web/client.js',
      'extension/dist/web/server.js',
      'extension/images/icon.png',
      'extension/package.json',
      'extension/readme.md',
      'extension/schemas/sas-guard.schema.json',
      'extension/syntaxes/sas-guard.injection.tmLanguage.json',
      'extension/syntaxes/sas-guard.markdown-link.injection.tmLanguage.json',
    ]);
  });
});
