// The quick fixes on a SAS token split over string literals (the detector joins them into one
// finding): "strip the signature" removes it where it sits, "replace with environment reference"
// replaces the whole expression (no `+ "…"` piece is left behind), fix-all and the suppression comment
// work, and every fixed file still parses with the language's own parser. JS, TS, Python and bash
// programs are also run: the fixed one, with the variable set to `secretValue`, prints what the
// original printed. Kotlin and PowerShell have no parser on this machine: exact text only.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scanText, type Finding } from '../../../server/src/core';
import { applyEdits, editsOverlap, envReferenceFix, fixAllStripSignatures, stripSignatureFix, suppressionFix } from '../../../server/src/core/fixes';
import { SIG_ENC } from './helpers';
import { parse, runProgram, type ParserLanguage } from './parsers';

const NOW = new Date('2025-06-01T00:00:00Z');
const URL_PART = 'https://contosodata.blob.core.windows.net/reports?sv=2022-11-02&sp=rwdl';
const QUERY_PART = `&se=2026-01-01T00:00:00Z&sr=c&sig=${SIG_ENC}`;
const TOKEN = URL_PART + QUERY_PART;

interface SplitCase {
  readonly name: string;
  readonly fileName: string;
  readonly languageId: string;
  readonly text: string;
  /** The environment-reference fix's output, exactly. */
  readonly expected: string;
  readonly parser?: ParserLanguage;
  readonly run?: 'javascript' | 'typescript' | 'python' | 'shell';
}

