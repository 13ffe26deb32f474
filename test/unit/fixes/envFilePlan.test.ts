// Appending to .env: never overwrite, never duplicate, quote what needs quoting.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { envFilePlan, formatEnvValue, readEnvEntries } from '../../../server/src/core/fixes';
import { ACCOUNT_SAS, CONN } from './helpers';

describe('envFilePlan', () => {
  it('no .env yet: NAME=value with a newline', () => {
    assert.deepEqual(envFilePlan(undefined, 'AZURE_STORAGE_SAS_TOKEN', ACCOUNT_SAS), {
      name: 'AZURE_STORAGE_SAS_TOKEN',
      appendText: `AZURE_STORAGE_SAS_TOKEN='${ACCOUNT_SAS}'\n`,
    });
  });

  it('a file without a final newline gets one first', () => {
    const plan = envFilePlan('PORT=8080', 'AZURE_STORAGE_KEY', 'abc/def+ghi==');
    assert.equal(plan.appendText, '\nAZURE_STORAGE_KEY=abc/def+ghi==\n');
  });

  it('same name and same value already there: nothing to append', () => {
    const existing = `# storage\nAZURE_STORAGE_SAS_TOKEN="${ACCOUNT_SAS}"\n`;
    assert.deepEqual(envFilePlan(existing, 'AZURE_STORAGE_SAS_TOKEN', ACCOUNT_SAS), { name: 'AZURE_STORAGE_SAS_TOKEN', appendText: '' });
  });

  it('a taken name with another value gets _2, then _3', () => {
    const existing = 'AZURE_STORAGE_SAS_TOKEN=old\nexport AZURE_STORAGE_SAS_TOKEN_2=older\n';
    const plan = envFilePlan(existing, 'AZURE_STORAGE_SAS_TOKEN', ACCOUNT_SAS);
    assert.equal(plan.name, 'AZURE_STORAGE_SAS_TOKEN_3');
    assert.equal(plan.appendText, `AZURE_STORAGE_SAS_TOKEN_3='${ACCOUNT_SAS}'\n`);
  });

  it('the value already stored under NAME_2 is reused', () => {
    const existing = `AZURE_STORAGE_SAS_TOKEN=old\nAZURE_STORAGE_SAS_TOKEN_2='${ACCOUNT_SAS}'\n`;
    assert.deepEqual(envFilePlan(existing, 'AZURE_STORAGE_SAS_TOKEN', ACCOUNT_SAS), { name: 'AZURE_STORAGE_SAS_TOKEN_2', appendText: '' });
  });

  it('CRLF files get CRLF', () => {
    assert.equal(envFilePlan('A=1\r\n', 'B', 'x').appendText, 'B=x\r\n');
  });

  it('values with a single quote are double-quoted with escapes', () => {
    assert.equal(formatEnvValue(`it's $HOME`), `"it's \\$HOME"`);
  });

  it('what is appended reads back as the same value (dotenv rules and bash)', () => {
    for (const value of [ACCOUNT_SAS, CONN, `a'b "c" $d \`e\` \\f`, 'plain']) {
      const plan = envFilePlan('', 'V', value);
      assert.equal(readEnvEntries(plan.appendText).get('V'), value);
      const r = spawnSync('bash', ['-c', `${plan.appendText.trim()}\nprintf %s "$V"`], { encoding: 'utf8' });
      assert.equal(r.stdout, value, `bash reads another value for ${value.slice(0, 10)}`);
    }
  });
});
