// "Move the value to .env": one WorkspaceEdit that creates .env when missing, appends NAME=value
// (never overwriting; a taken name gets a free one), adds .env to .gitignore when it is not ignored
// yet, and replaces the token. The test applies the edit to a real folder itself, as a client would.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { DiagnosticSeverity, type CodeAction, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fileUri, TestClient } from './support';
import { accountSasUrl, inUrl, storageConnectionString } from './tokens';
import { fakeAccountKey, fakeSignature } from '../support/fakeSecrets';

/** Applies a WorkspaceEdit to the file system (CreateFile + TextDocumentEdits); returns the new text of `openUri`. */
function applyWorkspaceEdit(edit: WorkspaceEdit, openUri: string, openText: string): string {
  let result = openText;
  assert.ok(edit.documentChanges, 'expected documentChanges');
  for (const change of edit.documentChanges) {
    if ('kind' in change) {
      assert.equal(change.kind, 'create', `unexpected resource operation ${change.kind}`);
      const file = fileURLToPath(change.uri);
      if (!(change.options?.ignoreIfExists && existsSync(file))) writeFileSync(file, '');
      continue;
    }
    const uri = change.textDocument.uri;
    if (uri === openUri) {
      result = TextDocument.applyEdits(TextDocument.create(uri, 'x', 0, result), change.edits as TextEdit[]);
    } else {
      const file = fileURLToPath(uri);
      assert.ok(existsSync(file), `edit for a file that does not exist: ${file}`);
      const before = readFileSync(file, 'utf8');
      writeFileSync(file, TextDocument.applyEdits(TextDocument.create(uri, 'x', 0, before), change.edits as TextEdit[]));
    }
  }
  return result;
}

