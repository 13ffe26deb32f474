// A SAS token written across string literals that the language joins ("…" + "…", adjacent literals,
// touching shell words) is found once, exactly as the same token in one literal, with its range over
// the whole expression; what the language does not join (variables, comments, interpolations, prose,
// another URL) is never joined. Every signature is fabricated (random bytes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { scanText, type Finding } from '../../../server/src/core';
import { looksMadeUp } from '../../../server/src/core/assess/placeholders';
import { fakeSignature, percentEncode } from '../../support/fakeSecrets';
import { NOW } from '../../support/clock';
import { scan } from './engineAssertions';

const SIG = percentEncode(fakeSignature(9301));
const URL_PART = 'https://contosodata.blob.core.windows.net/reports?sv=2022-11-02&sp=rwdl';
const QUERY_PART = `&se=2030-01-01T00:00:00Z&sr=c&sig=${SIG}`;
const TOKEN = URL_PART + QUERY_PART;

/** The one finding of `text` scanned as `fileName`. */
function only(text: string, fileName: string): Finding {
  const findings = scan(text, { fileName });
  assert.equal(findings.length, 1, `one finding expected in ${fileName}: ${JSON.stringify(text)}; got ${findings.map((f) => f.message).join(' | ') || 'none'}`);
  return findings[0]!;
}

/** The finding of the same token written as one literal, for comparison. */
function unsplit(fileName: string, token = TOKEN): Finding {
  return only(`x = "${token}"\n`, fileName);
}

function assertSameAsUnsplit(found: Finding, reference: Finding): void {
  assert.equal(found.ruleId, reference.ruleId);
  assert.equal(found.grade, reference.grade);
  assert.deepEqual(found.details, reference.details);
  assert.equal(found.fingerprint, reference.fingerprint);
  assert.equal(found.redactedSecret, reference.redactedSecret);
  assert.deepEqual(found.reasons, reference.reasons);
}

interface FormCase {
  readonly name: string;
  readonly fileName: string;
  /** The text; the token's first and last characters are found by `first` and `last`. */
  readonly text: string;
  readonly literals: number;
}

const FORMS: readonly FormCase[] = [
  { name: 'JavaScript `+` across lines', fileName: 'upload.js', text: `const u = "${URL_PART}" +\n  "${QUERY_PART}";\n`, literals: 2 },
  {
    name: 'TypeScript `+` with a template literal piece',
    fileName: 'upload.ts',
    text: `const u: string = '${URL_PART}'\n  + \`${QUERY_PART}\`;\n`,
    literals: 2,
  },
  { name: 'Python implicit concatenation in parentheses', fileName: 'upload.py', text: `u = (\n    "${URL_PART}"\n    "${QUERY_PART}"\n)\n`, literals: 2 },
  { name: 'Python `+` and a raw-string prefix', fileName: 'upload.py', text: `u = "${URL_PART}" + r'${QUERY_PART}'\n`, literals: 2 },
  { name: 'C# `+` and a verbatim string', fileName: 'Upload.cs', text: `var u = "${URL_PART}" +\n    @"${QUERY_PART}";\n`, literals: 2 },
  { name: 'Java `+` at the start of the next line', fileName: 'Upload.java', text: `String u = "${URL_PART}"\n    + "${QUERY_PART}";\n`, literals: 2 },
  { name: 'Go `+` and a raw string', fileName: 'upload.go', text: `var u = "${URL_PART}" +\n\t\`${QUERY_PART}\`\n`, literals: 2 },
  { name: 'Kotlin `+`', fileName: 'Upload.kt', text: `val u = "${URL_PART}" +\n    "${QUERY_PART}"\n`, literals: 2 },
  { name: 'Ruby adjacent literals with `\\` continuation', fileName: 'upload.rb', text: `u = "${URL_PART}" \\\n  '${QUERY_PART}'\n`, literals: 2 },
  { name: 'Ruby `+`', fileName: 'upload.rb', text: `u = '${URL_PART}' +\n  '${QUERY_PART}'\n`, literals: 2 },
  { name: 'PHP `.`', fileName: 'upload.php', text: `<?php\n$u = '${URL_PART}' .\n  '${QUERY_PART}';\n`, literals: 2 },
  { name: 'PowerShell `+` with backtick continuation', fileName: 'upload.ps1', text: `$u = '${URL_PART}' + \`\n  '${QUERY_PART}'\n`, literals: 2 },
  { name: 'PowerShell `+` at a line end', fileName: 'upload.ps1', text: `$u = '${URL_PART}' +\n  '${QUERY_PART}'\n`, literals: 2 },
  { name: 'C adjacent literals in a macro with `\\`', fileName: 'upload.c', text: `#define SAS_URL "${URL_PART}" \\\n  "${QUERY_PART}"\n`, literals: 2 },
  { name: 'C++ adjacent literals across lines', fileName: 'upload.cpp', text: `const char* u =\n  "${URL_PART}"\n  u8"${QUERY_PART}";\n`, literals: 2 },
  { name: 'shell words that touch', fileName: 'upload.sh', text: `curl "${URL_PART}"'${QUERY_PART}'\n`, literals: 2 },
  {
    name: 'shell unquoted word then a quoted one',
    fileName: 'upload.sh',
    text: `curl https://contosodata.blob.core.windows.net/reports?sv=2022-11-02'&sp=rwdl${QUERY_PART}'\n`,
    literals: 2,
  },
  { name: 'shell words joined by a `\\` line continuation', fileName: 'upload.sh', text: `curl "${URL_PART}"\\\n'${QUERY_PART}'\n`, literals: 2 },
  {
    name: 'three pieces, the signature first',
    fileName: 'upload.js',
    text: `const u = "https://contosodata.blob.core.windows.net/reports?sig=${SIG}" +\n  "&sv=2022-11-02&sp=rwdl" +\n  "&se=2030-01-01T00:00:00Z&sr=c";\n`,
    literals: 3,
  },
  { name: 'language taken from the editor language id', fileName: 'untitled-1', text: `const u = "${URL_PART}" + "${QUERY_PART}";\n`, literals: 2 },
];

