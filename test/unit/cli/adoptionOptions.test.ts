// The adoption options on the command line (cli/adoptionOptions.ts): the project config, the
// minimum grade, the baseline's optional FILE, --staged, and their mistakes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCommandLine, type ScanCommand } from '../../../server/src/cli/args';
import { attachOptionalValues } from '../../../server/src/cli/adoptionOptions';
import { UsageError } from '../../../server/src/cli/errors';

/** The scan options of a command line that must be a scan. */
function scan(argv: string[]): ScanCommand {
  const parsed = parseCommandLine(argv);
  if (parsed.kind !== 'scan') throw new Error(`not a scan: ${parsed.kind}`);
  return parsed.options;
}

describe('cli: adoption options', () => {
  it('takes the baseline FILE when attached or named *.json, never a PATH', () => {
    assert.deepEqual(attachOptionalValues(['scan', '--baseline']), ['scan', '--baseline=']);
    assert.deepEqual(attachOptionalValues(['scan', '--baseline', 'src']), ['scan', '--baseline=', 'src']);
    assert.deepEqual(attachOptionalValues(['scan', '--baseline', 'ok.JSON', 'src']), ['scan', '--baseline=ok.JSON', 'src']);
    assert.deepEqual(attachOptionalValues(['scan', '--write-baseline', '--staged']), ['scan', '--write-baseline=', '--staged']);
    assert.deepEqual(attachOptionalValues(['scan', '--', '--baseline']), ['scan', '--', '--baseline'], 'after -- everything is a PATH');
    const options = scan(['scan', '--baseline', 'src']);
    assert.equal(options.baseline, '');
    assert.deepEqual(options.paths, ['src']);
    assert.equal(scan(['scan', '--baseline=b.txt']).baseline, 'b.txt');
    assert.equal(scan(['scan', '--write-baseline', 'x.json']).writeBaseline, 'x.json');
  });

  it('reads --config, --no-config, --minimum-grade and --staged; adds nothing when absent', () => {
    const options = scan(['scan', '--config', 'ci/sas.json', '--minimum-grade', 'medium', '--staged']);
    assert.equal(options.config, 'ci/sas.json');
    assert.equal(options.minimumGrade, 'medium');
    assert.equal(options.staged, true);
    assert.equal(scan(['scan', '--no-config']).config, false);
    const plain = scan(['scan']);
    for (const field of ['config', 'minimumGrade', 'baseline', 'writeBaseline', 'staged', 'failOnFromFlag'] as const)
      assert.equal(field in plain, false, field);
    assert.equal(scan(['scan', '--fail-on', 'high']).failOnFromFlag, true);
  });

  it('refuses contradictions and bad values in one line', () => {
    assert.throws(() => scan(['scan', '--baseline', '--write-baseline']), UsageError);
    assert.throws(() => scan(['scan', '--config', 'a.json', '--no-config']), UsageError);
    assert.throws(() => scan(['scan', '--staged', '--write-baseline']), /--write-baseline cannot be used with --staged/);
    assert.throws(() => scan(['scan', '--minimum-grade', 'severe']), /--minimum-grade must be one of critical, high, medium, low, info, not 'severe'/);
  });
});
