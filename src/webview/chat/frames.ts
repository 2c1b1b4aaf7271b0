/**
 * Paints what changed at most once per animation frame: a streamed reply is many small deltas, and
 * re-rendering its Markdown for each would do work nobody sees. Also the page's measurement hook:
 * how long a message waited from its arrival to being painted.
 *
 * Measurement hook (read by bench/chatPage.ts, usable from any devtools):
 * - `performance.measure('nova.chat.delta')` for each frame that painted streamed text, from the
 *   arrival of the first delta it painted to just after that frame (a task queued from the frame's
 *   callback runs once the frame has been rendered);
 * - `performance.measure('nova.chat.serverDelta')` for each delta the server stamped (`sentAt`),
 *   from the server sending it to after the frame that painted it;
 * - `performance.measure('nova.chat.state')` for each chat/state, from its arrival to after the
 *   frame that first showed it;
 * - `data-painted-deltas` / `data-painted-states` on the page's root count them, so a test can wait
 *   for a paint without polling performance entries.
 */

/** Something that redraws itself from the value it shows. */
export interface Paintable {
  paint(): void;
}

export class FramePainter {
  private readonly dirty = new Set<Paintable>();
  /** When the server sent each delta waiting for the next frame (epoch ms). */
  private readonly serverSent: number[] = [];
  private arrivedAt = 0;
  private pendingSince: number | undefined;
  private scheduled = false;
  private paintedDeltas = 0;
  private paintedStates = 0;

  /** `around` wraps each frame's painting (the transcript keeps its scroll position at the bottom). */
  constructor(
    private readonly root: HTMLElement,
    private readonly around: (paint: () => void) => void,
  ) {}

  /** Notes that a message from the extension has arrived (before it is checked and applied). */
  arrived(): void {
    this.arrivedAt = performance.now();
  }

  /** Notes when the server sent a delta that the next frame paints (nova/run.textDelta's `sentAt`). */
  sentByServer(sentAt: number): void {
    this.serverSent.push(sentAt);
  }

  /** Asks for `view` to be repainted in the next frame. */
  schedule(view: Paintable): void {
    this.dirty.add(view);
    this.pendingSince ??= this.arrivedAt || performance.now();
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => this.frame());
  }

  /** Records when a freshly drawn chat/state was first on screen. */
  statePainted(): void {
    const since = this.arrivedAt || performance.now();
    requestAnimationFrame(() =>
      setTimeout(() => {
        performance.measure('nova.chat.state', { start: since, end: performance.now() });
        this.root.dataset.paintedStates = String(++this.paintedStates);
      }, 0),
    );
  }

  private frame(): void {
    this.scheduled = false;
    const views = [...this.dirty];
    this.dirty.clear();
    const since = this.pendingSince;
    this.pendingSince = undefined;
    const sent = this.serverSent.splice(0);
    this.around(() => {
      for (const view of views) view.paint();
    });
    if (since === undefined) return;
    setTimeout(() => {
      const now = performance.now();
      performance.measure('nova.chat.delta', { start: since, end: now });
      // The same clock as the server's (epoch ms), so this spans the server, the extension and the page.
      for (const at of sent) performance.measure('nova.chat.serverDelta', { start: Math.max(0, at - performance.timeOrigin), end: now });
      this.root.dataset.paintedDeltas = String(++this.paintedDeltas);
    }, 0);
  }
}
