// "Mark as reviewed": the comment syntax per language, the indentation, the cases where no line
// above can be added, and the detector then reports the token as suppressed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scanText } from '../../../server/src/core';
import { applyEdits, suppressionFix } from '../../../server/src/core/fixes';
import { IOT_DEVICE_CONN, SAS_URL, sasFinding, findingOf } from './helpers';
import { parse } from './parsers';

interface SuppressionCase {
  readonly name: string;
  readonly languageId: string;
  readonly fileName: string;
  readonly text: string;
  /** undefined: no comment can be added. */
  readonly expected: string | undefined;
}

const U = SAS_URL;

const CASES: readonly SuppressionCase[] = [
  {
    name: 'typescript //, indentation kept',
    languageId: 'typescript',
    fileName: 'a.ts',
    text: `function f() {\n    const u = "${U}";\n}\n`,
    expected: `function f() {\n    // sas-guard-ignore-next-line\n    const u = "${U}";\n}\n`,
  },
  {
    name: 'python #',
    languageId: 'python',
    fileName: 'a.py',
    text: `if True:\n\tu = "${U}"\n`,
    expected: `if True:\n\t# sas-guard-ignore-next-line\n\tu = "${U}"\n`,
  },
  {
    name: 'yaml #',
    languageId: 'yaml',
    fileName: 'azure-pipelines.yml',
    text: `variables:\n  url: '${U}'\n`,
    expected: `variables:\n  # sas-guard-ignore-next-line\n  url: '${U}'\n`,
  },
  {
    name: 'markdown <!-- -->',
    languageId: 'markdown',
    fileName: 'README.md',
    text: `Get it [here](${U}).\n`,
    expected: `<!-- sas-guard-ignore-next-line -->\nGet it [here](${U}).\n`,
  },
  {
    name: 'markdown fenced bash block: #',
    languageId: 'markdown',
    fileName: 'README.md',
    text: `Run:\n\n\`\`\`bash\nwget "${U}"\n\`\`\`\n`,
    expected: `Run:\n\n\`\`\`bash\n# sas-guard-ignore-next-line\nwget "${U}"\n\`\`\`\n`,
  },
  {
    name: 'markdown after a closed fence: <!-- -->',
    languageId: 'markdown',
    fileName: 'README.md',
    text: `\`\`\`js\nx()\n\`\`\`\n[a](${U})\n`,
    expected: `\`\`\`js\nx()\n\`\`\`\n<!-- sas-guard-ignore-next-line -->\n[a](${U})\n`,
  },
  {
    name: 'tsx JSX children: {/* */}',
    languageId: 'typescriptreact',
    fileName: 'A.tsx',
    text: `const A = () => (\n  <div>\n    <img src="${U}" />\n  </div>\n);\n`,
    expected: `const A = () => (\n  <div>\n    {/* sas-guard-ignore-next-line */}\n    <img src="${U}" />\n  </div>\n);\n`,
  },
  {
    name: 'tsx first element after ( is code: //',
    languageId: 'typescriptreact',
    fileName: 'A.tsx',
    text: `const A = () => (\n  <img src="${U}" />\n);\n`,
    expected: `const A = () => (\n  // sas-guard-ignore-next-line\n  <img src="${U}" />\n);\n`,
  },
  {
    name: 'html <!-- -->',
    languageId: 'html',
    fileName: 'a.html',
    text: `  <a href="${U}">x</a>\n`,
    expected: `  <!-- sas-guard-ignore-next-line -->\n  <a href="${U}">x</a>\n`,
  },
  { name: 'sql --', languageId: 'sql', fileName: 'a.sql', text: `SELECT '${U}';\n`, expected: `-- sas-guard-ignore-next-line\nSELECT '${U}';\n` },
  {
    name: 'bat REM, CRLF',
    languageId: 'bat',
    fileName: 'a.cmd',
    text: `@echo off\r\nazcopy copy x "${U}"\r\n`,
    expected: `@echo off\r\nREM sas-guard-ignore-next-line\r\nazcopy copy x "${U}"\r\n`,
  },
  { name: "vb '", languageId: 'vb', fileName: 'a.vb', text: `Dim u = "${U}"\n`, expected: `' sas-guard-ignore-next-line\nDim u = "${U}"\n` },
  { name: 'ini ;', languageId: 'ini', fileName: 'a.ini', text: `[s]\nurl=${U}\n`, expected: `[s]\n; sas-guard-ignore-next-line\nurl=${U}\n` },
  {
    name: 'css /* */',
    languageId: 'css',
    fileName: 'a.css',
    text: `a { background: url("${U}"); }\n`,
    expected: `/* sas-guard-ignore-next-line */\na { background: url("${U}"); }\n`,
  },
  {
    name: 'Dockerfile by name',
    languageId: 'plaintext',
    fileName: 'Dockerfile',
    text: `RUN curl "${U}"\n`,
    expected: `# sas-guard-ignore-next-line\nRUN curl "${U}"\n`,
  },
  {
    name: 'Dockerfile continuation: a comment line is allowed there',
    languageId: 'dockerfile',
    fileName: 'Dockerfile',
    text: `RUN apt-get update && \\\n    curl "${U}"\n`,
    expected: `RUN apt-get update && \\\n    # sas-guard-ignore-next-line\n    curl "${U}"\n`,
  },
  { name: '.env by name', languageId: 'plaintext', fileName: '.env.local', text: `URL=${U}\n`, expected: `# sas-guard-ignore-next-line\nURL=${U}\n` },
  {
    name: 'jsonc //',
    languageId: 'jsonc',
    fileName: 'settings.json',
    text: `{\n  "u": "${U}"\n}\n`,
    expected: `{\n  // sas-guard-ignore-next-line\n  "u": "${U}"\n}\n`,
  },
  { name: 'json: no comments, no fix', languageId: 'json', fileName: 'appsettings.json', text: `{\n  "u": "${U}"\n}\n`, expected: undefined },
  { name: 'notebook: no comments, no fix', languageId: 'plaintext', fileName: 'a.ipynb', text: `{"source": ["u = '${U}'"]}\n`, expected: undefined },
  { name: 'unknown type: #', languageId: 'plaintext', fileName: 'notes', text: `url ${U}\n`, expected: `# sas-guard-ignore-next-line\nurl ${U}\n` },
  {
    name: 'shell continuation: trailing comment',
    languageId: 'shellscript',
    fileName: 'a.sh',
    text: `azcopy copy ./x \\\n  "${U}"\n`,
    expected: `azcopy copy ./x \\\n  "${U}" # sas-guard-ignore\n`,
  },
  {
    name: 'shell continuation on both sides: no fix',
    languageId: 'shellscript',
    fileName: 'a.sh',
    text: `azcopy copy ./x \\\n  "${U}" \\\n  --recursive\n`,
    expected: undefined,
  },
  {
    name: 'powershell backtick continuation: trailing comment',
    languageId: 'powershell',
    fileName: 'a.ps1',
    text: `azcopy copy ./x \`\n  "${U}"\n`,
    expected: `azcopy copy ./x \`\n  "${U}" # sas-guard-ignore\n`,
  },
  {
    name: 'inside a multi-line template literal closing on the line: trailing comment',
    languageId: 'javascript',
    fileName: 'a.js',
    text: `const t = \`line\n${U}\`;\n`,
    expected: `const t = \`line\n${U}\`; // sas-guard-ignore\n`,
  },
  {
    name: 'inside a python triple-quoted string that goes on: no fix',
    languageId: 'python',
    fileName: 'a.py',
    text: `doc = """\n${U}\nmore\n"""\n`,
    expected: undefined,
  },
];

