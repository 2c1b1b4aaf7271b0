/**
 * A run's wall-clock limit as an AbortSignal that can be paused: the limit bounds the team's work,
 * and a run waiting for the person is not working — an answer given after a coffee break must not
 * find the run stopped. It aborts with a `TimeoutError`, like `AbortSignal.timeout`.
 */
export class WallClock {
  private readonly controller = new AbortController();
  private remainingMs: number;
  private startedAt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pauses = 0;

  constructor(limitMs: number) {
    this.remainingMs = limitMs;
    this.run();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Stops the clock until the returned function is called (pauses nest; the clock runs when none is left). */
  pause(): () => void {
    if (this.pauses++ === 0 && this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.remainingMs -= Date.now() - this.startedAt;
    }
    let resumed = false;
    return () => {
      if (resumed) return;
      resumed = true;
      if (--this.pauses === 0) this.run();
    };
  }

  /** Ends the clock with the run, so no timer outlives it. */
  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private run(): void {
    if (this.controller.signal.aborted) return;
    this.startedAt = Date.now();
    this.timer = setTimeout(() => this.controller.abort(new DOMException('the run reached its wall-clock limit', 'TimeoutError')), Math.max(0, this.remainingMs));
    // Like AbortSignal.timeout: the limit alone never keeps the process alive.
    (this.timer as { unref?: () => void }).unref?.();
  }
}
