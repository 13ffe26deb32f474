// Evidence before a claim (issue 9): a 64-byte base64 value is a storage or Cosmos DB account key
// only with storage evidence, each class of evidence tested both ways, the key forms whose name sits
// in a sibling or parent field, and messages and hovers that say only what the evidence shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gradeLevel, type Finding } from '../../../server/src/core';
import { hoverMarkdown } from '../../../server/src/lsp/hover';
import { revocationFor, revokeCommands } from '../../../server/src/core/revoke/revocation';
import { fakeAccountKey, fakeIdentifiableKey, fakeSignature, seededBytes, seededRandom } from '../../support/fakeSecrets';
import { fabricateIdentifiableKey, IDENTIFIABLE_FORMATS } from '../../support/fabricateIdentifiable';
import { scan, scanOne, slices } from './engineAssertions';

const KEY = fakeAccountKey(701);
const AZURITE = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/** Nothing at warning or error (info findings are allowed by the rule, though none are expected). */
function assertNoClaim(text: string, fileName?: string): void {
  const loud = scan(text, fileName ? { fileName } : {}).filter((f) => gradeLevel(f.grade) !== 'info');
  assert.deepEqual(
    loud.map((f) => f.message),
    [],
    `no warning or error expected in ${JSON.stringify(text.slice(0, 160))}`,
  );
}

function assertStorageKey(text: string, expected: { grade?: Finding['grade']; account?: string; evidence?: RegExp; cosmos?: boolean } = {}): Finding {
  const f = scanOne(text);
  assert.equal(f.ruleId, 'storage-account-key', text);
  assert.ok(f.details.type === 'key');
  if (expected.grade) assert.equal(f.grade, expected.grade, `${text}\n${f.message}`);
  if (expected.account !== undefined) assert.equal(f.details.account, expected.account, f.message);
  if (expected.evidence) assert.match(f.message, expected.evidence);
  if (expected.cosmos !== undefined) assert.equal(f.details.keyKind, expected.cosmos ? 'cosmos-account-key' : 'storage-account-key', f.message);
  assert.doesNotMatch([f.message, ...f.reasons].join(' '), /probably/);
  return f;
}

// ---- generic keys give nothing at warning or error ------------------------------------------------

test('ASP.NET appsettings.json "Jwt": { "Key": … } is not a storage key', () => {
  const text = `{\n  "Jwt": {\n    "Key": "${KEY}",\n    "Issuer": "https://contoso.example",\n    "Audience": "api"\n  },\n  "Logging": { "LogLevel": { "Default": "Information" } }\n}\n`;
  assertNoClaim(text, 'appsettings.json');
});

test('signing, HMAC, public, encryption and generic key names give nothing', () => {
  for (const text of [
    `private const string SigningKey = "${KEY}";`,
    `public static readonly string HmacKey = "${KEY}";`,
    `const publicKey = "${KEY}";`,
    `EncryptionKey = "${KEY}"`,
    `var key = '${KEY}';`,
    `const KEY4 = '${KEY}'; //Faked although looks real.`,
    `var expectedKey = '${KEY}';`,
    `"JwtSettings": { "SecretKey": "${KEY}" }`,
    `<machineKey validationKey="${KEY}" />`,
    `jwt_signing_key: ${KEY}`,
  ]) {
    assertNoClaim(text);
  }
});

test('SRI integrity hashes and test vectors are not keys', () => {
  assertNoClaim(`<script src="app.js" integrity="sha512-${KEY}" crossorigin="anonymous"></script>`);
  assertNoClaim(`"integrity": "sha512-${KEY}",`);
  assertNoClaim(`# HMAC-SHA512 test vector\nexpected_key = "${KEY}"\nmessage = "The quick brown fox"\n`);
});

test('a storage connection string elsewhere in the file is not evidence for a key in another object', () => {
  const text = `{\n  "ConnectionStrings": {\n    "Storage": "UseDevelopmentStorage=true"\n  },\n  "Jwt": { "Key": "${KEY}" },\n  "Storage": { "AccountName": "contosodata" }\n}\n`;
  assertNoClaim(text, 'appsettings.json');
});

test('a name that says another purpose is not overruled by an account name nearby', () => {
  assertNoClaim(`accountName = "contosodata"\nsigningKey = "${KEY}"\n`);
});

