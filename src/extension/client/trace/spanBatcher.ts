/**
 * Live spans reach the page in batches, one per short tick: a run can end hundreds of spans a
 * second (every tool call, every model call), and one message each would keep the page busy
 * parsing instead of painting. The first item of a batch starts the tick; what arrives during it
 * goes along. No `vscode` import: Node tests drive it with their own clock.
 */

/** How long a batch waits for company: about two frames, so a span is painted within ~50 ms of ending. */
export const batchTickMs = 32;

/** A timer the batcher can be given (tests pass a manual one). */
export interface BatchTimer {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimer: BatchTimer = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class SpanBatcher<T> {
  private batch: T[] = [];
  private handle: unknown;
  private disposed = false;

  constructor(
    private readonly send: (items: T[]) => void,
    private readonly tickMs = batchTickMs,
    private readonly timer: BatchTimer = realTimer,
  ) {}

  /** Adds one item; it is sent with the batch at the end of this tick. */
  add(item: T): void {
    if (this.disposed) return;
    this.batch.push(item);
    this.handle ??= this.timer.set(() => this.flush(), this.tickMs);
  }

  /** Sends what waits now (the run ended: its last spans go before the end). */
  flush(): void {
    if (this.handle !== undefined) this.timer.clear(this.handle);
    this.handle = undefined;
    if (this.batch.length === 0) return;
    const items = this.batch;
    this.batch = [];
    this.send(items);
  }

  /** Drops what waits and sends nothing more. */
  dispose(): void {
    if (this.handle !== undefined) this.timer.clear(this.handle);
    this.handle = undefined;
    this.batch = [];
    this.disposed = true;
  }
}
