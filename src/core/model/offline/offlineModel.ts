/**
 * The offline model: Nova's embedded default when no API key is set. Deterministic and without a
 * network, it plays each agent of the shipped team by a fixed plan over real tools — TypeScript's
 * diagnostics and code fixes, the built-in analyzers — so every flow (chat, review, refactor
 * proposals, gates, traces) works out of the box and in CI. Everything it writes is labelled
 * `[offline]`; it costs nothing (its price is 0).
 */
import type { ContentBlock, ModelCallOptions, ModelClient, ModelRequest, ModelResponse } from '../client';
import { requestCharacters } from '../requestSize';
import { nextStep } from './plans';
import { OfflineTurn } from './turn';

/** The model id the offline model reports (priced at 0 in the default price table). */
export const offlineModelId = 'offline';

export class OfflineModel implements ModelClient {
  readonly provider = 'offline';

  /**
   * An approximation — about four characters a token over the system prompt, messages and tool
   * definitions — since there is no tokenizer to ask; the governor's budgets still see real growth.
   */
  async countTokens(request: ModelRequest): Promise<number> {
    return Math.ceil(requestCharacters(request) / 4);
  }

  async complete(request: ModelRequest, options: ModelCallOptions): Promise<ModelResponse> {
    if (options.signal.aborted) throw new Error('aborted');
    const step = nextStep(new OfflineTurn(request));
    const content: ContentBlock[] = [{ type: 'text', text: step.text }];
    // Ids derive from the turn, so the same request always gets the same response.
    step.calls.forEach((call, index) => content.push({ type: 'tool_use', id: `toolu_offline_${request.messages.length}_${index + 1}`, name: call.name, input: call.input }));
    for (const piece of step.text.match(/\S+\s*/g) ?? []) options.onDelta?.({ type: 'text', text: piece });
    const outputTokens = Math.ceil(JSON.stringify(content).length / 4);
    return {
      model: offlineModelId,
      content,
      stopReason: step.calls.length > 0 ? 'tool_use' : 'end_turn',
      usage: { inputTokens: await this.countTokens(request), outputTokens: Math.min(outputTokens, request.maxTokens), cacheReadTokens: 0, cacheCreationTokens: 0 },
      ...(step.unsupported ? { unsupported: step.unsupported } : {}),
    };
  }
}
