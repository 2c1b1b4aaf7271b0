/**
 * What a run cost and where it went wrong, read from its spans: the figures and the list of places a
 * person should look at, the same for a live run and a reloaded trace.
 */
import { gateNames } from '../improve/record';
import { oneLine } from '../oneLine';
import type { ModelCallSpan, Span } from './spans';

/** Model usage summed over model calls. */
export interface UsageTotals {
  readonly modelCalls: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cacheReadTokens: number;
  readonly cacheCreationTokens: number;
  readonly costUsd: number;
  readonly latencyMs: number;
}

/** Usage of the whole run and of each agent that called a model. */
export interface UsageRollUp {
  readonly run: UsageTotals;
  readonly byAgent: Map<string, UsageTotals>;
}

const ZERO: UsageTotals = { modelCalls: 0, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheCreationTokens: 0, costUsd: 0, latencyMs: 0 };

function add(totals: UsageTotals, call: ModelCallSpan): UsageTotals {
  return {
    modelCalls: totals.modelCalls + 1,
    inputTokens: totals.inputTokens + call.usage.inputTokens,
    outputTokens: totals.outputTokens + call.usage.outputTokens,
    cacheReadTokens: totals.cacheReadTokens + call.usage.cacheReadTokens,
    cacheCreationTokens: totals.cacheCreationTokens + call.usage.cacheCreationTokens,
    costUsd: totals.costUsd + call.costUsd,
    latencyMs: totals.latencyMs + call.latencyMs,
  };
}

/** Sums the model calls of a run, in total and per agent (agents in order of their first call). */
export function rollUpUsage(spans: Iterable<Span>): UsageRollUp {
  let run = ZERO;
  const byAgent = new Map<string, UsageTotals>();
  for (const span of spans) {
    if (span.kind !== 'model_call') continue;
    run = add(run, span);
    byAgent.set(span.agent, add(byAgent.get(span.agent) ?? ZERO, span));
  }
  return { run, byAgent };
}

/** A span a person should look at, with a one-line account of what happened there. */
export interface SpanProblem {
  readonly spanId: string;
  readonly agent: string;
  readonly kind: Span['kind'];
  readonly summary: string;
}

/**
 * The places where a run went sideways, in the order they happened: refused or bounced handoffs,
 * refused tool calls and sandbox refusals, bounced or violated contracts, disagreements (decisions
 * whose dissent still stands), escalations and governor stops; in an improve run, every write to a
 * protected path, every gate that failed or could not run, and a phase outside the gates that failed.
 */
export function describeProblems(spans: Iterable<Span>): SpanProblem[] {
  const found: { problem: SpanProblem; at: number }[] = [];
  for (const span of spans) {
    const problem = describeProblem(span);
    if (problem) found.push({ problem, at: span.startedAt });
  }
  // Spans are recorded when they end; a person reads a run in the order things started.
  return found.sort((a, b) => a.at - b.at).map((entry) => entry.problem);
}

/** The problem one span is, if it is one (a live view checks each span as it arrives). */
export function describeProblem(span: Span): SpanProblem | undefined {
  const summary = summarise(span);
  if (summary === undefined) return undefined;
  const agent = span.kind === 'handoff' ? (span.agent ?? span.from) : (span.agent ?? '');
  return { spanId: span.id, agent, kind: span.kind, summary: oneLine(summary, MAX_SUMMARY) };
}

/** A tool call the workspace sandbox stopped: a path outside the workspace, or one that led out of it. */
const sandboxRefusal = /outside the workspace|sandbox/i;

function summarise(span: Span): string | undefined {
  switch (span.kind) {
    case 'handoff':
      if (span.status === 'delivered') return undefined;
      return `Handoff ${span.from} → ${span.to} (${span.contract}) ${span.status}: ${span.detail ?? span.reason}`;
    case 'tool_call':
      if (span.status === 'ok') return undefined;
      if (sandboxRefusal.test(span.output)) return `The sandbox refused ${span.agent}'s ${span.tool}: ${span.output}`;
      if (span.status !== 'refused') return undefined;
      return `${span.agent} was refused the tool ${span.tool}${span.output ? `: ${span.output}` : ''}`;
    case 'decision': {
      const { decision } = span;
      if (decision.dissent.length === 0) return undefined;
      const dissent = decision.dissent.map((opinion) => `${opinion.agent} ${opinion.stance === 'oppose' ? 'opposes' : opinion.stance}: ${opinion.reason}`).join('; ');
      return `Disagreement on ${decision.kind}: ${decision.owner} decided ${decision.outcome}, ${dissent}`;
    }
    case 'validation': {
      if (span.verdict === 'accepted') return undefined;
      const what = `${span.agent}'s ${span.contract} ${span.direction === 'result' ? 'result' : 'handoff payload'}`;
      const issues = span.issues.length === 0 ? '' : `: ${span.issues[0]}${span.issues.length > 1 ? ` (+${span.issues.length - 1} more)` : ''}`;
      return span.verdict === 'bounced'
        ? `${what} bounced back to it (attempt ${span.attempt})${issues}`
        : `${what} violated its contract after ${span.attempt} attempt${span.attempt === 1 ? '' : 's'}${issues}`;
    }
    case 'escalation':
      return `Escalated to you: ${span.escalation.question} (${span.escalation.decision.kind}, owned by ${span.escalation.decision.owner})`;
    case 'governor_stop': {
      const { report } = span;
      const at = report.handoff ? ` at handoff ${report.handoff.from} → ${report.handoff.to} (${report.handoff.contract})` : '';
      return `Run stopped (${report.reason.replace(/_/g, ' ')}) in ${report.agent}${at}: ${report.detail}`;
    }
    case 'protected_write': {
      const { attempt } = span;
      return attempt.via === 'proposal'
        ? `${attempt.agent} tried to change the protected ${attempt.path}; the proposal was refused: ${attempt.reason}`
        : `A command changed the protected ${attempt.path} in the worktree; it was restored: ${attempt.reason}`;
    }
    case 'gate': {
      const { record } = span;
      if (record.status === 'failed') return `Gate ${record.title} failed: ${record.summary}`;
      if (record.status === 'error') return `Gate ${record.title} could not run: ${record.summary}`;
      return undefined;
    }
    case 'improve_phase':
      // A gate's phase fails with its gate, whose own span is the problem already.
      if (span.status !== 'failed' || isGatePhase(span.phase)) return undefined;
      return `The improve run's ${span.phase} phase failed${span.detail ? `: ${span.detail}` : ''}`;
    default:
      return undefined;
  }
}

function isGatePhase(phase: string): boolean {
  return (gateNames as readonly string[]).includes(phase);
}

const MAX_SUMMARY = 200;