describe('suppressionFix', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const finding = sasFinding(c.text, U);
      const edit = suppressionFix(c.text, finding, c.languageId, c.fileName);
      if (c.expected === undefined) {
        assert.equal(edit, undefined);
        return;
      }
      assert.ok(edit);
      const out = applyEdits(c.text, [edit]);
      assert.equal(out, c.expected);
      const now = new Date('2025-06-01T00:00:00Z');
      const before = scanText(c.text, { now, fileName: c.fileName, languageId: c.languageId });
      const after = scanText(out, { now, fileName: c.fileName, languageId: c.languageId });
      assert.equal(before.findings.length, 1, 'the detector reports the token before');
      assert.equal(after.findings.length, 0, 'the token is still reported');
      assert.equal(after.suppressed.length, 1, 'the token is not reported as suppressed');
      if (c.fileName.endsWith('.tsx')) assert.equal(parse('tsx', out).ok, true, 'the TSX no longer parses');
    });
  }
});

describe('suppressionFix on an IoT Hub device key', () => {
  it('the comment goes above the line and the detector reports the key as suppressed', () => {
    const text = `def connect():\n    conn = "${IOT_DEVICE_CONN}"\n`;
    const now = new Date('2025-06-01T00:00:00Z');
    const before = scanText(text, { now, fileName: 'device.py', languageId: 'python' });
    assert.deepEqual(
      before.findings.map((f) => f.ruleId),
      ['iothub-device-key'],
    );
    const edit = suppressionFix(text, findingOf.iotDeviceConnectionString(text), 'python', 'device.py');
    assert.ok(edit);
    const out = applyEdits(text, [edit]);
    assert.equal(out, `def connect():\n    # sas-guard-ignore-next-line\n    conn = "${IOT_DEVICE_CONN}"\n`);
    const after = scanText(out, { now, fileName: 'device.py', languageId: 'python' });
    assert.equal(after.findings.length, 0);
    assert.deepEqual(
      after.suppressed.map((f) => f.ruleId),
      ['iothub-device-key'],
    );
    assert.equal(parse('python', out).ok, true);
  });
});