for (const form of FORMS) {
  test(`split literal, ${form.name}: one finding over the whole expression`, () => {
    const options = form.fileName === 'untitled-1' ? { fileName: form.fileName, languageId: 'javascript' } : { fileName: form.fileName };
    const findings = scan(form.text, options);
    assert.equal(findings.length, 1, findings.map((f) => f.message).join(' | ') || 'no finding');
    const found = findings[0]!;
    const referenceToken = form.name.startsWith('three pieces')
      ? 'https://contosodata.blob.core.windows.net/reports?sig=' + SIG + '&sv=2022-11-02&sp=rwdl&se=2030-01-01T00:00:00Z&sr=c'
      : TOKEN;
    assertSameAsUnsplit(found, unsplit('reference.js', referenceToken));
    assert.equal(found.literalCount, form.literals);
    assert.equal(found.range.start, form.text.indexOf('https://'));
    const lastPiece = form.name.startsWith('three pieces') ? '&sr=c' : SIG;
    assert.equal(found.range.end, form.text.lastIndexOf(lastPiece) + lastPiece.length);
    assert.equal(form.text.slice(found.secretRange.start, found.secretRange.end), SIG);
    assert.match(found.message, new RegExp(`split over ${form.literals} string literals`));
  });
}

test('split literal: a signature whose last characters sit in the next literal is joined', () => {
  const cut = SIG.length - 3;
  const text = `const u = "${URL_PART}&se=2030-01-01T00:00:00Z&sr=c&sig=${SIG.slice(0, cut)}" +\n  "${SIG.slice(cut)}";\n`;
  const found = only(text, 'a.js');
  assertSameAsUnsplit(found, unsplit('a.js'));
  assert.equal(found.literalCount, 2);
  // The secret runs from the signature's start in the first literal to its end in the second.
  assert.equal(found.secretRange.start, text.indexOf(SIG.slice(0, cut)));
  assert.equal(found.secretRange.end, text.lastIndexOf(SIG.slice(cut)) + 3);
});

test('split literal: a signature cut before its 43rd character is joined where the language joins literals', () => {
  for (const cut of [0, 1, 10, 42]) {
    for (const [fileName, joiner] of [
      ['a.js', '" +\n  "'],
      ['a.py', '"\n    "'],
      ['a.sh', '"\''],
    ] as const) {
      const closing = fileName === 'a.sh' ? "'" : '"';
      const text = `x = "${URL_PART}&se=2030-01-01T00:00:00Z&sr=c&sig=${SIG.slice(0, cut)}${joiner}${SIG.slice(cut)}${closing}\n`;
      const found = only(text, fileName);
      assertSameAsUnsplit(found, unsplit(fileName));
      assert.equal(found.literalCount, 2, `${fileName}, cut ${cut}`);
    }
    // Where literals do not join, the cut signature is nobody's.
    const plain = `x = "${URL_PART}&se=2030-01-01T00:00:00Z&sr=c&sig=${SIG.slice(0, cut)}" +\n  "${SIG.slice(cut)}"\n`;
    assert.deepEqual(scan(plain, { fileName: 'notes.txt' }), [], `notes.txt, cut ${cut}`);
  }
});

