// A tiny test runner for the extension host: no mocha, only node:assert. Tests run in order (they
// share one editor), each with a timeout; failures are collected and reported together.
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';

interface TestCase {
  readonly name: string;
  readonly fn: () => Promise<void> | void;
  readonly timeoutMs: number;
}

const tests: TestCase[] = [];

export function test(name: string, fn: () => Promise<void> | void, timeoutMs = 60_000): void {
  tests.push({ name, fn, timeoutMs });
}

function withTimeout<T>(promise: Promise<T>, ms: number, name: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`"${name}" timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Runs every test. When SAS_GUARD_VSCODE_TEST_RESULTS names a file, the results are also written
 * there as JSON: hosts whose extension-host console is hard to reach (code-server) read that.
 */
export async function runAll(): Promise<void> {
  let failed = 0;
  const results: { name: string; ok: boolean; ms: number; error?: string }[] = [];
  console.log(`SAS Guard extension tests (${vscode.env.appName} ${vscode.version})`);
  for (const t of tests) {
    const started = Date.now();
    try {
      await withTimeout(Promise.resolve().then(t.fn), t.timeoutMs, t.name);
      results.push({ name: t.name, ok: true, ms: Date.now() - started });
      console.log(`  ✔ ${t.name} (${Date.now() - started} ms)`);
    } catch (error) {
      failed++;
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
      results.push({ name: t.name, ok: false, ms: Date.now() - started, error: text });
      console.error(`  ✖ ${t.name} (${Date.now() - started} ms)\n${text}`);
    }
  }
  console.log(`${tests.length - failed} passed, ${failed} failed`);
  const resultsFile = process.env['SAS_GUARD_VSCODE_TEST_RESULTS'];
  if (resultsFile) {
    writeFileSync(
      resultsFile,
      JSON.stringify({ host: `${vscode.env.appName} ${vscode.version}`, passed: tests.length - failed, failed, results }, null, 2) + '\n',
    );
  }
  if (failed > 0) throw new Error(`${failed} of ${tests.length} SAS Guard extension tests failed`);
}

/** Resolves with the document's diagnostics once `accept` holds; rejects after `timeoutMs`. */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diagnostics: readonly vscode.Diagnostic[]) => boolean,
  timeoutMs = 30_000,
): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const key = uri.toString();
    const check = (): void => {
      const diagnostics = vscode.languages.getDiagnostics(uri);
      if (accept(diagnostics)) {
        cleanup();
        resolve(diagnostics);
      }
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === key)) check();
    });
    const timer = setTimeout(() => {
      cleanup();
      const seen = vscode.languages.getDiagnostics(uri).map((d) => `${d.source}/${codeOf(d)}: ${d.message}`);
      reject(new Error(`diagnostics of ${uri.path} never matched within ${timeoutMs} ms; last seen: ${JSON.stringify(seen)}`));
    }, timeoutMs);
    const cleanup = (): void => {
      subscription.dispose();
      clearTimeout(timer);
    };
    check();
  });
}

/** A diagnostic's code as a string, whether it carries a documentation link or not. */
export function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

/**
 * Resolves once TypeScript, the document's other code action provider, has its semantic server up:
 * its refactorings (semantic features, registered only once that server runs) are offered for
 * `range`. VS Code cancels a code-action request whose document's providers change while it runs,
 * and TypeScript registers those providers seconds after the file opened on a cold machine, after
 * its document symbols (served by its syntax server) already answer: a CI run got [] that way.
 * Asked again on every change of diagnostics, else after 200 ms; the request the test asserts on
 * is a separate one, made after.
 */
export async function waitForTypeScriptSemantics(uri: vscode.Uri, range: vscode.Range, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[] | undefined>('vscode.executeCodeActionProvider', uri, range);
    if ((actions ?? []).some((a) => 'kind' in a && a.kind !== undefined && vscode.CodeActionKind.Refactor.contains(a.kind))) return;
    if (Date.now() > deadline) throw new Error(`TypeScript offered no refactoring for ${uri.path} within ${timeoutMs} ms: its semantic server never came up`);
    await new Promise<void>((resolve) => {
      const subscription = vscode.languages.onDidChangeDiagnostics(() => done());
      const timer = setTimeout(() => done(), 200);
      function done(): void {
        subscription.dispose();
        clearTimeout(timer);
        resolve();
      }
    });
  }
}
