/**
 * What a run tells its subscribers (the server, the CLI, the UI) as it happens. Listeners that
 * throw are isolated: a broken view never breaks a run.
 */
import type { Escalation } from '../contracts';
import type { AgentProvenance } from '../contracts/provenance';
import type { Span, SpanProcessor } from '../trace/spans';
import type { DecisionRecord } from '../contracts/decision';
import type { RunResult } from './result';

export type RunEvent =
  | { readonly type: 'run_start'; readonly runId: string; readonly entryAgent: string; readonly task: string }
  /** An agent was activated; `provenance` says whether Nova shipped it or a workspace file defined it. */
  | { readonly type: 'agent_start'; readonly runId: string; readonly agent: string; readonly provenance: AgentProvenance; readonly contract: string; readonly payload: unknown; readonly from: string }
  | { readonly type: 'text_delta'; readonly runId: string; readonly agent: string; readonly text: string }
  | { readonly type: 'thinking_delta'; readonly runId: string; readonly agent: string; readonly text: string }
  /** A piece of a tool call's input JSON as the model writes it (a handoff or result taking shape). */
  | { readonly type: 'tool_input_delta'; readonly runId: string; readonly agent: string; readonly toolUseId: string; readonly tool: string; readonly partialJson: string }
  /** A model call is being retried: the text streamed for it so far is void. */
  | { readonly type: 'model_retry'; readonly runId: string; readonly agent: string; readonly attempt: number; readonly reason: string }
  | { readonly type: 'span'; readonly runId: string; readonly span: Span }
  | { readonly type: 'decision'; readonly runId: string; readonly decision: DecisionRecord }
  | { readonly type: 'escalation'; readonly runId: string; readonly escalation: Escalation }
  | { readonly type: 'run_end'; readonly runId: string; readonly result: RunResult };

export type RunEventListener = (event: RunEvent) => void;

export class RunEvents {
  private readonly listeners = new Set<RunEventListener>();
  /** Errors thrown by listeners, kept so they can be reported rather than lost. */
  readonly listenerErrors: unknown[] = [];

  /** Subscribes; returns the function that unsubscribes. */
  on(listener: RunEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: RunEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.listenerErrors.push(error);
      }
    }
  }

  /** A span processor that forwards every ended span as a `span` event. */
  asSpanProcessor(): SpanProcessor {
    return { onSpanEnd: (span) => this.emit({ type: 'span', runId: span.runId, span }) };
  }
}
