// Language parsers (and, where cheap, runtimes) used to prove that a fixed file is still valid.
// A parser that is missing makes the test FAIL with the package to install, never skip: CI must have
// node, typescript, @cdktf/hcl2json and js-yaml (npm), python3, bash, javac (JDK), rustc, and from Debian's packages
// golang-go (gofmt), ruby, php-cli, mono-mcs and gcc. See docs/quick-fixes.md.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import yaml from 'js-yaml';

if (process.env.SAS_GUARD_NO_SYSTEM_PARSERS === '1') {
  // scripts/run-tests.mjs --no-system-parsers should have left this test file out.
  throw new Error('a test that parses fixed files with system parsers ran under `npm run test:unit`; run it with `npm test`');
}

const HCL_PARSE_SCRIPT = `
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c)).on('end', () => {
  require('@cdktf/hcl2json').parse('snippet.tf', Buffer.concat(chunks).toString('utf8'))
    .then(() => process.exit(0), (e) => { console.error(String(e)); process.exit(1); });
});
`;

export type ParserLanguage =
  | 'javascript'
  | 'typescript'
  | 'tsx'
  | 'python'
  | 'shell'
  | 'java'
  | 'rust'
  | 'terraform'
  | 'json'
  | 'yaml'
  | 'go'
  | 'ruby'
  | 'php'
  | 'csharp-statements'
  | 'c';

export interface ParseResult {
  readonly ok: boolean;
  readonly output: string;
}

const INSTALL_HINT: Readonly<Record<string, string>> = {
  python3: 'python3 (Debian: python3)',
  bash: 'bash',
  javac: 'a JDK (Debian: openjdk-17-jdk-headless)',
  rustc: 'rustc (Debian: rustc, or rustup)',
  node: 'node',
  gofmt: 'gofmt (Debian: golang-go)',
  ruby: 'ruby (Debian: ruby)',
  php: 'php (Debian: php-cli)',
  mcs: 'the Mono C# compiler (Debian: mono-mcs)',
  gcc: 'gcc (Debian: gcc)',
};

function run(cmd: string, args: string[], input?: string, env?: NodeJS.ProcessEnv): ParseResult {
  const r = spawnSync(cmd, args, { input, encoding: 'utf8', env: env ?? process.env, timeout: 120_000 });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error(`parser missing: ${cmd} is not installed; install ${INSTALL_HINT[cmd] ?? cmd} (fix tests need it)`);
  }
  return { ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

function withTempFile<T>(name: string, content: string, fn: (path: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'sas-guard-fixes-'));
  try {
    const path = join(dir, name);
    writeFileSync(path, content);
    return fn(path, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function tsDiagnostics(code: string, fileName: string): string[] {
  const sf = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const diags = (sf as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics ?? [];
  return diags.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

export function parse(language: ParserLanguage, code: string): ParseResult {
  switch (language) {
    case 'javascript':
      return withTempFile('snippet.js', code, (p) => run('node', ['--check', p]));
    case 'typescript': {
      const diags = tsDiagnostics(code, 'snippet.ts');
      return { ok: diags.length === 0, output: diags.join('\n') };
    }
    case 'tsx': {
      const diags = tsDiagnostics(code, 'snippet.tsx');
      return { ok: diags.length === 0, output: diags.join('\n') };
    }
    case 'python':
      return withTempFile('snippet.py', code, (p) => run('python3', ['-m', 'py_compile', p]));
    case 'shell':
      return withTempFile('snippet.sh', code, (p) => run('bash', ['-n', p]));
    case 'java':
      return withTempFile('Snippet.java', code, (p, dir) => run('javac', ['-d', dir, '-Xlint:none', p]));
    case 'rust':
      return withTempFile('snippet.rs', code, (p, dir) =>
        run('rustc', ['--edition', '2021', '--crate-type', 'lib', '--emit=metadata', '-A', 'warnings', '--out-dir', dir, p]),
      );
    case 'go':
      return withTempFile('snippet.go', code, (p) => run('gofmt', ['-e', '-l', p]));
    case 'ruby':
      return withTempFile('snippet.rb', code, (p) => run('ruby', ['-c', p]));
    case 'php':
      return withTempFile('snippet.php', code, (p) => run('php', ['-l', p]));
    case 'csharp-statements':
      // Mono's compiler, parse only (`--parse`); statements are wrapped in a method of a class.
      return withTempFile('snippet.cs', `class SasGuardSnippet { void M() {\n${code}\n} }\n`, (p) => run('mcs', ['--parse', p]));
    case 'c':
      return withTempFile('snippet.c', code, (p) => run('gcc', ['-fsyntax-only', '-x', 'c', p]));
    case 'terraform':
      // HashiCorp's own HCL parser, compiled to WebAssembly (npm @cdktf/hcl2json): no terraform binary
      // needed, which Debian does not ship. It is asynchronous, so it runs in a child process.
      return run(process.execPath, ['-e', HCL_PARSE_SCRIPT], code);
    case 'json':
      try {
        JSON.parse(code);
        return { ok: true, output: '' };
      } catch (e) {
        return { ok: false, output: String(e) };
      }
    case 'yaml': {
      try {
        yaml.loadAll(code);
        return { ok: true, output: '' };
      } catch (e) {
        return { ok: false, output: String(e) };
      }
    }
  }
}

/** Runs a program and returns its stdout: proves the fixed code computes the same string as the original. */
export function runProgram(language: 'javascript' | 'typescript' | 'python' | 'shell', code: string, env: Record<string, string> = {}): string {
  const fullEnv = { ...process.env, ...env };
  let r: ParseResult;
  switch (language) {
    case 'javascript':
      r = withTempFile('p.js', code, (p) => run('node', [p], undefined, fullEnv));
      break;
    case 'typescript': {
      const js = ts.transpileModule(code, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS } }).outputText;
      r = withTempFile('p.js', js, (p) => run('node', [p], undefined, fullEnv));
      break;
    }
    case 'python':
      r = withTempFile('p.py', code, (p) => run('python3', [p], undefined, fullEnv));
      break;
    case 'shell':
      r = withTempFile('p.sh', code, (p) => run('bash', [p], undefined, fullEnv));
      break;
  }
  if (!r.ok) throw new Error(`program failed:\n${r.output}`);
  return r.output;
}
