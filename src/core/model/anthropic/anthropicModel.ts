/**
 * Claude through the real @anthropic-ai/sdk. Every call streams; text, thinking and tool-input
 * deltas are passed on as they arrive, and a response is returned only once the stream has ended
 * whole. The SDK retries failed requests (429, 529, 5xx, timeouts) and honours `retry-after` up to
 * a bound; past it the call stops and says when to try again. A stream that breaks after it started
 * is retried here, after telling the listener that what it streamed is void, and what the broken
 * attempt used is added to the call's usage. The key goes only to endpoints the person chose, and is
 * scrubbed from everything this client returns, throws or logs.
 */
import Anthropic from '@anthropic-ai/sdk';
import type { ModelCallOptions, ModelClient, ModelDelta, ModelRequest, ModelResponse } from '../client';
import { abortableDelay } from '../../abortableDelay';
import { registerSecret, scrubDeep, scrubSecrets, SecretStreamScrubber } from '../../secretScrub';
import type { TokenUsage } from '../../trace/spans';
import { requestCharacters } from '../requestSize';
import { MessageBatches } from './batches';
import { KeyedEndpoints } from './endpoints';
import { keyGuard, noRedirects } from './keyGuard';
import { fromMessage, toMessageParams } from './messagesRequest';
import { ModelCallError, modelCallErrorIn } from './modelCallError';
import { defaultMaxRetryAfterMs, retryAfterBound, RetryAfterTooLong } from './retryAfter';
import { consoleLogSink, scrubbingLogger, type ModelLogLevel, type ModelLogSink } from './sdkLogger';
import { addUsage, noUsage, StreamUsage } from './streamUsage';

export { ModelCallError } from './modelCallError';

export interface AnthropicModelOptions {
  readonly apiKey: string;
  /** The endpoint the person configured (ANTHROPIC_BASE_URL, a user-scope setting); the default otherwise. */
  readonly baseURL?: string;
  /**
   * Other endpoints the person allowed for this workspace: an agent whose file names one of these
   * gets it; an agent naming any other endpoint fails its call, and nothing is sent there.
   */
  readonly allowedEndpoints?: readonly string[];
  /** Retries of a failed request, done by the SDK (default 2). */
  readonly maxRetries?: number;
  /** Retries of a stream that broke after it started (default 2). */
  readonly streamRetries?: number;
  readonly timeoutMs?: number;
  /** Above this estimate the budget check asks the API's count_tokens for the exact figure. */
  readonly exactCountAbove?: number;
  /** Wait before retrying a broken stream (default 500 ms × 2^attempt). */
  readonly streamRetryDelayMs?: (attempt: number) => number;
  /** The longest `retry-after` the SDK may wait out (default 60 s); a longer one stops the call. */
  readonly maxRetryAfterMs?: number;
  /** Where the SDK's log lines go, scrubbed (default: the console, as the SDK would). */
  readonly log?: ModelLogSink;
  /** The SDK's log level; default `ANTHROPIC_LOG`, else `warn`. */
  readonly logLevel?: ModelLogLevel;
}

export class AnthropicModel implements ModelClient {
  readonly provider = 'anthropic';
  private readonly endpoints: KeyedEndpoints;
  /** One SDK client per endpoint the key may go to, made when first needed. */
  private readonly clients = new Map<string, Anthropic>();

  /** Throws a clear error when the configured or an allowed endpoint is not an http(s) URL. */
  constructor(private readonly options: AnthropicModelOptions) {
    registerSecret(options.apiKey);
    this.endpoints = new KeyedEndpoints(options.baseURL, options.allowedEndpoints ?? []);
  }

  /** The endpoint requests go to when an agent names none (normalised). */
  get endpoint(): string {
    return this.endpoints.configured;
  }

  private sdk(endpoint: string): Anthropic {
    let client = this.clients.get(endpoint);
    if (client) return client;
    client = new Anthropic({
      apiKey: this.options.apiKey,
      baseURL: endpoint,
      maxRetries: this.options.maxRetries ?? 2,
      timeout: this.options.timeoutMs ?? 10 * 60_000,
      fetchOptions: noRedirects,
      middleware: [keyGuard(endpoint), retryAfterBound(this.options.maxRetryAfterMs ?? defaultMaxRetryAfterMs)],
      logger: scrubbingLogger(this.options.log ?? consoleLogSink),
      // Nova traces calls itself (scrubbed); the SDK's spans would hand request content and errors
      // to whatever tracer provider the process has, unscrubbed.
      openTelemetry: false,
      ...(this.options.logLevel ? { logLevel: this.options.logLevel } : {}),
    });
    this.clients.set(endpoint, client);
    return client;
  }

  /** The SDK client for a request's endpoint; throws ModelCallError for one the person did not choose. */
  private clientFor(request: ModelRequest): Anthropic {
    return this.sdk(this.endpoints.endpointFor(request.agent, request.baseURL));
  }

