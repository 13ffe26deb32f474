// The fixes on storage keys whose name sits in a sibling or parent field (issue 9): JSON name/value
// pairs, ARM parameter files and templates, .NET Settings.settings and app.config, XML elements and
// SDK calls. The engine's own finding is fixed: strip empties the key where it stands, the
// environment reference replaces it, the suppression comment silences it, and the edited file
// still parses (JSON.parse, and a well-formedness check for XML, as the other fix tests check theirs).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scanText } from '../../../server/src/core';
import { applyEdits, envReferenceFix, stripSignatureFix, suppressionFix } from '../../../server/src/core/fixes';
import { KEY } from './helpers';

const NOW = new Date('2025-06-01T00:00:00Z');

interface NamedElsewhereCase {
  readonly name: string;
  readonly languageId: string;
  readonly fileName: string;
  readonly text: string;
  readonly parse: 'json' | 'xml' | 'none';
}

const CASES: readonly NamedElsewhereCase[] = [
  {
    name: 'JSON name/value pairs',
    languageId: 'json',
    fileName: 'appsettings.json',
    parse: 'json',
    text: `[\n  {"name": "accountName", "value": "contosodata"},\n  {"name": "accessKey", "value": "${KEY}"}\n]\n`,
  },
  {
    name: 'JSON "key"/"value" pair',
    languageId: 'json',
    fileName: 'variables.json',
    parse: 'json',
    text: `{"variables": [{"key": "StorageAccountKey", "value": "${KEY}"}]}\n`,
  },
  {
    name: 'ARM parameter file',
    languageId: 'json',
    fileName: 'azuredeploy.parameters.json',
    parse: 'json',
    text: `{\n  "parameters": {\n    "storageAccountName": { "value": "contosodata" },\n    "storageAccountKey": {\n      "value": "${KEY}"\n    }\n  }\n}\n`,
  },
  {
    name: 'ARM template defaultValue',
    languageId: 'json',
    fileName: 'azuredeploy.json',
    parse: 'json',
    text: `{\n  "parameters": {\n    "storageAccountKey": { "type": "securestring", "defaultValue": "${KEY}" }\n  }\n}\n`,
  },
  {
    name: '.NET Settings.settings',
    languageId: 'xml',
    fileName: 'Properties/Settings.settings',
    parse: 'xml',
    text: `<?xml version='1.0' encoding='utf-8'?>\n<SettingsFile CurrentProfile="(Default)">\n  <Settings>\n    <Setting Name="StorageAccountKey" Type="(Web Service URL)" Scope="Application">\n      <Value Profile="(Default)">${KEY}</Value>\n    </Setting>\n  </Settings>\n</SettingsFile>\n`,
  },
  {
    name: 'app.config applicationSettings',
    languageId: 'xml',
    fileName: 'app.config',
    parse: 'xml',
    text: `<configuration>\n  <applicationSettings>\n    <setting name="AzureStorageKey" serializeAs="String">\n      <value>${KEY}</value>\n    </setting>\n  </applicationSettings>\n</configuration>\n`,
  },
  {
    name: 'XML <AccountKey> element',
    languageId: 'xml',
    fileName: 'TestConfigurations.xml',
    parse: 'xml',
    text: `<TenantConfiguration>\n  <AccountName>contosodata</AccountName>\n  <AccountKey>${KEY}</AccountKey>\n</TenantConfiguration>\n`,
  },
  {
    name: 'StorageSharedKeyCredential call',
    languageId: 'csharp',
    fileName: 'Program.cs',
    parse: 'none',
    text: `var cred = new StorageSharedKeyCredential("contosodata", "${KEY}");\n`,
  },
];

/**
 * XML well-formedness, as far as these files need: declarations and comments closed, every start
 * tag closed by its end tag in order, attribute values quoted, no stray `<` in text.
 */
function assertWellFormedXml(text: string): void {
  const open: string[] = [];
  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    if (lt < 0) break;
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      assert.ok(end > 0, 'comment closed');
      i = end + 3;
      continue;
    }
    const gt = text.indexOf('>', lt);
    assert.ok(gt > 0, 'tag closed');
    const tag = text.slice(lt + 1, gt);
    assert.ok(!tag.includes('<'), `no "<" inside a tag: ${tag}`);
    if (tag.startsWith('?')) assert.ok(tag.endsWith('?'), 'declaration closed');
    else if (tag.startsWith('/')) assert.equal(open.pop(), tag.slice(1).trim(), 'end tag matches');
    else {
      const match = /^([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)$/.exec(tag);
      assert.ok(match, `start tag well formed: <${tag}>`);
      if (match[3] !== '/') open.push(match[1]!);
    }
    i = gt + 1;
  }
  assert.deepEqual(open, [], 'every element closed');
}

function parses(kind: NamedElsewhereCase['parse'], text: string): void {
  if (kind === 'json') JSON.parse(text);
  if (kind === 'xml') assertWellFormedXml(text);
}

describe('fixes on keys named in a sibling or parent field', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const options = { now: NOW, languageId: c.languageId, fileName: c.fileName };
      const findings = scanText(c.text, options).findings;
      assert.equal(findings.length, 1, findings.map((f) => f.message).join(' | '));
      const f = findings[0]!;
      assert.equal(f.ruleId, 'storage-account-key');
      assert.equal(c.text.slice(f.secretRange.start, f.secretRange.end), KEY, 'the finding points at the value');
      parses(c.parse, c.text);

      const stripped = applyEdits(c.text, stripSignatureFix(c.text, f));
      assert.equal(stripped, c.text.replace(KEY, ''), 'strip empties the key where it stands');
      assert.equal(scanText(stripped, options).findings.length, 0);
      parses(c.parse, stripped);

      const env = envReferenceFix(c.text, f, { languageId: c.languageId, fileName: c.fileName });
      assert.ok(env.edits.length > 0);
      assert.ok(!env.title.includes(KEY));
      const referenced = applyEdits(c.text, env.edits);
      assert.ok(!referenced.includes(KEY));
      assert.equal(scanText(referenced, options).findings.length, 0);
      parses(c.parse, referenced);

      const suppression = suppressionFix(c.text, f, c.languageId, c.fileName);
      if (c.parse !== 'json') {
        // JSON has no comments; every other form takes a suppression comment.
        assert.ok(suppression, 'a suppression comment is offered');
      }
      if (suppression) {
        const silenced = applyEdits(c.text, [suppression]);
        const result = scanText(silenced, options);
        assert.equal(result.findings.length, 0);
        assert.equal(result.suppressed.length, 1);
        parses(c.parse, silenced);
      }
    });
  }
});
