// .env must be git-ignored after a move, judged with git's matching rules (the `ignore` package).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gitignorePlan } from '../../../server/src/core/fixes';

describe('gitignorePlan', () => {
  const ignored = ['.env\n', '/.env\n', '*.env\n', '.env*\n', '**/.env\n', 'node_modules\n.env.local\n.env\n', '.env\n!.env.example\n', '*\n'];
  for (const text of ignored) {
    it(`already ignored by ${JSON.stringify(text)}`, () => assert.equal(gitignorePlan(text), undefined));
  }

  it('no .gitignore: create with .env', () => assert.deepEqual(gitignorePlan(undefined), { appendText: '.env\n' }));
  it('empty .gitignore', () => assert.deepEqual(gitignorePlan(''), { appendText: '.env\n' }));
  it('other entries only: append', () => assert.deepEqual(gitignorePlan('node_modules\ndist\n'), { appendText: '.env\n' }));
  it('.env.local does not ignore .env', () => assert.deepEqual(gitignorePlan('.env.local\n'), { appendText: '.env\n' }));
  it('a comment is not a rule', () => assert.deepEqual(gitignorePlan('# .env\n'), { appendText: '.env\n' }));
  it('a later negation un-ignores: append (the last rule wins)', () => assert.deepEqual(gitignorePlan('*.env\n!.env\n'), { appendText: '.env\n' }));
  it('no final newline: one is added first', () => assert.deepEqual(gitignorePlan('dist'), { appendText: '\n.env\n' }));
  it('CRLF kept', () => assert.deepEqual(gitignorePlan('dist\r\n'), { appendText: '.env\r\n' }));
  it('another entry', () => {
    assert.equal(gitignorePlan('config/*.json\n', 'config/.env')?.appendText, 'config/.env\n');
    assert.equal(gitignorePlan('config/\n', 'config/.env'), undefined);
  });
});
