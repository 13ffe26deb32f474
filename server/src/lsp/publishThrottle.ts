// Spreads a burst of notifications over time. A workspace scan can find tokens in thousands of
// files within a second; sent all at once, their publishDiagnostics would arrive as one flood that
// the client must parse and render (Problems panel, squiggles, file decorations) before it answers
// anything else. Queued here, they go out at most `batchSize` at a time, `intervalMs` apart, keyed
// by URI: a newer message for a URI replaces the queued one, and a message sent directly (an open
// document's diagnostics) drops the queued one so that it can never overwrite a newer state.

export interface ThrottleTimers {
  readonly now: () => number;
  readonly setTimeout: (callback: () => void, ms: number) => unknown;
}

const REAL_TIMERS: ThrottleTimers = { now: () => performance.now(), setTimeout: (callback, ms) => setTimeout(callback, ms) };

/** At most this many notifications in one go. */
export const PUBLISH_BATCH_SIZE = 200;
/** At least this long between two batches: at most 4,000 notifications a second. */
export const PUBLISH_INTERVAL_MS = 50;

/** What one burst (from the first message queued while idle to idle again) sent, for the log. */
export interface BurstSent {
  readonly messages: number;
  readonly batches: number;
  /** From the first batch to the last. */
  readonly ms: number;
}

export class PublishThrottle<T> {
  private readonly pending = new Map<string, T>();
  private scheduled = false;
  private lastBatchAt = -Infinity;
  private readonly idleWaiters: (() => void)[] = [];
  private burst = { messages: 0, batches: 0, firstBatchAt: 0 };

  constructor(
    private readonly send: (message: T) => void,
    private readonly batchSize = PUBLISH_BATCH_SIZE,
    private readonly intervalMs = PUBLISH_INTERVAL_MS,
    private readonly timers: ThrottleTimers = REAL_TIMERS,
    private readonly onBurstSent: (burst: BurstSent) => void = () => {},
  ) {}

  /** Queues `message` for `key`, replacing a message still queued for it (it moves to the back). */
  enqueue(key: string, message: T): void {
    this.pending.delete(key);
    this.pending.set(key, message);
    this.schedule();
  }

  /** Forgets the message queued for `key` (the caller sends a newer one directly); whether one was queued. */
  drop(key: string): boolean {
    const queued = this.pending.delete(key);
    if (this.pending.size === 0) this.settle();
    return queued;
  }

  get size(): number {
    return this.pending.size;
  }

  /** Resolves once every queued message has been sent. */
  whenIdle(): Promise<void> {
    if (this.pending.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const wait = Math.max(0, this.lastBatchAt + this.intervalMs - this.timers.now());
    this.timers.setTimeout(() => this.sendBatch(), wait);
  }

  private sendBatch(): void {
    this.scheduled = false;
    this.lastBatchAt = this.timers.now();
    if (this.burst.batches === 0) this.burst.firstBatchAt = this.lastBatchAt;
    let sent = 0;
    for (const [key, message] of this.pending) {
      if (sent === this.batchSize) break;
      this.pending.delete(key);
      sent++;
      this.send(message);
    }
    this.burst.messages += sent;
    if (sent > 0) this.burst.batches++;
    if (this.pending.size > 0) this.schedule();
    else this.settle();
  }

  private settle(): void {
    const { messages, batches, firstBatchAt } = this.burst;
    if (messages > 0) {
      this.burst = { messages: 0, batches: 0, firstBatchAt: 0 };
      this.onBurstSent({ messages, batches, ms: this.lastBatchAt - firstBatchAt });
    }
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