describe('move the value into .env', () => {
  let client: TestClient;
  let folder: string;
  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'sas-guard-env-'));
    mkdirSync(path.join(folder, 'src'));
    client = await TestClient.start({ workspaceFolders: [folder] });
  });
  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  async function moveFix(uri: string, languageId: string, text: string): Promise<CodeAction> {
    const problems = (await client.open(uri, languageId, text)).filter((d) => d.severity === DiagnosticSeverity.Error);
    assert.equal(problems.length, 1);
    const actions = ((await client.codeActions(uri, problems[0]!.range, [problems[0]!])) ?? []) as CodeAction[];
    const move = actions.find((a) => a.title.startsWith('Move the value to '));
    assert.ok(move, `no .env move among ${actions.map((a) => a.title)}`);
    return move;
  }

  it('creates .env and .gitignore at the workspace folder root, appends the value, replaces the token', async () => {
    const sig = fakeSignature();
    const url = accountSasUrl(sig);
    const file = path.join(folder, 'src', 'upload.py');
    const uri = fileUri(file);
    const text = `blob_url = "${url}"\n`;
    const move = await moveFix(uri, 'python', text);
    assert.ok(!move.title.includes(sig.slice(0, 8)) && !move.title.includes(inUrl(sig).slice(0, 8)));
    assert.match(move.title, /\.\.\/\.env/);
    const kinds = move.edit!.documentChanges!.map((c) =>
      'kind' in c
        ? `${c.kind} ${path.basename(fileURLToPath(c.kind === 'rename' ? c.newUri : c.uri))}`
        : `edit ${path.basename(fileURLToPath(c.textDocument.uri))}`,
    );
    assert.deepEqual(kinds, ['create .env', 'edit .env', 'create .gitignore', 'edit .gitignore', 'edit upload.py']);
    const fixed = applyWorkspaceEdit(move.edit!, uri, text);

    const env = readFileSync(path.join(folder, '.env'), 'utf8');
    const name = /^([A-Z0-9_]+)=/.exec(env)?.[1];
    assert.ok(name, `no NAME=value line in .env: ${env.replace(sig, '<sig>')}`);
    assert.ok(env.includes(sig) || env.includes(inUrl(sig)), '.env lacks the signature');
    assert.ok(fixed.includes(name), 'the code does not read the variable');
    assert.ok(!fixed.includes(inUrl(sig)) && !fixed.includes(sig));
    assert.match(readFileSync(path.join(folder, '.gitignore'), 'utf8'), /^\.env$/m);

    const after = await client.replaceAll(uri, fixed);
    assert.deepEqual(
      after.filter((d) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning),
      [],
    );
    await client.close(uri);
  });

  it('appends to an existing .env without overwriting, picks a free name when the name is taken, leaves an ignoring .gitignore alone', async () => {
    // State from the previous test: .env holds one entry, .gitignore ignores .env.
    const envBefore = readFileSync(path.join(folder, '.env'), 'utf8');
    const gitignoreBefore = readFileSync(path.join(folder, '.gitignore'), 'utf8');
    const takenName = /^([A-Z0-9_]+)=/.exec(envBefore)![1]!;
    const sig = fakeSignature();
    const file = path.join(folder, 'src', 'second.py');
    const uri = fileUri(file);
    const text = `blob_url = "${accountSasUrl(sig)}"\n`;
    const move = await moveFix(uri, 'python', text);
    const kinds = move.edit!.documentChanges!.map((c) => ('kind' in c ? 'create' : path.basename(fileURLToPath(c.textDocument.uri))));
    assert.deepEqual(kinds, ['.env', 'second.py'], 'no create and no .gitignore edit when both are in place');
    const fixed = applyWorkspaceEdit(move.edit!, uri, text);
    const envAfter = readFileSync(path.join(folder, '.env'), 'utf8');
    assert.ok(envAfter.startsWith(envBefore), 'the existing .env content changed');
    const added = envAfter.slice(envBefore.length);
    const newName = /^\n?([A-Z0-9_]+)=/.exec(added)?.[1];
    assert.ok(newName && newName !== takenName, `expected a fresh name, got ${newName}`);
    assert.ok(newName.startsWith(takenName), `${newName} should derive from ${takenName}`);
    assert.ok(fixed.includes(newName));
    assert.equal(readFileSync(path.join(folder, '.gitignore'), 'utf8'), gitignoreBefore);
    await client.close(uri);
  });

  it('adds .env to an existing .gitignore that does not ignore it, keeping what is there', async () => {
    const sub = mkdtempSync(path.join(tmpdir(), 'sas-guard-env2-'));
    const other = await TestClient.start({ workspaceFolders: [sub] });
    try {
      writeFileSync(path.join(sub, '.gitignore'), 'node_modules/\ndist');
      writeFileSync(path.join(sub, '.env'), 'EXISTING=1\n');
      const key = fakeAccountKey();
      const uri = fileUri(path.join(sub, 'app.js'));
      const text = `const cs = '${storageConnectionString(key)}';\n`;
      const problems = (await other.open(uri, 'javascript', text)).filter((d) => d.severity === DiagnosticSeverity.Error);
      const actions = ((await other.codeActions(uri, problems[0]!.range, [problems[0]!])) ?? []) as CodeAction[];
      const move = actions.find((a) => a.title.startsWith('Move the value to '))!;
      assert.match(move.title, /^Move the value to \.env as /);
      const fixed = applyWorkspaceEdit(move.edit!, uri, text);
      assert.equal(readFileSync(path.join(sub, '.gitignore'), 'utf8').split(/\r?\n/).filter(Boolean).join(','), 'node_modules/,dist,.env');
      const env = readFileSync(path.join(sub, '.env'), 'utf8');
      assert.ok(env.startsWith('EXISTING=1\n'));
      assert.ok(env.includes(key));
      assert.ok(!fixed.includes(key));
      await other.close(uri);
    } finally {
      await other.stop();
      rmSync(sub, { recursive: true, force: true });
    }
  });

  it("uses the file's folder when the file is outside every workspace folder", async () => {
    const loose = mkdtempSync(path.join(tmpdir(), 'sas-guard-loose-'));
    try {
      const uri = fileUri(path.join(loose, 'script.sh'));
      const move = await moveFix(uri, 'shellscript', `URL="${accountSasUrl()}"\n`);
      const created = move.edit!.documentChanges!.filter((c) => 'kind' in c).map((c) => fileURLToPath((c as { uri: string }).uri));
      assert.deepEqual(created, [path.join(loose, '.env'), path.join(loose, '.gitignore')]);
      await client.close(uri);
    } finally {
      rmSync(loose, { recursive: true, force: true });
    }
  });

  it('offers no .env move for a document not on disk (a virtual workspace in desktop VS Code), and still the other fixes', async () => {
    const uri = 'vscode-vfs://github/contoso/site/src/upload.py';
    const problems = (await client.open(uri, 'python', `blob_url = "${accountSasUrl()}"\n`)).filter((d) => d.severity === DiagnosticSeverity.Error);
    assert.equal(problems.length, 1);
    const titles = (((await client.codeActions(uri, problems[0]!.range, [problems[0]!])) ?? []) as CodeAction[]).map((a) => a.title);
    assert.ok(
      titles.some((t) => t.startsWith('Strip the signature')),
      `no strip among ${titles}`,
    );
    assert.ok(
      titles.some((t) => t.startsWith('Replace the SAS token with ')),
      `no environment reference among ${titles}`,
    );
    assert.ok(!titles.some((t) => t.startsWith('Move the value to ')), `a .env move for a file not on disk: ${titles}`);
    await client.close(uri);
  });
});
