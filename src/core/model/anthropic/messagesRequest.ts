/**
 * Nova's ModelRequest as Messages API parameters, and the API's message back as a ModelResponse.
 * Prompt caching: breakpoints on the system prompt (which caches the tools before it too), on the
 * end of the previous turn (the prefix the last call cached, so it is read back) and on the end of
 * this turn (so the next call can read it). Three of the API's four allowed breakpoints.
 */
import type Anthropic from '@anthropic-ai/sdk';
import { transformJSONSchema } from '@anthropic-ai/sdk/lib/transform-json-schema';
import type { ContentBlock, ModelRequest, ModelResponse, StopReason } from '../client';

type Params = Anthropic.MessageCreateParamsStreaming;
type BlockParam = Anthropic.ContentBlockParam;

const ephemeral = { type: 'ephemeral' } as const;
/** The API's smallest thinking budget. */
export const minThinkingBudget = 1024;

const strictSchemas = new WeakMap<object, Anthropic.Tool.InputSchema>();

export function toMessageParams(request: ModelRequest): Params {
  const messages = request.messages.map((message, index): Anthropic.MessageParam => {
    const breakpoint = index === request.messages.length - 1 || index === request.messages.length - 3;
    const content = message.content.map(toBlockParam);
    const last = content.at(-1);
    if (breakpoint && last && last.type !== 'thinking' && last.type !== 'redacted_thinking') content[content.length - 1] = { ...last, cache_control: ephemeral };
    return { role: message.role, content };
  });
  const thinking = thinkingParams(request);
  return {
    model: request.model,
    max_tokens: request.maxTokens,
    stream: true,
    system: [{ type: 'text', text: request.system, cache_control: ephemeral }],
    tools: request.tools.map((tool) => ({ name: tool.name, description: tool.description, input_schema: strictSchema(tool.inputSchema), strict: true })),
    messages,
    ...thinking,
  };
}

/**
 * An agent's thinking budget as the model accepts it: Claude 4.x models take a token budget
 * (extended thinking); 5.x models think adaptively and reject a manual budget, so the budget picks an
 * effort level instead, and thinking is asked to be summarised so the trace can show it.
 */
function thinkingParams(request: ModelRequest): Pick<Params, 'thinking' | 'output_config'> {
  const budget = request.thinkingBudget ?? 0;
  if (budget <= 0) return {};
  if (/^claude-(opus|sonnet|haiku)-4/.test(request.model)) {
    return budget >= minThinkingBudget && request.maxTokens > budget ? { thinking: { type: 'enabled', budget_tokens: budget } } : {};
  }
  return { thinking: { type: 'adaptive', display: 'summarized' }, output_config: { effort: budget <= 4096 ? 'low' : budget <= 16_384 ? 'medium' : 'high' } };
}

/** Strict tool use constrains the model's input to the schema; the SDK moves unsupported keywords into descriptions. */
function strictSchema(schema: Record<string, unknown>): Anthropic.Tool.InputSchema {
  let strict = strictSchemas.get(schema);
  if (!strict) {
    strict = transformJSONSchema(withoutNoise(schema) as Record<string, unknown>) as Anthropic.Tool.InputSchema;
    strictSchemas.set(schema, strict);
  }
  return strict;
}

/**
 * Drops schema keywords that only cost tokens: a JSON-safe integer's implicit bounds, "non-empty"
 * on strings and empty-list defaults (strict mode would spell each out in a description on every
 * turn). Nova still validates them: a payload that breaks one is bounced with the reason.
 */
function withoutNoise(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutNoise);
  if (!schema || typeof schema !== 'object') return schema;
  const lean: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'maximum' && value === Number.MAX_SAFE_INTEGER) continue;
    if (key === 'minimum' && value === Number.MIN_SAFE_INTEGER) continue;
    if (key === 'minLength' && value === 1) continue;
    if (key === 'default' && Array.isArray(value) && value.length === 0) continue;
    lean[key] = withoutNoise(value);
  }
  return lean;
}

function toBlockParam(block: ContentBlock): BlockParam {
  switch (block.type) {
    case 'text':
      return { type: 'text', text: block.text };
    case 'thinking':
      return { type: 'thinking', thinking: block.thinking, signature: block.signature };
    case 'redacted_thinking':
      return { type: 'redacted_thinking', data: block.data };
    case 'tool_use':
      return { type: 'tool_use', id: block.id, name: block.name, input: block.input };
    case 'tool_result':
      return { type: 'tool_result', tool_use_id: block.toolUseId, content: block.content, is_error: block.isError };
  }
}

export function fromMessage(message: Anthropic.Message): ModelResponse {
  const content: ContentBlock[] = [];
  for (const block of message.content) {
    if (block.type === 'text') content.push({ type: 'text', text: block.text });
    else if (block.type === 'thinking') content.push({ type: 'thinking', thinking: block.thinking, signature: block.signature });
    else if (block.type === 'redacted_thinking') content.push({ type: 'redacted_thinking', data: block.data });
    else if (block.type === 'tool_use') content.push({ type: 'tool_use', id: block.id, name: block.name, input: block.input });
  }
  return {
    model: message.model,
    content,
    stopReason: (message.stop_reason ?? 'end_turn') as StopReason,
    usage: {
      inputTokens: message.usage.input_tokens,
      outputTokens: message.usage.output_tokens,
      cacheReadTokens: message.usage.cache_read_input_tokens ?? 0,
      cacheCreationTokens: message.usage.cache_creation_input_tokens ?? 0,
    },
  };
}
