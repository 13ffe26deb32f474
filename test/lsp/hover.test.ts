// Hover: a Markdown table of everything decoded from the token, the grade and why, the rule link,
// and the signature redacted to at most four characters.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-protocol';
import { TestClient } from './support';
import { inUrl, randomSignature, serviceBusConnectionString, randomServiceBusKey } from './tokens';

function rows(markdown: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of markdown.split('\n')) {
    const m = /^\| ([^|]+) \| (.*) \|$/.exec(line);
    if (m && m[1]!.trim() !== '') out.set(m[1]!.trim(), m[2]!.trim());
  }
  return out;
}

describe('hover', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({});
  });
  after(async () => {
    await client.stop();
  });

  it('says a token split over string literals was joined from them, and covers the whole expression', async () => {
    const sig = randomSignature();
    const uri = 'file:///virtual/split.py';
    const text = `u = (\n    "https://fabrikamdata.blob.core.windows.net/c?sv=2022-11-02&sp=rl"\n    "&sr=c&se=2090-01-01&sig=${inUrl(sig)}"\n)\n`;
    await client.open(uri, 'python', text);
    // On the first literal, which holds no signature: the hover is the joined token's.
    const hover = await client.hover(uri, 1, 20);
    assert.ok(hover, 'no hover on the first literal of the split token');
    const value = (hover.contents as MarkupContent).value;
    assert.match(value, /split over 2 string literals/);
    assert.equal(rows(value).get('Written as'), '2 string literals, joined by the language');
    assert.deepEqual(hover.range, { start: { line: 1, character: 5 }, end: { line: 2, character: 5 + `&sr=c&se=2090-01-01&sig=${inUrl(sig)}`.length } });
    await client.close(uri);
  });

  it('decodes an account SAS: kind, account, services, resource types, permissions in words, dates, protocol, IP, version', async () => {
    const sig = randomSignature();
    const url =
      'https://fabrikamdata.blob.core.windows.net/?sv=2022-11-02&ss=bq&srt=sco&sp=rwdl&st=2024-01-01T00:00:00Z' +
      `&se=2090-01-01T00:00:00Z&spr=https&sip=10.0.0.1-10.0.0.9&sig=${inUrl(sig)}`;
    const uri = 'file:///virtual/hover.ts';
    await client.open(uri, 'typescript', `// x\nconst u = "${url}";\n`);
    const hover = await client.hover(uri, 1, 40);
    assert.ok(hover, 'no hover on the token');
    const value = (hover.contents as MarkupContent).value;
    assert.equal((hover.contents as MarkupContent).kind, 'markdown');
    assert.ok(value.includes('(https://github.com/sas-guard/sas-guard/blob/main/README.md#account-sas)'), 'no rule link');
    const table = rows(value);
    assert.match(table.get('Kind') ?? '', /account SAS/);
    assert.equal(table.get('Account'), 'fabrikamdata');
    assert.equal(table.get('Host'), 'fabrikamdata.blob.core.windows.net');
    assert.equal(table.get('Services'), 'blob, queue');
    assert.equal(table.get('Resource types'), 'service, container, object');
    const permissions = table.get('Permissions') ?? '';
    for (const word of ['read', 'write', 'delete', 'list']) assert.ok(permissions.includes(word), `permission ${word} missing: ${permissions}`);
    assert.match(table.get('Start') ?? '', /^2024-01-01/);
    assert.match(table.get('Expiry') ?? '', /^2090-01-01/);
    assert.match(table.get('Time left') ?? '', /years?/);
    assert.equal(table.get('Protocol'), 'https');
    assert.equal(table.get('IP range'), '10.0.0.1-10.0.0.9');
    assert.equal(table.get('Signed version'), '2022-11-02');
    assert.match(table.get('Grade') ?? '', /critical|high/);
    assert.ok((table.get('Why') ?? '').length > 0);
    assert.match(table.get('Fingerprint') ?? '', /^`[0-9a-f]{12}`$/);
    const signature = table.get('Signature') ?? '';
    const preview = /`([^`]*)…`/.exec(signature)?.[1];
    assert.ok(preview !== undefined && preview.length <= 4, `signature not redacted: ${signature}`);
    // Nothing beyond four characters of the secret anywhere in the hover.
    assert.ok(!value.includes(sig.slice(0, 5)) && !value.includes(inUrl(sig).slice(0, 5)));
    assert.deepEqual(hover.range?.start, { line: 1, character: 11 });
    await client.close(uri);
  });

  it('shows user delegation key fields and the stored access policy', async () => {
    const ud =
      'https://fabrikamdata.blob.core.windows.net/data/report.csv?sv=2022-11-02&sr=b&sp=r&se=2090-01-01T00:00:00Z' +
      '&skoid=11111111-2222-3333-4444-555555555555&sktid=66666666-7777-8888-9999-000000000000&skt=2089-12-30T00:00:00Z' +
      `&ske=2090-01-01T00:00:00Z&sks=b&skv=2022-11-02&spr=https&sig=${inUrl(randomSignature())}`;
    const policy = `https://fabrikamdata.blob.core.windows.net/data?sv=2022-11-02&sr=c&si=nightly-export&sig=${inUrl(randomSignature())}`;
    const uri = 'file:///virtual/hover2.py';
    await client.open(uri, 'python', `a = "${ud}"\nb = "${policy}"\n`);
    const first = rows(((await client.hover(uri, 0, 10))!.contents as MarkupContent).value);
    assert.match(first.get('Kind') ?? '', /user delegation/);
    assert.equal(first.get('Key object id'), '11111111-2222-3333-4444-555555555555');
    assert.equal(first.get('Key tenant id'), '66666666-7777-8888-9999-000000000000');
    assert.match(first.get('Key expiry') ?? '', /^2090-01-01/);
    assert.equal(first.get('Resource'), 'blob');
    const second = rows(((await client.hover(uri, 1, 10))!.contents as MarkupContent).value);
    assert.equal(second.get('Stored access policy'), 'nightly-export');
    await client.close(uri);
  });

  it('explains a suppressed token and says it is suppressed', async () => {
    const uri = 'file:///virtual/hover4.py';
    const text = `# sas-guard-ignore-next-line\nurl = "https://fabrikamdata.blob.core.windows.net/c?sv=2022-11-02&sr=c&sp=rl&se=2090-01-01T00:00:00Z&sig=${inUrl(randomSignature())}"\n`;
    const diagnostics = await client.open(uri, 'python', text);
    assert.deepEqual(diagnostics, []);
    const table = rows(((await client.hover(uri, 1, 20))!.contents as MarkupContent).value);
    assert.match(table.get('Status') ?? '', /suppressed/);
    assert.equal(table.get('Resource'), 'container');
    await client.close(uri);
  });

  it('explains a Service Bus key, and returns nothing away from any token', async () => {
    const key = randomServiceBusKey();
    const uri = 'file:///virtual/hover3.cs';
    await client.open(uri, 'csharp', `var x = 1;\nvar cs = "${serviceBusConnectionString(key)}";\n`);
    assert.equal(await client.hover(uri, 0, 4), null);
    const value = ((await client.hover(uri, 1, 30))!.contents as MarkupContent).value;
    const table = rows(value);
    assert.match(table.get('Kind') ?? '', /Service Bus/);
    assert.equal(table.get('Key name'), 'RootManageSharedAccessKey');
    assert.ok(!value.includes(key.slice(0, 5)));
    await client.close(uri);
  });
});
