// Hover: a Markdown table of everything decoded from the token, the grade and why, the rule link,
// and the signature redacted to at most four characters.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-protocol';
import { clientPerSuite, type TestClient } from './support';
import { accountSasUrl, inUrl, iotDeviceConnectionString, serviceBusConnectionString, storageConnectionString } from './tokens';
import { fakeAccountKey, fakeSignature, fakeServiceBusKey } from '../support/fakeSecrets';
import { FABRIKAM_NAMESPACE_RENEW_SCRIPT } from '../support/expectedRevocation';

/** The shell code block under "How to revoke". */
function revokeBlock(markdown: string): string | undefined {
  const section = markdown.split('**How to revoke**')[1];
  return section === undefined ? undefined : /```sh\n([\s\S]*?)\n```/.exec(section)?.[1];
}

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
  clientPerSuite({}, (started) => (client = started));

  it('says a token split over string literals was joined from them, and covers the whole expression', async () => {
    const sig = fakeSignature();
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

  it('lists the parameters no row shows under "Other parameters", and never the signature', async () => {
    const sig = fakeSignature();
    const url = `https://fabrikamdata.blob.core.windows.net/c/report.pdf?sv=2022-11-02&sr=b&sp=r&se=2090-01-01&rscd=inline&rsct=text%2Fplain&sig=${inUrl(sig)}`;
    const uri = 'file:///virtual/others.ts';
    await client.open(uri, 'typescript', `const u = "${url}";\n`);
    const hover = await client.hover(uri, 0, 40);
    assert.ok(hover, 'no hover on the token');
    const table = rows((hover.contents as MarkupContent).value);
    assert.equal(table.get('Signed version'), '2022-11-02');
    assert.match(table.get('Other parameters') ?? '', /^rscd=inline, rsct=text\/plain$/);
    await client.close(uri);
  });

  it('decodes an account SAS: kind, account, services, resource types, permissions in words, dates, protocol, IP, version', async () => {
    const sig = fakeSignature();
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
    assert.equal(table.get('Protocol'), 'https');
    assert.equal(table.get('IP range'), '10.0.0.1-10.0.0.9');
    assert.equal(table.get('Signed version'), '2022-11-02');
    // The server grades against the suites' fixed clock (test/support/clock.ts: 2026-11-29), so the
    // time left and the grade are exact: long-lived with write and delete, lowered by the narrow IP range.
    assert.equal(table.get('Time left'), '63 years 33 days');
    assert.equal(table.get('Grade'), '**high**');
    assert.equal(
      table.get('Why'),
      'account SAS with write, delete or admin rights valid for more than 7 days; restricted to a narrow IP range (10.0.0.1-10.0.0.9)',
    );
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
      `&ske=2090-01-01T00:00:00Z&sks=b&skv=2022-11-02&spr=https&sig=${inUrl(fakeSignature())}`;
    const policy = `https://fabrikamdata.blob.core.windows.net/data?sv=2022-11-02&sr=c&si=nightly-export&sig=${inUrl(fakeSignature())}`;
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
    const text = `# sas-guard-ignore-next-line\nurl = "https://fabrikamdata.blob.core.windows.net/c?sv=2022-11-02&sr=c&sp=rl&se=2090-01-01T00:00:00Z&sig=${inUrl(fakeSignature())}"\n`;
    const diagnostics = await client.open(uri, 'python', text);
    assert.deepEqual(diagnostics, []);
    const table = rows(((await client.hover(uri, 1, 20))!.contents as MarkupContent).value);
    assert.match(table.get('Status') ?? '', /suppressed/);
    assert.equal(table.get('Resource'), 'container');
    await client.close(uri);
  });

  it('explains a Service Bus key, and returns nothing away from any token', async () => {
    const key = fakeServiceBusKey();
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

  it('explains an IoT Hub device key and a device SAS token: hub, device, policy, what they allow', async () => {
    const key = fakeServiceBusKey();
    const sig = fakeSignature();
    const token = `SharedAccessSignature sr=fabrikam-hub.azure-devices.net%2Fdevices%2Fedge-1%2Fmodules%2Ffilter&sig=${inUrl(sig)}&se=4102444800&skn=iothubowner`;
    const uri = 'file:///virtual/hover5.py';
    await client.open(
      uri,
      'python',
      `conn = "${iotDeviceConnectionString(key)}"
token = "${token}"
`,
    );
    const value = ((await client.hover(uri, 0, 20))!.contents as MarkupContent).value;
    assert.ok(value.includes('README.md#iothub-device-key'), 'no rule link');
    const device = rows(value);
    assert.equal(device.get('Kind'), 'IoT Hub device key');
    assert.equal(device.get('Hub'), 'fabrikam-hub.azure-devices.net');
    assert.equal(device.get('Device'), 'thermostat-7');
    assert.match(device.get('Allows') ?? '', /^connect as device thermostat-7: send telemetry, receive cloud-to-device messages, update its twin/);
    assert.match(device.get('Key') ?? '', /\(redacted\)/);
    assert.doesNotMatch(value, /Service Bus/);
    assert.ok(!value.includes(key.slice(0, 5)));
    const sas = rows(((await client.hover(uri, 1, 20))!.contents as MarkupContent).value);
    assert.match(sas.get('Kind') ?? '', /^IoT Hub SAS token signed with a shared access policy key/);
    assert.equal(sas.get('Device'), 'edge-1');
    assert.equal(sas.get('Module'), 'filter');
    assert.equal(sas.get('Policy'), 'iothubowner');
    assert.match(sas.get('Allows') ?? '', /^full control of the hub/);
    assert.match(sas.get('Expiry') ?? '', /^2100-01-01/);
    await client.close(uri);
  });

  describe('How to revoke', () => {
    const RG = '--resource-group <resource-group>';
    async function hoverText(name: string, languageId: string, line: string, character: number): Promise<string> {
      const uri = `file:///virtual/revoke/${name}`;
      await client.open(uri, languageId, line);
      const hover = await client.hover(uri, 0, character);
      await client.close(uri);
      assert.ok(hover, `no hover in ${name}`);
      return (hover.contents as MarkupContent).value;
    }

    it('account SAS: renew both keys of the account, with the preventive settings and safer sharing', async () => {
      const sig = fakeSignature();
      const value = await hoverText('a.ts', 'typescript', `const u = "${accountSasUrl(sig)}";\n`, 20);
      assert.equal(
        revokeBlock(value),
        `az storage account keys renew ${RG} --account-name fabrikamdata --key primary\n` +
          `az storage account keys renew ${RG} --account-name fabrikamdata --key secondary`,
      );
      assert.ok(value.includes(`\`az storage account update --name fabrikamdata ${RG} --allow-shared-key-access false\``));
      assert.ok(value.includes('--sas-expiration-period 7.00:00:00'));
      assert.match(value, /Share it safely next time:\*\* a user delegation SAS/);
      assert.ok(value.includes('Removing the token from the code does not revoke it.'));
      assert.ok(value.includes('(https://github.com/sas-guard/sas-guard/blob/main/docs/revoking.md#account-sas-and-service-sas)'));
      assert.ok(!value.includes(sig.slice(0, 5)) && !value.includes(inUrl(sig).slice(0, 5)));
    });

    it('policy SAS: delete the stored access policy, never re-create the name', async () => {
      const url = `https://fabrikamdata.blob.core.windows.net/data?sv=2022-11-02&sr=c&si=nightly-export&sig=${inUrl(fakeSignature())}`;
      const value = await hoverText('p.py', 'python', `b = "${url}"\n`, 10);
      assert.equal(revokeBlock(value), 'az storage container policy delete --container-name data --name nightly-export --account-name fabrikamdata');
      assert.match(value, /same name brings every old token/);
    });

    it('user delegation SAS: revoke-delegation-keys', async () => {
      const url =
        'https://fabrikamdata.blob.core.windows.net/data/report.csv?sv=2022-11-02&sr=b&sp=r&se=2090-01-01T00:00:00Z' +
        '&skoid=11111111-2222-3333-4444-555555555555&sktid=66666666-7777-8888-9999-000000000000&skt=2089-12-30T00:00:00Z' +
        `&ske=2090-01-01T00:00:00Z&sks=b&skv=2022-11-02&spr=https&sig=${inUrl(fakeSignature())}`;
      const value = await hoverText('u.py', 'python', `a = "${url}"\n`, 10);
      assert.equal(revokeBlock(value), `az storage account revoke-delegation-keys --name fabrikamdata ${RG}`);
    });

    it('account key: renew both keys', async () => {
      const key = fakeAccountKey();
      const value = await hoverText('k.env', 'plaintext', `STORAGE=${storageConnectionString(key, 'contosostore')}\n`, 20);
      assert.equal(
        revokeBlock(value),
        `az storage account keys renew ${RG} --account-name contosostore --key primary\n` +
          `az storage account keys renew ${RG} --account-name contosostore --key secondary`,
      );
      assert.ok(!value.includes(key.slice(0, 5)));
    });

    it('Service Bus / Event Hubs key: renew both keys of the rule, in the namespace the endpoint names', async () => {
      const value = await hoverText('sb.cs', 'csharp', `var cs = "${serviceBusConnectionString()}";\n`, 20);
      assert.equal(revokeBlock(value), FABRIKAM_NAMESPACE_RENEW_SCRIPT);
      assert.ok(value.includes('--disable-local-auth true'));
    });

    it('IoT Hub policy key and device token: policy renew-key, device-identity renew-key', async () => {
      const policy = await hoverText(
        'iot.js',
        'javascript',
        `const cs = "HostName=hub1.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=${fakeServiceBusKey()}";\n`,
        20,
      );
      assert.equal(
        revokeBlock(policy),
        'az iot hub policy renew-key --hub-name hub1 --name iothubowner --renew-key primary\naz iot hub policy renew-key --hub-name hub1 --name iothubowner --renew-key secondary',
      );
      const device = await hoverText(
        'dev.js',
        'javascript',
        `const t = "SharedAccessSignature sr=hub1.azure-devices.net%2Fdevices%2Fsensor-9&sig=${inUrl(fakeSignature())}&se=4102444800";\n`,
        20,
      );
      assert.equal(revokeBlock(device), 'az iot hub device-identity renew-key --hub-name hub1 --device-id sensor-9 --key-type both');
    });
  });
});
