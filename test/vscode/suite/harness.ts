// A tiny test runner for the extension host: no mocha, only node:assert. Tests run in order (they
// share one editor), each with a timeout; failures are collected and reported together.
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

export async function runAll(): Promise<void> {
  let failed = 0;
  console.log(`SAS Guard extension tests (VS Code ${vscode.version})`);
  for (const t of tests) {
    const started = Date.now();
    try {
      await withTimeout(Promise.resolve().then(t.fn), t.timeoutMs, t.name);
      console.log(`  ✔ ${t.name} (${Date.now() - started} ms)`);
    } catch (error) {
      failed++;
      console.error(`  ✖ ${t.name} (${Date.now() - started} ms)\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
  console.log(`${tests.length - failed} passed, ${failed} failed`);
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
