// A secret in an open document that git ignores (the walker's rules: the folder's .gitignore files,
// nested ones and negations, .git/info/exclude) is reported at grade info, saying why: the workspace
// scan skips those files, and "Move the value to .env" must not leave an error in the .env it wrote.
// The real server over stdio; the move's WorkspaceEdit is applied to a real folder, as a client would.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import {
  DidChangeWatchedFilesNotification,
  DidSaveTextDocumentNotification,
  DiagnosticSeverity,
  FileChangeType,
  type MarkupContent,
  type CodeAction,
  type Diagnostic,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { listFiles } from '../../server/src/walker';
import { DIAGNOSTIC_SOURCE } from '../../server/src/lsp/protocol';
import { fileUri, TestClient } from './support';
import { accountSasUrl, inUrl, storageConnectionString } from './tokens';
import { fakeAccountKey, fakeSignature } from '../support/fakeSecrets';

const NOTE = 'this file is git-ignored, keep it out of the repository';

function sasGuard(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
}

function messageOf(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

function severities(diagnostics: Diagnostic[]): (DiagnosticSeverity | undefined)[] {
  return sasGuard(diagnostics).map((d) => d.severity);
}

/**
 * The new text of every file a WorkspaceEdit touches (CreateFile + TextDocumentEdits), starting from
 * the disk (or `texts` for files the client has open); nothing is written.
 */
function editedTexts(edit: WorkspaceEdit, texts: Record<string, string> = {}): Map<string, string> {
  const result = new Map<string, string>(Object.entries(texts));
  assert.ok(edit.documentChanges, 'expected documentChanges');
  for (const change of edit.documentChanges) {
    if ('kind' in change) {
      assert.equal(change.kind, 'create', `unexpected resource operation ${change.kind}`);
      const file = fileURLToPath(change.uri);
      if (!result.has(change.uri) && !(change.options?.ignoreIfExists && existsSync(file))) result.set(change.uri, '');
      continue;
    }
    const uri = change.textDocument.uri;
    const before = result.get(uri) ?? readFileSync(fileURLToPath(uri), 'utf8');
    result.set(uri, TextDocument.applyEdits(TextDocument.create(uri, 'x', 0, before), change.edits as TextEdit[]));
  }
  return result;
}

async function moveFix(client: TestClient, uri: string, languageId: string, text: string): Promise<CodeAction> {
  const problems = sasGuard(await client.open(uri, languageId, text)).filter((d) => d.severity === DiagnosticSeverity.Error);
  assert.equal(problems.length, 1);
  const actions = ((await client.codeActions(uri, problems[0]!.range, [problems[0]!])) ?? []) as CodeAction[];
  const move = actions.find((a) => a.title.startsWith('Move the value to '));
  assert.ok(move, `no .env move among ${actions.map((a) => a.title)}`);
  return move;
}

function assertIgnoredInfo(diagnostics: Diagnostic[], secret: string): void {
  const ours = sasGuard(diagnostics);
  assert.equal(ours.length, 1, `expected one finding, got ${ours.map(messageOf)}`);
  const [d] = ours as [Diagnostic];
  const message = messageOf(d);
  assert.equal(d.severity, DiagnosticSeverity.Information, message);
  assert.ok(message.endsWith(`; ${NOTE} — info`), message);
  assert.equal((d.data as { grade: string }).grade, 'info');
  assert.ok(!message.includes(secret.slice(0, 10)) && !message.includes(inUrl(secret).slice(0, 10)));
}

describe('git-ignored open documents', () => {
  const made: string[] = [];
  const tempFolder = (prefix: string): string => {
    const dir = mkdtempSync(path.join(tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
  after(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });

  describe('after "Move the value to .env"', () => {
    let client: TestClient;
    let folder: string;
    before(async () => {
      folder = tempFolder('sas-guard-ignored-');
      mkdirSync(path.join(folder, 'src'));
      client = await TestClient.start({ workspaceFolders: [folder] });
    });
    after(async () => {
      await client.stop();
    });

    it('the .env the move wrote (edit applied on disk) is info, with the reason in the message and the hover; the same token elsewhere is an error', async () => {
      const sig = fakeSignature();
      const url = accountSasUrl(sig);
      const uri = fileUri(path.join(folder, 'src', 'upload.py'));
      const text = `blob_url = "${url}"\n`;
      const move = await moveFix(client, uri, 'python', text);
      // upload.py was checked before the move: the folder's (missing) .gitignore is cached by now.
      const texts = editedTexts(move.edit!, { [uri]: text });
      const envUri = fileUri(path.join(folder, '.env'));
      const gitignoreUri = fileUri(path.join(folder, '.gitignore'));
      assert.deepEqual([...texts.keys()].sort(), [envUri, gitignoreUri, uri].sort());
      writeFileSync(path.join(folder, '.env'), texts.get(envUri)!);
      writeFileSync(path.join(folder, '.gitignore'), texts.get(gitignoreUri)!);
      assert.match(texts.get(gitignoreUri)!, /^\.env$/m);
      const fixed = await client.replaceAll(uri, texts.get(uri)!);
      assert.deepEqual(severities(fixed), []);

      // The client opens the .env the edit touched (VS Code does, in the background).
      const envText = readFileSync(path.join(folder, '.env'), 'utf8');
      assert.ok(envText.includes(sig) || envText.includes(inUrl(sig)));
      const envDiagnostics = await client.open(envUri, 'dotenv', envText);
      assertIgnoredInfo(envDiagnostics, sig);
      assert.ok(messageOf(sasGuard(envDiagnostics)[0]!).startsWith('Account SAS'), 'the message still says what the token grants');

      // The hover still decodes it and says why it is info.
      const at = sasGuard(envDiagnostics)[0]!.range.start;
      const hover = await client.hover(envUri, at.line, at.character + 5);
      const markdown = (hover?.contents as MarkupContent).value;
      assert.match(markdown, /\*\*info\*\*/);
      assert.match(markdown, /git-ignored file/);
      assert.match(markdown, /critical otherwise/);
      assert.ok(markdown.includes('| Permissions | read (r), write (w)'), 'the hover decodes the permissions');
      assert.ok(!markdown.includes(sig.slice(0, 10)) && !markdown.includes(inUrl(sig).slice(0, 10)));

      // A file git does not ignore, same folder, same token: still an error.
      const notesUri = fileUri(path.join(folder, 'src', 'notes.txt'));
      assert.deepEqual(severities(await client.open(notesUri, 'plaintext', `copy of the url: ${url}\n`)), [DiagnosticSeverity.Error]);
      await client.close(notesUri);
      await client.close(envUri);
      await client.close(uri);
    });
  });

  it('the .env the move wrote is info while the updated .gitignore is open and unsaved; editing, saving and closing the .gitignore re-decides', async () => {
    const folder = tempFolder('sas-guard-ignored-unsaved-');
    writeFileSync(path.join(folder, '.gitignore'), 'node_modules/\n');
    writeFileSync(path.join(folder, '.env'), 'EXISTING=1\n');
    const client = await TestClient.start({ workspaceFolders: [folder] });
    try {
      const key = fakeAccountKey();
      const uri = fileUri(path.join(folder, 'app.js'));
      const text = `const cs = '${storageConnectionString(key)}';\n`;
      const move = await moveFix(client, uri, 'javascript', text);
      const texts = editedTexts(move.edit!, { [uri]: text });
      const envUri = fileUri(path.join(folder, '.env'));
      const gitignoreUri = fileUri(path.join(folder, '.gitignore'));
      const gitignoreText = texts.get(gitignoreUri)!;
      assert.match(gitignoreText, /^\.env$/m);
      // .env and app.js are written; .gitignore is only edited in the editor (not saved).
      writeFileSync(path.join(folder, '.env'), texts.get(envUri)!);
      await client.replaceAll(uri, texts.get(uri)!);
      await client.open(gitignoreUri, 'ignore', gitignoreText);
      assert.equal(readFileSync(path.join(folder, '.gitignore'), 'utf8'), 'node_modules/\n');

      const envText = readFileSync(path.join(folder, '.env'), 'utf8');
      assertIgnoredInfo(await client.open(envUri, 'dotenv', envText), key);

      // The .env line taken out of the open .gitignore: the .env is an error again.
      let next = client.nextDiagnostics(envUri, (p) => severities(p.diagnostics).includes(DiagnosticSeverity.Error));
      await client.replaceAll(gitignoreUri, 'node_modules/\n');
      await next;
      // Put back, saved and closed: info again, and still info from the file on disk.
      next = client.nextDiagnostics(envUri, (p) => severities(p.diagnostics).includes(DiagnosticSeverity.Information));
      await client.replaceAll(gitignoreUri, gitignoreText);
      assertIgnoredInfo((await next).diagnostics, key);
      writeFileSync(path.join(folder, '.gitignore'), gitignoreText);
      await client.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri: gitignoreUri } });
      await client.close(gitignoreUri);
      // Still info from the file on disk: the same as shown, so nothing is sent until the .env's next version.
      assertIgnoredInfo(await client.replaceAll(envUri, envText), key);
    } finally {
      await client.stop();
    }
  });

  it('decides as the walker does: nested .gitignore files, negations, ignored directories, .git/info/exclude', async () => {
    const folder = tempFolder('sas-guard-ignored-rules-');
    mkdirSync(path.join(folder, '.git', 'info'), { recursive: true });
    writeFileSync(path.join(folder, '.git', 'info', 'exclude'), 'excluded.txt\n');
    writeFileSync(path.join(folder, '.gitignore'), '*.secret\n!keep.secret\n');
    mkdirSync(path.join(folder, 'sub', 'local'), { recursive: true });
    writeFileSync(path.join(folder, 'sub', '.gitignore'), 'local/\n!again.secret\n');
    const files = ['a.secret', 'keep.secret', 'excluded.txt', 'plain.txt', 'sub/b.secret', 'sub/again.secret', 'sub/local/x.txt', 'sub/y.txt'];
    for (const rel of files) writeFileSync(path.join(folder, rel), 'placeholder\n');
    const walked = new Set<string>();
    for await (const entry of listFiles({ roots: [folder] })) if (entry.kind === 'listed') walked.add(entry.relativePath);
    // The walker's own verdict, to compare with (and a check that the fixture means something).
    assert.deepEqual(
      files.filter((f) => !walked.has(f)),
      ['a.secret', 'excluded.txt', 'sub/b.secret', 'sub/local/x.txt'],
    );

    const client = await TestClient.start({ workspaceFolders: [folder] });
    try {
      for (const rel of files) {
        const sig = fakeSignature();
        const uri = fileUri(path.join(folder, ...rel.split('/')));
        const got = severities(await client.open(uri, 'plaintext', `url = ${accountSasUrl(sig)}\n`));
        assert.deepEqual(got, [walked.has(rel) ? DiagnosticSeverity.Error : DiagnosticSeverity.Information], rel);
        await client.close(uri);
      }
    } finally {
      await client.stop();
    }
  });

  it('leaves files outside every workspace folder and untitled documents alone; minimumGrade applies to the info grade', async () => {
    const folder = tempFolder('sas-guard-ignored-folder-');
    const loose = tempFolder('sas-guard-ignored-loose-');
    writeFileSync(path.join(folder, '.gitignore'), '*.txt\n');
    writeFileSync(path.join(loose, '.gitignore'), '*\n');
    const client = await TestClient.start({ workspaceFolders: [folder], settings: { minimumGrade: 'low' } });
    try {
      const outside = fileUri(path.join(loose, 'loose.txt'));
      assert.deepEqual(severities(await client.open(outside, 'plaintext', `${accountSasUrl()}\n`)), [DiagnosticSeverity.Error]);
      assert.deepEqual(severities(await client.open('untitled:Untitled-1', 'plaintext', `${accountSasUrl()}\n`)), [DiagnosticSeverity.Error]);
      // Below the minimum grade: not reported, though the hover still explains it.
      const inside = fileUri(path.join(folder, 'ignored.txt'));
      assert.deepEqual(severities(await client.open(inside, 'plaintext', `${accountSasUrl()}\n`)), []);
      const hover = await client.hover(inside, 0, 10);
      assert.match((hover?.contents as MarkupContent).value, /below sasGuard\.minimumGrade/);
    } finally {
      await client.stop();
    }
  });

  it('registers for .gitignore changes on disk and re-decides on workspace/didChangeWatchedFiles', async () => {
    const folder = tempFolder('sas-guard-ignored-watched-');
    const client = await TestClient.start({
      workspaceFolders: [folder],
      extraCapabilities: {
        workspace: {
          configuration: true,
          workspaceFolders: true,
          didChangeConfiguration: { dynamicRegistration: true },
          didChangeWatchedFiles: { dynamicRegistration: true },
          workspaceEdit: { documentChanges: true, resourceOperations: ['create'] },
        },
      },
    });
    try {
      const uri = fileUri(path.join(folder, 'build.log'));
      const sig = fakeSignature();
      assert.deepEqual(severities(await client.open(uri, 'log', `GET ${accountSasUrl(sig)}\n`)), [DiagnosticSeverity.Error]);
      const registered = (client.registrations as { registrations: { method: string; registerOptions?: { watchers?: { globPattern: string }[] } }[] }[])
        .flatMap((r) => r.registrations)
        .find((r) => r.method === DidChangeWatchedFilesNotification.method);
      assert.ok(registered, 'no didChangeWatchedFiles registration');
      assert.ok(registered.registerOptions?.watchers?.some((w) => w.globPattern === '**/.gitignore'));

      writeFileSync(path.join(folder, '.gitignore'), '*.log\n');
      const next = client.nextDiagnostics(uri, (p) => severities(p.diagnostics).includes(DiagnosticSeverity.Information));
      await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
        changes: [{ uri: fileUri(path.join(folder, '.gitignore')), type: FileChangeType.Created }],
      });
      assertIgnoredInfo((await next).diagnostics, sig);
    } finally {
      await client.stop();
    }
  });
});
