// Long synchronous work on the server's one thread, cut into slices: between two slices the event
// loop runs, so requests, edits and cancellations get through while a workspace scan reads files
// with synchronous calls (cheaper a file than the thread pool's round trips).

/** How long a slice may run before the event loop gets a turn. */
export const SLICE_MS = 12;

export class TimeSlicer {
  private sliceStart = performance.now();

  constructor(private readonly sliceMs = SLICE_MS) {}

  /** The current slice has run its time: call `nextSlice` next. */
  due(): boolean {
    return performance.now() - this.sliceStart >= this.sliceMs;
  }

  /** Lets the event loop run everything waiting (I/O included), then starts a new slice. */
  async nextSlice(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.sliceStart = performance.now();
  }
}
