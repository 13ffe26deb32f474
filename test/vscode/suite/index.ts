// Entry point VS Code's test runner loads into the extension host (`--extensionTestsPath`).
import { runAll } from './harness';
import './extension.test';

export function run(): Promise<void> {
  return runAll();
}
