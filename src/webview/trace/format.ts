/** Figures as the trace page shows them: tokens, cost and latency of a node or of an agent. Pure (no DOM). */
import { formatCost, formatTokens } from '../chat/usage';
import type { Totals, TraceNode } from './traceModel';

export { formatCost, formatTokens };

/** `840 ms`, `12.4 s`, `3 min 5 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** `1,200 tokens · $0.0123`, or nothing when no model was called under it. */
export function formatTotals(totals: Totals): string {
  return totals.modelCalls === 0 ? '' : `${formatTokens(totals.tokens)} · ${formatCost(totals.costUsd)}`;
}

/** A row's figures: tokens and cost summed over its subtree, and how long it took (a model call: its latency). */
export function formatMetrics(node: TraceNode): string {
  const { span } = node;
  const latency = span.kind === 'model_call' ? span.latencyMs : span.endedAt - span.startedAt;
  const totals = formatTotals(node.totals);
  return totals ? `${totals} · ${formatDuration(latency)}` : formatDuration(latency);
}
