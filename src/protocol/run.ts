/**
 * Runs: start, cancel and list team runs, and the stream of what a running team does. Events are
 * server → client notifications, one typed notification per kind, each carrying its run's id.
 */
import { z } from 'zod';
import { notification, request } from './message';
import { RunBudget } from './runBudget';
import { ChangeFeedback } from '../core/contracts/feedback';
import { AgentProvenance } from '../core/contracts/provenance';
import { DecisionShape, Escalation, RunResultShape, RunUsage, SpanShape } from './shapes';

/** A run's id, as every run method names it. */
export const RunId = z.string().regex(/^[A-Za-z0-9._-]{1,80}$/, 'a run id');

/** A team run on a task: at the front door, or at a named agent. */
export const RunStartParams = z.strictObject({
  task: z.string().trim().min(1, 'the task is empty'),
  agent: z.string().min(1).optional(),
  /** Workspace-relative files the task is about (e.g. the open editor). */
  files: z.array(z.string().min(1)).optional(),
  /** "Try again": the person's decisions on `agent`'s earlier change set, handed to it as its input. */
  feedback: ChangeFeedback.optional(),
  /**
   * "Rerun from here": start at the receiver of a delivered handoff recorded in run `runId`'s trace,
   * with its recorded payload (inline or from its side file) or `payload` (the person's edit,
   * validated against the handoff's contract like any handoff). The run's task is then "Rerun of run
   * <runId> from the handoff <from> → <to> (<contract>)", its entry agent reads the input as sent by
   * the original sender, and its run span's `rerunOf` names the run and span (`edited` when the
   * payload differs from the recorded one). `agent` and `feedback` must be absent.
   *
   * Errors (a JSON-RPC ResponseError; nothing starts): an invalid payload is InvalidParams (-32602)
   * whose message lists the issues and whose `data` is `{ issues: string[] }` (each `payload.<path>:
   * <message>`); a span that is not a delivered handoff, a receiver no longer in the team, or `agent`
   * with `rerun` is InvalidParams without `data`; no trace for `runId`, or its payload's side file
   * missing, is notFound (-32001).
   */
  rerun: z.strictObject({ runId: RunId, spanId: z.string().min(1).max(100), payload: z.unknown().optional() }).optional(),
});
export type RunStartParams = z.infer<typeof RunStartParams>;

export const RunStarted = z.strictObject({ runId: RunId, budget: RunBudget.optional() });

/** nova/run.start: starts a run and answers at once with its id; events follow as notifications. */
export const runStart = request('nova/run.start', RunStartParams, RunStarted);

/** nova/run.cancel: cancels a running run; `cancelled` is false when it had already ended. */
export const runCancel = request('nova/run.cancel', z.strictObject({ runId: RunId }), z.strictObject({ cancelled: z.boolean() }));

/** One run as the Runs view lists it: running now, or ended (read back from its trace file). */
export const RunSummary = z.strictObject({
  runId: RunId,
  task: z.string(),
  origin: z.enum(['chat', 'run', 'trace']),
  status: z.enum(['running', 'completed', 'stopped', 'escalated', 'cancelled', 'unsupported', 'unknown']),
  startedAt: z.number(),
  endedAt: z.number().optional(),
  entryAgent: z.string().optional(),
  usage: RunUsage.optional(),
  /** Places where the run went sideways (describeProblems), for ended runs. */
  problems: z.int().min(0).optional(),
  /** The run this one reran from a handoff of. */
  rerunOf: RunId.optional(),
});
export type RunSummary = z.infer<typeof RunSummary>;

/** nova/run.list: running runs first, then ended ones from the workspace's trace files, newest first. */
export const runList = request('nova/run.list', z.strictObject({ limit: z.int().min(1).max(500).optional() }), z.strictObject({ runs: z.array(RunSummary) }));

const inRun = { runId: RunId };

/** nova/run.started: the run entered the team. */
export const runStarted = notification('nova/run.started', z.strictObject({ ...inRun, task: z.string(), entryAgent: z.string(), origin: z.enum(['chat', 'run']) }));

/**
 * nova/run.agentStarted: an agent (shipped, or from a workspace file: `provenance`) was activated
 * with `payload`, a validated `contract` (checked against it inside the run), from `from`.
 */
export const runAgentStarted = notification('nova/run.agentStarted', z.strictObject({ ...inRun, agent: z.string(), provenance: AgentProvenance, contract: z.string(), payload: z.unknown(), from: z.string() }));

/** nova/run.textDelta: text or thinking an agent is streaming. */
export const runTextDelta = notification(
  'nova/run.textDelta',
  // sentAt: epoch ms when the server sent it, so a view can measure delta → painted end to end.
  z.strictObject({ ...inRun, agent: z.string(), kind: z.enum(['text', 'thinking']), text: z.string(), sentAt: z.number().optional() }),
);

/** nova/run.retry: a model call is retried; what it streamed so far is void. */
export const runRetry = notification('nova/run.retry', z.strictObject({ ...inRun, agent: z.string(), attempt: z.int(), reason: z.string() }));

/** nova/run.span: a trace span ended. */
export const runSpan = notification('nova/run.span', z.strictObject({ ...inRun, span: SpanShape }));

/** nova/run.decision: a decision was settled. */
export const runDecision = notification('nova/run.decision', z.strictObject({ ...inRun, decision: DecisionShape }));

/** nova/run.escalation: a decision is put to the person. */
export const runEscalation = notification('nova/run.escalation', z.strictObject({ ...inRun, escalation: Escalation }));

/** nova/run.ended: the run ended; its proposals (if any) are already stored. */
export const runEnded = notification('nova/run.ended', z.strictObject({ ...inRun, result: RunResultShape, proposalIds: z.array(z.string()) }));