  /** Message Batches through this client; submitted batches are remembered in `stateFolder`. */
  batches(stateFolder: string): MessageBatches {
    return new MessageBatches(this.sdk(this.endpoints.configured), stateFolder);
  }

  /**
   * Input tokens of a request. A cheap, deliberately high estimate (3 characters a token) for small
   * calls; the API's count_tokens for large ones, where being wrong would matter to the budget.
   * A request to an endpoint the person did not choose gets the estimate and no network, and so does
   * one the API will not take for longer than the retry-after bound: `complete` then fails with the
   * reason, which stops the run cleanly (a failing count would end the run without a stop report).
   */
  async countTokens(request: ModelRequest, signal: AbortSignal): Promise<number> {
    const estimate = estimateTokens(request);
    if (estimate < (this.options.exactCountAbove ?? 20_000)) return estimate;
    let client: Anthropic;
    try {
      client = this.clientFor(request);
    } catch {
      return estimate;
    }
    const { stream: _stream, max_tokens: _max, ...params } = toMessageParams(request);
    try {
      return (await client.messages.countTokens(params, { signal })).input_tokens;
    } catch (error) {
      const known = modelCallErrorIn(error);
      if (known instanceof RetryAfterTooLong) return estimate;
      throw known ?? new ModelCallError(`count_tokens failed: ${describe(error)}`);
    }
  }

  async complete(request: ModelRequest, options: ModelCallOptions): Promise<ModelResponse> {
    const client = this.clientFor(request);
    const params = toMessageParams(request);
    const retries = this.options.streamRetries ?? 2;
    // What broken attempts used before they broke: billed by the API, so booked with the call.
    let broken: TokenUsage = noUsage;
    for (let attempt = 0; ; attempt++) {
      const usage = new StreamUsage();
      try {
        const response = await this.streamOnce(client, params, options, usage);
        return { ...response, usage: addUsage(response.usage, broken) };
      } catch (error) {
        broken = addUsage(broken, usage.reported);
        if (options.signal.aborted) throw error;
        const known = modelCallErrorIn(error);
        if (known) throw broken === noUsage ? known : new ModelCallError(known.message, broken);
        const reason = brokenStreamReason(error);
        if (!reason || attempt >= retries) throw new ModelCallError(describe(error), broken === noUsage ? undefined : broken);
        options.onDelta?.({ type: 'retry', attempt: attempt + 1, reason: scrubSecrets(reason) });
        await abortableDelay(this.options.streamRetryDelayMs?.(attempt) ?? 500 * 2 ** attempt, options.signal);
      }
    }
  }

  private async streamOnce(client: Anthropic, params: Anthropic.MessageCreateParamsStreaming, options: ModelCallOptions, usage: StreamUsage): Promise<ModelResponse> {
    const stream = client.messages.stream(params, { signal: options.signal });
    const toolUses = new Map<number, { id: string; name: string }>();
    // A gateway could echo the key into the model's text, split across deltas: each block's text is
    // scrubbed as it streams, holding back only what could be the start of the key.
    const scrubbers = new Map<number, { scrubber: SecretStreamScrubber; delta: (text: string) => ModelDelta }>();
    const emit = (index: number, text: string, delta: (text: string) => ModelDelta) => {
      let block = scrubbers.get(index);
      if (!block) scrubbers.set(index, (block = { scrubber: new SecretStreamScrubber(), delta }));
      const safe = block.scrubber.push(text);
      if (safe) options.onDelta?.(delta(safe));
    };
    stream.on('streamEvent', (event) => {
      usage.observe(event);
      if (event.type === 'content_block_start' && event.content_block.type === 'tool_use') {
        toolUses.set(event.index, { id: event.content_block.id, name: event.content_block.name });
      } else if (event.type === 'content_block_delta') {
        const { delta, index } = event;
        if (delta.type === 'text_delta') emit(index, delta.text, (text) => ({ type: 'text', text }));
        else if (delta.type === 'thinking_delta') emit(index, delta.thinking, (text) => ({ type: 'thinking', text }));
        else if (delta.type === 'input_json_delta') {
          const tool = toolUses.get(index);
          if (tool) emit(index, delta.partial_json, (partialJson) => ({ type: 'tool_input', toolUseId: tool.id, name: tool.name, partialJson }));
        }
      } else if (event.type === 'content_block_stop') {
        const block = scrubbers.get(event.index);
        const rest = block?.scrubber.end();
        if (block && rest) options.onDelta?.(block.delta(rest));
      }
    });
    return scrubDeep(fromMessage(await stream.finalMessage()));
  }
}

/** An error's message for people and traces, with every registered secret removed (ModelCallError scrubs). */
function describe(error: unknown): string {
  const status = error instanceof Anthropic.APIError && error.status ? ` (HTTP ${error.status})` : '';
  const message = error instanceof Error ? error.message : String(error);
  return `${message}${status}`;
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
