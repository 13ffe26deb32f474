// Placeholders, sanitized values, interpolations, runtime-built tokens and documentation: no
// finding at all. Only real-shaped signatures and keys are reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AZURITE_ACCOUNT_KEY,
  COSMOS_EMULATOR_KEY,
  isRealAccountKeyShape,
  isRealSignatureShape,
  looksMadeUp,
  sampleNamespace,
} from '../../../server/src/core/assess/placeholders';
import { scanText } from '../../../server/src/core';
import { NOW } from '../../support/clock';
import { fakeAccountKey, fakeSignature, percentEncode } from '../../support/fakeSecrets';
import { assertNone, scanOne } from './engineAssertions';

const BASE = 'https://contosodata.blob.core.windows.net/c?sv=2022-11-02&ss=bfqt&srt=sco&sp=rwdlacup&se=2040-01-01T01%3A01%3A00Z&spr=https&sig=';

test('placeholder signatures produce no finding', () => {
  const placeholders = [
    'Sanitized',
    'sanitizedsig',
    'sanitized-sas-sig',
    'REDACTED',
    '[REDACTED]',
    '-REDACTED-',
    '<signature>',
    '<sig>',
    '{sig}',
    '${SIG}',
    '$(SAS)',
    '%SIG%',
    'xxxx',
    'xxxxxxxxxxxxxxxxxxxxxxxxx',
    '***',
    '...',
    'abc123...',
    'abc123',
    'fakesig',
    'FAKESIG',
    'FAKESIGNATURE%3D',
    'your_signature',
    'your-actual-sas-token',
    'SIGNATURE',
    'SENSITIVE_TOKEN_HERE',
    'abc',
    '0123456789abcdef',
    'synthetic%2Bsignature%3D',
    'somevalue',
    'A'.repeat(43) + '=',
    'x'.repeat(43) + '=',
    'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopq=',
    'FakeSignatureFakeSignatureFakeSignatureFake=',
    'SanitizedSanitizedSanitizedSanitizedSanitiz=',
    'F%6GRVAZ5Cdj2Pw4tgU7IlSTkWgn7bUkkAg8P6HESXwmf%4B', // invalid percent-encoding (docs sample)
    'MGCXiyEzbtttkr3ewJIh2AR8KrghSy1DGM9ovN734bQF4%3D', // 45 characters
    'v3OJqyjQiU0OkJRGp14PC7xBIj0oIzUTBRaA%3D', // 28 characters
    '4r%2FcSJLlt%2LT', // corrupted
    `${fakeSignature(71).slice(0, 43)}`, // no padding
    `${fakeSignature(72).slice(0, 42)}B=`, // last character carries non-zero padding bits
  ];
  for (const sig of placeholders) assertNone(`${BASE}${sig}`);
});

test('interpolations and concatenations produce no finding', () => {
  const real = percentEncode(fakeSignature(73));
  for (const text of [
    `"${BASE}" + sig + "&x=1"`,
    `\`${BASE}\${token.sig}\``,
    `f"${BASE}{sig}"`,
    `"${BASE}{0}"`,
    `"${BASE}" + this._getCurrentExpiry() + "&sig=0123456789abcdef;"`,
    `\`\${magnet.pdfPath}?exp=\${modalToken.exp}&sig=\${encodeURIComponent(modalToken.sig)}\``,
    `azcopy copy "https://\${SOURCE_ACCOUNT_NAME}.blob.core.windows.net/\${C}/\${FILE}?\${SOURCE_SAS}"`,
    'storageSasUrl: ${{ secrets.STORAGE_SAS_URL }}',
    'sas_token = generate_account_sas(storage_account, account_key=access_key, permission=AccountSasPermissions(read=True))',
    `progs.append((re.compile(r'sig=[0-9a-zA-Z%]+\\&'), "sig=sanitized&"))`,
    'The sig parameter is the signature: sig=<base64 HMAC-SHA256 of the string-to-sign>.',
    // The real signature split from its parameters by concatenation is not a token on its own.
    `"?sv=2022-11-02&sr=c" + "&sp=rl&se=2027-01-01" + "&sig=" + sig + "${real.slice(0, 10)}"`,
  ]) {
    assertNone(text);
  }
});

test('a real-shaped signature next to placeholder parameters is still reported', () => {
  const f = scanOne(`${BASE}${percentEncode(fakeSignature(74))}`);
  assert.equal(f.ruleId, 'account-sas');
});

