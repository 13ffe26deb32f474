// Runs every test file under test/ (except fixtures and the in-VS-Code suite) with node's own test
// runner. Node 20 cannot glob test files itself, so this script lists them.
// Usage: node scripts/run-tests.mjs [--no-system-parsers] [folder or file filter …]
// --no-system-parsers leaves out every test file that imports, directly or through other test
// modules, test/unit/fixes/parsers.ts (the quick-fix checks that run gofmt, javac, rustc, php, …), so
// `npm run test:unit` needs nothing beyond npm packages. It also sets SAS_GUARD_NO_SYSTEM_PARSERS=1,
// which makes parsers.ts throw when loaded: a file this filter misses fails loudly instead of running
// half its checks.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = 'test';
const skipDirs = new Set(['fixtures', 'vscode', 'e2e', 'clients', 'node_modules']);
const SYSTEM_PARSERS_MODULE = resolve('test/unit/fixes/parsers.ts');
const args = process.argv.slice(2);
const withoutSystemParsers = args.includes('--no-system-parsers');
const filters = args.filter((a) => a !== '--no-system-parsers');

function collect(dir, out) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (!skipDirs.has(name)) collect(path, out);
    } else if (/\.test\.ts$/.test(name)) {
      out.push(path);
    }
  }
  return out;
}

/** Relative imports of a test module, resolved to .ts files. */
function localImports(file) {
  const source = readFileSync(file, 'utf8');
  const out = [];
  for (const m of source.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
    const base = resolve(dirname(file), m[1]);
    for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) {
      if (existsSync(candidate) && statSync(candidate).isFile()) {
        out.push(candidate);
        break;
      }
    }
  }
  return out;
}

/** True when `file` reaches the system-parser module through its relative imports. */
function needsSystemParsers(file, seen = new Set()) {
  const path = resolve(file);
  if (path === SYSTEM_PARSERS_MODULE) return true;
  if (seen.has(path) || !path.startsWith(resolve(root))) return false;
  seen.add(path);
  return localImports(path).some((dep) => needsSystemParsers(dep, seen));
}

const files = collect(root, [])
  .filter((f) => filters.length === 0 || filters.some((p) => relative('.', f).includes(p)))
  .filter((f) => !withoutSystemParsers || !needsSystemParsers(f));
if (files.length === 0) {
  console.error('run-tests: no test files matched');
  process.exit(1);
}
const env = withoutSystemParsers ? { ...process.env, SAS_GUARD_NO_SYSTEM_PARSERS: '1' } : process.env;
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
  stdio: 'inherit',
  env,
});
process.exit(result.status ?? 1);
