// Lint rules that protect the design, not taste (Prettier owns layout). The core engine
// (server/src/core) must stay pure: no editor, no LSP, no file or process I/O, so the CLI, the
// language server and tests can all drive it. Promises must be awaited or handled explicitly, because
// a dropped promise in the server loses an error without a trace. Type-aware rules use the project's
// tsconfig.json.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Node modules that do I/O or touch the process: the core engine receives text, never reads it. */
const NODE_IO_MODULES = ['fs', 'fs/promises', 'child_process', 'worker_threads', 'net', 'http', 'https', 'dgram', 'os', 'process', 'cluster', 'readline'];

const CORE_RESTRICTED_IMPORTS = {
  paths: [
    { name: 'vscode', message: 'server/src/core is editor-neutral: no vscode API.' },
    ...NODE_IO_MODULES.flatMap((name) => [
      { name, message: 'server/src/core does no I/O: the caller reads files and passes text.' },
      { name: `node:${name}`, message: 'server/src/core does no I/O: the caller reads files and passes text.' },
    ]),
  ],
  patterns: [
    {
      group: ['vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageserver-*', 'vscode-languageclient', 'vscode-languageclient/*'],
      message: 'server/src/core knows nothing of LSP: server/src/lsp translates findings into protocol types.',
    },
    {
      group: ['**/lsp', '**/lsp/**', '**/walker', '**/walker/**', '**/cli', '**/cli/**', '**/report', '**/report/**', '**/node', '**/node/**'],
      message: 'server/src/core is the innermost layer: it imports nothing from the layers that use it.',
    },
  ],
};

export default defineConfig(
  {
    ignores: [
      'dist/**',
      'out/**',
      '.tools/**',
      '.vscode-test/**',
      'node_modules/**',
      'bench/.data/**',
      'test/fixtures/**',
      'test/e2e/workspace/**',
      'demo/workspace/**',
      'test-results/**',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // node:test's describe/it/test return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite'] }] },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // tsc's noUnusedLocals/noUnusedParameters already report these; `_name` marks a deliberate one.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // CommonJS files (worker scripts, a fake vscode module, a test extension) load modules with require.
    files: ['**/*.cjs', 'test/e2e/hello-extension/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['test/vscode/**/*.{js,mjs}', 'test/e2e/**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser, ...globals.mocha } },
  },
  {
    files: ['server/src/core/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', CORE_RESTRICTED_IMPORTS] },
  },
  {
    // The client runs inside VS Code; the server, CLI and core never do.
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/core/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'Only client/src runs inside VS Code; the server talks LSP.' }] }],
    },
  },
  prettier,
);
