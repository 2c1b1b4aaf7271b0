/**
 * What one `POST /v1/messages` from Nova says, read the way a scripted Claude needs it: which agent
 * is asking (its system prompt names it), what it was handed (the first user message, rendered by
 * the runtime), which tools it has, and the tool calls it made so far with the results it got back.
 * A reply computed from these, never from a global counter, survives retries and reordering.
 */
import { readInputMessage } from '../../../src/core/orchestrator/inputMessage';
import type { MessagesRequestBody } from '../anthropicServer';

/** One tool call of the conversation so far, with the result the runtime returned (if it did yet). */
export interface ToolExchange {
  readonly name: string;
  readonly input: unknown;
  /** The tool_result's text; undefined while unanswered. */
  readonly result: string | undefined;
  readonly isError: boolean;
}

/** A request as the scripted team reads it. */
export interface AgentRequest {
  /** The agent the operating rules name (`You are "reviewer"`); undefined if the system prompt names none. */
  readonly agent: string | undefined;
  /** The contract the activation received (UserRequest, RoutedTask, OpinionRequest…). */
  readonly contract: string | undefined;
  /** "person", "nova" (a consultation) or the agent that handed the work over. */
  readonly from: string | undefined;
  readonly payload: unknown;
  /** Names of the tools the request offers. */
  readonly tools: readonly string[];
  /** Every tool call made in this activation so far, in order. */
  readonly exchanges: readonly ToolExchange[];
}

type Block = { type?: unknown; text?: unknown; id?: unknown; name?: unknown; input?: unknown; tool_use_id?: unknown; content?: unknown; is_error?: unknown };

export function readAgentRequest(body: MessagesRequestBody): AgentRequest {
  const system = typeof body.system === 'string' ? body.system : (body.system ?? []).map((block) => block.text).join('\n');
  const agent = /You are "([^"]+)"/.exec(system)?.[1];
  const first = body.messages[0];
  const input = first ? readInputMessage(textOf(first.content)) : undefined;
  return {
    agent,
    contract: input?.contract,
    from: input?.from,
    payload: input?.payload,
    tools: (body.tools ?? []).flatMap((tool) => ('name' in tool && typeof tool.name === 'string' ? [tool.name] : [])),
    exchanges: exchangesOf(body),
  };
}

function blocksOf(content: unknown): Block[] {
  return Array.isArray(content) ? (content as Block[]) : typeof content === 'string' ? [{ type: 'text', text: content }] : [];
}

function textOf(content: unknown): string {
  return blocksOf(content)
    .filter((block) => block.type === 'text')
    .map((block) => String(block.text))
    .join('\n');
}

function exchangesOf(body: MessagesRequestBody): ToolExchange[] {
  const results = new Map<string, { text: string; isError: boolean }>();
  for (const message of body.messages.filter((m) => m.role === 'user')) {
    for (const block of blocksOf(message.content).filter((b) => b.type === 'tool_result')) {
      results.set(String(block.tool_use_id), { text: typeof block.content === 'string' ? block.content : textOf(block.content), isError: block.is_error === true });
    }
  }
  return body.messages
    .filter((message) => message.role === 'assistant')
    .flatMap((message) => blocksOf(message.content).filter((block) => block.type === 'tool_use'))
    .map((use) => {
      const result = results.get(String(use.id));
      return { name: String(use.name), input: use.input, result: result?.text, isError: result?.isError ?? false };
    });
}
