// Bad input never crashes the server: binary, 5 MB (checked; skipped under a lower limit), malformed UTF-16 (lone surrogates), NUL bytes,
// CRLF, one huge minified line, anchors without tokens. Logs and diagnostics never carry a secret.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { DiagnosticSeverity, type CodeAction, type MarkupContent } from 'vscode-languageserver-protocol';
import { serverPath, TestClient } from './support';
import { accountSasUrl, inUrl } from './tokens';
import { fakeSignature } from '../support/fakeSecrets';

describe('robustness', () => {
  let client: TestClient;
  const secrets: string[] = [];
  const token = (): string => {
    const sig = fakeSignature();
    secrets.push(sig, inUrl(sig));
    return accountSasUrl(sig);
  };
  before(async () => {
    client = await TestClient.start({});
  });
  after(async () => {
    // Nothing the server logged holds a secret.
    const logs = client.logs.join('\n') + client.stderr;
    for (const s of secrets) assert.ok(!logs.includes(s.slice(0, 8)), 'a secret reached the log');
    assert.ok(await client.alive());
    await client.stop();
  });

  it('survives a binary document and still finds a token in it', async () => {
    const uri = 'file:///virtual/blob.bin';
    const binary = randomBytes(64 * 1024).toString('latin1');
    const url = token();
    const text = `${binary}\u0000\u0000${url}\u0000${binary}`;
    const diagnostics = await client.open(uri, 'plaintext', text);
    assert.ok(await client.alive());
    assert.ok(diagnostics.some((d) => d.code === 'account-sas'));
    await client.close(uri);
  });

  it('reads a large document over stdio whatever its characters: latin-1, then above it, with the token placed by UTF-16 units', async () => {
    // Over 1 MiB the server parses the message while it arrives and decodes the text to latin-1 on
    // the way (server/src/node/streamedJsonBody.ts); a character above latin-1 sends it back to the
    // ordinary parse. Both must give the document the editor sent.
    for (const [name, late] of [
      ['latin-1', 'caf\u00e9 \u00ff\t"quoted" \\ back'],
      ['above latin-1', 'caf\u00e9 \u6771\u4eac \ud83d\ude00 emoji'],
    ] as const) {
      const uri = `file:///virtual/large-${name.replace(/\W/g, '')}.js`;
      const filler = 'const a = "\u00e9t\u00e9 \\ x"; // "quoted" padding padding padding padding\n';
      const url = token();
      const head = filler.repeat(Math.ceil((2 * 1024 * 1024) / filler.length));
      const text = `${head}// ${late}\nconst u = "${late}" + "${url}";\n`;
      const diagnostics = await client.open(uri, 'javascript', text);
      assert.deepEqual(
        diagnostics.map((d) => d.code),
        ['account-sas'],
        name,
      );
      const lines = text.split('\n');
      const tokenLine = lines.length - 2;
      assert.equal(diagnostics[0]?.range.start.line, tokenLine, name);
      assert.equal(diagnostics[0]?.range.start.character, lines[tokenLine]!.indexOf(url.slice(0, 20)), name);
      await client.close(uri);
    }
  });

  it('checks a 5 MB document under the default limit, answers it with one Information diagnostic once the limit is lower, and checks it again when raised', async () => {
    const uri = 'file:///virtual/huge.js';
    const filler = 'const a = 1; // padding padding padding padding padding padding padding\n';
    const url = token();
    const text = filler.repeat(Math.ceil((5 * 1024 * 1024) / filler.length)) + `const u = "${url}";\n`;
    assert.ok(text.length > 5 * 1024 * 1024);
    const diagnostics = await client.open(uri, 'javascript', text);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['account-sas'],
    );
    assert.equal(diagnostics[0]?.range.start.line, text.split('\n').length - 2);
    const lowered = client.nextDiagnostics(uri);
    await client.changeConfiguration({ maxFileSizeKB: 4096 });
    const skipped = (await lowered).diagnostics;
    assert.equal(skipped.length, 1);
    assert.equal(skipped[0]?.severity, DiagnosticSeverity.Information);
    assert.equal(skipped[0]?.code, 'skipped-file');
    assert.match(skipped[0]?.message as string, /maxFileSizeKB/);
    assert.match(skipped[0]?.message as string, /\b5(\.\d)? MiB\b/);
    // An edit of the huge document is handled the same way.
    const edited = await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '// x\n' }]);
    assert.equal(edited[0]?.code, 'skipped-file');
    const next = client.nextDiagnostics(uri);
    await client.changeConfiguration({ maxFileSizeKB: 8192 });
    const checked = (await next).diagnostics;
    assert.deepEqual(
      checked.map((d) => d.code),
      ['account-sas'],
    );
    assert.equal(checked[0]?.range.start.line, text.split('\n').length - 1);
    await client.changeConfiguration({});
    await client.close(uri);
  });

  it('handles lone surrogates and NUL characters around a token: right range, hover and fixes work', async () => {
    const uri = 'file:///virtual/malformed.ts';
    const url = token();
    const prefix = 'const x = "\uD800\uDBFF\u0000";\nconst bad = "\uDFFF\uD800';
    const text = `${prefix}";\nconst y = "\u0000${url}\uD800";\n\uDC00`;
    const diagnostics = await client.open(uri, 'typescript', text);
    const found = diagnostics.filter((d) => d.code === 'account-sas');
    assert.equal(found.length, 1);
    assert.deepEqual(found[0]?.range.start, { line: 2, character: 12 });
    assert.deepEqual(found[0]?.range.end, { line: 2, character: 12 + url.length });
    const hover = await client.hover(uri, 2, 20);
    assert.match((hover?.contents as MarkupContent).value, /account SAS/);
    const actions = ((await client.codeActions(uri, found[0]!.range, [found[0]!])) ?? []) as CodeAction[];
    assert.ok(actions.length >= 3);
    await client.close(uri);
  });

  it('maps ranges in CRLF documents', async () => {
    const uri = 'file:///virtual/crlf.ps1';
    const url = token();
    const text = `# a\r\n# b\r\n$u = "${url}"\r\n`;
    const [d] = (await client.open(uri, 'powershell', text)).filter((x) => x.code === 'account-sas');
    assert.deepEqual(d?.range, { start: { line: 2, character: 6 }, end: { line: 2, character: 6 + url.length } });
    await client.close(uri);
  });

  it('gets through a minified line full of anchors without tokens', async () => {
    const uri = 'file:///virtual/min.js';
    const noise = 'a="sig=";b="AccountKey=";c="SharedAccessSignature sr=";d="?sv=2020-01-01&sig=";'.repeat(10000);
    const url = token();
    const diagnostics = await client.open(uri, 'javascript', `${noise}e="${url}";`);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['account-sas'],
    );
    await client.close(uri);
  });

  it('ignores requests for documents it does not have and unknown commands', async () => {
    assert.equal(await client.hover('file:///virtual/never-opened.ts', 0, 0), null);
    assert.equal(await client.codeActions('file:///virtual/never-opened.ts', { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, []), null);
    await assert.rejects(client.executeCommand('sasGuard.noSuchCommand'), /Unknown SAS Guard command/);
    assert.ok(await client.alive());
  });

  it('tolerates garbage settings', async () => {
    const uri = 'file:///virtual/settings.ts';
    await client.changeConfiguration({ enable: 'yes', exclude: 42, minimumGrade: 'severe', maxFileSizeKB: -3, envVariableName: {} });
    const diagnostics = await client.open(uri, 'typescript', `const u = "${token()}";\n`);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['account-sas'],
    );
    await client.changeConfiguration({});
    await client.close(uri);
  });
});

