/**
 * A deterministic model for tests and benchmarks (like openai-agents-js' ScriptedModelProvider):
 * each agent has a queue of replies; a reply may be computed from the request it answers. Usage is
 * counted from the request, so budget checks see realistic, repeatable figures.
 */
import type { ContentBlock, ModelCallOptions, ModelClient, ModelRequest, ModelResponse } from '../../src/core/model/client';
import { abortableDelay } from '../../src/core/abortableDelay';
import { requestCharacters } from '../../src/core/model/requestSize';

/** One scripted model turn. */
export interface ScriptedReply {
  readonly text?: string;
  readonly thinking?: string;
  readonly tools?: readonly { readonly name: string; readonly input: unknown }[];
  /** Output tokens to report; default text length / 4. Capped at the request's maxTokens. */
  readonly outputTokens?: number;
  /** Wait this long before answering (cancellation tests). */
  readonly delayMs?: number;
  /**
   * Of the request's counted input, the tokens to report as read from or written to the prompt
   * cache (default 0); the rest is reported as plain input, as the Messages API splits its usage.
   */
  readonly cacheReadTokens?: number;
  readonly cacheCreationTokens?: number;
}

export type ScriptStep = ScriptedReply | ((request: ModelRequest) => ScriptedReply);

export class ScriptedModel implements ModelClient {
  readonly provider = 'scripted';
  /** Every request received, in order. */
  readonly requests: ModelRequest[] = [];
  private readonly queues: Map<string, ScriptStep[]>;
  private nextId = 1;

  constructor(
    scripts: Readonly<Record<string, readonly ScriptStep[]>>,
    private readonly tokensOf: (request: ModelRequest) => number = approximateTokens,
  ) {
    this.queues = new Map(Object.entries(scripts).map(([agent, steps]) => [agent, [...steps]]));
  }

  /** Steps not yet used, per agent: a test can assert the script ran to its end. */
  remaining(): Record<string, number> {
    return Object.fromEntries([...this.queues].filter(([, steps]) => steps.length > 0).map(([agent, steps]) => [agent, steps.length]));
  }

  async countTokens(request: ModelRequest): Promise<number> {
    return this.tokensOf(request);
  }

  async complete(request: ModelRequest, options: ModelCallOptions): Promise<ModelResponse> {
    this.requests.push(request);
    const step = this.queues.get(request.agent)?.shift();
    if (!step) throw new Error(`the script for ${request.agent} has no more replies`);
    const reply = typeof step === 'function' ? step(request) : step;
    if (reply.delayMs) await abortableDelay(reply.delayMs, options.signal);
    if (options.signal.aborted) throw new Error('aborted');
    const content: ContentBlock[] = [];
    if (reply.thinking) {
      content.push({ type: 'thinking', thinking: reply.thinking, signature: 'scripted' });
      options.onDelta?.({ type: 'thinking', text: reply.thinking });
    }
    if (reply.text) {
      content.push({ type: 'text', text: reply.text });
      for (const piece of reply.text.match(/.{1,16}/gs) ?? []) options.onDelta?.({ type: 'text', text: piece });
    }
    for (const tool of reply.tools ?? []) content.push({ type: 'tool_use', id: `toolu_${this.nextId++}`, name: tool.name, input: tool.input });
    const wanted = reply.outputTokens ?? Math.ceil(JSON.stringify(content).length / 4);
    const cacheReadTokens = reply.cacheReadTokens ?? 0;
    const cacheCreationTokens = reply.cacheCreationTokens ?? 0;
    return {
      model: request.model,
      content,
      stopReason: wanted > request.maxTokens ? 'max_tokens' : reply.tools?.length ? 'tool_use' : 'end_turn',
      usage: { inputTokens: Math.max(0, this.tokensOf(request) - cacheReadTokens - cacheCreationTokens), outputTokens: Math.min(wanted, request.maxTokens), cacheReadTokens, cacheCreationTokens },
    };
  }
}

/** About four characters a token: the usual rule of thumb for English and code. */
export function approximateTokens(request: ModelRequest): number {
  return Math.ceil(requestCharacters(request) / 4);
}

/** Shorthands for scripting tool calls. */
export const call = {
  submit: (contract: string, input: unknown): ScriptedReply => ({ tools: [{ name: `submit_${contract}`, input }] }),
  handoff: (to: string, payload: unknown, reason = `over to ${to}`, contract?: string): ScriptedReply => ({
    tools: [{ name: `handoff_to_${to}`, input: contract ? { reason, contract, payload } : { reason, payload } }],
  }),
  tool: (name: string, input: unknown): ScriptedReply => ({ tools: [{ name, input }] }),
};
