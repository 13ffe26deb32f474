// Diagnostics pushed by the real server: shape, incremental changes, stale results, close, settings.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-protocol';
import { ServerCommands, type WorkspaceScanSummary } from '../../server/src/lsp/protocol';
import { clientPerSuite, type TestClient } from './support';
import { accountSasUrl, containerReadSasUrl, expiredBlobSasUrl, inUrl, storageConnectionString } from './tokens';
import { fakeSignature } from '../support/fakeSecrets';

function sasGuard(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.source === 'SAS Guard');
}

function assertNoSecret(haystack: string, secret: string): void {
  assert.ok(!haystack.includes(secret), 'the secret leaked');
  assert.ok(!haystack.includes(inUrl(secret)), 'the percent-encoded secret leaked');
  // Anything longer than the four-character preview of the secret is a leak too.
  assert.ok(!haystack.includes(secret.slice(0, 8)), 'more than four characters of the secret leaked');
}

describe('diagnostics (client with workspace/configuration, relatedInformation, progress)', () => {
  let client: TestClient;
  clientPerSuite({}, (started) => (client = started));

  it('advertises incremental sync, hover, quick fixes + fix-all, and the commands', () => {
    const caps = (
      client.initializeResult as {
        capabilities: {
          textDocumentSync: { change: number; openClose: boolean };
          hoverProvider: boolean;
          codeActionProvider: { codeActionKinds: string[] };
          executeCommandProvider: { commands: string[] };
          workspace: { workspaceFolders: { supported: boolean } };
        };
      }
    ).capabilities;
    assert.equal(caps.textDocumentSync.change, 2);
    assert.equal(caps.textDocumentSync.openClose, true);
    assert.equal(caps.hoverProvider, true);
    assert.deepEqual(caps.codeActionProvider.codeActionKinds, ['quickfix', 'source.fixAll.sasGuard']);
    // The desktop server (this one) also runs git for the history commands; the web worker's does not.
    assert.deepEqual(caps.executeCommandProvider.commands, [
      ServerCommands.scanWorkspace,
      ServerCommands.exportSarif,
      ServerCommands.copyRevokeCommand,
      ServerCommands.scanHistory,
      ServerCommands.showCommittedFile,
    ]);
    assert.equal(caps.workspace.workspaceFolders.supported, true);
  });

  it('registers for configuration changes and asks for the sasGuard section per document', async () => {
    const uri = 'file:///virtual/config-probe.ts';
    await client.open(uri, 'typescript', 'const x = 1;\n');
    assert.ok(client.registrations.length > 0, 'no dynamic registration');
    const asked = client.configurationRequests as { items: { scopeUri?: string; section?: string }[] }[];
    assert.ok(asked.some((r) => r.items.some((i) => i.section === 'sasGuard' && i.scopeUri === uri)));
    await client.close(uri);
  });

  it('publishes one graded diagnostic per token with range, code, link, source and data — never the secret', async () => {
    const sig = fakeSignature();
    const url = accountSasUrl(sig);
    const text = `// storage\nconst blobUrl = "${url}";\n`;
    const uri = 'file:///virtual/app.ts';
    const diagnostics = sasGuard(await client.open(uri, 'typescript', text));
    assert.equal(diagnostics.length, 1);
    const [d] = diagnostics as [Diagnostic];
    assert.deepEqual(d.range, { start: { line: 1, character: 17 }, end: { line: 1, character: 17 + url.length } });
    assert.equal(d.severity, DiagnosticSeverity.Error);
    assert.equal(d.code, 'account-sas');
    assert.equal(d.codeDescription?.href, 'https://github.com/sas-guard/sas-guard/blob/main/README.md#account-sas');
    assert.equal(typeof d.message, 'string');
    assert.match(d.message as string, /critical/);
    assert.match(d.message as string, /fabrikamdata/);
    assertNoSecret(JSON.stringify(d), sig);
    type Span = { start: number; end: number };
    const data = d.data as { ruleId: string; version: number; range: Span; secretRange: Span; fingerprint: unknown; container: string; encoding: string };
    assert.equal(data.ruleId, 'account-sas');
    assert.equal(data.version, 1);
    assert.equal(text.slice(data.range.start, data.range.end), url);
    assert.equal(text.slice(data.secretRange.start, data.secretRange.end), inUrl(sig));
    assert.equal(typeof data.fingerprint, 'string');
    assert.equal(data.container, 'url');
    assert.equal(data.encoding, 'plain');
    assert.equal(d.relatedInformation, undefined, 'a token seen once has no related places');
    await client.close(uri);
  });

  it('maps grades to severities: critical/high → Error, medium/low → Warning, info → Information', async () => {
    const uri = 'file:///virtual/grades.py';
    const text = [`a = "${accountSasUrl()}"`, `b = "${containerReadSasUrl()}"`, `c = "${expiredBlobSasUrl()}"`, ''].join('\n');
    const diagnostics = sasGuard(await client.open(uri, 'python', text));
    assert.equal(diagnostics.length, 3);
    const byLine = new Map(diagnostics.map((d) => [d.range.start.line, d]));
    const grade = (line: number) => (byLine.get(line)?.data as { grade: string }).grade;
    const expected = (g: string) =>
      g === 'critical' || g === 'high' ? DiagnosticSeverity.Error : g === 'info' ? DiagnosticSeverity.Information : DiagnosticSeverity.Warning;
    for (const line of [0, 1, 2]) assert.equal(byLine.get(line)?.severity, expected(grade(line)), `line ${line} (${grade(line)})`);
    assert.equal(grade(0), 'critical');
    assert.equal(grade(2), 'info');
    assert.equal(byLine.get(2)?.severity, DiagnosticSeverity.Information);
    assert.ok(['medium', 'low', 'high'].includes(grade(1)));
    await client.close(uri);
  });

  it('links the other places holding the same secret through relatedInformation', async () => {
    const sig = fakeSignature();
    const uri = 'file:///virtual/twice.js';
    const text = `const a = "${accountSasUrl(sig)}";\nconst other = 1;\nconst b = "${accountSasUrl(sig, 'fabrikambackup')}";\n`;
    const diagnostics = sasGuard(await client.open(uri, 'javascript', text));
    assert.equal(diagnostics.length, 2);
    const [first, second] = diagnostics as [Diagnostic, Diagnostic];
    assert.equal(first.relatedInformation?.length, 1);
    assert.deepEqual(first.relatedInformation?.[0]?.location, { uri, range: second.range });
    assert.deepEqual(second.relatedInformation?.[0]?.location, { uri, range: first.range });
    assertNoSecret(JSON.stringify(diagnostics), sig);
    await client.close(uri);
  });

  it('re-checks on every incremental change and publishes for the new version', async () => {
    const uri = 'file:///virtual/edit.ts';
    const initial = sasGuard(await client.open(uri, 'typescript', 'const a = 1;\n'));
    assert.equal(initial.length, 0);
    // Type a token in on line 1.
    const url = accountSasUrl();
    const added = sasGuard(
      await client.change(uri, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: `const u = '${url}';\n` }]),
    );
    assert.equal(added.length, 1);
    assert.equal(added[0]?.range.start.line, 1);
    assert.equal(added[0]?.range.start.character, 11);
    // Insert lines above: the diagnostic moves with the token.
    const moved = sasGuard(await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '// a\n// b\n' }]));
    assert.equal(moved[0]?.range.start.line, 3);
    assert.equal((moved[0]?.data as { version: number }).version, 3);
    // Break the signature: one character deleted from the sig value makes it no longer a 44-char HMAC.
    const doc = client.document(uri);
    const sigAt = doc.getText().indexOf('sig=') + 4;
    const pos = doc.positionAt(sigAt + 5);
    const broken = sasGuard(await client.change(uri, [{ range: { start: pos, end: { line: pos.line, character: pos.character + 10 } }, text: '' }]));
    assert.equal(broken.length, 0);
    await client.close(uri);
  });

  it('coalesces a burst of changes and never publishes a result for a version that moved on', async () => {
    const uri = 'file:///virtual/burst.ts';
    await client.open(uri, 'typescript', '');
    const before = client.diagnostics.get(uri)?.length ?? 0;
    // 30 changes sent back to back; only the last version matters.
    const finalVersion = 31;
    const last = client.nextDiagnostics(uri, (p) => p.version === finalVersion);
    const sends: Promise<unknown>[] = [];
    for (let i = 0; i < 30; i++) {
      const text = i === 29 ? `x = "${accountSasUrl()}"\n` : `// line ${i}\n`;
      sends.push(client.sendRawChange(uri, i + 2, [{ text }]));
    }
    await Promise.all(sends);
    const published = await last;
    assert.equal(sasGuard(published.diagnostics).length, 1);
    const all = client.diagnostics.get(uri)!.slice(before);
    // Versions only go up, and nothing arrives after the final version.
    const versions = all.map((p) => p.version ?? -1);
    assert.deepEqual(
      [...versions].sort((a, b) => a - b),
      versions,
    );
    assert.equal(versions[versions.length - 1], finalVersion);
    assert.ok(all.length <= 30);
    await client.close(uri);
  });

  it('clears diagnostics on close', async () => {
    const uri = 'file:///virtual/close.ts';
    const opened = sasGuard(await client.open(uri, 'typescript', `const s = "${storageConnectionString()}";`));
    assert.equal(opened.length, 1);
    const cleared = client.nextDiagnostics(uri);
    await client.close(uri);
    assert.deepEqual((await cleared).diagnostics, []);
  });

  it('re-validates every open document when minimumGrade changes', async () => {
    const uri = 'file:///virtual/threshold.py';
    const text = `a = "${accountSasUrl()}"\nb = "${expiredBlobSasUrl()}"\n`;
    assert.equal(sasGuard(await client.open(uri, 'python', text)).length, 2);
    const next = client.nextDiagnostics(uri);
    await client.changeConfiguration({ minimumGrade: 'high' });
    const filtered = sasGuard((await next).diagnostics);
    assert.equal(filtered.length, 1);
    assert.equal(filtered[0]?.code, 'account-sas');
    const back = client.nextDiagnostics(uri);
    await client.changeConfiguration({});
    assert.equal(sasGuard((await back).diagnostics).length, 2);
    await client.close(uri);
  });

  it('honours enable: false and exclude globs', async () => {
    const uri = 'file:///virtual/secrets/keys.ts';
    const text = `const s = "${storageConnectionString()}";`;
    assert.equal(sasGuard(await client.open(uri, 'typescript', text)).length, 1);
    // Each step changes what is shown: a check that finds what was last sent for the same version
    // sends nothing (publishedDiagnosticsRegistry.ts), so every step here is seen by a publish.
    let next = client.nextDiagnostics(uri);
    await client.changeConfiguration({ enable: false });
    assert.deepEqual((await next).diagnostics, []);
    next = client.nextDiagnostics(uri);
    await client.changeConfiguration({});
    assert.equal(sasGuard((await next).diagnostics).length, 1);
    next = client.nextDiagnostics(uri);
    await client.changeConfiguration({ exclude: ['**/secrets/**'] });
    assert.deepEqual((await next).diagnostics, []);
    next = client.nextDiagnostics(uri);
    await client.changeConfiguration({ exclude: ['**/*.py'] });
    assert.equal(sasGuard((await next).diagnostics).length, 1);
    await client.changeConfiguration({});
    await client.close(uri);
  });

  it('sends sasGuard/status with the published counts', async () => {
    const uri = 'file:///virtual/status.ts';
    await client.open(uri, 'typescript', `const s = "${storageConnectionString()}";`);
    const status = await client.waitForStatus((s) => s.findings >= 1);
    assert.equal(status.state, 'ready');
    assert.ok(status.findingsByGrade.critical >= 1);
    await client.close(uri);
    const after = await client.waitForStatus((s) => s.findings === 0);
    assert.equal(after.findingsByGrade.critical, 0);
  });
});