test('split literal: a token in one literal is unchanged (no literalCount, same range)', () => {
  const text = `const u = "${TOKEN}";\n`;
  const found = only(text, 'a.js');
  assert.equal(found.literalCount, undefined);
  assert.deepEqual(found.range, { start: text.indexOf('https://'), end: text.indexOf(SIG) + SIG.length });
  assert.doesNotMatch(found.message, /split over/);
});

// What is not joined: each text holds the halves of a token; neither half alone is a storage SAS
// (the second has no `sv`, the first no signature), so joining anything would show as a finding.
const HALF_ONE = URL_PART;
const HALF_TWO = `&se=2030-01-01T00:00:00Z&spr=https&sig=${SIG}`;
const NEGATIVES: ReadonlyArray<readonly [string, string, string]> = [
  ['a variable between two literals', 'a.js', `const u = "${HALF_ONE}" + sig + "${HALF_TWO}";\n`],
  ['a call between two literals', 'a.py', `u = "${HALF_ONE}" + quote("x") + "${HALF_TWO}"\n`],
  ['two literals in a list (a comma between)', 'a.py', `urls = ["${HALF_ONE}", "${HALF_TWO}"]\n`],
  ['two arguments of a call', 'a.js', `f("${HALF_ONE}",\n  "${HALF_TWO}");\n`],
  ['a block comment between', 'a.js', `const u = "${HALF_ONE}" + /* c */ "${HALF_TWO}";\n`],
  ['a line comment between', 'a.js', `const u = "${HALF_ONE}" + // c\n  "${HALF_TWO}";\n`],
  ['Markdown prose with `+`', 'README.md', `Join "${HALF_ONE}" + "${HALF_TWO}" to get the URL.\n`],
  ['plain text with `+`', 'notes.txt', `"${HALF_ONE}" + "${HALF_TWO}"\n`],
  ['no language known', '', `"${HALF_ONE}" + "${HALF_TWO}"\n`],
  ['adjacent literals where the language does not join them (JavaScript)', 'a.js', `f("${HALF_ONE}" "${HALF_TWO}");\n`],
  ['`+` between literals in C (pointer arithmetic)', 'a.c', `const char *u = "${HALF_ONE}" + "${HALF_TWO}";\n`],
  ['Go: a line that starts with `+` is a new statement', 'a.go', `u := "${HALF_ONE}"\n+ "${HALF_TWO}"\n`],
  ['Kotlin: a line that starts with `+` is a new statement', 'a.kt', `val u = "${HALF_ONE}"\n+ "${HALF_TWO}"\n`],
  ['PowerShell: a line break before `+` without a backtick', 'a.ps1', `$u = "${HALF_ONE}"\n+ "${HALF_TWO}"\n`],
  ['shell words with a blank between (two arguments)', 'a.sh', `curl "${HALF_ONE}" '${HALF_TWO}'\n`],
  ['shell: an unquoted word cut by a bare `&` (a control operator)', 'a.sh', `curl ${HALF_ONE}'${HALF_TWO}'\n`],
  ['shell: a `$VAR` word between', 'a.sh', `curl "${HALF_ONE}"$EXTRA'${HALF_TWO}'\n`],
  ['shell: an expansion in the double-quoted piece', 'a.sh', `curl "${HALF_ONE}&x=$X"'${HALF_TWO}'\n`],
  ['JavaScript: an interpolation in the template piece', 'a.js', `const u = \`${HALF_ONE}&x=\${x}\` + "${HALF_TWO}";\n`],
  ['Python: an f-string piece with a replacement field', 'a.py', `u = f"${HALF_ONE}&x={x}" "${HALF_TWO}"\n`],
  ['PHP `+` (PHP joins with `.`)', 'a.php', `<?php $u = '${HALF_ONE}' + '${HALF_TWO}';\n`],
  ['a literal of words next to the token', 'a.js', `const u = "${HALF_ONE} and more" + "${HALF_TWO}";\n`],
];

for (const [name, fileName, text] of NEGATIVES) {
  test(`not joined: ${name}`, () => {
    const findings = scan(text, fileName ? { fileName } : {});
    assert.deepEqual(
      findings.map((f) => f.message),
      [],
    );
  });
}

