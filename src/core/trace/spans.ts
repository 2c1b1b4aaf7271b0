/**
 * The trace of a run is a tree of spans, one discriminated union. Processors (in-memory, JSONL, the
 * trace panel) receive each span when it ends; a JSONL file reloads into the same tree.
 */
import type { DecisionRecord } from '../contracts/decision';
import type { Escalation, StuckReport } from '../contracts';
import type { AgentProvenance } from '../contracts/provenance';
import type { GateRecord, ImprovePhase, ProtectedAttempt } from '../improve/record';

/** Token usage of one model call, as the API reports it. */
export interface TokenUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cacheReadTokens: number;
  readonly cacheCreationTokens: number;
}

/** Fields every span has. Times are epoch milliseconds. */
export interface SpanBase {
  readonly runId: string;
  readonly id: string;
  readonly parentId: string | null;
  readonly startedAt: number;
  readonly endedAt: number;
  /** The agent the span belongs to; absent on the run span and on the person's own (`person_change`). */
  readonly agent?: string;
}

/** `unsupported`: the run reached an agent its model cannot play (offline, an agent with no plan). */
export type RunStatus = 'completed' | 'stopped' | 'escalated' | 'cancelled' | 'unsupported';

/** The whole run: what was asked, where it entered, how it ended. */
export interface RunSpan extends SpanBase {
  readonly kind: 'run';
  readonly task: string;
  readonly entryAgent: string;
  readonly status: RunStatus;
  /** "Rerun from here": the run and handoff span this run restarted from (its receiver is `entryAgent`). */
  readonly rerunOf?: { readonly runId: string; readonly spanId: string; readonly edited: boolean };
}

/**
 * A payload as the trace keeps it. Up to the cap it is inline (`value`); beyond it `value` is absent,
 * `preview` holds its first characters of JSON and the whole payload is in the side file
 * `.nova/traces/<runId>.payloads/<spanId>.json`, which a panel loads on demand.
 */
export interface TracedPayload {
  /** Bytes of the payload's JSON. */
  readonly bytes: number;
  readonly value?: unknown;
  readonly preview?: string;
  /** True when the whole payload is in the side file, not in `value`. */
  readonly inSideFile?: true;
}

/** One activation of an agent: from the payload it received to its result, handoff or stop. */
export interface AgentSpan extends SpanBase {
  readonly kind: 'agent';
  readonly agent: string;
  /** Where the agent came from; absent only in traces written before it was recorded. */
  readonly provenance?: AgentProvenance;
  readonly accepted: string;
  readonly outcome: 'submitted' | 'handed_off' | 'stopped';
  readonly returned?: string;
  /** Who handed this agent its input: "person", an agent, or "nova" (a consultation). Absent in older traces. */
  readonly from?: string;
  /** The delivered handoff span that activated this agent; absent for the entry agent and in older traces. */
  readonly handoffSpanId?: string;
  /** The constitution its system prompt carried (`.nova/constitution.md`, by hash and size); absent: none. */
  readonly constitution?: { readonly sha256: string; readonly bytes: number };
}

/** One model turn of an activation (model call plus the tool calls it asked for). */
export interface TurnSpan extends SpanBase {
  readonly kind: 'turn';
  readonly agent: string;
  readonly index: number;
}

export interface ModelCallSpan extends SpanBase {
  readonly kind: 'model_call';
  readonly agent: string;
  readonly provider: string;
  readonly model: string;
  readonly usage: TokenUsage;
  readonly latencyMs: number;
  readonly costUsd: number;
  readonly stopReason: string;
}

/** The model's visible reasoning (extended thinking, or text it wrote alongside tool calls). */
export interface ReasoningSpan extends SpanBase {
  readonly kind: 'reasoning';
  readonly agent: string;
  readonly text: string;
  readonly source: 'thinking' | 'text';
}

export interface ToolCallSpan extends SpanBase {
  readonly kind: 'tool_call';
  readonly agent: string;
  readonly tool: string;
  readonly input: unknown;
  readonly status: 'ok' | 'error' | 'refused';
  /** The output shown to the model, truncated for the trace. */
  readonly output: string;
}