// ---- evidence: the setting's name -----------------------------------------------------------------

test('storage-named settings are storage keys, and the message says the name is the evidence', () => {
  for (const name of ['AccountKey', 'StorageKey', 'storageAccountKey', 'AZURE_STORAGE_KEY', 'STORAGE_ACCOUNT_KEY', 'azure_storage_account_key', 'blobKey']) {
    const f = assertStorageKey(`${name} = "${KEY}"`, { grade: 'critical' });
    assert.match(f.message, new RegExp(`\\(the setting is named ${name}; full control of the account, never expires\\) — critical$`));
  }
});

test('accessKey is a storage key only next to an account name', () => {
  assertNoClaim(`accessKey = "${KEY}"`);
  const f = assertStorageKey(`accountName = "contosodata"\naccessKey = "${KEY}"\n`, { account: 'contosodata', grade: 'high' });
  assert.match(f.message, /^Storage account key for contosodata \(account name set nearby; full control/);
  assertStorageKey(`{"account_name": "contosodata", "access_key": "${KEY}"}`, { account: 'contosodata' });
});

// ---- evidence: identifiable keys ------------------------------------------------------------------

test('an identifiable +ASt key with a valid checksum is a storage key anywhere', () => {
  const key = fabricateIdentifiableKey(seededBytes(702, 64), IDENTIFIABLE_FORMATS.storage);
  const text = `value: ${key}\n`;
  const f = scanOne(text);
  assert.equal(f.ruleId, 'storage-account-key');
  assert.equal(f.grade, 'critical');
  assert.ok(f.details.type === 'key' && f.details.identifiable && f.details.checksumVerified === true);
  assert.match(f.message, /identifiable storage key, checksum verified/);
  assert.match(hoverMarkdown(f), /checksum verified/);
});

test('an unverified +ASt key is not enough on its own, but other evidence still counts', () => {
  const key = fakeIdentifiableKey(703);
  assertNoClaim(`value: ${key}\n`);
  assertNoClaim(`"Jwt": { "Key": "${key}" }`);
  const f = scanOne(`AZURE_STORAGE_KEY=${key}`);
  assert.ok(f.details.type === 'key' && f.details.identifiable && f.details.checksumVerified === false);
  assert.doesNotMatch(f.reasons.join(' '), /checksum verified/);
});

// ---- evidence: storage SDK calls and cmdlets ------------------------------------------------------

test('the key argument of a storage SDK call or cmdlet', () => {
  const cases: Array<[string, string | undefined]> = [
    [`var cred = new StorageSharedKeyCredential("contosodata", "${KEY}");`, 'contosodata'],
    [`credential = StorageSharedKeyCredential(account_name, "${KEY}")`, undefined],
    [`// shared key for tests\nvar creds = new StorageCredentials("contosodata", "${KEY}");`, 'contosodata'],
    [`// shared key for tests\nstorage_credentials creds(_XPLATSTR("contosodata"), _XPLATSTR("${KEY}"));`, 'contosodata'],
    [`cred, err := azblob.NewSharedKeyCredential("contosodata", "${KEY}")`, 'contosodata'],
    [`client = BlobServiceClient(account_url, credential={"account_name": "contosodata", "account_key": "${KEY}"})`, 'contosodata'],
    [`$ctx = New-AzStorageContext -StorageAccountName contosodata -StorageAccountKey "${KEY}"`, 'contosodata'],
    [`az storage blob list --account-name contosodata --account-key ${KEY} -c logs`, 'contosodata'],
  ];
  for (const [text, account] of cases) {
    const f = assertStorageKey(text, { grade: 'critical' });
    assert.equal(slices(text, f).secret, KEY, text);
    if (account) assert.equal(f.details.type === 'key' && f.details.account, account, `${text}\n${f.message}`);
  }
});

test('a storage SDK call is evidence without the word "key" anywhere before the value', () => {
  // The key word was what anchored the key; the call itself does now (anchors.ts, argument-key).
  const cases: Array<[string, string | undefined]> = [
    [`var creds = new StorageCredentials("contosodata", "${KEY}");`, 'contosodata'],
    [`var account = new CloudStorageAccount(\n    new StorageCredentials(\n        "contosodata",\n        @"${KEY}"),\n    true);`, 'contosodata'],
    [`storage_credentials creds(_XPLATSTR("contosodata"), _XPLATSTR("${KEY}"));`, 'contosodata'],
  ];
  for (const [text, account] of cases) {
    assert.doesNotMatch(text, /key/i);
    const f = assertStorageKey(text, { grade: 'critical', evidence: /the key argument of/ });
    assert.equal(slices(text, f).secret, KEY, text);
    assert.equal(f.details.type === 'key' && f.details.account, account, `${text}\n${f.message}`);
  }
});

test('a call that is not a storage SDK call gives nothing', () => {
  assertNoClaim(`var h = new HMACSHA512(Convert.FromBase64String("${KEY}"));`);
  assertNoClaim(`// key material\nconst token = jwt.sign(payload, Buffer.from("${KEY}", "base64"));`);
  // No key word before them either: quoted arguments alone are no evidence.
  assertNoClaim(`var h = new HMACSHA512(Convert.FromBase64String("${KEY}"));`.replace('HMACSHA512', 'Hasher'));
  assertNoClaim(`assertEquals(expected, "${KEY}");\nlog("${KEY}", 3);`);
});

// ---- evidence: an account name, endpoint or AccountKey= join nearby -------------------------------

test('a generic name with an AccountKey= join or account name in the same block', () => {
  const join = `it('parses', function () {\n  var expectedName = 'contosodata';\n  var expectedKey = '${KEY}';\n  var connectionString = 'AccountName=' + expectedName + ';AccountKey=' + expectedKey;\n});\n`;
  // The account name is in a variable, not a literal: the message names no account.
  const f = assertStorageKey(join, { grade: 'high' });
  assert.ok(f.details.type === 'key' && f.details.account === undefined);
  assert.match(f.message, /joined into an AccountKey= connection string nearby/);
  assertStorageKey(`var key = '${KEY}';\nvar cs = 'DefaultEndpointsProtocol=https;AccountName=contosodata;AccountKey=' + key;\n`, { account: 'contosodata' });
  assertStorageKey(`url = "https://contosodata.blob.core.windows.net/"\nprimaryKey = "${KEY}"\n`, {
    account: 'contosodata',
    evidence: /storage endpoint nearby/,
  });
});

test('several accounts in one block: each key takes the account named closest before it (azure-storage-python settings)', () => {
  const keys = [fakeAccountKey(711), fakeAccountKey(712), fakeAccountKey(713)];
  const text = [
    `STORAGE_ACCOUNT_NAME = "contosodata"`,
    `STORAGE_ACCOUNT_KEY = "${keys[0]}"`,
    `REMOTE_STORAGE_ACCOUNT_NAME = "contosoremote"`,
    `REMOTE_STORAGE_ACCOUNT_KEY = "${keys[1]}"`,
    `PREMIUM_STORAGE_ACCOUNT_NAME = "contosopremium"`,
    `PREMIUM_STORAGE_ACCOUNT_KEY = "${keys[2]}"`,
    '',
  ].join('\n');
  const findings = scan(text);
  assert.deepEqual(
    findings.map((f) => [slices(text, f).secret, f.details.type === 'key' ? f.details.account : undefined]),
    [
      [keys[0], 'contosodata'],
      [keys[1], 'contosoremote'],
      [keys[2], 'contosopremium'],
    ],
  );
  // Environment variables set by subscript (Node, Python, Ruby), as test setups do.
  for (const [env, quote] of [
    ['process.env', "'"],
    ['os.environ', '"'],
    ['ENV', "'"],
  ]) {
    const set = (name: string, value: string): string => `${env}[${quote}${name}${quote}] = ${quote}${value}${quote}`;
    const f = scanOne(`${set('AZURE_STORAGE_ACCOUNT', 'contosodata')}\n${set('AZURE_STORAGE_ACCESS_KEY', keys[0]!)}\n`);
    assert.equal(f.details.type === 'key' && f.details.account, 'contosodata', env);
  }
  // With no account named before it, the first one after it.
  const after = `{\n  "key": "${keys[0]}",\n  "accountName": "contosodata",\n  "backupAccountName": "contosobackup"\n}\n`;
  const first = scanOne(after).details;
  assert.equal(first.type === 'key' && first.account, 'contosodata');
});

test('a generic variable given to a storage-named setting in the same block', () => {
  const text = `it('reads the environment', function (done) {\n  var expectedKey = '${KEY}';\n  testutil.withEnvironment({\n    AZURE_STORAGE_ACCOUNT: expectedName,\n    AZURE_STORAGE_ACCESS_KEY: expectedKey\n  }, done);\n});\n`;
  const f = assertStorageKey(text, { grade: 'high', evidence: /given to AZURE_STORAGE_ACCESS_KEY nearby/ });
  assert.equal(slices(text, f).secret, KEY);
  assertNoClaim(text.replace('AZURE_STORAGE_ACCESS_KEY', 'JWT_SIGNING_KEY').replace('AZURE_STORAGE_ACCOUNT', 'JWT_ISSUER'));
});

test('the public emulator key is info under any name, and says so once', () => {
  for (const text of [`key = "${AZURITE}"`, `- Account key: \`${AZURITE}\``, `STO_ACC_KEY: '${AZURITE}'`]) {
    const f = scanOne(text);
    assert.equal(f.grade, 'info', text);
    assert.equal((f.message.match(/emulator/g) ?? []).length, 1, f.message);
  }
});

test('the block bounds the evidence: an account name in another function is not evidence', () => {
  const text = `function a() {\n  const accountName = "contosodata";\n  return accountName;\n}\nfunction b() {\n  const secret = "${KEY}";\n  return secret;\n}\n`;
  assertNoClaim(text);
});

// ---- Cosmos DB and Service Bus keys follow the same rule -----------------------------------------

test('Cosmos DB keys: a cosmos-named setting or a Cosmos endpoint nearby', () => {
  assertStorageKey(`COSMOS_KEY = "${KEY}"`, { cosmos: true, grade: 'critical' });
  const f = assertStorageKey(`{"endpoint": "https://contoso-db.documents.azure.com:443/", "primaryKey": "${KEY}"}`, { cosmos: true });
  // The endpoint's first label is the account: the message and the revoke plan name it.
  assert.match(f.message, /^Cosmos DB account key for contoso-db \(Cosmos DB endpoint nearby/);
  assert.equal(f.details.type === 'key' && f.details.account, 'contoso-db');
  assert.equal(f.details.type === 'key' && f.details.endpoint, 'contoso-db.documents.azure.com');
  // Another cloud's endpoint keeps its domain.
  const china = assertStorageKey(`{"endpoint": "https://contoso-db.documents.azure.cn:443/", "primaryKey": "${KEY}"}`, { cosmos: true });
  assert.equal(china.details.type === 'key' && china.details.endpoint, 'contoso-db.documents.azure.cn');
  assertNoClaim(`{"primaryKey": "${KEY}"}`);
});

test("Cosmos DB keys: the password of a Cosmos DB for MongoDB connection string, no other host's", () => {
  // As the portal writes it: the key, unencoded, between the account name and `@`.
  for (const host of ['cosmos-mongo7.mongo.cosmos.azure.com', 'cosmos-mongo7.documents.azure.com']) {
    const text = `//   mongodb://cosmos-mongo7:${KEY}@${host}:10255/?ssl=true&replicaSet=globaldb&retrywrites=false&appName=@cosmos-mongo7@\n`;
    const f = assertStorageKey(text, { cosmos: true, account: 'cosmos-mongo7', grade: 'high' });
    assert.match(f.message, /^Cosmos DB account key for cosmos-mongo7 /);
    assert.equal(text.slice(f.secretRange.start, f.secretRange.end), KEY);
  }
  // A MongoDB server of any other kind: its password is no Azure key.
  assertNoClaim(`MONGO_URL=mongodb://app:${KEY}@localhost:27017/db\n`, '.env');
  assertNoClaim(`ATLAS=mongodb+srv://app:${KEY}@cluster0.abcde.mongodb.net/test\n`, '.env');
  // Not a URL's password: no `scheme://user:` before it.
  assertNoClaim(`note: ${KEY}@cosmos-mongo7.mongo.cosmos.azure.com\n`);
});

test('Cosmos DB keys: a MongoDB connection string whose key is percent-encoded, as apps and samples write it', () => {
  // A key with `+` and `/` in it, so that the encoded form holds `%2B` and `%2F` as well as `%3D%3D`.
  let n = 702;
  let key = fakeAccountKey(n);
  while (!/\+/.test(key) || !/\//.test(key)) key = fakeAccountKey(++n);
  const encoded = encodeURIComponent(key);
  assert.ok(/%2B/.test(encoded) && /%2F/.test(encoded) && encoded.endsWith('%3D%3D'), encoded);
  // Escapes in upper case (encodeURIComponent's) and in lower case.
  for (const written of [encoded, encoded.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase())]) {
    for (const host of ['cosmos-mongo8.mongo.cosmos.azure.com', 'cosmos-mongo8.documents.azure.com']) {
      const text = `const uri = "mongodb://cosmos-mongo8:${written}@${host}:10255/?ssl=true&replicaSet=globaldb&appName=@cosmos-mongo8@";\n`;
      const f = assertStorageKey(text, { cosmos: true, account: 'cosmos-mongo8', grade: 'high' });
      // The range is the key as written (escapes and padding), the identity the decoded key's.
      assert.equal(text.slice(f.secretRange.start, f.secretRange.end), written);
      assert.equal(f.fingerprint, scanOne(`mongodb://cosmos-mongo8:${key}@${host}:10255/`).fingerprint);
      assert.equal(f.redactedSecret.slice(0, 4), key.slice(0, 4));
    }
  }
  // The public Cosmos DB emulator key, encoded: info, never a claim.
  const emulator = 'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';
  assertNoClaim(`mongodb://emu:${encodeURIComponent(emulator)}@emu.mongo.cosmos.azure.com:10255/admin?ssl=true\n`);
  // Any other host's password, a run one character short, and no `scheme://user:` before it: nothing.
  assertNoClaim(`MONGO_URL=mongodb://app:${encoded}@localhost:27017/db\n`, '.env');
  assertNoClaim(`mongodb://cosmos-mongo8:${encoded.slice(1)}@cosmos-mongo8.mongo.cosmos.azure.com:10255/\n`);
  assertNoClaim(`note: ${encoded}@cosmos-mongo8.mongo.cosmos.azure.com\n`);
});

test('Cosmos DB keys: the key argument of a Cosmos DB client, the endpoint in a variable', () => {
  const cases = [
    `this.cosmosClient = new CosmosClient(EndpointUri, "${KEY}");`,
    `var client = new DocumentClient(new Uri(endpointUrl), "${KEY}");`,
    `client = CosmosClient(url, credential="${KEY}")`,
    `client = CosmosClient(URL, "${KEY}")`,
  ];
  for (const text of cases) {
    assert.doesNotMatch(text, /key/i);
    const f = assertStorageKey(text, { cosmos: true, grade: 'critical', evidence: /the key argument of (CosmosClient|DocumentClient)/ });
    assert.equal(slices(text, f).secret, KEY, text);
    assert.ok(f.details.type === 'key' && f.details.account === undefined, f.message);
  }
});

test('a keyword argument of a storage SDK call is its key argument; of any other call, nothing', () => {
  const text = `service = BlobServiceClient(account_url="https://contosodata.blob.core.windows.net", credential="${KEY}")`;
  const f = assertStorageKey(text, { cosmos: false, grade: 'critical', evidence: /the key argument of BlobServiceClient/ });
  assert.equal(slices(text, f).secret, KEY);
  assertNoClaim(`token = jwt.encode(payload, secret="${KEY}", algorithm="HS512")`);
  assertNoClaim(`h = Hasher(data, salt="${KEY}")`);
  // A comparison is no keyword argument.
  assertNoClaim(`if (client.Secret == "${KEY}") return;`);
});

test('Service Bus keys: SharedAccessKey context is the evidence; a bare 44-character value is not', () => {
  const sbKey = fakeSignature(704);
  assert.equal(scanOne(`Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${sbKey}`).ruleId, 'servicebus-key');
  assert.equal(scanOne(`"SharedAccessKey": "${sbKey}"`).ruleId, 'servicebus-key');
  for (const text of [`var key = "${sbKey}";`, `"Jwt": { "Key": "${sbKey}" }`, `hmacKey: ${sbKey}`]) assertNoClaim(text);
});

// ---- the key named in a sibling or parent field ---------------------------------------------------

test('name/value pairs: {"name": "accessKey", "value": …} and "key": "StorageAccountKey", "value": …', () => {
  const nameValue = `[\n  {"name": "accountName", "value": "contosodata"},\n  {"name": "accessKey", "value": "${KEY}"}\n]`;
  const f = assertStorageKey(nameValue, { account: 'contosodata' });
  assert.equal(slices(nameValue, f).secret, KEY);
  assertStorageKey(`{"name": "StorageAccountKey", "value": "${KEY}"}`, { grade: 'critical', evidence: /named StorageAccountKey/ });
  assertStorageKey(`{"key": "StorageAccountKey", "value": "${KEY}"}`, { grade: 'critical' });
  assertNoClaim(`{"name": "JwtKey", "value": "${KEY}"}`);
});

test("a storage account's listKeys response, as ARM, the az CLI and test recordings keep it", () => {
  const key2 = fakeAccountKey(711);
  const arm = `{"keys":[{"keyName":"key1","value":"${KEY}","permissions":"FULL"},{"keyName":"key2","value":"${key2}","permissions":"FULL"}]}`;
  const armFindings = scan(arm);
  assert.deepEqual(
    armFindings.map((f) => [f.ruleId, f.grade, slices(arm, f).secret]),
    [
      ['storage-account-key', 'critical', KEY],
      ['storage-account-key', 'critical', key2],
    ],
  );
  assert.match(armFindings[0]!.message, /listKeys response/);
  // az storage account keys list, as JSON (permissions first) and as YAML.
  assertStorageKey(`[\n  {\n    "keyName": "key1",\n    "permissions": "FULL",\n    "value": "${KEY}"\n  }\n]`, { grade: 'critical', evidence: /listKeys/ });
  const yamlKey = assertStorageKey(`- keyName: key2\n  permissions: FULL\n  value: ${KEY}\n`, { grade: 'critical', evidence: /listKeys/ });
  assert.ok(yamlKey.details.type === 'key' && yamlKey.details.keyName === 'key2');
  // A nock recording: the body is JSON in a string, and the request's ARM path names the account.
  const nock =
    `.post('/subscriptions/0b1f6471-1bf0-4dda-aec3-ef9272d7b0a7/resourceGroups/xplatTestRg/providers/Microsoft.Storage/storageAccounts/xplatteststorage11549/listKeys?api-version=2015-06-15', '*')\n` +
    `  .reply(200, "{\\"keys\\":[{\\"keyName\\":\\"key1\\",\\"permissions\\":\\"Full\\",\\"value\\":\\"${KEY}\\"}]}", { 'cache-control': 'no-cache' });`;
  const recorded = assertStorageKey(nock, { grade: 'critical', account: 'xplatteststorage11549', evidence: /listKeys/ });
  assert.equal(slices(nock, recorded).secret, KEY);
  // The request names the group and the response the key: the revoke plan renews that key only.
  assert.ok(recorded.details.type === 'key' && recorded.details.keyName === 'key1' && recorded.details.resourceGroup === 'xplatTestRg');
  assert.deepEqual(revokeCommands(revocationFor(recorded)), [
    'az storage account keys renew --resource-group xplatTestRg --account-name xplatteststorage11549 --key primary',
  ]);
  // The second key of the ARM list is key2, renewed as the secondary.
  const second = scan(arm)[1]!;
  assert.ok(second.details.type === 'key' && second.details.keyName === 'key2');
  assert.deepEqual(revokeCommands(revocationFor(second)), [
    'az storage account keys renew --resource-group <resource-group> --account-name <account> --key secondary',
  ]);
  // A Python recording (YAML): the request's uri is above the response.
  const yaml =
    `- request:\n    method: POST\n    uri: https://management.azure.com/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/pystorage1a2b/listKeys?api-version=2021-04-01\n` +
    `  response:\n    body:\n      string: '{"keys":[{"creationTime":"2021-05-01T00:00:00.0000000Z","keyName":"key1","value":"${KEY}","permissions":"FULL"}]}'\n`;
  assertStorageKey(yaml, { grade: 'critical', account: 'pystorage1a2b' });
});

test('a listKeys-like object that is not a storage key list claims nothing', () => {
  for (const text of [
    `{"keyName":"signing","value":"${KEY}"}`,
    `{"name":"key1","value":"${KEY}"}`,
    `{"keyName":"kerb1","value":"${KEY}","permissions":"FULL"}`,
    `{"keyName":"key1","jwtValue":"${KEY}"}`,
    `{"key1":"${KEY}","key2":"${fakeAccountKey(712)}"}`,
    `{"keyName":"key10","value":"${KEY}"}`,
  ]) {
    assertNoClaim(text);
  }
});

test('ARM parameter files and templates: "storageAccountKey": {"value": …} and "defaultValue"', () => {
  const params = `{\n  "parameters": {\n    "storageAccountName": { "value": "contosodata" },\n    "storageAccountKey": {\n      "value": "${KEY}"\n    }\n  }\n}\n`;
  const f = assertStorageKey(params, { grade: 'critical', account: 'contosodata' });
  assert.equal(slices(params, f).secret, KEY);
  const template = `"parameters": {\n  "storageAccountKey": {\n    "type": "securestring",\n    "defaultValue": "${KEY}"\n  }\n}`;
  assertStorageKey(template, { grade: 'critical' });
  assertNoClaim(`"parameters": { "jwtSigningKey": { "value": "${KEY}" } }`);
});

test('.NET Settings.settings and app.config <setting> elements', () => {
  const settings = `<Settings>\n  <Setting Name="StorageAccountKey" Type="(Web Service URL)" Scope="Application">\n    <Value Profile="(Default)">${KEY}</Value>\n  </Setting>\n</Settings>\n`;
  const f = assertStorageKey(settings, { grade: 'critical', evidence: /named StorageAccountKey/ });
  assert.equal(slices(settings, f).secret, KEY);
  const appConfig = `<applicationSettings>\n  <setting name="AzureStorageKey" serializeAs="String">\n    <value>${KEY}</value>\n  </setting>\n</applicationSettings>\n`;
  assertStorageKey(appConfig, { grade: 'critical' });
  assertNoClaim(`<setting name="JwtSigningKey" serializeAs="String">\n  <value>${KEY}</value>\n</setting>`);
});

test('XML elements, #define and C++ direct-initialisation', () => {
  const xml = `<Storage>\n  <AccountName>contosodata</AccountName>\n  <AccountKey>${KEY}</AccountKey>\n</Storage>`;
  assertStorageKey(xml, { grade: 'critical', account: 'contosodata' });
  assertStorageKey(`<StorageAccountKey>${KEY}</StorageAccountKey>`, { grade: 'critical' });
  assertStorageKey(`#define TEST_STORAGE_ACCOUNT_KEY "${KEY}"`, { grade: 'critical' });
  const cpp = `const utility::string_t test_account_name(_XPLATSTR("contosodata"));\nconst utility::string_t test_account_key(_XPLATSTR("${KEY}"));`;
  assertStorageKey(cpp, { grade: 'critical', account: 'contosodata' });
  assertNoClaim(`#define TEST_HMAC_KEY "${KEY}"`);
  assertNoClaim(`<SigningKey>${KEY}</SigningKey>`);
});

// ---- one key, one verdict -------------------------------------------------------------------------

test('the same key gets one verdict in a file: a sample account decides for every occurrence', () => {
  const text = `function a() {\n  var cs = 'DefaultEndpointsProtocol=https;AccountName=storagesample;AccountKey=${KEY};';\n}\nfunction b() {\n  assert.equal(parsed['AccountKey'], '${KEY}');\n}\nfunction c() {\n  const storageKey = '${KEY}';\n}\n`;
  const findings = scan(text);
  assert.equal(findings.length, 3);
  for (const f of findings) {
    assert.equal(f.grade, 'info', f.message);
    assert.ok(f.details.type === 'key' && f.details.account === 'storagesample');
  }
  assert.match(findings[2]!.reasons.join(' '), /same key is used with the sample account storagesample/);
  // Without the sample, the named occurrences keep their own verdict.
  const live = scan(text.replace('storagesample', 'contosodata'));
  assert.ok(
    live.every((f) => f.grade === 'critical'),
    live.map((f) => f.message).join(' | '),
  );
});

test('the emulator key is info in every new form', () => {
  for (const text of [
    `new StorageSharedKeyCredential("devstoreaccount1", "${AZURITE}")`,
    `<AccountKey>${AZURITE}</AccountKey>`,
    `// the emulator's shared key\nstorage_credentials(_XPLATSTR("devstoreaccount1"), _XPLATSTR("${AZURITE}"))`,
  ]) {
    const f = scanOne(text);
    assert.equal(f.grade, 'info', text);
  }
});

// ---- messages and hover name the account ----------------------------------------------------------

test('the hover shows the evidence and the account named nearby', () => {
  const f = scanOne(`accountName: contosodata\nstorageKey: ${KEY}\n`);
  const hover = hoverMarkdown(f);
  assert.match(hover, /Evidence/);
  assert.match(hover, /the setting is named storageKey/);
  assert.match(hover, /contosodata/);
  assert.ok(!hover.includes(KEY.slice(0, 8)), 'no secret in the hover');
  assert.match(f.message, /^Storage account key for contosodata \(the setting is named storageKey; full control of the account, never expires\) — critical$/);
});

// ---- properties -----------------------------------------------------------------------------------

const GENERIC_NAMES = [
  'key',
  'Key',
  'expectedKey',
  'KEY4',
  'SigningKey',
  'HmacKey',
  'publicKey',
  'EncryptionKey',
  'jwtKey',
  'apiKey',
  'secretKey',
  'privateKey',
];
const STORAGE_NAMES = ['AccountKey', 'StorageKey', 'storageAccountKey', 'AZURE_STORAGE_KEY', 'STORAGE_ACCOUNT_KEY', 'azureStorageAccessKey', 'blob_key'];
const SHAPES = [
  (n: string, v: string) => `${n} = "${v}"`,
  (n: string, v: string) => `"${n}": "${v}",`,
  (n: string, v: string) => `${n}: ${v}`,
  (n: string, v: string) => `$${n} = '${v}'`,
];

/** 200 fabricated keys (numbered from `firstKey`), each under a name from `names` in one of SHAPES, both picked by the seeded generator. */
function forKeysUnderNames(seed: number, firstKey: number, names: readonly string[], check: (text: string, key: string) => void): void {
  const next = seededRandom(seed);
  for (let i = 0; i < 200; i++) {
    const key = fakeAccountKey(firstKey + i);
    const name = names[Math.floor(next() * names.length)]!;
    const shape = SHAPES[Math.floor(next() * SHAPES.length)]!;
    check(shape(name, key), key);
  }
}

test('property: any 64 random bytes under a generic name give nothing at warning or error', () => {
  forKeysUnderNames(705, 10_000, GENERIC_NAMES, (text) => assertNoClaim(text));
});

test('property: any 64 random bytes under a storage name are a storage account key', () => {
  forKeysUnderNames(706, 20_000, STORAGE_NAMES, (text, key) => {
    const findings = scan(text);
    assert.equal(findings.length, 1, text);
    assert.equal(findings[0]!.ruleId, 'storage-account-key');
    assert.equal(findings[0]!.grade, 'critical', findings[0]!.message);
    assert.equal(slices(text, findings[0]!).secret, key);
  });
});

test('dense 64-byte values in every new form complete and claim nothing without evidence', () => {
  const units = [
    (k: string) => `var key = '${k}';\n`,
    (k: string) => `{"name": "item", "value": "${k}"},`,
    (k: string) => `f(g(_XPLATSTR("${k}"), key));\n`,
    (k: string) => `${'{'.repeat(40)} key = '${k}'\n`,
    (k: string) => `<Setting Name="JwtKey" Type="x">\n<!-- c --><Value>${k}</Value></Setting>\n`,
  ];
  for (const unit of units) {
    const parts: string[] = [];
    for (let i = 0, size = 0; size < 128 * 1024; i++) {
      const piece = unit(fakeAccountKey(30_000 + i));
      parts.push(piece);
      size += piece.length;
    }
    const text = parts.join('');
    assert.equal(scan(text).filter((f) => gradeLevel(f.grade) !== 'info').length, 0, unit('K'));
  }
});