test('not joined: a quote that nothing closes or opens is no literal (found by the fix properties)', () => {
  for (const [fileName, text] of [
    // A stray quote at the end of the file, after the token's literal.
    ['a.py', `"SasUri" = "${TOKEN}"\n'0`],
    ['a.js', `const u = "${TOKEN}" + 'abc`],
    // A stray quote before it.
    ['a.py', `0'\n"${TOKEN}"\n`],
    ['a.js', `0' + "${TOKEN}";\n`],
  ] as const) {
    const found = only(text, fileName);
    assertSameAsUnsplit(found, unsplit(fileName));
    assert.equal(found.literalCount, undefined, `${fileName}: ${JSON.stringify(text.slice(-12))}`);
    assert.deepEqual(found.range, { start: text.indexOf('https://'), end: text.indexOf(SIG) + SIG.length });
  }
});

test('not joined: a literal that starts another URL keeps its own finding', () => {
  const other = `https://fabrikam.blob.core.windows.net/logs?sv=2022-11-02&sp=r&sr=c&se=2030-01-01&sig=${percentEncode(fakeSignature(9302))}`;
  const text = `urls = (\n  "${TOKEN}"\n  "${other}"\n)\n`;
  const findings = scan(text, { fileName: 'a.py' });
  assert.equal(findings.length, 2);
  assert.deepEqual(
    findings.map((f) => f.literalCount),
    [undefined, undefined],
  );
  assert.deepEqual(
    findings.map((f) => (f.details.type === 'sas' ? f.details.account : '')),
    ['contosodata', 'fabrikam'],
  );
});

test('a joined literal is read once: the anchors inside it are not visited again', () => {
  // The signature literal is joined to the one before; the second `sig=` of the same literal set must
  // not give a second finding over the same secret.
  const text = `const u = "${URL_PART}" + "${QUERY_PART}" + "&sig2=${SIG}";\n`;
  const findings = scan(text, { fileName: 'a.js' });
  assert.equal(findings.length, 1);
});

// ---- Property: a random split is found exactly like the unsplit token ----

interface Joiner {
  readonly fileName: string;
  /** Writes the pieces as literals joined in this language; `gaps` picks the blanks and line breaks. */
  readonly write: (pieces: readonly string[], choice: (n: number) => number) => string;
}

const BLANKS = ['', ' ', '  ', '\t'];
function blank(choice: (n: number) => number): string {
  return BLANKS[choice(BLANKS.length)]!;
}

/** `quote piece quote` joined by `operator`, with blanks and (where `breakAnywhere` or after the operator) line breaks. */
function operatorJoiner(fileName: string, quotes: readonly string[], operator: string, breakAnywhere: boolean, prefixes: readonly string[] = ['']): Joiner {
  return {
    fileName,
    write: (pieces, choice) =>
      pieces
        .map((p) => {
          const q = quotes[choice(quotes.length)]!;
          return `${prefixes[choice(prefixes.length)]}${q}${p}${q}`;
        })
        .reduce((out, lit) => {
          const before = breakAnywhere && choice(3) === 0 ? '\n    ' : blank(choice);
          const after = choice(2) === 0 ? `\n${blank(choice)}` : blank(choice);
          return `${out}${before}${operator}${after}${lit}`;
        }),
  };
}

const JOINERS: readonly Joiner[] = [
  operatorJoiner('a.js', ['"', "'", '`'], '+', true),
  operatorJoiner('a.ts', ['"', "'"], '+', true),
  operatorJoiner('A.java', ['"'], '+', true),
  operatorJoiner('A.cs', ['"'], '+', true, ['', '@']),
  operatorJoiner('a.go', ['"', '`'], '+', false),
  operatorJoiner('A.kt', ['"'], '+', false),
  operatorJoiner('a.rb', ['"', "'"], '+', false),
  operatorJoiner('a.ps1', ['"', "'"], '+', false),
  operatorJoiner('a.php', ['"', "'"], '.', true),
  operatorJoiner('a.py', ['"', "'"], '+', true, ['', 'r', 'u']),
  {
    fileName: 'a.py',
    write: (pieces, choice) => pieces.map((p) => `"${p}"`).join(choice(2) === 0 ? '\n    ' : ' '),
  },
  {
    fileName: 'a.c',
    write: (pieces, choice) => pieces.map((p) => `"${p}"`).join(['', ' ', '\n  ', ' \\\n  '][choice(4)]!),
  },
  {
    fileName: 'a.sh',
    write: (pieces, choice) => pieces.map((p) => [`"${p}"`, `'${p}'`][choice(2)]!).join(choice(4) === 0 ? '\\\n' : ''),
  },
];

