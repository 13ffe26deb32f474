// Every form a storage SAS takes in text: URLs, bare queries, connection strings, and every
// container escape (HTML entities, JSON \u0026 and \/, backslash, cmd caret, double percent-encoding).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeSignature, fakeSignatureWithSymbols, percentEncode } from '../../support/fakeSecrets';
import { assertNone, scan, scanOne, slices } from './engineAssertions';

const SIG = fakeSignatureWithSymbols(1);
const ENC = percentEncode(SIG);
const QUERY = `sv=2022-11-02&ss=b&srt=sco&sp=rl&se=2027-06-01T00:00:00Z&sig=${ENC}`;

describe('URLs', () => {
  test('a plain account SAS URL: range is the URL, secretRange the signature as written', () => {
    const url = `https://contosodata.blob.core.windows.net/?${QUERY}`;
    const text = `const u = "${url}";`;
    const f = scanOne(text);
    assert.equal(f.ruleId, 'account-sas');
    assert.equal(f.container, 'url');
    assert.equal(f.encoding, 'plain');
    assert.deepEqual(slices(text, f), { token: url, secret: ENC });
    assert.equal(text.slice(f.queryRange!.start, f.queryRange!.end), QUERY);
    assert.equal(f.details.type === 'sas' && f.details.account, 'contosodata');
  });

  test('raw signature with + and / (a raw + is a plus, not a space)', () => {
    const text = `https://contosodata.blob.core.windows.net/c?sv=2022-11-02&sr=c&sp=rl&se=2027-01-01&sig=${SIG}`;
    const f = scanOne(text);
    assert.equal(slices(text, f).secret, SIG);
    assert.equal(f.redactedSecret, `${SIG.slice(0, 4)}…`);
  });

  test('lower-case percent-encoding', () => {
    const text = `https://contosodata.blob.core.windows.net/c?sv=2022-11-02&sr=c&sp=rl&se=2027-01-01&sig=${percentEncode(SIG, true)}`;
    const f = scanOne(text);
    assert.equal(f.ruleId, 'service-sas');
  });

  test('Markdown link with a space after the parenthesis ends at ")"', () => {
    const url = `https://contosodata.blob.core.windows.net/models/a.ckpt?${QUERY}`;
    const text = `* model ([Download]( ${url}) and more`;
    const f = scanOne(text);
    assert.equal(slices(text, f).token, url);
  });

  test('Markdown table row with several URLs: one finding each', () => {
    const sig2 = percentEncode(fakeSignature(2));
    const a = `https://acct1.blob.core.windows.net/c/a.bin?${QUERY}`;
    const b = `https://acct1.blob.core.windows.net/c/b.bin?sv=2022-11-02&ss=b&srt=sco&sp=rl&se=2027-06-01&sig=${sig2}`;
    const text = `|A |[1](${a})  | [2](${b}) | x |`;
    const findings = scan(text);
    assert.equal(findings.length, 2);
    assert.equal(slices(text, findings[0]!).token, a);
    assert.equal(slices(text, findings[1]!).token, b);
    assert.notEqual(findings[0]!.fingerprint, findings[1]!.fingerprint);
  });

  for (const [name, before, after] of [
    ['double quotes', '"', '"'],
    ['single quotes', "'", "'"],
    ['backticks', '`', '`'],
    ['angle brackets', '<', '>'],
    ['square brackets', '[', ']'],
    ['whitespace', ' ', ' '],
    ['HTML attribute', '<img src="', '">'],
  ] as const) {
    test(`URL ends at its delimiter: ${name}`, () => {
      const url = `https://contosodata.blob.core.windows.net/c/b.png?${QUERY}`;
      const text = `x${before}${url}${after}y`;
      const f = scanOne(text);
      assert.equal(slices(text, f).token, url);
    });
  }

  test('a sentence-ending period is not part of the signature', () => {
    const url = `https://contosodata.blob.core.windows.net/c/b.png?sv=2022-11-02&sr=b&sp=r&se=2027-01-01&sig=${SIG}`;
    const f = scanOne(`Download it from ${url}.`);
    assert.equal(f.ruleId, 'service-sas');
    assert.ok(!slices(`Download it from ${url}.`, f).token.endsWith('.'));
  });

  test('parameters in any order and any key case', () => {
    const text = `https://contosodata.blob.core.windows.net/c?SIG=${ENC}&Se=2027-01-01&SP=rl&Sr=c&SV=2022-11-02`;
    const f = scanOne(text);
    assert.equal(f.ruleId, 'service-sas');
    assert.equal(f.details.type === 'sas' && f.details.permissions.map((p) => p.name).join(','), 'read,list');
  });

  test('query parameters that are not SAS parameters are ignored', () => {
    const text = `https://contosodata.blob.core.windows.net/c?restype=container&comp=list&${QUERY}&timeout=30`;
    const f = scanOne(text);
    assert.equal(f.ruleId, 'account-sas');
    assert.ok(f.details.type === 'sas' && !('comp' in f.details.parameters));
  });

  test('a URL with a port and user info', () => {
    const text = `https://user@contosodata.blob.core.windows.net:443/c?${QUERY}`;
    const f = scanOne(text);
    assert.equal(f.details.type === 'sas' && f.details.account, 'contosodata');
  });

  test('tile template braces in the path', () => {
    const text = `"https://tiles.blob.core.windows.net/t/{z}/{x}/{y}.pbf?sv=2020-08-04&sr=c&sp=racwl&se=2027-01-07&sig=${ENC}"`;
    const f = scanOne(text);
    assert.equal(f.ruleId, 'service-sas');
    assert.equal(f.container, 'url');
  });
});