describe('diagnostics (client without workspace/configuration or relatedInformation)', () => {
  let client: TestClient;
  clientPerSuite(
    {
      configuration: false,
      relatedInformation: false,
      workDoneProgress: false,
      initializationOptions: { settings: { sasGuard: { minimumGrade: 'low' } } },
    },
    (started) => (client = started),
  );

  it('never asks for configuration and applies initializationOptions, then pushed settings', async () => {
    const sig = fakeSignature();
    const uri = 'file:///virtual/plain.ts';
    const text = `const a = "${accountSasUrl(sig)}";\nconst b = "${accountSasUrl(sig)}";\nconst c = "${expiredBlobSasUrl()}";\n`;
    const diagnostics = sasGuard(await client.open(uri, 'typescript', text));
    // minimumGrade low from initializationOptions: the expired (info) token is not reported.
    assert.equal(diagnostics.length, 2);
    assert.ok(
      diagnostics.every((d) => d.relatedInformation === undefined),
      'relatedInformation sent to a client that does not support it',
    );
    assert.equal(client.configurationRequests.length, 0);
    const next = client.nextDiagnostics(uri);
    await client.changeConfiguration({}, { sasGuard: { minimumGrade: 'info' } });
    assert.equal(sasGuard((await next).diagnostics).length, 3);
    await client.close(uri);
  });

  it('scans without asking for a progress token when the client has no workDoneProgress, and without folders finds nothing', async () => {
    const summary = await client.executeCommand<WorkspaceScanSummary>(ServerCommands.scanWorkspace);
    assert.equal(client.createdProgressTokens.length, 0);
    assert.equal(client.progress.length, 0);
    assert.deepEqual(summary.folders, []);
    assert.equal(summary.filesScanned, 0);
    assert.equal(summary.cancelled, false);
  });
});

describe('diagnostics (Helix-style client: settings only in initializationOptions.sasGuard)', () => {
  let client: TestClient;
  clientPerSuite({ configuration: false, initializationOptions: { sasGuard: { minimumGrade: 'critical' } } }, (started) => (client = started));

  it('applies them', async () => {
    const uri = 'file:///virtual/helix.ts';
    const text = `const a = "${accountSasUrl()}";\nconst c = "${expiredBlobSasUrl()}";\n`;
    const diagnostics = sasGuard(await client.open(uri, 'typescript', text));
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['account-sas'],
    );
    await client.close(uri);
  });
});
