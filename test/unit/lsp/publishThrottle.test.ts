// The workspace scan's publishDiagnostics go out in batches, not as one flood: at most a batch a
// turn, batches the interval apart, one message per URI (the newest), and a message sent directly
// for a URI drops the queued one so that it cannot overwrite a newer state. Timers are simulated:
// the test drives the clock, nothing waits on real time.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type BurstSent, PublishThrottle, type ThrottleTimers } from '../../../server/src/lsp/publishThrottle';

class FakeTimers implements ThrottleTimers {
  time = 0;
  readonly queue: { at: number; callback: () => void }[] = [];
  readonly now = (): number => this.time;
  readonly setTimeout = (callback: () => void, ms: number): void => {
    this.queue.push({ at: this.time + ms, callback });
  };
  /** Runs the next timer, advancing the clock to it; returns its delay from the previous time. */
  runNext(): number {
    this.queue.sort((a, b) => a.at - b.at);
    const next = this.queue.shift();
    if (next === undefined) throw new Error('no timer');
    const delay = next.at - this.time;
    this.time = next.at;
    next.callback();
    return delay;
  }
}

describe('PublishThrottle', () => {
  it('sends 1,000 messages at most 200 at a time, 50 ms apart, each once and in order', async () => {
    const timers = new FakeTimers();
    const sent: string[][] = [[]];
    const bursts: BurstSent[] = [];
    const throttle = new PublishThrottle<string>(
      (m) => sent[sent.length - 1]!.push(m),
      200,
      50,
      timers,
      (b) => bursts.push(b),
    );
    for (let i = 0; i < 1000; i++) throttle.enqueue(`file:///f${i}`, `m${i}`);
    assert.equal(sent[0]!.length, 0, 'nothing is sent in the same turn');
    let idle = false;
    void throttle.whenIdle().then(() => (idle = true));
    const delays: number[] = [];
    while (timers.queue.length > 0) {
      delays.push(timers.runNext());
      sent.push([]);
    }
    const batches = sent.filter((b) => b.length > 0);
    assert.deepEqual(
      batches.map((b) => b.length),
      [200, 200, 200, 200, 200],
    );
    assert.deepEqual(delays, [0, 50, 50, 50, 50]);
    assert.deepEqual(
      batches.flat(),
      Array.from({ length: 1000 }, (_, i) => `m${i}`),
    );
    await Promise.resolve();
    assert.equal(idle, true);
    assert.equal(throttle.size, 0);
    assert.deepEqual(bursts, [{ messages: 1000, batches: 5, ms: 200 }], 'one burst reported, with what it sent');
    throttle.enqueue('file:///again', 'again');
    timers.runNext();
    assert.deepEqual(bursts.at(-1), { messages: 1, batches: 1, ms: 0 }, 'the next burst counts from zero');
  });

  it('keeps only the newest message for a URI, and a direct send drops the queued one', () => {
    const timers = new FakeTimers();
    const sent: string[] = [];
    const throttle = new PublishThrottle<string>((m) => sent.push(m), 200, 50, timers);
    throttle.enqueue('a', 'a1');
    throttle.enqueue('b', 'b1');
    throttle.enqueue('a', 'a2');
    throttle.enqueue('c', 'c1');
    throttle.drop('c');
    timers.runNext();
    assert.deepEqual(sent, ['b1', 'a2']);
  });

  it('a message queued right after a batch waits for the interval', () => {
    const timers = new FakeTimers();
    const sent: string[] = [];
    const throttle = new PublishThrottle<string>((m) => sent.push(m), 2, 50, timers);
    throttle.enqueue('a', 'a');
    assert.equal(timers.runNext(), 0);
    timers.time += 10;
    throttle.enqueue('b', 'b');
    assert.equal(timers.runNext(), 40);
    assert.deepEqual(sent, ['a', 'b']);
  });
});