describe('bare queries', () => {
  test('with a leading ? the range includes it', () => {
    const text = `sasToken: '?${QUERY}'`;
    const f = scanOne(text);
    assert.equal(f.container, 'query');
    assert.equal(slices(text, f).token, `?${QUERY}`);
  });

  test('without ?', () => {
    const text = `credential="${QUERY}"`;
    const f = scanOne(text);
    assert.equal(f.container, 'query');
    assert.equal(slices(text, f).token, QUERY);
  });

  test('after an unquoted setting name (.env)', () => {
    const text = `AZURE_STORAGE_SAS_TOKEN=${QUERY}\n`;
    const f = scanOne(text);
    assert.equal(slices(text, f).token, QUERY);
  });

  test('user delegation query starting with st=', () => {
    const q = `st=2026-11-28T15%3A36%3A45Z&se=2026-11-30T15%3A36%3A45Z&sp=rl&sv=2021-06-08&sr=c&skoid=c85c15d6-d1ae-42d4-af60-e2ca0f81359b&sktid=72f988bf-86f1-41af-91ab-2d7cd011db47&skt=2026-11-28T15%3A36%3A44Z&ske=2026-12-01T15%3A36%3A44Z&sks=b&skv=2021-06-08&sig=${ENC}`;
    const f = scanOne(`{'credential': '${q}'}`);
    assert.equal(f.ruleId, 'user-delegation-sas');
  });
});

describe('connection strings', () => {
  test('SharedAccessSignature= inside a storage connection string: range is the connection string', () => {
    const cs = `BlobEndpoint=https://contosodata.blob.core.windows.net/;QueueEndpoint=https://contosodata.queue.core.windows.net/;SharedAccessSignature=${QUERY}`;
    const text = `"${cs}";`;
    const f = scanOne(text);
    assert.equal(f.ruleId, 'account-sas');
    assert.equal(f.container, 'connection-string');
    assert.equal(slices(text, f).token, cs);
    assert.equal(text.slice(f.queryRange!.start, f.queryRange!.end), QUERY);
    assert.equal(f.details.type === 'sas' && f.details.account, 'contosodata');
  });

  test('SharedAccessSignature=? with a leading question mark and a trailing ;', () => {
    const cs = `BlobEndpoint=https://contosodata.blob.core.windows.net;SharedAccessSignature=?${QUERY};`;
    const f = scanOne(cs);
    assert.equal(f.container, 'connection-string');
    assert.equal(slices(cs, f).secret, ENC);
  });

  test('URL fragment followed by ;SharedAccessSignature= (malformed, still found)', () => {
    const text = `.sasToken("https://corporatephoto.blob.core.windows.net/;SharedAccessSignature=${QUERY}")`;
    const f = scanOne(text);
    assert.equal(f.container, 'connection-string');
    assert.equal(f.details.type === 'sas' && f.details.account, 'corporatephoto');
  });
});