export interface HandoffSpan extends SpanBase {
  readonly kind: 'handoff';
  readonly from: string;
  readonly to: string;
  readonly contract: string;
  readonly reason: string;
  readonly payloadHash: string;
  readonly status: 'delivered' | 'bounced' | 'refused';
  readonly detail?: string;
  /** What was handed over: the validated payload when delivered, the raw one when bounced or refused. Absent in older traces. */
  readonly payload?: TracedPayload;
  /** The validation issues of a bounced handoff (also in `detail`, joined). */
  readonly issues?: readonly string[];
}

/** A payload checked against its contract, and what happened because of it. */
export interface ValidationSpan extends SpanBase {
  readonly kind: 'validation';
  readonly agent: string;
  readonly contract: string;
  readonly direction: 'result' | 'handoff';
  readonly attempt: number;
  readonly verdict: 'accepted' | 'bounced' | 'violation';
  readonly issues: readonly string[];
  /**
   * What was checked, for results (`direction: 'result'`): the agent's submission as it was on this
   * attempt. Handoff payloads are on their handoff span instead. Absent in older traces.
   */
  readonly payload?: TracedPayload;
}

export interface DecisionSpan extends SpanBase {
  readonly kind: 'decision';
  readonly agent: string;
  readonly decision: DecisionRecord;
}

export interface EscalationSpan extends SpanBase {
  readonly kind: 'escalation';
  readonly agent: string;
  readonly escalation: Escalation;
}

export interface GovernorStopSpan extends SpanBase {
  readonly kind: 'governor_stop';
  readonly agent: string;
  readonly report: StuckReport;
}

/**
 * The person's own lines in a change the run proposed: they edited the proposed side before
 * accepting it, and these hunks are theirs (author `person`). Appended to the run's trace when they
 * do, after the run — so a reader of the trace sees what reached the file was not all the agent's.
 */
export interface PersonChangeSpan extends SpanBase {
  readonly kind: 'person_change';
  readonly changeSetId: string;
  readonly path: string;
  /** The person's hunks, as the change set records them. */
  readonly hunkIds: readonly string[];
  /** What they changed, in a line: hunks, lines added and removed, the first changed line. */
  readonly summary: string;
}

/**
 * A phase of an improve run (core/improve): preparing, the worktree, the agents, applying their
 * change, each gate, the report. The agents' spans and the gate's span are its children.
 */
export interface ImprovePhaseSpan extends SpanBase {
  readonly kind: 'improve_phase';
  readonly phase: ImprovePhase;
  readonly status: 'ok' | 'failed' | 'skipped' | 'cancelled';
  /** One line on how it went ("worktree .git/nova/worktrees/… on nova/improve/…", "3 files changed"). */
  readonly detail?: string;
}

/** A gate's own record (core/improve/record.ts), as the code that ran the gate wrote it. */
export interface GateSpan extends SpanBase {
  readonly kind: 'gate';
  readonly record: GateRecord;
}

/** A write to a protected path, refused at the tool layer (a proposal's file) or undone in the worktree (a command's). */
export interface ProtectedWriteSpan extends SpanBase {
  readonly kind: 'protected_write';
  readonly attempt: ProtectedAttempt;
}

export type Span =
  | RunSpan
  | AgentSpan
  | TurnSpan
  | ModelCallSpan
  | ReasoningSpan
  | ToolCallSpan
  | HandoffSpan
  | ValidationSpan
  | DecisionSpan
  | EscalationSpan
  | GovernorStopSpan
  | PersonChangeSpan
  | ImprovePhaseSpan
  | GateSpan
  | ProtectedWriteSpan;

export type SpanKind = Span['kind'];

/** Every span kind, for readers that check spans from outside (trace files, the protocol). */
export const spanKinds = ['run', 'agent', 'turn', 'model_call', 'reasoning', 'tool_call', 'handoff', 'validation', 'decision', 'escalation', 'governor_stop', 'person_change', 'improve_phase', 'gate', 'protected_write'] as const satisfies readonly SpanKind[];
export type SpanOfKind<K extends SpanKind> = Extract<Span, { kind: K }>;

/** Receives spans as they end (and, optionally, as they start, for live views). */
export interface SpanProcessor {
  onSpanStart?(span: Pick<Span, 'runId' | 'id' | 'parentId' | 'kind' | 'startedAt' | 'agent'>): void;
  onSpanEnd(span: Span): void;
  /** Writes anything buffered; called when the run ends. */
  flush?(): Promise<void>;
}
