/**
 * The server's run notifications as chat updates: what a person follows in the chat (who speaks,
 * handoffs, bounces, refusals, decisions, cost) out of the stream of nova/run.* events. Spans the
 * chat does not show (turns, tool calls, reasoning kept for the trace) map to nothing.
 */
import type { ChangeProposal } from '../../core/contracts';
import type { RunResult } from '../../core/orchestrator/result';
import type { Span } from '../../core/trace/spans';
import type { ResultArtifact, TranscriptUpdate } from './transcript';

/** The chat update a finished span stands for, if any. */
export function updateFromSpan(turnId: string, span: Span): TranscriptUpdate | undefined {
  switch (span.kind) {
    case 'model_call': {
      const { inputTokens, outputTokens, cacheReadTokens, cacheCreationTokens } = span.usage;
      return { type: 'callEnded', turnId, agent: span.agent, tokens: inputTokens + outputTokens + cacheReadTokens + cacheCreationTokens, costUsd: span.costUsd };
    }
    case 'validation':
      return span.verdict === 'bounced' ? { type: 'bounce', turnId, agent: span.agent, contract: span.contract, direction: span.direction, issues: [...span.issues], spanId: span.id } : undefined;
    case 'handoff':
      return span.status === 'refused' ? { type: 'refused', turnId, from: span.from, to: span.to, contract: span.contract, detail: span.detail ?? span.reason, spanId: span.id } : undefined;
    default:
      return undefined;
  }
}

/** The run's end: its result, and each distinct change proposal that travelled in it. */
export function updateFromEnd(turnId: string, result: RunResult, proposalIds: readonly string[], now: number): TranscriptUpdate {
  const results: ResultArtifact[] = [];
  const seen = new Set<string>();
  const add = (artifact: { agent: string; contract: string; payload: unknown }): void => {
    const key = `${artifact.contract}:${JSON.stringify(artifact.payload)}`;
    if (seen.has(key)) return;
    seen.add(key);
    results.push({ agent: artifact.agent, contract: artifact.contract, payload: artifact.payload });
  };
  for (const artifact of result.artifacts) if (artifact.contract === 'ChangeProposal') add(artifact as { agent: string; contract: string; payload: ChangeProposal });
  if (result.result) add(result.result);
  return {
    type: 'ended',
    turnId,
    status: result.status,
    results,
    ...(result.stuck ? { stuck: result.stuck } : {}),
    proposalIds: [...proposalIds],
    usage: { ...result.usage },
    endedAt: now,
  };
}