describe('container escapes', () => {
  test('HTML entities &amp; &#38; &#x26;', () => {
    for (const amp of ['&amp;', '&#38;', '&#x26;', '&AMP;']) {
      const q = QUERY.replace(/&/g, amp);
      const text = `<add key="BlobSas" value="?${q}" />`;
      const f = scanOne(text);
      assert.equal(f.encoding, 'html-entity', amp);
      assert.deepEqual(slices(text, f), { token: `?${q}`, secret: ENC });
    }
  });

  test('a quote entity ends the token', () => {
    const text = `value=&quot;?${QUERY.replace(/&/g, '&amp;')}&quot;`;
    const f = scanOne(text);
    assert.ok(slices(text, f).token.endsWith(ENC));
  });

  test('JSON \\u0026 separators', () => {
    const q = QUERY.replace(/&/g, '\\u0026');
    const text = `{"SasUri": "https://contosodata.blob.core.windows.net/c/b?${q}"}`;
    const f = scanOne(text);
    assert.equal(f.encoding, 'json-unicode');
    assert.equal(slices(text, f).secret, ENC);
  });

  test('JSON escaped slashes \\/ in the URL and in a raw signature', () => {
    const rawSigEscaped = SIG.replace(/\//g, '\\/');
    const text = `{"u":"https:\\/\\/contosodata.blob.core.windows.net\\/c?sv=2022-11-02&sr=c&sp=rl&se=2027-01-01&sig=${rawSigEscaped}"}`;
    const f = scanOne(text);
    assert.equal(f.encoding, 'backslash');
    assert.equal(slices(text, f).secret, rawSigEscaped);
    assert.equal(f.fingerprint, scanOne(`?sv=2022-11-02&sr=c&sp=rl&se=2027-01-01&sig=${SIG}`).fingerprint);
  });

  test('escaped JSON inside a string: \\" ends the token', () => {
    const text = `"{\\"BlobStorageSas\\":\\"?sv=2015-04-05&sr=c&sig=${ENC}&st=2017-08-02T18%3A57%3A54Z&se=2117-08-02T19%3A02%3A54Z&sp=wl\\"}";`;
    const f = scanOne(text);
    assert.ok(slices(text, f).token.endsWith('sp=wl'));
  });

  test('notebook source line: \\n" ends the token', () => {
    const text = `"sas_url = \\"https://contosodata.blob.core.windows.net/data/train.parquet?sv=2022-11-02&sr=b&sp=r&se=2027-01-01T00:00:00Z&sig=${ENC}\\"\\n",`;
    const f = scanOne(text, { fileName: 'a.ipynb' });
    assert.equal(slices(text, f).secret, ENC);
  });

  test('cmd.exe ^& separators', () => {
    const q = QUERY.replace(/&/g, '^&');
    const text = `set SAS=${q}\r\n`;
    const f = scanOne(text, { fileName: 'deploy.cmd' });
    assert.equal(f.encoding, 'caret');
    assert.equal(slices(text, f).token, q);
  });

  test('shell backslash-escaped \\& and \\$', () => {
    const text = `bash -c "azcopy copy x https://contosoweb.blob.core.windows.net/\\$web?${QUERY.replace(/&/g, '\\&')}"`;
    const f = scanOne(text);
    assert.equal(f.encoding, 'backslash');
    assert.equal(f.details.type === 'sas' && f.details.path, '/$web');
  });

  test('double percent-encoded SAS URL nested in another URL', () => {
    const inner = `https://acct.blob.core.windows.net/c?sv=2022-11-02&sr=c&sp=rl&se=2027-01-01&sig=${ENC}`;
    const text = `https://login.example.com/?redirect=${encodeURIComponent(inner)}`;
    const f = scanOne(text);
    assert.equal(f.encoding, 'percent-encoded-query');
    assert.equal(f.ruleId, 'service-sas');
    assert.equal(f.details.type === 'sas' && f.details.account, 'acct');
    assert.equal(slices(text, f).secret, encodeURIComponent(ENC));
    assert.equal(f.fingerprint, scanOne(inner).fingerprint);
  });

  test('triple percent-encoding is decoded too', () => {
    const inner = `https://acct.blob.core.windows.net/c?sv=2022-11-02&sr=c&sp=rl&se=2027-01-01&sig=${ENC}`;
    const text = `https://a.example/?u=${encodeURIComponent(`https://b.example/?v=${encodeURIComponent(inner)}`)}`;
    const f = scanOne(text);
    assert.equal(f.ruleId, 'service-sas');
  });
});

describe('not a storage SAS', () => {
  test('Logic Apps sv=1.0', () => {
    assertNone(
      `https://prod-00.westus.logic.azure.com/workflows/abc/triggers/manual/paths/invoke?api-version=2016-10-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=${ENC}`,
    );
  });
  test('AWS, GCS, CloudFront signed URLs', () => {
    assertNone(`https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20261129T000000Z&X-Amz-Signature=${'ab'.repeat(32)}`);
    assertNone(`https://storage.googleapis.com/b/o?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Signature=${'cd'.repeat(64)}`);
    assertNone(`https://d111111abcdef8.cloudfront.net/i.jpg?Expires=1767225600&Signature=${SIG}&Key-Pair-Id=APKAEXAMPLE`);
  });
  test('Google sig= without sv', () => {
    assertNone(`https://www.google.com/aclk?sa=l&ai=DChsSEwjK&sig=${ENC}&q&adurl`);
  });
  test('sig= without a signed version or resource', () => {
    assertNone(`https://contosodata.blob.core.windows.net/c?sp=r&se=2027-01-01&sig=${ENC}`);
  });
  test('no sig at all', () => {
    assertNone('sas_token="sv=2021-06-08&ss=b&srt=sco&se=2099-01-01"');
  });
});

describe('lists of tokens', () => {
  test('comma-separated URLs are separate tokens; spr=https,http keeps its comma', () => {
    const a = `https://acct1.blob.core.windows.net/c/a?sv=2022-11-02&sr=b&sp=r&spr=https,http&se=2027-01-01&sig=${ENC}`;
    const b = `https://acct2.blob.core.windows.net/c/b?sv=2022-11-02&sr=b&sp=r&se=2027-01-01&sig=${percentEncode(fakeSignature(3))}`;
    const text = `${a},${b}`;
    const findings = scan(text);
    assert.equal(findings.length, 2);
    assert.equal(slices(text, findings[0]!).token, a);
    assert.equal(slices(text, findings[1]!).token, b);
    assert.equal(findings[0]!.details.type === 'sas' && findings[0]!.details.protocol, 'https,http');
  });

  test('bare queries separated by a comma', () => {
    const q2 = `sv=2022-11-02&ss=b&srt=sco&sp=rl&se=2027-06-01&sig=${percentEncode(fakeSignature(4))}`;
    const findings = scan(`tokens: ${QUERY},${q2}`);
    assert.equal(findings.length, 2);
  });
});

describe('queries folded across lines', () => {
  test('YAML folded scalar: the second line starts with &', () => {
    const text = `url: >-\n  https://contosodata.blob.core.windows.net/c?sv=2022-11-02&sr=c\n  &sp=rl&se=2027-01-01&sig=${ENC}\nnext: 1\n`;
    const f = scanOne(text);
    assert.equal(f.ruleId, 'service-sas');
    assert.equal(f.container, 'url');
    assert.equal(f.details.type === 'sas' && f.details.account, 'contosodata');
    assert.ok(slices(text, f).token.startsWith('https://contosodata'));
    assert.equal(slices(text, f).secret, ENC);
  });

  test('line continuation with a trailing backslash and a line ending in &, CRLF', () => {
    const text = `String url = """\r\n    https://contosodata.blob.core.windows.net/c/b?sv=2022-11-02&sr=b&sp=r&\\\r\n    se=2027-01-01&sig=${ENC}""";\r\n`;
    const f = scanOne(text);
    assert.equal(f.ruleId, 'service-sas');
  });

  test('a `\\` continuing a string literal after the signature: the parameters on the next lines are read (Rust, Python, C)', () => {
    const text = [
      `    let url = "https://contosodata.blob.core.windows.net/c?sv=2022-11-02&sr=c\\`,
      `               &sig=${ENC}\\`,
      `               &se=2027-01-01T00:00:00Z&sp=rl";`,
      '',
    ].join('\n');
    for (const fileName of ['a.rs', 'a.py', 'a.c']) {
      const f = scanOne(text, { fileName });
      assert.equal(f.ruleId, 'service-sas', fileName);
      assert.equal(f.details.type === 'sas' && f.details.expiry, '2027-01-01T00:00:00.000Z', `${fileName}: the expiry on the line after the signature`);
      assert.deepEqual(f.details.type === 'sas' && f.details.permissions.map((p) => p.name), ['read', 'list'], fileName);
      assert.equal(text.slice(0, f.range.end).split('\n').length - 1, 2, `${fileName}: the finding ends on the last folded line`);
      assert.equal(slices(text, f).secret, ENC);
    }
  });

  test('a line after the signature that does not continue the query is not joined', () => {
    const text = `url = "https://contosodata.blob.core.windows.net/c?sv=2022-11-02&sr=c&sp=rl&se=2027-01-01&sig=${ENC}"\nother = "se=2099-01-01"\n`;
    const f = scanOne(text);
    assert.equal(f.details.type === 'sas' && f.details.expiry, '2027-01-01T00:00:00.000Z');
    assert.ok(f.range.end <= text.indexOf('\n'), 'the next line is not part of the finding');
  });

  test('an unrelated previous line is not joined', () => {
    const text = `a = 1\n  &sv=2022-11-02&sr=c&sp=rl&se=2027-01-01&sig=${ENC}\n`;
    const f = scanOne(text);
    assert.equal(slices(text, f).token, `sv=2022-11-02&sr=c&sp=rl&se=2027-01-01&sig=${ENC}`);
  });
});

describe('JSON inside a JSON string', () => {
  test('double-escaped \\\\u0026 and \\\\/ separators', () => {
    const q = QUERY.replace(/&/g, '\\\\u0026');
    const text = `{"payload": "{\\"url\\":\\"https:\\\\/\\\\/contosodata.blob.core.windows.net\\\\/c?${q}\\"}"}`;
    const f = scanOne(text);
    assert.equal(f.ruleId, 'account-sas');
    assert.equal(f.container, 'url');
    assert.equal(f.encoding, 'backslash');
    assert.equal(slices(text, f).secret, ENC);
  });
});
