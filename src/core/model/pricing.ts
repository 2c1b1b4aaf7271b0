import type { TokenUsage } from '../trace/spans';

/** US dollars per million tokens, by kind of token. */
export interface ModelPrice {
  readonly input: number;
  readonly output: number;
  readonly cacheWrite: number;
  readonly cacheRead: number;
}

export type PriceTable = Readonly<Record<string, ModelPrice>>;

/**
 * Anthropic's list prices per MTok (platform.claude.com/docs/en/about-claude/pricing, as of
 * 2026-11; 5-minute cache writes). Dated ids match by prefix. Configurable: pass your own table.
 */
export const defaultPrices: PriceTable = {
  'claude-fable-5-1': { input: 10, output: 50, cacheWrite: 12.5, cacheRead: 0.25 },
  'claude-opus-5-5': { input: 4, output: 20, cacheWrite: 5, cacheRead: 0.2 },
  'claude-opus-5': { input: 5, output: 25, cacheWrite: 6.25, cacheRead: 0.5 },
  'claude-opus-4': { input: 5, output: 25, cacheWrite: 6.25, cacheRead: 0.5 },
  'claude-sonnet-5-5': { input: 2, output: 10, cacheWrite: 2.5, cacheRead: 0.1 },
  'claude-sonnet-5': { input: 2, output: 10, cacheWrite: 2.5, cacheRead: 0.2 },
  'claude-sonnet-4': { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 },
  'claude-haiku-5-5': { input: 0.1, output: 0.5, cacheWrite: 0.125, cacheRead: 0.01 },
  'claude-haiku-4-5': { input: 1, output: 5, cacheWrite: 1.25, cacheRead: 0.1 },
  offline: { input: 0, output: 0, cacheWrite: 0, cacheRead: 0 },
};

/** The model agents use when neither their file nor the settings name one (see aliases.ts). */
export { defaultAnthropicModel } from './aliases';

/** The Message Batches API bills every kind of token at this fraction of the list price. */
export const batchPriceFactor = 0.5;

/** The price for a model id, matching dated ids (claude-sonnet-4-5-20250929) by prefix. */
export function priceFor(table: PriceTable, model: string): ModelPrice | undefined {
  if (table[model]) return table[model];
  const prefix = Object.keys(table).filter((key) => model.startsWith(key)).sort((a, b) => b.length - a.length)[0];
  return prefix ? table[prefix] : undefined;
}

/** Cost of one call. An unpriced model costs nothing here, and the caller says so where it matters. */
export function costOf(usage: TokenUsage, price: ModelPrice | undefined): number {
  if (!price) return 0;
  return (
    (usage.inputTokens * price.input +
      usage.outputTokens * price.output +
      usage.cacheCreationTokens * price.cacheWrite +
      usage.cacheReadTokens * price.cacheRead) /
    1_000_000
  );
}

/** The worst-case cost of a call that sends `inputTokens` and may produce up to `maxOutputTokens`. */
export function worstCaseCost(inputTokens: number, maxOutputTokens: number, price: ModelPrice | undefined): number {
  if (!price) return 0;
  const inputRate = Math.max(price.input, price.cacheWrite);
  return (inputTokens * inputRate + maxOutputTokens * price.output) / 1_000_000;
}