test('shape checks', () => {
  assert.ok(isRealSignatureShape(fakeSignature(75)));
  assert.ok(!isRealSignatureShape(fakeSignature(75).slice(1)));
  assert.ok(isRealAccountKeyShape(fakeAccountKey(76)));
  assert.ok(!isRealAccountKeyShape(`${fakeAccountKey(76).slice(0, 85)}B==`));
  assert.ok(looksMadeUp('FAKEabcdefghijklmnopqrstuvwxyzABCDEFGHIJKLM='));
  assert.ok(looksMadeUp('abababababababababababababababababababababa='));
  for (let seed = 100; seed < 400; seed++) {
    assert.ok(!looksMadeUp(fakeSignature(seed)), `random signature ${seed} judged made up`);
    assert.ok(!looksMadeUp(fakeAccountKey(seed)), `random key ${seed} judged made up`);
  }
});

test('a value whose bytes are all written text is made up; one byte of noise makes it random again', () => {
  const sentence = Buffer.from('this is not a valid key ........').toString('base64');
  const services = Buffer.from('aziot-identity-service|aziot-ide').toString('base64');
  const longText = Buffer.from('a placeholder account key, sixty-four bytes of plain text......!').toString('base64');
  assert.equal(sentence.length, 44);
  assert.equal(longText.length, 88);
  for (const value of [sentence, services, longText]) assert.ok(looksMadeUp(value), value);
  // The same text with one byte that is not text (0x80..0xff, or a control character) anywhere.
  for (const position of [0, 7, 31]) {
    for (const byte of [0x00, 0x1f, 0x7f, 0x80, 0xfe]) {
      const bytes = Buffer.from('aziot-identity-service|aziot-ide');
      bytes[position] = byte;
      const value = bytes.toString('base64');
      // Only the text test could call it made up: the other tests pass a value this varied.
      assert.ok(!looksMadeUp(value), `${value}: byte ${byte} at ${position}`);
    }
  }
  // Short values are not judged by their bytes: 16 bytes of text are a plausible-looking secret too.
  assert.ok(!looksMadeUp(Buffer.from('0123abcdWXYZ-_.!').toString('base64')));
});

test('a key typed over with qwerty, or in letters of one case only, is made up; random values of both cases are not', () => {
  for (let seed = 400; seed < 500; seed++) {
    const signature = fakeSignature(seed);
    const key = fakeAccountKey(seed);
    assert.ok(looksMadeUp(`qwerty${signature.slice(6)}`), 'qwerty typed over the start');
    assert.ok(looksMadeUp(`${signature.slice(0, 20)}QWERTY${signature.slice(26)}`), 'QWERTY in the middle');
    // Upper-cased whole (azure-event-hubs-c's unit tests), or lower-cased.
    assert.ok(looksMadeUp(signature.toUpperCase()), signature.toUpperCase());
    assert.ok(looksMadeUp(signature.toLowerCase()), signature.toLowerCase());
    assert.ok(looksMadeUp(key.toUpperCase()), key.toUpperCase());
    assert.ok(!looksMadeUp(signature), signature);
  }
  // Short values are not judged by their case: 24 characters of one case happen (1 in 300,000).
  assert.ok(!looksMadeUp('ABCD1234EFGH5678IJKL9X+/'));
});

