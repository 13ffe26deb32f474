// sasGuard.scanHistory and sasGuard.showCommittedFile through the real server: the per-secret list
// with first commit, date, author and inHead; work-done progress; cancellation mid-scan; and the
// text of a file at a commit, where the reported range holds the token.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateHistory } from '../../bench/lib/generatedHistory';
import { ServerCommands, type CommittedFile, type HistoryScanSummary } from '../../server/src/lsp/protocol';
import { fakeSignature } from '../support/fakeSecrets';
import { GitRepo } from '../unit/history/gitRepo';
import { accountSasUrl } from '../unit/history/historyFixtures';
import { fileUri, TestClient } from './support';

describe('sasGuard.scanHistory', () => {
  const repo = new GitRepo();
  const sig = fakeSignature();
  let client: TestClient;
  let added = '';

  before(async () => {
    repo.commit({ 'README.md': '# app\n' });
    added = repo.commit({ 'config/app.json': `{\n  "url": "${accountSasUrl(sig)}"\n}\n` }, { author: 'Erin', date: '2024-03-04T05:06:07+00:00' });
    repo.commit({ 'config/app.json': '{\n  "url": "from the environment"\n}\n' });
    client = await TestClient.start({ workspaceFolders: [repo.path] });
  });
  after(async () => {
    await client.stop();
    repo.remove();
  });

  it('lists each secret with its first commit, date, author and whether HEAD holds it, with progress', async () => {
    const summary = await client.executeCommand<HistoryScanSummary>(ServerCommands.scanHistory, [{ folder: fileUri(repo.path) }], {
      workDoneToken: 'history-1',
    });
    assert.equal(summary.cancelled, false);
    assert.equal(summary.commits, 3);
    assert.equal(summary.secrets.length, 1);
    const secret = summary.secrets[0]!;
    assert.equal(secret.commit, added);
    assert.equal(secret.path, 'config/app.json');
    assert.equal(secret.author, 'Erin');
    assert.equal(secret.date, '2024-03-04T05:06:07+00:00');
    assert.equal(secret.inHead, false);
    assert.equal(secret.ruleId, 'account-sas');
    assert.equal(secret.range.start.line, 1);
    assert.equal(secret.redactedSecret.slice(0, 4), sig.slice(0, 4));
    assert.ok(!JSON.stringify(summary).includes(sig.slice(4, 24)), 'the summary never holds the secret');
    await client.nextProgress((p) => p.token === 'history-1' && p.value.kind === 'begin' && p.value.cancellable === true);
    await client.nextProgress((p) => p.token === 'history-1' && p.value.kind === 'end');
  });

  it('serves the file as it was at the commit, with the token at the reported range', async () => {
    const summary = await client.executeCommand<HistoryScanSummary>(ServerCommands.scanHistory, []);
    const secret = summary.secrets[0]!;
    const file = await client.executeCommand<CommittedFile>(ServerCommands.showCommittedFile, [
      { repository: summary.repository, commit: secret.commit, path: secret.path },
    ]);
    const line = file.text.split('\n')[secret.range.start.line]!;
    assert.equal(line.slice(secret.range.start.character, secret.range.start.character + 8), 'https://');
    assert.ok(line.slice(secret.range.start.character, secret.range.end.character).includes(encodeURIComponent(sig)));
    await assert.rejects(
      client.executeCommand(ServerCommands.showCommittedFile, [{ repository: summary.repository, commit: 'HEAD', path: secret.path }]),
      /full commit id/,
    );
  });

  it('a hover on a secret the history scan found says it is already committed', async () => {
    const uri = fileUri(path.join(repo.path, 'notes.md'));
    await client.open(uri, 'markdown', `Old link: ${accountSasUrl(sig)}\n`);
    const hover = await client.hover(uri, 0, 12);
    const text = JSON.stringify(hover);
    assert.match(text, new RegExp(`Already committed\\*\\* in \`${added.slice(0, 7)}\` on 2024-03-04 by Erin`));
    assert.ok(!text.includes(sig.slice(4, 24)), 'the hover never holds the secret');
  });

  const messageText = (message: string | { value: string } | undefined): string => (typeof message === 'string' ? message : (message?.value ?? ''));

  it("an open file's diagnostic says its secret is already committed, again after each history scan", async () => {
    const uri = fileUri(path.join(repo.path, 'pasted.md'));
    const opened = await client.open(uri, 'markdown', `Pasted: ${accountSasUrl(sig)}\n`);
    const note = new RegExp(` — already committed in ${added.slice(0, 7)} on 2024-03-04: removing it here does not revoke it$`);
    assert.match(messageText(opened[0]?.message), note);
    await client.executeCommand<HistoryScanSummary>(ServerCommands.scanHistory, []);
    // The same note after the scan: nothing new is sent for this version; the next version shows it.
    const after = await client.replaceAll(uri, `Pasted: ${accountSasUrl(sig)}\n`);
    assert.match(messageText(after[0]?.message), note);
    assert.ok(!JSON.stringify(after).includes(sig.slice(4, 24)), 'the message never holds the secret');
  });

  it('says why a folder that is not a repository cannot be scanned', async () => {
    const plain = mkdtempSync(path.join(tmpdir(), 'sas-guard-no-git-'));
    try {
      const summary = await client.executeCommand<HistoryScanSummary>(ServerCommands.scanHistory, [{ folder: fileUri(plain) }]);
      assert.equal(summary.secrets.length, 0);
      assert.match(summary.warnings.join('\n'), /not a git repository/);
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });
});

describe('sasGuard.scanHistory cancellation', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sas-guard-history-big-'));
  const COMMITS = 1500;
  let client: TestClient;
  before(async () => {
    generateHistory(path.join(dir, 'repo.git'), COMMITS);
    client = await TestClient.start({ workspaceFolders: [path.join(dir, 'repo.git')] });
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('$/cancelRequest as the scan starts returns a cancelled summary, and a full scan still works', async () => {
    const summary = await client.executeCancelled<HistoryScanSummary>(ServerCommands.scanHistory, 'history-big', (v) => v.kind === 'begin');
    assert.equal(summary.cancelled, true);
    assert.ok(summary.commits < COMMITS, `read ${summary.commits} of ${COMMITS} commits`);
    await client.nextProgress((p) => p.token === 'history-big' && p.value.kind === 'end');
    const full = await client.executeCommand<HistoryScanSummary>(ServerCommands.scanHistory, []);
    assert.equal(full.cancelled, false);
    assert.equal(full.commits, COMMITS);
    assert.equal(full.secrets.length, Math.floor(COMMITS / 250));
  });
});
