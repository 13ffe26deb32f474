// Values their author calls fake (server/src/core/assess/declaredFake.ts): a whole-line comment
// saying fake, dummy, bogus or "not real" above a finding's line or above its block (or a comment
// paragraph of its own one blank line above the block) makes the finding info, with the message and
// reasons saying why; two blank lines, code above the comment, a trailing comment or a comment too
// far up do not. And a key one or two characters from a public
// emulator key is that key edited (placeholders.ts), info.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { scanText } from '../../../server/src/core';
import { DeclaredFake, DECLARED_FAKE_REASON } from '../../../server/src/core/assess/declaredFake';
import { AZURITE_ACCOUNT_KEY, COSMOS_EMULATOR_KEY, isEditedEmulatorKey } from '../../../server/src/core/assess/placeholders';
import { NOW } from '../../support/clock';

const hubKey = (): string => randomBytes(32).toString('base64');
const connectionString = (): string => `HostName=contoso-hub.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=${hubKey()}`;

function gradesOf(text: string, fileName = 'deploy.sh'): string[] {
  return scanText(text, { now: NOW, fileName }).findings.map((f) => f.grade);
}

/** The rule, line by line, read the slow way: what DeclaredFake must answer for a line. */
function referenceAnswer(lines: readonly string[], line: number): boolean {
  const comment = /^[ \t]*(?:#|\/\/|--|;|\/\*|\*|<!--|rem\b)/i;
  const fake = /\b(?:fake|dummy|bogus|not[ -]real)\b/i;
  for (let up = line - 1, distance = 1; up >= 0 && distance <= 40; up--, distance++) {
    const text = lines[up]!;
    if (text.trim() === '') {
      // One blank line below a comment paragraph of its own (a blank line or the start above it).
      let top = up - 1;
      while (top >= 0 && up - 1 - top < 8 && lines[top]!.trim() !== '' && comment.test(lines[top]!)) top--;
      const paragraph = lines.slice(top + 1, up);
      if (paragraph.length === 0 || !(top < 0 || lines[top]!.trim() === '')) return false;
      const fakeAt = paragraph.length - 1 - paragraph.map((l) => fake.test(l)).lastIndexOf(true);
      return paragraph.some((l) => fake.test(l)) && distance + 1 + fakeAt <= 40;
    }
    if (!comment.test(text)) continue;
    // The comment run from here up (a few lines at most) speaks for the block below it.
    for (let k = up, seen = 0; k >= 0 && seen < 9 && comment.test(lines[k]!) && lines[k]!.trim() !== ''; k--, seen++) {
      if (fake.test(lines[k]!)) return true;
    }
    return false;
  }
  return false;
}

describe('declared fake', () => {
  it('makes a finding info under a fake comment above its line or its block, and says so', () => {
    for (const text of [
      `# fake secrets\nconn="${connectionString()}"\n`,
      `# fake secrets\nendpoint="global.example"\nconn="${connectionString()}"\n`,
      `// Dummy values for the tests.\n// They connect nowhere.\nconst conn = "${connectionString()}";\n`,
      `  -- not real\n  conn := '${connectionString()}'\n`,
      // A header comment set apart by one blank line (Azure/azure-storage-python's tests/settings_fake.py).
      `# NOTE: these keys are fake, but valid base-64 data\n# generated with os.urandom\n\nconn="${connectionString()}"\n`,
      `x = 1\n\n# fake secrets\n\nname="hub"\nconn="${connectionString()}"\n`,
    ]) {
      const findings = scanText(text, { now: NOW, fileName: 'deploy.sh' }).findings;
      assert.equal(findings.length, 1, text);
      assert.equal(findings[0]!.grade, 'info', text);
      assert.equal(findings[0]!.reasons[0], DECLARED_FAKE_REASON);
      assert.match(findings[0]!.message, /\(a comment above calls it fake\) — info$/);
    }
  });

  it('rewrites the message of every rule the same way: its grade at the end becomes info, once (every real-world corpus line)', () => {
    const rows = readFileSync(join(__dirname, '../../fixtures/corpus/realworld.jsonl'), 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as { text: string; filetype: string });
    const rules = new Set<string>();
    for (const row of rows) {
      const fileName = `a.${row.filetype}`;
      const loud = scanText(row.text, { now: NOW, fileName }).findings.filter((f) => f.grade !== 'info');
      if (loud.length === 0) continue;
      const declared = scanText(`# fake values\n${row.text}`, { now: NOW, fileName }).findings;
      for (const f of loud) {
        rules.add(f.ruleId);
        const same = declared.find((d) => d.fingerprint === f.fingerprint && d.ruleId === f.ruleId);
        assert.ok(same, `${f.ruleId} found again under the comment`);
        assert.equal(same.grade, 'info');
        const head = f.message.slice(0, f.message.length - ` — ${f.grade}`.length);
        assert.ok(f.message.endsWith(` — ${f.grade}`), f.message);
        assert.equal(same.message, `${head} (a comment above calls it fake) — info`);
      }
    }
    assert.ok(rules.size >= 4, `rules seen: ${[...rules].join(', ')}`);
  });

  it('keeps the grade without such a comment, past two blank lines, past a blank line below a comment under code, above code that is above it, in a trailing comment, or too far up', () => {
    for (const text of [
      `conn="${connectionString()}"\n`,
      `# real ones, rotate monthly\nconn="${connectionString()}"\n`,
      `# fake secrets\n\n\nconn="${connectionString()}"\n`,
      `x = 1\n# fake secrets\n\nconn="${connectionString()}"\n`,
      `# fake secrets\n\nfirst=1\n\nconn="${connectionString()}"\n`,
      `# fake secrets\nfirst=1\n# the production hub\nconn="${connectionString()}"\n`,
      `conn="${connectionString()}" # fake\n`,
      `# fake secrets\n${'x=1\n'.repeat(45)}conn="${connectionString()}"\n`,
      `# fakery and dummyish words are not the word\nconn="${connectionString()}"\n`,
    ]) {
      assert.deepEqual(gradesOf(text), ['critical'], text);
    }
  });

  it('asked first about a line beyond the reach, still answers the lines within it', () => {
    const lines = ['# fake', ...Array<string>(60).fill('x = 1')];
    const starts: number[] = [];
    for (let i = 0, at = 0; i < lines.length; at += lines[i]!.length + 1, i++) starts.push(at);
    const fake = new DeclaredFake(lines.join('\n'));
    assert.equal(fake.isDeclaredFake(starts[60]!), false, 'line 60 is 60 lines below the comment');
    assert.equal(fake.isDeclaredFake(starts[40]!), true, 'line 40 is within 40 lines of it');
    assert.equal(fake.isDeclaredFake(starts[41]!), false);
    assert.equal(fake.isDeclaredFake(starts[1]!), true);
  });

  it('answers every line as the rule read line by line does, in any order of asking', () => {
    const anyLine = fc.constantFrom(
      '',
      '   ',
      'x = 1',
      '# fake',
      '# note',
      '// dummy values',
      '// see below',
      '<!-- not real -->',
      'rem bogus',
      'key: value # fake',
      '* fake',
      '  ',
    );
    // Mostly code, so that blocks run past the 40-line reach and the answers remembered meet it.
    const mostlyCode = fc.oneof({ arbitrary: fc.constant('x = 1'), weight: 30 }, { arbitrary: anyLine, weight: 1 });
    const lines = fc.oneof(fc.array(anyLine, { minLength: 1, maxLength: 70 }), fc.array(mostlyCode, { minLength: 30, maxLength: 140 }));
    fc.assert(
      fc.property(lines, fc.array(fc.nat(), { maxLength: 30 }), fc.constantFrom('\n', '\r\n', '\r'), (textLines, order, eol) => {
        const text = textLines.join(eol);
        const starts: number[] = [];
        for (let i = 0, at = 0; i < textLines.length; at += textLines[i]!.length + eol.length, i++) starts.push(at);
        const fake = new DeclaredFake(text);
        for (const k of order
          .map((n) => n % textLines.length)
          .concat(
            textLines.map((_, i) => textLines.length - 1 - i),
            textLines.map((_, i) => i),
          )) {
          assert.equal(
            fake.isDeclaredFake(starts[k]! + Math.floor(textLines[k]!.length / 2)),
            referenceAnswer(textLines, k),
            `line ${k} of ${JSON.stringify(text)}`,
          );
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('edited emulator key', () => {
  const edit = (key: string, positions: number[]): string => [...key].map((c, i) => (positions.includes(i) ? (c === 'A' ? 'B' : 'A') : c)).join('');

  it('takes a public emulator key with one or two characters changed for that key, and no further', () => {
    for (const key of [AZURITE_ACCOUNT_KEY, COSMOS_EMULATOR_KEY]) {
      assert.equal(isEditedEmulatorKey(key), false, 'the key itself is the key, not an edit');
      assert.equal(isEditedEmulatorKey(edit(key, [0])), true);
      assert.equal(isEditedEmulatorKey(edit(key, [5, 80])), true);
      assert.equal(isEditedEmulatorKey(edit(key, [5, 40, 80])), false);
    }
    assert.equal(isEditedEmulatorKey(randomBytes(64).toString('base64')), false);
  });

  it('grades such a key info, saying it is an edit of the public key', () => {
    const text = `const test_account_key = "${edit(AZURITE_ACCOUNT_KEY, [0])}";\n`;
    const findings = scanText(text, { now: NOW, fileName: 'a.cpp' }).findings;
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.grade, 'info');
    assert.match(findings[0]!.message, /public emulator key with a character or two changed/);
    const three = scanText(`const test_account_key = "${edit(AZURITE_ACCOUNT_KEY, [0, 9, 30])}";\n`, { now: NOW, fileName: 'a.cpp' }).findings;
    assert.notEqual(three[0]?.grade, 'info');
  });
});