const signature = fc
  .uint8Array({ minLength: 32, maxLength: 32 })
  .map((bytes) => percentEncode(Buffer.from(bytes).toString('base64')))
  .filter((s) => !looksMadeUp(decodeURIComponent(s)));

const tokenOf = fc
  .tuple(signature, fc.constantFrom('c', 'b'), fc.constantFrom('rwdl', 'r', 'racwdl'))
  .map(([sig, sr, sp]) => `https://contosodata.blob.core.windows.net/reports/q1.csv?sv=2022-11-02&sr=${sr}&sp=${sp}&se=2030-01-01T00:00:00Z&sig=${sig}`);

/**
 * Cut points of a token, in order. Never inside the scheme (a literal that starts `scheme://` begins
 * another URL and is not joined) nor inside the word `sig=` itself (its anchor is those four
 * characters written together); anywhere else, the signature included: see docs/detection.md.
 */
function cutsOf(token: string, fractions: readonly number[]): number[] {
  const sigAt = token.indexOf('sig=');
  const allowed = (i: number): boolean => i >= 'https://'.length && i < token.length && (i <= sigAt || i >= sigAt + 4);
  const cuts = new Set<number>();
  for (const f of fractions) {
    const i = Math.floor(f * token.length);
    if (allowed(i) && i > 0) cuts.add(i);
  }
  return [...cuts].sort((a, b) => a - b);
}

test('property: a token split at random into joined literals is found exactly like the unsplit token', () => {
  fc.assert(
    fc.property(
      tokenOf,
      fc.array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), { minLength: 1, maxLength: 8 }),
      fc.nat({ max: JOINERS.length - 1 }),
      fc.array(fc.nat(), { minLength: 64, maxLength: 64 }),
      (token, fractions, joinerIndex, randomness) => {
        const cuts = cutsOf(token, fractions);
        const pieces: string[] = [];
        let from = 0;
        for (const cut of cuts) {
          pieces.push(token.slice(from, cut));
          from = cut;
        }
        pieces.push(token.slice(from));
        let next = 0;
        const choice = (n: number): number => randomness[next++ % randomness.length]! % n;
        const joiner = JOINERS[joinerIndex]!;
        const expression = joiner.write(pieces, choice);
        const text = `// before\nx = ${expression}\n// after\n`;
        const reference = scanText(`x = "${token}"\n`, { now: NOW, fileName: joiner.fileName }).findings;
        assert.equal(reference.length, 1);
        const findings = scanText(text, { now: NOW, fileName: joiner.fileName }).findings;
        assert.equal(findings.length, 1, `${joiner.fileName}: ${JSON.stringify(expression)}`);
        const found = findings[0]!;
        assertSameAsUnsplit(found, reference[0]!);
        const start = text.indexOf('https://');
        const lastPiece = pieces[pieces.length - 1]!;
        assert.deepEqual(found.range, { start, end: text.lastIndexOf(lastPiece) + lastPiece.length }, JSON.stringify(expression));
        assert.equal(found.literalCount, pieces.length > 1 ? pieces.length : undefined);
      },
    ),
    { numRuns: 400 },
  );
});

test('adversarial joins complete with sane results: many `+`, many `&sig=` literals, alternating quotes', () => {
  const size = 1024 * 1024;
  const repeatTo = (unit: string): string => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
  for (const [unit, fileName] of [
    ['"a" + ', 'a.js'],
    ['"&sig=" + ', 'a.js'],
    [`"&sig=${SIG}" + `, 'a.js'],
    [`"sv=2022-11-02&sig=${SIG.slice(0, 44)}"\n`, 'a.py'],
    [`"&sig=${'A'.repeat(43)}"'&'`, 'a.sh'],
    ['\'a\'"b"', 'a.sh'],
    ['"a" \\\n', 'a.c'],
    ['"sig=" . ', 'a.php'],
  ] as const) {
    const text = repeatTo(unit);
    const result = scanText(text, { now: NOW, fileName });
    assert.equal(result.cancelled, false);
    for (const f of result.findings) {
      assert.ok(f.range.start < f.range.end && f.range.end <= text.length);
      assert.ok((f.literalCount ?? 1) <= 33, 'at most 16 literals joined each side of the anchor');
    }
  }
});
