// What a user does first: the extension starts, a pasted account SAS is an error, the quick fix
// removes it, and Scan Workspace finds a key in a file nobody opened. Uses only workspace-level
// APIs (no desktop-only commands), so the same suite can run in code-server.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SasGuardApi } from '../../../client/src/api';
import type { WorkspaceScanSummary } from '../../../server/src/lsp/protocol';
import { codeOf, test, waitForDiagnostics, waitForTypeScriptSemantics } from './harness';

const EXTENSION_ID = 'sas-guard.sas-guard';
const SOURCE = 'SAS Guard';
const COMMANDS = ['sasGuard.scanWorkspace', 'sasGuard.exportSarif', 'sasGuard.restartServer', 'sasGuard.showOutput', 'sasGuard.clearScanResults'];

function workspaceFile(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need the fixture workspace (test/fixtures/workspace) open');
  return vscode.Uri.joinPath(folder.uri, ...relative.split('/'));
}

const isOurs = (rule: string) => (d: vscode.Diagnostic) => d.source === SOURCE && codeOf(d) === rule;

test('the extension activates and its server starts', async () => {
  const extension = vscode.extensions.getExtension<SasGuardApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed in this editor`);
  const api = await extension.activate();
  assert.ok(extension.isActive);
  await api.whenServerReady();
});

test('every command is registered once the extension is active', async () => {
  const all = new Set(await vscode.commands.getCommands(true));
  for (const command of COMMANDS) assert.ok(all.has(command), `${command} is not registered`);
});

test('an account SAS in an open file is an Error diagnostic with source "SAS Guard" and code account-sas', async () => {
  const uri = workspaceFile('src/storage.ts');
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  const diagnostics = await waitForDiagnostics(uri, (ds) => ds.some(isOurs('account-sas')));
  const diagnostic = diagnostics.find(isOurs('account-sas'))!;
  assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
  assert.match(diagnostic.message, /critical/i);
  assert.doesNotMatch(diagnostic.message, /KWxwGs0H4XJgYKp/, 'the message must not contain the signature');
  const code = diagnostic.code;
  assert.ok(typeof code === 'object' && code.target, 'the code links to its documentation');
});

test('the quick fix, applied with workspace.applyEdit, removes the diagnostic', async () => {
  const uri = workspaceFile('src/storage.ts');
  const document = await vscode.workspace.openTextDocument(uri);
  const [diagnostic] = (await waitForDiagnostics(uri, (ds) => ds.some(isOurs('account-sas')))).filter(isOurs('account-sas'));
  // VS Code cancels a code-action request when the providers for the document change while it runs
  // (getCodeActions listens to the registry): wait until TypeScript's semantic providers are in.
  await waitForTypeScriptSemantics(uri, diagnostic!.range);
  const actions =
    (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      uri,
      diagnostic!.range,
      vscode.CodeActionKind.QuickFix.value,
    )) ?? [];
  const fixes = actions.filter((a): a is vscode.CodeAction => 'edit' in a && a.edit !== undefined);
  assert.ok(fixes.length > 0, `no quick fix with an edit; got ${JSON.stringify(actions.map((a) => a.title))}`);
  const strip = fixes.find((a) => /signature/i.test(a.title)) ?? fixes.find((a) => a.isPreferred) ?? fixes[0]!;
  assert.ok(await vscode.workspace.applyEdit(strip.edit!), `applyEdit refused "${strip.title}"`);
  await waitForDiagnostics(uri, (ds) => !ds.some(isOurs('account-sas')));
  assert.doesNotMatch(document.getText(), /KWxwGs0H4XJgYKp/, 'the signature is still in the document');
});

test('Scan Workspace finds a key in a file that was never opened', async () => {
  const uri = workspaceFile('deploy/pipeline.yml');
  assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'pipeline.yml must stay unopened');
  const summary = await vscode.commands.executeCommand<WorkspaceScanSummary | undefined>('sasGuard.scanWorkspace');
  assert.ok(summary, 'the scan returned no summary');
  assert.equal(summary.cancelled, false);
  assert.ok(summary.filesScanned >= 4, `scanned only ${summary.filesScanned} files`);
  assert.ok(summary.findings >= 2, `found only ${summary.findings}`);
  await waitForDiagnostics(uri, (ds) => ds.some(isOurs('storage-account-key')));
});

test('Export SARIF Report writes a SARIF 2.1.0 log without the secrets', async () => {
  const target = vscode.Uri.joinPath(workspaceFile('.'), 'out', 'sas-guard.sarif');
  const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('sasGuard.exportSarif', { target });
  assert.ok(written, 'nothing was written');
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
  const log = JSON.parse(text) as { version: string; runs: { results: unknown[] }[] };
  assert.equal(log.version, '2.1.0');
  assert.ok(log.runs[0]!.results.length >= 1);
  assert.doesNotMatch(text, /fYcoBp6RHcQhc6ssjBVrPJY6/, 'the account key leaked into the report');
});

test('Clear Workspace Scan Results removes the diagnostics of unopened files', async () => {
  const uri = workspaceFile('deploy/pipeline.yml');
  await vscode.commands.executeCommand('sasGuard.clearScanResults');
  await waitForDiagnostics(uri, (ds) => !ds.some((d) => d.source === SOURCE));
});

test('Restart Server brings diagnostics back for open files', async () => {
  await vscode.commands.executeCommand('sasGuard.restartServer');
  const uri = workspaceFile('src/clean.ts');
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(
    uri,
    new vscode.Position(document.lineCount, 0),
    "const leaked = 'DefaultEndpointsProtocol=https;AccountName=fabrikamtest;AccountKey=fYcoBp6RHcQhc6ssjBVrPJY6CAtmYpeviGAEteq0181mvpw8ouHQljuu7W9vf1e0C/jnaqoesgDVsch9HhTqSg==';\n",
  );
  assert.ok(await vscode.workspace.applyEdit(edit));
  await waitForDiagnostics(uri, (ds) => ds.some(isOurs('storage-account-key')));
});
