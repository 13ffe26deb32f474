// The code action request itself: fix-all in one versioned edit, `only` filtering, a token inside a
// base64 value, a document that moved on since its diagnostic was made, clients that drop
// Diagnostic.data, the envVariableName setting, and "Copy the revoke command" (a command, never an
// edit or the secret). Every fix applied in every language is codeActions.test.ts.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { clientPerSuiteInTempFolder, fileUri } from './support';
import { accountSasUrl, expiredBlobSasUrl, inUrl, serviceBusConnectionString, storageConnectionString } from './tokens';
import { fakeAccountKey, fakeSignature } from '../support/fakeSecrets';
import { editsFor, isProblem, kindOf } from './codeActionSupport';

describe('fix-all and the code action request itself', () => {
  const suite = clientPerSuiteInTempFolder('sas-guard-fixall-');

  const threeTokens = () =>
    `const a = "${accountSasUrl()}";\nconst b = "${storageConnectionString()}";\nconst c = "${serviceBusConnectionString()}";\nconst d = "${accountSasUrl()}";\n`;

  it('source.fixAll.sasGuard strips every signature and key in one versioned edit', async () => {
    const uri = fileUri(path.join(suite.folder, 'all.ts'));
    const text = threeTokens();
    const diagnostics = (await suite.client.open(uri, 'typescript', text)).filter(isProblem);
    assert.equal(diagnostics.length, 4);
    for (const only of [['source.fixAll.sasGuard'], ['source.fixAll'], ['source']]) {
      const actions = ((await suite.client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], only)) ??
        []) as CodeAction[];
      assert.equal(actions.length, 1, `only=${only}`);
      assert.equal(actions[0]?.kind, 'source.fixAll.sasGuard');
      const change = actions[0]?.edit?.documentChanges?.[0];
      assert.ok(change && 'textDocument' in change);
      assert.equal(change.textDocument.version, 1);
    }
    const [action] = ((await suite.client.codeActions(uri, diagnostics[0]!.range, diagnostics, ['source.fixAll.sasGuard'])) ?? []) as CodeAction[];
    const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'typescript', 1, text), editsFor(action!.edit, uri));
    const after = await suite.client.replaceAll(uri, fixed);
    assert.deepEqual(after.filter(isProblem), []);
    await suite.client.close(uri);
  });

  it('a token inside a base64 value gets only the revoke command and the suppression: no strip or environment edit that would corrupt the value', async () => {
    const uri = fileUri(path.join(suite.folder, 'secret.yaml'));
    const encoded = Buffer.from(storageConnectionString(), 'utf8').toString('base64');
    const text = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: storage\ndata:\n  connection: ${encoded}\n`;
    const diagnostics = (await suite.client.open(uri, 'yaml', text)).filter(isProblem);
    assert.equal(diagnostics.length, 1);
    assert.match(String(diagnostics[0]!.message), /base64-encoded in a Kubernetes Secret/);
    const actions = ((await suite.client.codeActions(uri, diagnostics[0]!.range, diagnostics)) ?? []) as CodeAction[];
    assert.deepEqual(actions.map(kindOf), ['revoke', 'suppress']);
    assert.ok(
      actions.every((action) => editsFor(action.edit, uri).length === 0 || kindOf(action) === 'suppress'),
      'only the suppression edits the file',
    );
    const fixAll = ((await suite.client.codeActions(uri, diagnostics[0]!.range, diagnostics, ['source.fixAll.sasGuard'])) ?? []) as CodeAction[];
    assert.ok(
      fixAll.every((action) => editsFor(action.edit, uri).length === 0),
      'fix-all edits nothing',
    );
    await suite.client.close(uri);
  });

  it('honours context.only: quickfix only, no fix-all without asking, nothing for other kinds', async () => {
    const uri = fileUri(path.join(suite.folder, 'only.ts'));
    const diagnostics = (await suite.client.open(uri, 'typescript', threeTokens())).filter(isProblem);
    const d = diagnostics[0]!;
    const unfiltered = ((await suite.client.codeActions(uri, d.range, [d])) ?? []) as CodeAction[];
    assert.ok(unfiltered.length >= 3);
    assert.ok(
      unfiltered.every((a) => a.kind === 'quickfix'),
      'fix-all offered without being asked for',
    );
    const quick = ((await suite.client.codeActions(uri, d.range, [d], ['quickfix'])) ?? []) as CodeAction[];
    assert.deepEqual(
      quick.map((a) => a.title),
      unfiltered.map((a) => a.title),
    );
    const refactor = ((await suite.client.codeActions(uri, d.range, [d], ['refactor'])) ?? []) as CodeAction[];
    assert.deepEqual(refactor, []);
    // Diagnostics of other tools are ignored.
    const foreign = ((await suite.client.codeActions(uri, d.range, [{ ...d, source: 'eslint' }])) ?? []) as CodeAction[];
    assert.deepEqual(foreign, []);
    await suite.client.close(uri);
  });

  it('finds the token again when the document moved on since the diagnostic was made', async () => {
    const uri = fileUri(path.join(suite.folder, 'moved.py'));
    const sig = fakeSignature();
    const text = `url = "${accountSasUrl(sig)}"\n`;
    const [d] = (await suite.client.open(uri, 'python', text)).filter(isProblem);
    // Two lines inserted above: the suite.client moves its diagnostic, the data still holds version 1 offsets.
    await suite.client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'import os\n\n' }]);
    const movedRange = {
      start: { line: d!.range.start.line + 2, character: d!.range.start.character },
      end: { line: d!.range.end.line + 2, character: d!.range.end.character },
    };
    const actions = ((await suite.client.codeActions(uri, movedRange, [{ ...d!, range: movedRange }])) ?? []) as CodeAction[];
    const strip = actions.find((a) => a.title.startsWith('Strip'));
    assert.ok(strip, 'no strip fix for a moved token');
    const current = suite.client.text(uri);
    const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'python', 2, current), editsFor(strip.edit, uri));
    assert.ok(!fixed.includes(inUrl(sig)));
    assert.ok(fixed.startsWith('import os\n\nurl = "https://fabrikamdata.blob.core.windows.net/?'));
    await suite.client.close(uri);
  });

  it('works for clients that drop Diagnostic.data (falls back to code and range)', async () => {
    const uri = fileUri(path.join(suite.folder, 'nodata.ts'));
    const [d] = (await suite.client.open(uri, 'typescript', `const a = "${storageConnectionString()}";\n`)).filter(isProblem);
    const { data: _dropped, ...withoutData } = d!;
    void _dropped;
    const actions = ((await suite.client.codeActions(uri, d!.range, [withoutData])) ?? []) as CodeAction[];
    assert.ok(actions.some((a) => a.title.startsWith('Remove the key')));
    assert.equal(actions.filter((a) => a.isPreferred).length, 1);
    await suite.client.close(uri);
  });

  it('offers nothing for a diagnostic whose token is gone', async () => {
    const uri = fileUri(path.join(suite.folder, 'gone.ts'));
    const [d] = (await suite.client.open(uri, 'typescript', `const a = "${accountSasUrl()}";\n`)).filter(isProblem);
    await suite.client.replaceAll(uri, 'const a = "";\n');
    const actions = ((await suite.client.codeActions(uri, d!.range, [d!])) ?? []) as CodeAction[];
    assert.deepEqual(actions, []);
    await suite.client.close(uri);
  });

  it('uses the envVariableName setting for the reference', async () => {
    const uri = fileUri(path.join(suite.folder, 'named.ts'));
    await suite.client.changeConfiguration({ envVariableName: 'MY_BLOB_SAS' });
    const [d] = (await suite.client.open(uri, 'typescript', `const a = "${accountSasUrl()}";\n`)).filter(isProblem);
    const actions = ((await suite.client.codeActions(uri, d!.range, [d!])) ?? []) as CodeAction[];
    const preferred = actions.find((a) => a.isPreferred);
    assert.match(preferred?.title ?? '', /MY_BLOB_SAS/);
    await suite.client.changeConfiguration({});
    await suite.client.close(uri);
  });
});

describe('Copy the revoke command', () => {
  const suite = clientPerSuiteInTempFolder('sas-guard-revoke-');

  const RG = '--resource-group <resource-group>';

  async function revokeAction(name: string, languageId: string, text: string): Promise<CodeAction | undefined> {
    const uri = fileUri(path.join(suite.folder, name));
    const [d] = (await suite.client.open(uri, languageId, text)).filter((x) => x.source === 'SAS Guard');
    assert.ok(d, `no diagnostic in ${name}`);
    const actions = ((await suite.client.codeActions(uri, d.range, [d])) ?? []) as CodeAction[];
    await suite.client.close(uri);
    return actions.find((a) => a.title === 'Copy the revoke command');
  }

  it('carries the commands as a sasGuard.copyRevokeCommand command, without an edit and without the secret', async () => {
    const sig = fakeSignature();
    const action = await revokeAction('acct.ts', 'typescript', `const a = "${accountSasUrl(sig)}";\n`);
    assert.ok(action, 'no "Copy the revoke command" action');
    assert.equal(action.kind, 'quickfix');
    assert.equal(action.edit, undefined);
    assert.equal(action.command?.command, 'sasGuard.copyRevokeCommand');
    const [args] = (action.command?.arguments ?? []) as { text: string; action: string; docs: string }[];
    assert.equal(
      args?.text,
      `az storage account keys renew ${RG} --account-name fabrikamdata --key primary\naz storage account keys renew ${RG} --account-name fabrikamdata --key secondary`,
    );
    assert.equal(args?.docs, 'https://github.com/sas-guard/sas-guard/blob/main/docs/revoking.md#account-sas-and-service-sas');
    const serialized = JSON.stringify(action);
    assert.ok(!serialized.includes(sig.slice(0, 8)) && !serialized.includes(inUrl(sig).slice(0, 8)), 'the action carries the secret');
  });

  it('the server advertises the command, and for clients without a clipboard shows the commands and returns them', async () => {
    const commands = (suite.client.initializeResult as { capabilities: { executeCommandProvider?: { commands: string[] } } }).capabilities
      .executeCommandProvider?.commands;
    assert.ok(commands?.includes('sasGuard.copyRevokeCommand'), `not advertised: ${commands}`);
    const action = await revokeAction('sb.cs', 'csharp', `var cs = "${serviceBusConnectionString()}";\n`);
    assert.ok(action?.command);
    const before = suite.client.shownMessages.length;
    const result = await suite.client.executeCommand<{ text: string }>(action.command.command, action.command.arguments);
    const [args] = action.command.arguments as { text: string }[];
    assert.equal(result.text, args!.text);
    assert.ok(result.text.startsWith('# if fabrikam-ns is a Service Bus namespace\naz servicebus namespace authorization-rule keys renew'));
    const shown = suite.client.shownMessages.slice(before);
    assert.equal(shown.length, 1);
    assert.equal(shown[0]!.type, 3); // MessageType.Info
    assert.ok(shown[0]!.message.includes(result.text), shown[0]!.message);
    await assert.rejects(suite.client.executeCommand('sasGuard.copyRevokeCommand', [{ text: 1 }]), /takes one argument/);
  });

  it('is offered for a key and a policy-bound token, not for an expired token', async () => {
    const key = await revokeAction('key.env', 'plaintext', `STORAGE=${storageConnectionString(fakeAccountKey(), 'contosostore')}\n`);
    assert.ok(key);
    const policy = await revokeAction(
      'policy.py',
      'python',
      `u = "https://fabrikamdata.blob.core.windows.net/data?sv=2022-11-02&sr=c&si=nightly&sig=${inUrl(fakeSignature())}"\n`,
    );
    assert.equal(
      (policy?.command?.arguments?.[0] as { text: string }).text,
      'az storage container policy delete --container-name data --name nightly --account-name fabrikamdata',
    );
    assert.equal(await revokeAction('old.py', 'python', `u = "${expiredBlobSasUrl()}"\n`), undefined);
  });

  it('strip titles say that stripping does not revoke', async () => {
    const uri = fileUri(path.join(suite.folder, 'titles.ts'));
    const [d] = (await suite.client.open(uri, 'typescript', `const a = "${accountSasUrl()}";\nconst b = "${storageConnectionString()}";\n`)).filter(isProblem);
    const sas = ((await suite.client.codeActions(uri, d!.range, [d!])) ?? []) as CodeAction[];
    assert.ok(
      sas.some((a) => a.title === 'Strip the signature (does not revoke the token)'),
      sas.map((a) => a.title).join(' | '),
    );
    const all = ((await suite.client.codeActions(uri, d!.range, [], ['source.fixAll.sasGuard'])) ?? []) as CodeAction[];
    assert.equal(all[0]?.title, 'Strip every SAS signature and key in this file (2; does not revoke them)');
    await suite.client.close(uri);
  });
});