test('a Service Bus key of a documentation namespace, or of a name Azure does not allow, is info and says why', () => {
  const key = fakeSignature(77);
  const grade = (host: string): { grade: string; message: string } => {
    const f = scanText(`Endpoint=sb://${host}/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${key}\n`, { now: NOW }).findings[0]!;
    return { grade: f.grade, message: f.message };
  };
  assert.deepEqual(sampleNamespace('namespacename.servicebus.windows.net'), { namespace: 'namespacename', why: 'documentation' });
  assert.deepEqual(sampleNamespace('myns.servicebus.windows.net'), { namespace: 'myns', why: 'too-short' });
  assert.equal(sampleNamespace('mynspc.servicebus.windows.net'), undefined, 'six characters is a name Azure allows');
  assert.equal(sampleNamespace('myns.example.org'), undefined, 'not a Service Bus host');
  for (const host of [
    'namespacename.servicebus.windows.net',
    'ServiceBusName.servicebus.windows.net',
    'myns.servicebus.windows.net',
    'contoso.servicebus.chinacloudapi.cn',
  ]) {
    const got = grade(host);
    assert.equal(got.grade, 'info', host);
    assert.match(
      got.message,
      /\((documentation sample namespace \w+|namespace \w+, shorter than the 6 characters Service Bus allows): a sample, not a secret\) — info$/,
      host,
    );
  }
  assert.equal(grade('contoso-orders-prod.servicebus.windows.net').grade, 'critical');
  // A key standing alone takes the one Service Bus host next to it, only to tell a sample.
  const alone = (host: string): { grade: string; message: string } => {
    const f = scanText(`pingpong.exe ${host} hyco RootManageSharedAccessKey ${key}\n`, { now: NOW, fileName: 'README.md' }).findings[0]!;
    return { grade: f.grade, message: f.message };
  };
  assert.deepEqual(alone('myns.servicebus.windows.net'), {
    grade: 'info',
    message:
      'Service Bus / Event Hubs shared access key (next to namespace myns, shorter than the 6 characters Service Bus allows: a sample, not a secret) — info',
  });
  assert.equal(alone('relay-demo-ns.servicebus.windows.net').grade, 'high');
  assert.equal(
    scanText(`a: myns.servicebus.windows.net\nb: other-namespace.servicebus.windows.net\nSharedAccessKey: ${key}\n`, { now: NOW, fileName: 'a.yaml' })
      .findings[0]?.grade,
    'high',
    'two hosts nearby: neither is taken',
  );
});

test('the account key Azure SDK test suites publish as a sample is info beside any account; a fabricated key in its place is not', () => {
  // Azure/azure-storage-node's and azure-sdk-for-node's connection-string tests, with `mytestaccount`:
  // public, like the emulator key (written in two halves so that no line holds it whole).
  const sampleKey = 'AhlzsbLRkjfwObuqff3xrhB2yWJNh1EMptmcmxFJ6fvP' + 'TVX3PZXwrG2YtYWf5DPMVgNsteKStM5iBLlknYFVoA==';
  const lines = (key: string): string =>
    `var expectedName = 'mytestaccount';\nvar expectedKey = '${key}';\nvar connectionString = 'AccountName=' + expectedName + ';AccountKey=' + expectedKey;\n`;
  const sample = scanText(lines(sampleKey), { now: NOW, fileName: 'storageservicesettingstests.js' }).findings;
  assert.equal(sample.length, 1);
  assert.equal(sample[0]!.grade, 'info');
  assert.match(sample[0]!.message, /a sample key published in Azure SDK tests, not a secret\) — info$/);
  const fabricated = scanText(lines(fakeAccountKey(77)), { now: NOW, fileName: 'storageservicesettingstests.js' }).findings;
  assert.equal(fabricated.length, 1);
  assert.equal(fabricated[0]!.grade, 'high');
});

test('the public Cosmos DB emulator key is named a Cosmos DB key wherever it stands, and the Azurite key a storage key', () => {
  const line = (key: string): string => `public static String MASTER_KEY = System.getProperty("ACCOUNT_KEY", "${key}");\n`;
  const cosmos = scanText(line(COSMOS_EMULATOR_KEY), { now: NOW, fileName: 'AccountSettings.java' }).findings;
  assert.equal(cosmos.length, 1);
  assert.equal(cosmos[0]!.grade, 'info');
  assert.match(cosmos[0]!.message, /^Cosmos DB account key \(.*public emulator key, not a secret\) — info$/);
  assert.equal(cosmos[0]!.reasons[0], 'the public Cosmos DB emulator key: not a secret');
  const azurite = scanText(line(AZURITE_ACCOUNT_KEY), { now: NOW, fileName: 'AccountSettings.java' }).findings;
  assert.match(azurite[0]!.message, /^Storage account key \(.*public emulator key, not a secret\) — info$/);
});

test('a key of its own for an account on the local emulator is info, and not called the public emulator key', () => {
  // Azure/azure-storage-net-data-movement's TestData.xml: a test account against the emulator's endpoints.
  const local = scanOne(
    `<ConnectionString>DefaultEndpointsProtocol=http;AccountName=testaccount1;AccountKey=${fakeAccountKey(78)};BlobEndpoint=http://127.0.0.1:10000/testaccount1;</ConnectionString>`,
  );
  assert.equal(local.grade, 'info');
  assert.match(local.message, /\(a storage emulator account, not a secret\) — info$/);
  assert.doesNotMatch(local.message, /public emulator key/);
});
