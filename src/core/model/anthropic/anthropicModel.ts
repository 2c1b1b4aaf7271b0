/**
 * Claude through the real @anthropic-ai/sdk. Every call streams; text, thinking and tool-input
 * deltas are passed on as they arrive, and a response is returned only once the stream has ended
 * whole. The SDK retries failed requests (429, 529, 5xx, timeouts) and honours `retry-after`; a
 * stream that breaks after it started is retried here, after telling the listener that what it
 * streamed is void. Anything else ends the call with an error that never contains the key.
 */
import Anthropic from '@anthropic-ai/sdk';
import type { ModelCallOptions, ModelClient, ModelDelta, ModelRequest, ModelResponse } from '../client';
import { abortableDelay } from '../../abortableDelay';
import { requestCharacters } from '../requestSize';
import { MessageBatches } from './batches';
import { fromMessage, toMessageParams } from './messagesRequest';

export interface AnthropicModelOptions {
  readonly apiKey: string;
  /** A gateway, proxy or compatible server; the SDK's default otherwise. */
  readonly baseURL?: string;
  /** Retries of a failed request, done by the SDK (default 2). */
  readonly maxRetries?: number;
  /** Retries of a stream that broke after it started (default 2). */
  readonly streamRetries?: number;
  readonly timeoutMs?: number;
  /** Above this estimate the budget check asks the API's count_tokens for the exact figure. */
  readonly exactCountAbove?: number;
  /** Wait before retrying a broken stream (default 500 ms × 2^attempt). */
  readonly streamRetryDelayMs?: (attempt: number) => number;
}

/** A model call that failed for good: the run stops cleanly with this message. */
export class ModelCallError extends Error {}

export class AnthropicModel implements ModelClient {
  readonly provider = 'anthropic';
  private readonly client: Anthropic;
  /** SDK clients for agents whose files name their own endpoint, by base URL. */
  private readonly endpoints = new Map<string, Anthropic>();

  constructor(private readonly options: AnthropicModelOptions) {
    this.client = this.sdk(options.baseURL);
  }

  private sdk(baseURL: string | undefined): Anthropic {
    return new Anthropic({
      apiKey: this.options.apiKey,
      maxRetries: this.options.maxRetries ?? 2,
      timeout: this.options.timeoutMs ?? 10 * 60_000,
      ...(baseURL ? { baseURL } : {}),
    });
  }

  private clientFor(request: ModelRequest): Anthropic {
    if (!request.baseURL || request.baseURL === this.options.baseURL) return this.client;
    let client = this.endpoints.get(request.baseURL);
    if (!client) {
      client = this.sdk(request.baseURL);
      this.endpoints.set(request.baseURL, client);
    }
    return client;
  }

  /** Message Batches through this client; submitted batches are remembered in `stateFolder`. */
  batches(stateFolder: string): MessageBatches {
    return new MessageBatches(this.client, stateFolder);
  }

  /**
   * Input tokens of a request. A cheap, deliberately high estimate (3 characters a token) for small
   * calls; the API's count_tokens for large ones, where being wrong would matter to the budget.
   */
  async countTokens(request: ModelRequest, signal: AbortSignal): Promise<number> {
    const estimate = estimateTokens(request);
    if (estimate < (this.options.exactCountAbove ?? 20_000)) return estimate;
    const { stream: _stream, max_tokens: _max, ...params } = toMessageParams(request);
    try {
      return (await this.clientFor(request).messages.countTokens(params, { signal })).input_tokens;
    } catch (error) {
      throw new ModelCallError(`count_tokens failed: ${this.describe(error)}`);
    }
  }

  async complete(request: ModelRequest, options: ModelCallOptions): Promise<ModelResponse> {
    const params = toMessageParams(request);
    const retries = this.options.streamRetries ?? 2;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.streamOnce(this.clientFor(request), params, options);
      } catch (error) {
        if (options.signal.aborted) throw error;
        const reason = brokenStreamReason(error);
        if (!reason || attempt >= retries) throw new ModelCallError(this.describe(error));
        options.onDelta?.({ type: 'retry', attempt: attempt + 1, reason });
        await abortableDelay(this.options.streamRetryDelayMs?.(attempt) ?? 500 * 2 ** attempt, options.signal);
      }
    }
  }

  private async streamOnce(client: Anthropic, params: Anthropic.MessageCreateParamsStreaming, options: ModelCallOptions): Promise<ModelResponse> {
    const stream = client.messages.stream(params, { signal: options.signal });
    const toolUses = new Map<number, { id: string; name: string }>();
    const emit = (delta: ModelDelta) => options.onDelta?.(delta);
    stream.on('streamEvent', (event) => {
      if (event.type === 'content_block_start' && event.content_block.type === 'tool_use') {
        toolUses.set(event.index, { id: event.content_block.id, name: event.content_block.name });
      } else if (event.type === 'content_block_delta') {
        const { delta } = event;
        if (delta.type === 'text_delta') emit({ type: 'text', text: delta.text });
        else if (delta.type === 'thinking_delta') emit({ type: 'thinking', text: delta.thinking });
        else if (delta.type === 'input_json_delta') {
          const tool = toolUses.get(event.index);
          if (tool) emit({ type: 'tool_input', toolUseId: tool.id, name: tool.name, partialJson: delta.partial_json });
        }
      }
    });
    return fromMessage(await stream.finalMessage());
  }

  /** An error's message for people and traces, with the key removed wherever it might appear. */
  private describe(error: unknown): string {
    const status = error instanceof Anthropic.APIError && error.status ? ` (HTTP ${error.status})` : '';
    const message = error instanceof Error ? error.message : String(error);
    return `${message}${status}`.split(this.options.apiKey).join('[key]');
  }
}

/**
 * Why a failure is worth retrying, or undefined if it is not: the SDK has already retried
 * retryable HTTP statuses, so what reaches here retryable is a stream that broke after it began —
 * a dropped connection or an `error` event such as overloaded_error.
 */
function brokenStreamReason(error: unknown): string | undefined {
  if (error instanceof Anthropic.APIUserAbortError) return undefined;
  if (error instanceof Anthropic.APIConnectionError) return `connection lost: ${error.message}`;
  if (error instanceof Anthropic.APIError) {
    if (error.status === undefined) return `stream error: ${error.message}`;
    return error.status === 408 || error.status === 409 || error.status === 429 || error.status >= 500 ? `HTTP ${error.status}` : undefined;
  }
  if (error instanceof Error && /terminated|socket|ECONNRESET|premature|ended without/i.test(error.message)) return `stream broke: ${error.message}`;
  return undefined;
}

/** About three characters a token: rounds up, so a budget check errs on the safe side. */
export function estimateTokens(request: ModelRequest): number {
  return Math.ceil(requestCharacters(request) / 3);
}
