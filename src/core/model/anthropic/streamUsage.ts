/**
 * Usage as a stream reports it while it runs: `message_start` carries the input (and cache) tokens,
 * each `message_delta` the running totals. A stream that breaks has still been billed for what it
 * reported, so a retried call adds it to its own.
 */
import type Anthropic from '@anthropic-ai/sdk';
import type { TokenUsage } from '../../trace/spans';

export const noUsage: TokenUsage = Object.freeze({ inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheCreationTokens: 0 });

export function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  if (b === noUsage) return a;
  if (a === noUsage) return b;
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cacheReadTokens: a.cacheReadTokens + b.cacheReadTokens,
    cacheCreationTokens: a.cacheCreationTokens + b.cacheCreationTokens,
  };
}

/** The usage one streamed attempt has reported so far. */
export class StreamUsage {
  #reported: TokenUsage = noUsage;

  get reported(): TokenUsage {
    return this.#reported;
  }

  observe(event: Anthropic.MessageStreamEvent): void {
    if (event.type === 'message_start') {
      const { usage } = event.message;
      this.#reported = {
        inputTokens: usage.input_tokens,
        outputTokens: usage.output_tokens,
        cacheReadTokens: usage.cache_read_input_tokens ?? 0,
        cacheCreationTokens: usage.cache_creation_input_tokens ?? 0,
      };
    } else if (event.type === 'message_delta') {
      // Totals so far, not increments; a field the delta leaves null keeps its earlier value.
      const { usage } = event;
      const known = this.#reported;
      this.#reported = {
        inputTokens: usage.input_tokens ?? known.inputTokens,
        outputTokens: usage.output_tokens,
        cacheReadTokens: usage.cache_read_input_tokens ?? known.cacheReadTokens,
        cacheCreationTokens: usage.cache_creation_input_tokens ?? known.cacheCreationTokens,
      };
    }
  }
}