const CASES: readonly SplitCase[] = [
  {
    name: 'JavaScript `+` across lines',
    fileName: 'upload.js',
    languageId: 'javascript',
    text: `const reportsSasUrl = "${URL_PART}" +\n  "${QUERY_PART}";\nconsole.log(reportsSasUrl);\n`,
    expected: `const reportsSasUrl = process.env.REPORTS_SAS_URL;\nconsole.log(reportsSasUrl);\n`,
    parser: 'javascript',
    run: 'javascript',
  },
  {
    name: 'JavaScript: the whole query in the second literal still leaves as a whole (no `"…" + "?" +` left)',
    fileName: 'upload.js',
    languageId: 'javascript',
    text: `const reportsSasUrl = "https://contosodata.blob.core.windows.net/reports" + "?sv=2022-11-02&sp=rwdl${QUERY_PART}";\nconsole.log(reportsSasUrl);\n`,
    expected: `const reportsSasUrl = process.env.REPORTS_SAS_URL;\nconsole.log(reportsSasUrl);\n`,
    parser: 'javascript',
    run: 'javascript',
  },
  {
    name: 'TypeScript `+` with a template piece and a trailing parameter',
    fileName: 'upload.ts',
    languageId: 'typescript',
    text: `const reportsSasUrl: string = '${URL_PART}'\n  + \`${QUERY_PART}\` + '&comp=list';\nconsole.log(reportsSasUrl);\n`,
    expected: `const reportsSasUrl: string = process.env.REPORTS_SAS_URL!;\nconsole.log(reportsSasUrl);\n`,
    parser: 'typescript',
    run: 'typescript',
  },
  {
    name: 'Python implicit concatenation in parentheses',
    fileName: 'upload.py',
    languageId: 'python',
    text: `reports_sas_url = (\n    "${URL_PART}"\n    "${QUERY_PART}"\n)\nprint(reports_sas_url)\n`,
    expected: `import os\n\nreports_sas_url = (\n    os.environ["CONTOSODATA_SAS_URL"]\n)\nprint(reports_sas_url)\n`,
    parser: 'python',
    run: 'python',
  },
  {
    name: 'C# `+` and a verbatim piece',
    fileName: 'Upload.cs',
    languageId: 'csharp',
    text: `var reportsSasUrl = "${URL_PART}" +\n    @"${QUERY_PART}";\nSystem.Console.WriteLine(reportsSasUrl);\n`,
    expected: `var reportsSasUrl = Environment.GetEnvironmentVariable("REPORTS_SAS_URL");\nSystem.Console.WriteLine(reportsSasUrl);\n`,
    parser: 'csharp-statements',
  },
  {
    name: 'Java `+` at the start of the next line',
    fileName: 'Snippet.java',
    languageId: 'java',
    text: `class Snippet {\n  String reportsSasUrl = "${URL_PART}"\n      + "${QUERY_PART}";\n}\n`,
    expected: `class Snippet {\n  String reportsSasUrl = System.getenv("REPORTS_SAS_URL");\n}\n`,
    parser: 'java',
  },
  {
    name: 'Go `+` and a raw-string piece',
    fileName: 'upload.go',
    languageId: 'go',
    text: `package main\n\nvar reportsSasURL = "${URL_PART}" +\n\t\`${QUERY_PART}\`\n`,
    expected: `package main\n\nimport "os"\n\nvar reportsSasURL = os.Getenv("REPORTS_SAS_URL")\n`,
    parser: 'go',
  },
  {
    name: 'PHP `.`',
    fileName: 'upload.php',
    languageId: 'php',
    text: `<?php\n$reportsSasUrl = '${URL_PART}' .\n  "${QUERY_PART}";\necho $reportsSasUrl;\n`,
    expected: `<?php\n$reportsSasUrl = getenv('REPORTS_SAS_URL');\necho $reportsSasUrl;\n`,
    parser: 'php',
  },
  {
    name: 'Ruby adjacent literals with `\\` continuation',
    fileName: 'upload.rb',
    languageId: 'ruby',
    text: `reports_sas_url = "${URL_PART}" \\\n  '${QUERY_PART}'\nputs reports_sas_url\n`,
    expected: `reports_sas_url = ENV.fetch("REPORTS_SAS_URL")\nputs reports_sas_url\n`,
    parser: 'ruby',
  },
  {
    name: 'bash words that touch',
    fileName: 'upload.sh',
    languageId: 'shellscript',
    text: `reports_sas_url="${URL_PART}"'${QUERY_PART}'\necho "$reports_sas_url"\n`,
    expected: `reports_sas_url="\${REPORTS_SAS_URL}"\necho "$reports_sas_url"\n`,
    parser: 'shell',
    run: 'shell',
  },
  {
    name: 'bash words joined by a `\\` line continuation',
    fileName: 'upload.sh',
    languageId: 'shellscript',
    text: `echo "${URL_PART}"\\\n'${QUERY_PART}'\n`,
    expected: `echo "\${CONTOSODATA_SAS_URL}"\n`,
    parser: 'shell',
    run: 'shell',
  },
  {
    name: 'bash unquoted word then a quoted one',
    fileName: 'upload.sh',
    languageId: 'shellscript',
    text: `echo https://contosodata.blob.core.windows.net/reports?sv=2022-11-02'&sp=rwdl${QUERY_PART}'\n`,
    expected: `echo "\${CONTOSODATA_SAS_URL}"\n`,
    parser: 'shell',
    run: 'shell',
  },
  {
    name: 'PowerShell `+` with backtick continuation',
    fileName: 'upload.ps1',
    languageId: 'powershell',
    text: `$reportsSasUrl = "${URL_PART}" + \`\n  '${QUERY_PART}'\nWrite-Output $reportsSasUrl\n`,
    expected: `$reportsSasUrl = $env:REPORTS_SAS_URL\nWrite-Output $reportsSasUrl\n`,
  },
  {
    name: 'Kotlin `+` at a line end',
    fileName: 'Upload.kt',
    languageId: 'kotlin',
    text: `val reportsSasUrl = "${URL_PART}" +\n    "${QUERY_PART}"\n`,
    expected: `val reportsSasUrl = System.getenv("REPORTS_SAS_URL")\n`,
  },
  {
    name: 'C adjacent literals in a macro with `\\` (no environment syntax: a placeholder inside the literal)',
    fileName: 'upload.c',
    languageId: 'c',
    text: `#define REPORTS_SAS_URL "${URL_PART}" \\\n  "${QUERY_PART}"\nconst char *reports_sas_url = REPORTS_SAS_URL;\n`,
    expected: `#define REPORTS_SAS_URL "\${CONTOSODATA_SAS_URL}"\nconst char *reports_sas_url = REPORTS_SAS_URL;\n`,
    parser: 'c',
  },
];

