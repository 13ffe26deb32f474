// The project config (.sas-guard.json): the loader's checks, and that the published JSON schema
// (schemas/sas-guard.schema.json, which VS Code validates the file with as you type) accepts and
// refuses exactly what the loader does. ajv (a devDependency) runs the schema.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Ajv from 'ajv';
import { GRADES_BY_SEVERITY } from '../../../server/src/core/findings/grades';
import { RULES } from '../../../server/src/core/findings/rules';
import { parseProjectConfig, PROJECT_CONFIG_FIELDS, PROJECT_CONFIG_FILE, ProjectConfigError } from '../../../server/src/config/projectConfig';
import { findProjectConfig, loadProjectConfig } from '../../../server/src/config/loadProjectConfig';
import { createConfigExcludeTest, excludeForWalker } from '../../../server/src/config/configExclude';
import { makeTree, removeTree } from '../walker/tree';

const repo = join(__dirname, '../../..');
const schema = JSON.parse(readFileSync(join(repo, 'schemas/sas-guard.schema.json'), 'utf8')) as {
  properties: Record<string, { enum?: string[]; items?: { enum?: string[] } }>;
  additionalProperties: boolean;
};
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

const loaderAccepts = (value: unknown): boolean => {
  try {
    parseProjectConfig(JSON.stringify(value), PROJECT_CONFIG_FILE);
    return true;
  } catch (error) {
    assert.ok(error instanceof ProjectConfigError, String(error));
    return false;
  }
};

const VALID: unknown[] = [
  {},
  { $schema: './node_modules/sas-guard/schemas/sas-guard.schema.json' },
  { exclude: ['test/fixtures/**', '*.min.js', '!keep.js'] },
  { failOn: 'none' },
  ...GRADES_BY_SEVERITY.map((grade) => ({ failOn: grade, minimumGrade: grade })),
  { disabledRules: Object.keys(RULES) },
  { baseline: 'security/accepted.json' },
  { exclude: [], failOn: 'medium', minimumGrade: 'low', disabledRules: ['unknown-sas'], baseline: '.sas-guard-baseline.json' },
];

const INVALID: { value: unknown; field?: string }[] = [
  { value: [] },
  { value: 'high' },
  { value: null },
  { value: { failon: 'high' }, field: 'failon' },
  { value: { failOn: 'hgh' }, field: 'failOn' },
  { value: { failOn: 'High' }, field: 'failOn' },
  { value: { failOn: 1 }, field: 'failOn' },
  { value: { minimumGrade: 'none' }, field: 'minimumGrade' },
  { value: { exclude: 'test/**' }, field: 'exclude' },
  { value: { exclude: [1] }, field: 'exclude' },
  { value: { exclude: [''] }, field: 'exclude' },
  { value: { exclude: ['  '] }, field: 'exclude' },
  { value: { disabledRules: ['no-such-rule'] }, field: 'disabledRules' },
  { value: { disabledRules: 'account-sas' }, field: 'disabledRules' },
  { value: { baseline: '' }, field: 'baseline' },
  { value: { baseline: 3 }, field: 'baseline' },
  { value: { $schema: 3 }, field: '$schema' },
];

describe('project config: the schema and the loader agree', () => {
  it('name the same fields', () => {
    assert.deepEqual(Object.keys(schema.properties).sort(), [...PROJECT_CONFIG_FIELDS].sort());
    assert.equal(schema.additionalProperties, false);
  });

  it('offer the same values: grades, failOn with none, every rule id', () => {
    assert.deepEqual(schema.properties['failOn']!.enum, [...GRADES_BY_SEVERITY, 'none']);
    assert.deepEqual(schema.properties['minimumGrade']!.enum, [...GRADES_BY_SEVERITY]);
    assert.deepEqual(schema.properties['disabledRules']!.items!.enum, Object.keys(RULES));
  });

  for (const value of VALID) {
    it(`both accept ${JSON.stringify(value)}`, () => {
      assert.equal(validate(value), true, JSON.stringify(validate.errors));
      assert.equal(loaderAccepts(value), true);
    });
  }

  for (const { value, field } of INVALID) {
    it(`both refuse ${JSON.stringify(value)}`, () => {
      assert.equal(validate(value), false);
      assert.equal(loaderAccepts(value), false);
      if (field === undefined) return;
      assert.throws(
        () => parseProjectConfig(JSON.stringify(value), PROJECT_CONFIG_FILE),
        (error: unknown) => error instanceof ProjectConfigError && error.field === field && error.message.startsWith(`${PROJECT_CONFIG_FILE}: "${field}" `),
      );
    });
  }

  it('is contributed to VS Code for .sas-guard.json and packaged', () => {
    const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { contributes: { jsonValidation: { fileMatch: string; url: string }[] } };
    assert.deepEqual(manifest.contributes.jsonValidation, [{ fileMatch: PROJECT_CONFIG_FILE, url: './schemas/sas-guard.schema.json' }]);
    assert.match(readFileSync(join(repo, '.vscodeignore'), 'utf8'), /^!schemas\/sas-guard\.schema\.json$/m);
  });
});