describe('process entry', () => {
  it('prints its version and usage, and refuses to start without a transport', () => {
    const version = spawnSync(process.execPath, [serverPath, '--version'], { encoding: 'utf8' });
    assert.equal(version.status, 0);
    assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
    const help = spawnSync(process.execPath, [serverPath, '--help'], { encoding: 'utf8' });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /--stdio/);
    assert.match(help.stdout, /--node-ipc/);
    const none = spawnSync(process.execPath, [serverPath], { encoding: 'utf8' });
    assert.equal(none.status, 2);
    assert.match(none.stderr, /--stdio/);
  });

  it('over stdio, exits when the client closes its input: 0 after a shutdown request, 1 without one', async () => {
    const message = (body: object): string => {
      const json = JSON.stringify({ jsonrpc: '2.0', ...body });
      return `Content-Length: ${Buffer.byteLength(json)}\r\n\r\n${json}`;
    };
    /** Sends `requests`, closes standard input once the last one is answered; the exit code. */
    const exitCode = (requests: ReadonlyArray<{ id: number; method: string; params?: object }>): Promise<number | null> =>
      new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
        const lastId = requests[requests.length - 1]!.id;
        let received = '';
        child.stdout.on('data', (chunk: Buffer) => {
          received += chunk.toString('utf8');
          if (received.includes(`"id":${lastId},"result"`)) child.stdin.end();
        });
        child.on('error', reject);
        child.on('exit', (code) => resolve(code));
        child.stdin.write(requests.map(message).join(''));
      });
    const initialize = { id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } };
    assert.equal(await exitCode([initialize, { id: 2, method: 'shutdown' }]), 0);
    assert.equal(await exitCode([initialize]), 1);
  });
});