function joinedFinding(c: SplitCase): Finding {
  const findings = scanText(c.text, { now: NOW, fileName: c.fileName, languageId: c.languageId }).findings;
  assert.equal(findings.length, 1, findings.map((f) => f.message).join(' | ') || 'no finding');
  const finding = findings[0]!;
  assert.ok((finding.literalCount ?? 1) >= 2, 'the token is joined from several literals');
  return finding;
}

function assertParses(c: SplitCase, code: string, what: string): void {
  if (!c.parser) return;
  const result = parse(c.parser, code);
  assert.ok(result.ok, `${what} does not parse as ${c.parser}:\n${result.output}\n---\n${code}`);
}

function reportsAgain(c: SplitCase, code: string, fingerprint: string): boolean {
  return scanText(code, { now: NOW, fileName: c.fileName, languageId: c.languageId }).findings.some((f) => f.fingerprint === fingerprint);
}

describe('quick fixes on a token split over string literals', () => {
  for (const c of CASES) {
    it(`${c.name}: the input parses, every fix keeps it parsing and disarms the token`, () => {
      assertParses(c, c.text, 'the case’s own input');
      const finding = joinedFinding(c);

      const strip = stripSignatureFix(c.text, finding);
      const stripped = applyEdits(c.text, strip);
      // Exactly `&sig=…` leaves, from the literal it sits in.
      assert.equal(stripped, c.text.replace(`&sig=${SIG_ENC}`, ''));
      assertParses(c, stripped, 'the stripped file');
      assert.equal(reportsAgain(c, stripped, finding.fingerprint), false);
      assert.equal(applyEdits(c.text, fixAllStripSignatures(c.text, [finding])), stripped);

      const env = envReferenceFix(c.text, finding, { languageId: c.languageId, fileName: c.fileName });
      assert.equal(editsOverlap(env.edits), false);
      const replaced = applyEdits(c.text, env.edits);
      assert.equal(replaced, c.expected);
      assert.ok(!env.title.includes(SIG_ENC), 'the secret is in the title');
      // The whole joined value moves to the environment, as the program saw it.
      assert.equal(env.secretValue, c.name.includes('trailing parameter') ? `${TOKEN}&comp=list` : TOKEN);
      assertParses(c, replaced, 'the file with the environment reference');
      assert.equal(reportsAgain(c, replaced, finding.fingerprint), false);
      if (c.run) {
        const original = runProgram(c.run, c.text);
        const fixed = runProgram(c.run, replaced, { [env.variableName]: env.secretValue });
        assert.equal(fixed, original, 'the fixed program computes another value');
      }

      const suppression = suppressionFix(c.text, finding, c.languageId, c.fileName);
      assert.ok(suppression, 'a suppression comment is offered');
      const suppressed = applyEdits(c.text, [suppression]);
      assertParses(c, suppressed, 'the file with the suppression comment');
      const rescanned = scanText(suppressed, { now: NOW, fileName: c.fileName, languageId: c.languageId });
      assert.equal(rescanned.findings.length, 0);
      assert.equal(rescanned.suppressed.length, 1);
    });
  }

  it('a signature cut between two literals is stripped across them, and the code still parses', () => {
    const cut = SIG_ENC.length - 4;
    const text = `const u = "${URL_PART}&se=2026-01-01T00:00:00Z&sr=c&sig=${SIG_ENC.slice(0, cut)}" +\n  "${SIG_ENC.slice(cut)}&comp=list";\nconsole.log(u);\n`;
    const c: SplitCase = { name: 'cut signature', fileName: 'a.js', languageId: 'javascript', text, expected: '', parser: 'javascript', run: 'javascript' };
    const finding = joinedFinding(c);
    const stripped = applyEdits(text, stripSignatureFix(text, finding));
    assert.equal(stripped, `const u = "${URL_PART}&se=2026-01-01T00:00:00Z&sr=c&comp=list";\nconsole.log(u);\n`);
    assertParses(c, stripped, 'the stripped file');
  });
});
