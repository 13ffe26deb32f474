// The client's crash rule on its own, with a fake clock: which crashes are restarted and when it
// gives up. The bundled client against a really killed server is test/unit/packaging/server-crash.test.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CrashRestartPolicy, MAX_RESTARTS, RESTART_WINDOW_MS } from '../../../client/src/crashRestartPolicy';

function policyAt(times: number[]): { policy: CrashRestartPolicy; advance: () => void } {
  let i = 0;
  const policy = new CrashRestartPolicy(() => times[i]!);
  return { policy, advance: () => i++ };
}

describe('crash restart policy', () => {
  it('restarts the first 4 crashes within 3 minutes and gives up on the 5th', () => {
    const { policy, advance } = policyAt([0, 1000, 2000, 3000, 4000]);
    const decisions = [];
    for (let n = 0; n < 5; n++) {
      decisions.push(policy.crashed());
      advance();
    }
    assert.deepEqual(
      decisions.map((d) => d.restart),
      [true, true, true, true, false],
    );
    assert.match(decisions[0]!.message, /stopped unexpectedly; restarting it \(restart 1 of at most 4 in 3 minutes\)/);
    assert.match(decisions[4]!.message, /crashed 5 times in the last 3 minutes and will not be restarted/);
    assert.match(decisions[4]!.message, /Restart Server/);
  });

  it('forgets crashes older than the window', () => {
    const spaced = [0, 1000, 2000, 3000, RESTART_WINDOW_MS + 500]; // the first crash leaves the window
    const { policy, advance } = policyAt(spaced);
    let last;
    for (let n = 0; n < spaced.length; n++) {
      last = policy.crashed();
      advance();
    }
    assert.equal(last!.restart, true);
    assert.equal(last!.crashes, MAX_RESTARTS);
  });

  it('starts over after reset (the user restarted the server)', () => {
    const { policy } = policyAt([0]);
    for (let n = 0; n < 5; n++) policy.crashed();
    assert.equal(policy.crashed().restart, false);
    policy.reset();
    const after = policy.crashed();
    assert.equal(after.restart, true);
    assert.equal(after.crashes, 1);
  });
});
