/**
 * The spans of the runs going on now, kept from the server's `nova/run.span` notifications (each
 * span as it ends) so a trace panel opened in the middle of a run shows what happened so far and
 * then follows it. One per server connection, listening from the moment the client exists, so no
 * run's beginning is missed; a run's spans are dropped once it ends (its trace file holds them all).
 */
import type { Span } from '../../../core/trace/spans';
import { runEnded, runSpan, runStarted } from '../../../protocol/run';
import type { Disposable } from '../../disposableStore';
import type { ServerFeatures } from '../../serverFeatures';

/** A span as the server sends it (checked against the protocol's SpanShape on arrival). */
export type WireSpan = Span;

/** What follows one live run: its spans as they end, then its end. */
export interface LiveListener {
  span(span: WireSpan): void;
  ended(): void;
}

interface LiveRun {
  task: string | undefined;
  readonly spans: WireSpan[];
  readonly listeners: Set<LiveListener>;
}

export class LiveTraces implements Disposable {
  private readonly runs = new Map<string, LiveRun>();
  /** Runs seen to end, newest last (a few hundred): a late `expect` must not make one live again. */
  private readonly endedRuns = new Set<string>();
  private readonly subscriptions: Disposable[];

  constructor(features: Pick<ServerFeatures, 'onNotification'>) {
    this.subscriptions = [
      features.onNotification(runStarted, ({ runId, task }) => void (this.run(runId).task = task)),
      features.onNotification(runSpan, ({ runId, span }) => this.spanEnded(runId, span)),
      features.onNotification(runEnded, ({ runId }) => this.runEnded(runId)),
    ];
  }

  /** Whether `runId` is going on now (started, not ended). */
  isLive(runId: string): boolean {
    return this.runs.has(runId);
  }

  /** The run's task, if its start was seen. */
  taskOf(runId: string): string | undefined {
    return this.runs.get(runId)?.task;
  }

  /** A run that was just started (nova/run.start answered): live from now, even before its first notification. */
  expect(runId: string, task: string): void {
    // A quick run can end before the answer that started it is read: then its trace file is complete.
    if (this.endedRuns.has(runId)) return;
    this.run(runId).task ??= task;
  }

  /**
   * The spans of a live run so far, and from now on each span as it ends, then the end. Undefined
   * when the run is not live (it ended: its trace file is complete).
   */
  follow(runId: string, listener: LiveListener): { readonly spans: readonly WireSpan[]; readonly subscription: Disposable } | undefined {
    const run = this.runs.get(runId);
    if (!run) return undefined;
    run.listeners.add(listener);
    return { spans: [...run.spans], subscription: { dispose: () => run.listeners.delete(listener) } };
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.runs.clear();
  }

  private run(runId: string): LiveRun {
    let run = this.runs.get(runId);
    if (!run) this.runs.set(runId, (run = { task: undefined, spans: [], listeners: new Set() }));
    return run;
  }

  private spanEnded(runId: string, span: WireSpan): void {
    const run = this.run(runId);
    run.spans.push(span);
    for (const listener of [...run.listeners]) listener.span(span);
  }

  private runEnded(runId: string): void {
    const run = this.runs.get(runId);
    this.runs.delete(runId);
    this.endedRuns.add(runId);
    if (this.endedRuns.size > 500) this.endedRuns.delete(this.endedRuns.values().next().value as string);
    for (const listener of [...(run?.listeners ?? [])]) listener.ended();
  }
}

const perServer = new WeakMap<object, LiveTraces>();

/** The live traces of one server connection (made on first use; the client makes it as it starts). */
export function liveTracesOf(features: Pick<ServerFeatures, 'onNotification'>): LiveTraces {
  let live = perServer.get(features);
  if (!live) perServer.set(features, (live = new LiveTraces(features)));
  return live;
}
