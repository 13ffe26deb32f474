// What V8 is given to compile at every start: the Node bundles (the CLI, the language server, the
// VS Code client). Each is read whole and pre-parsed before its first line runs, so a CLI run pays
// for it on every invocation (docs/benchmarks.md, "start-up").
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const root = join(__dirname, '..', '..', '..');
const NODE_BUNDLES = ['dist/cli.js', 'dist/cli-engine.js', 'dist/server.js', 'dist/client.js'];

describe('the Node bundles', () => {
  for (const bundle of NODE_BUNDLES) {
    it(`${bundle} is ASCII: one non-ASCII character makes V8 hold and scan the whole source as two-byte text`, () => {
      const bytes = readFileSync(join(root, bundle));
      const at = bytes.findIndex((byte) => byte > 0x7f);
      if (at === -1) return;
      const lineStart = bytes.lastIndexOf(0x0a, at) + 1;
      const lineNumber = bytes.subarray(0, lineStart).filter((byte) => byte === 0x0a).length + 1;
      const lineEnd = bytes.indexOf(0x0a, at);
      assert.fail(
        `${bundle}:${lineNumber} holds a non-ASCII character (esbuild escapes them in strings, not in comments or regular expression literals; ` +
          `write \\u escapes or ASCII there): ${bytes
            .subarray(lineStart, lineEnd === -1 ? undefined : lineEnd)
            .toString('utf8')
            .trim()}`,
      );
    });
  }

  it('the CLI loads node:child_process only when it starts git: a folder scan never does', () => {
    const source = readFileSync(join(root, 'dist/cli.js'), 'latin1');
    const loads = [...source.matchAll(/require\("node:child_process"\)/g)].map((match) => {
      const lineStart = source.lastIndexOf('\n', match.index) + 1;
      return source.slice(lineStart, source.indexOf('\n', match.index)).trim();
    });
    assert.ok(loads.length > 0, 'dist/cli.js never loads node:child_process: is git started some other way?');
    for (const line of loads) assert.doesNotMatch(line, /^var /, `a load at the top level of the bundle: ${line}`);
  });

  it('the CLI keeps the engine in dist/cli-engine.js and loads it only through walker/engineOnDemand.ts', () => {
    const cli = readFileSync(join(root, 'dist/cli.js'), 'latin1');
    const engine = readFileSync(join(root, 'dist/cli-engine.js'), 'latin1');
    // The engine's entry and its main loop, by the names esbuild keeps.
    for (const name of ['function scanText(', 'function scanTextTraced(']) {
      assert.ok(engine.includes(name), `dist/cli-engine.js has no ${name}`);
      assert.ok(!cli.includes(name), `dist/cli.js bundles the engine (${name}): something imports it other than through engineOnDemand.ts`);
    }
    assert.deepEqual([...cli.matchAll(/require\("\.\/cli-engine\.js"\)/g)].length, 1, 'dist/cli.js loads dist/cli-engine.js in one place');
  });
});
