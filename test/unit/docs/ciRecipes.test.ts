// The CI and pre-commit recipes in the docs are copied into real pipelines, so each must be valid
// YAML and every `sas-guard …` command in it (also written `node …/dist/cli.js …`) one the CLI's own
// argument parser accepts. The flags of `--history` come from the history work: while args.ts does
// not know them yet they are taken out before parsing (the rest is still checked), and once it does,
// the whole command is checked; the test asks args.ts at run time, so it needs no edit either way.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import yaml from 'js-yaml';
import { parseCommandLine } from '../../../server/src/cli/args';

const repo = join(__dirname, '../../..');
/** Docs whose YAML blocks are checked, and whether every block must run sas-guard (a pre-commit config names the hook instead). */
const YAML_DOCS: readonly (readonly [string, boolean])[] = [
  ['docs/ci.md', true],
  ['docs/pre-commit.md', false],
];
/** The history scan's flags (issue 11) and whether each takes a value. */
const HISTORY_FLAGS: Readonly<Record<string, boolean>> = { '--history': false, '--branch': true, '--since': true };

/** Whether args.ts knows `flag` now: it does when parsing it alone throws no "Unknown option". */
function parserKnows(flag: string, takesValue: boolean): boolean {
  try {
    parseCommandLine(['scan', flag, ...(takesValue ? ['x'] : [])]);
    return true;
  } catch (error) {
    return !/unknown option/i.test(String(error));
  }
}

/** Words of a shell command line: quotes removed, no expansion (CI macros such as $(x) stay as written). */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: string | undefined;
  for (const c of line) {
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
      else word = (word ?? '') + c;
    } else if (c === '"' || c === "'") {
      quote = c;
      word ??= '';
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else {
      word = (word ?? '') + c;
    }
  }
  assert.equal(quote, undefined, `unbalanced quote in: ${line}`);
  if (word !== undefined) words.push(word);
  return words;
}

/** The arguments after the program of every sas-guard command in a string (a run: or script: step, an entry:). */
function sasGuardCommands(text: string): string[][] {
  const commands: string[][] = [];
  for (const line of text.replace(/\\\n/g, ' ').split('\n')) {
    for (const part of line.split(/&&|\|\||;|\|/)) {
      const words = shellWords(part.replace(/\s#.*$/, ''));
      const program = words.findIndex((w) => w === 'sas-guard' || w.endsWith('/dist/cli.js'));
      // A bare `sas-guard` (a hook id, an upload category) is a name, not a command.
      if (program === -1 || program === words.length - 1 || (program > 0 && words[program - 1] !== 'node' && words[0] !== 'exec')) continue;
      commands.push(words.slice(program + 1));
    }
  }
  return commands;
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

function codeBlocks(markdown: string, language: string): string[] {
  return [...markdown.matchAll(new RegExp(`^\`\`\`${language}\n([\\s\\S]*?)^\`\`\`$`, 'gm'))].map((m) => m[1]!);
}

/** Checks one command; returns the history flags it had to leave out (args.ts does not know them yet). */
function checkCommand(args: string[]): string[] {
  const pending = Object.entries(HISTORY_FLAGS).filter(([flag, takesValue]) => args.includes(flag) && !parserKnows(flag, takesValue));
  const kept = [...args];
  for (const [flag, takesValue] of pending) kept.splice(kept.indexOf(flag), takesValue ? 2 : 1);
  const parsed = parseCommandLine(kept);
  assert.equal(parsed.kind, 'scan', `not a scan: ${args.join(' ')}`);
  return pending.map(([flag]) => flag);
}

describe('docs: CI and pre-commit recipes', () => {
  for (const [doc, everyBlockRuns] of YAML_DOCS) {
    const blocks = codeBlocks(readFileSync(join(repo, doc), 'utf8'), 'yaml');
    it(`${doc} has YAML recipes`, () => assert.ok(blocks.length > 0));
    blocks.forEach((block, index) => {
      it(`${doc} recipe ${index + 1}: valid YAML, and the CLI accepts each sas-guard command in it`, (t) => {
        const commands = strings(yaml.load(block)).flatMap(sasGuardCommands);
        if (everyBlockRuns) assert.ok(commands.length > 0, 'the recipe runs no sas-guard command');
        const pending = new Set(commands.flatMap(checkCommand));
        if (pending.size > 0) t.diagnostic(`not in args.ts yet, left out of the check: ${[...pending].join(', ')}`);
      });
    });
  }

  it('the plain git hook in docs/pre-commit.md runs a command the CLI accepts', () => {
    const commands = codeBlocks(readFileSync(join(repo, 'docs/pre-commit.md'), 'utf8'), 'sh').flatMap(sasGuardCommands);
    assert.ok(commands.some((args) => args.includes('--staged')));
    for (const args of commands) assert.deepEqual(checkCommand(args), []);
  });

  it('the pre-commit framework hook runs a command the CLI accepts', () => {
    const hooks = yaml.load(readFileSync(join(repo, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; language: string }[];
    assert.deepEqual(
      hooks.map((h) => [h.id, h.language]),
      [['sas-guard', 'system']],
    );
    const [command] = sasGuardCommands(hooks[0]!.entry);
    assert.deepEqual(checkCommand([...command!, 'staged-file.js']), []);
  });

  it('the command finder sees what a pipeline runs, and the parser refuses a wrong flag', () => {
    assert.deepEqual(sasGuardCommands('mkdir -p out && node "$(x)/dist/cli.js" scan . --format sarif # note'), [['scan', '.', '--format', 'sarif']]);
    assert.deepEqual(sasGuardCommands('echo sas-guard scan'), []);
    assert.deepEqual(sasGuardCommands('sas-guard'), [], 'a name alone');
    assert.throws(() => checkCommand(['scan', '--fromat', 'sarif']), /Unknown option '--fromat'/);
  });
});