describe('project config: one clear error', () => {
  it('names the file and the field, and the values allowed', () => {
    assert.throws(() => parseProjectConfig('{"failOn": "hgh"}', 'repo/.sas-guard.json'), {
      message: 'repo/.sas-guard.json: "failOn" must be one of critical, high, medium, low, info, none, not "hgh"',
    });
  });

  it('says where JSON is broken', () => {
    assert.throws(() => parseProjectConfig('{"failOn": "high",}', '.sas-guard.json'), /^Error: \.sas-guard\.json: is not valid JSON: /);
  });

  it('reads a byte-order mark and every field', () => {
    const config = parseProjectConfig(
      '\uFEFF{"exclude":["a/**"],"failOn":"none","minimumGrade":"medium","disabledRules":["unknown-sas"],"baseline":"b.json"}',
      'x',
    );
    assert.deepEqual(config, { exclude: ['a/**'], failOn: 'none', minimumGrade: 'medium', disabledRules: ['unknown-sas'], baseline: 'b.json' });
  });
});

describe('project config: where the tools find it', () => {
  const roots: string[] = [];
  after(() => roots.forEach(removeTree));

  it('is the nearest one up to the repository top, and none above it', () => {
    const root = makeTree({ '.sas-guard.json': '{}', 'repo/.git/HEAD': 'ref: refs/heads/main\n', 'repo/src/deep/a.txt': '', 'repo/pkg/.sas-guard.json': '{}' });
    roots.push(root);
    return (async () => {
      assert.equal(await findProjectConfig(join(root, 'repo/src/deep')), undefined, 'the file above the repository is not its config');
      assert.equal(await findProjectConfig(join(root, 'repo/pkg')), join(root, 'repo/pkg/.sas-guard.json'));
      writeFileSync(join(root, 'repo/.sas-guard.json'), '{"failOn":"low"}');
      const loaded = await loadProjectConfig(join(root, 'repo/src/deep'));
      assert.equal(loaded?.root, join(root, 'repo'));
      assert.equal(loaded?.config.failOn, 'low');
    })();
  });

  it('outside a repository, only in the directory itself', async () => {
    const root = makeTree({ '.sas-guard.json': '{}', 'sub/a.txt': '' });
    roots.push(root);
    assert.equal(await findProjectConfig(join(root, 'sub')), undefined);
    assert.equal(await findProjectConfig(root), join(root, '.sas-guard.json'));
  });

  it('excludes the same files for the walker and for one open file', () => {
    const root = makeTree({ 'x.txt': '' });
    roots.push(root);
    mkdirSync(join(root, 'src'));
    const patterns = ['test/fixtures/**', '*.min.js', 'build/'];
    assert.deepEqual(excludeForWalker(patterns, root), [join(root, 'test/fixtures/**'), '*.min.js', 'build/']);
    const excluded = createConfigExcludeTest(patterns, root);
    assert.equal(excluded(join(root, 'test/fixtures/a/b.txt')), true);
    assert.equal(excluded(join(root, 'src/test/fixtures/b.txt')), false);
    assert.equal(excluded(join(root, 'src/app.min.js')), true);
    assert.equal(excluded(join(root, 'build/out.js')), true);
    assert.equal(excluded(join(root, 'src/app.js')), false);
    assert.equal(excluded('/elsewhere/test/fixtures/a.txt'), false);
  });
});
