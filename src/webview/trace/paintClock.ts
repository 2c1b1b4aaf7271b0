/**
 * The trace page's measurement hook (read by bench/tracePanel.ts and the UI test, usable from any
 * devtools): how long a message waited from its arrival to being on screen.
 * - `performance.measure('nova.trace.load')` for each trace/load, from its arrival (before it was
 *   checked) to just after the first frame that showed it (a task queued from a frame callback
 *   runs once that frame has been rendered);
 * - `performance.measure('nova.trace.span')` for each frame that painted live spans, from the
 *   arrival of the first of them to just after that frame;
 * - `data-painted-loads` / `data-painted-spans` on the page's root count them, so a test can wait
 *   for a paint without polling performance entries.
 */
export class PaintClock {
  private arrivedAt = 0;
  private loads = 0;
  private spans = 0;
  private liveSince: number | undefined;
  private liveQueued = false;

  constructor(private readonly root: HTMLElement) {}

  /** A message from the extension has arrived (before it is checked and applied). */
  arrived(): void {
    this.arrivedAt = performance.now();
  }

  /** The load was drawn: measure once it is on screen. */
  loaded(): void {
    const since = this.arrivedAt || performance.now();
    requestAnimationFrame(() =>
      setTimeout(() => {
        performance.measure('nova.trace.load', { start: since, end: performance.now() });
        this.root.dataset.paintedLoads = String(++this.loads);
      }, 0),
    );
  }

  /** Live spans arrived: `paint` draws them in the next frame, and that frame is measured. */
  paintLive(paint: () => void): void {
    this.liveSince ??= this.arrivedAt || performance.now();
    if (this.liveQueued) return;
    this.liveQueued = true;
    requestAnimationFrame(() => {
      this.liveQueued = false;
      const since = this.liveSince;
      this.liveSince = undefined;
      paint();
      setTimeout(() => {
        performance.measure('nova.trace.span', { start: since ?? performance.now(), end: performance.now() });
        this.root.dataset.paintedSpans = String(++this.spans);
      }, 0);
    });
  }
}
