/**
 * Tokens, cost and budget as the page shows them, always: per turn, per chat, and how much of its
 * budget the running turn has used. Pure (no DOM).
 */
import type { Budget, Usage } from '../../protocol/webview/transcript';

/** `1,234 tokens`, `12.3k tokens`, `1.2M tokens`. */
export function formatTokens(tokens: number): string {
  if (tokens < 10_000) return `${Math.round(tokens).toLocaleString('en-US')} tokens`;
  if (tokens < 1_000_000) return `${(tokens / 1000).toFixed(1)}k tokens`;
  return `${(tokens / 1_000_000).toFixed(1)}M tokens`;
}

/** `$0` (nothing spent, e.g. offline), `$0.0042`, `$1.23`. */
export function formatCost(costUsd: number): string {
  if (costUsd === 0) return '$0';
  return costUsd < 0.1 ? `$${costUsd.toFixed(4)}` : `$${costUsd.toFixed(2)}`;
}

/** `1,234 tokens · $0.0042 · 3 steps`. */
export function usageText(usage: Usage): string {
  return `${formatTokens(usage.tokens)} · ${formatCost(usage.costUsd)} · ${usage.steps} step${usage.steps === 1 ? '' : 's'}`;
}

/** One limit of the budget and how much of it is used (fraction 0..1, capped). */
export interface BudgetPart {
  readonly what: 'steps' | 'tokens' | 'cost';
  readonly text: string;
  readonly fraction: number;
}

/** The running turn's budget, limit by limit: `steps 3 / 40`, `tokens 12.3k / 200k`, `cost $0.01 / $1.00`. */
export function budgetParts(usage: Usage, budget: Budget): BudgetPart[] {
  const fraction = (used: number, max: number) => (max > 0 ? Math.min(1, used / max) : 0);
  const compact = (tokens: number) => formatTokens(tokens).replace(/ tokens$/, '');
  return [
    { what: 'steps', text: `steps ${usage.steps} / ${budget.maxSteps}`, fraction: fraction(usage.steps, budget.maxSteps) },
    { what: 'tokens', text: `tokens ${compact(usage.tokens)} / ${compact(budget.maxTokens)}`, fraction: fraction(usage.tokens, budget.maxTokens) },
    { what: 'cost', text: `cost ${formatCost(usage.costUsd)} / ${formatCost(budget.maxUsd)}`, fraction: fraction(usage.costUsd, budget.maxUsd) },
  ];
}
