/**
 * The server's run notifications, as chat updates for the turn each run answers. The chat listens
 * through the generic client (`ServerFeatures.onNotification`, every notification checked against
 * its schema there) and follows only the runs it started. A run's first events can arrive before
 * nova/run.start has answered with its id, so events of a run nobody follows yet are held briefly
 * and handed over when the chat starts following it; the rest are dropped.
 */
import type { ParamsOf } from '../../../protocol/message';
import { runAgentStarted, runDecision, runEnded, runEscalation, runRetry, runSpan, runStarted, runTextDelta } from '../../../protocol/run';
import { updateFromEnd, updateFromSpan } from '../../../protocol/webview/runUpdates';
import type { TranscriptUpdate } from '../../../protocol/webview/transcript';
import type { ServerFeatures } from '../../serverFeatures';
import { DisposableStore, type Disposable } from '../../disposableStore';

/** One run notification, tagged with what it is. */
export type RunNotice =
  | { readonly kind: 'started'; readonly params: ParamsOf<typeof runStarted> }
  | { readonly kind: 'agentStarted'; readonly params: ParamsOf<typeof runAgentStarted> }
  | { readonly kind: 'text'; readonly params: ParamsOf<typeof runTextDelta> }
  | { readonly kind: 'retry'; readonly params: ParamsOf<typeof runRetry> }
  | { readonly kind: 'span'; readonly params: ParamsOf<typeof runSpan> }
  | { readonly kind: 'decision'; readonly params: ParamsOf<typeof runDecision> }
  | { readonly kind: 'escalation'; readonly params: ParamsOf<typeof runEscalation> }
  | { readonly kind: 'ended'; readonly params: ParamsOf<typeof runEnded> };

/** The chat update a run notification stands for in turn `turnId`, if any. Pure. */
export function updateFromNotice(turnId: string, notice: RunNotice, now: number): TranscriptUpdate | undefined {
  switch (notice.kind) {
    case 'started':
      return undefined; // runStarted comes from nova/run.start's answer, which the chat waits for anyway
    case 'agentStarted': {
      const { agent, provenance, contract, from, payload } = notice.params;
      // null when there is none: an undefined key would vanish in JSON, and the stored chat's schema requires one.
      return { type: 'agentStarted', turnId, agent, provenance, contract, from, payload: payload ?? null };
    }
    case 'text':
      return { type: 'text', turnId, agent: notice.params.agent, kind: notice.params.kind, text: notice.params.text, ...(notice.params.sentAt !== undefined ? { sentAt: notice.params.sentAt } : {}) };
    case 'retry':
      return { type: 'retry', turnId, agent: notice.params.agent, attempt: notice.params.attempt, reason: notice.params.reason };
    case 'span':
      return updateFromSpan(turnId, notice.params.span);
    case 'decision':
      return { type: 'decision', turnId, decision: notice.params.decision };
    case 'escalation':
      return { type: 'escalation', turnId, escalation: notice.params.escalation };
    case 'ended':
      return updateFromEnd(turnId, notice.params.result, notice.params.proposalIds, now);
  }
}

/** What follows one run: each notice in order; `ended` is the last. */
export type RunListener = (notice: RunNotice) => void;

/** Notices of a run nobody follows yet are held this long, at most this many per run. */
const holdMs = 30_000;
const maxHeld = 2_000;

export class RunStream implements Disposable {
  private readonly store = new DisposableStore();
  private readonly listeners = new Map<string, RunListener>();
  private readonly held = new Map<string, { readonly since: number; readonly notices: RunNotice[] }>();

  constructor(features: Pick<ServerFeatures, 'onNotification'>, private readonly now: () => number = Date.now) {
    const on = <K extends RunNotice['kind']>(kind: K) => (params: Extract<RunNotice, { kind: K }>['params']) => this.deliver({ kind, params } as RunNotice);
    this.store.add(features.onNotification(runStarted, on('started')));
    this.store.add(features.onNotification(runAgentStarted, on('agentStarted')));
    this.store.add(features.onNotification(runTextDelta, on('text')));
    this.store.add(features.onNotification(runRetry, on('retry')));
    this.store.add(features.onNotification(runSpan, on('span')));
    this.store.add(features.onNotification(runDecision, on('decision')));
    this.store.add(features.onNotification(runEscalation, on('escalation')));
    this.store.add(features.onNotification(runEnded, on('ended')));
  }

  /** Follows `runId` until it ends; what arrived before is handed over first. */
  follow(runId: string, listener: RunListener): Disposable {
    this.listeners.set(runId, listener);
    const early = this.held.get(runId);
    this.held.delete(runId);
    for (const notice of early?.notices ?? []) this.deliver(notice);
    return { dispose: () => this.listeners.get(runId) === listener && this.listeners.delete(runId) };
  }

  /** Whether the chat follows `runId` (a run it started and that has not ended). */
  follows(runId: string): boolean {
    return this.listeners.has(runId);
  }

  /** The runs the chat follows now. */
  get followed(): readonly string[] {
    return [...this.listeners.keys()];
  }

  dispose(): void {
    this.store.dispose();
    this.listeners.clear();
    this.held.clear();
  }

  private deliver(notice: RunNotice): void {
    const runId = notice.params.runId;
    const listener = this.listeners.get(runId);
    if (listener) {
      if (notice.kind === 'ended') this.listeners.delete(runId);
      listener(notice);
      return;
    }
    this.forgetStale();
    const entry = this.held.get(runId) ?? { since: this.now(), notices: [] };
    if (entry.notices.length < maxHeld) entry.notices.push(notice);
    this.held.set(runId, entry);
  }

  private forgetStale(): void {
    const cutoff = this.now() - holdMs;
    for (const [runId, entry] of this.held) if (entry.since < cutoff) this.held.delete(runId);
  }
}
