/**
 * A scripted turn in the API's shapes: the whole `message` object (non-streaming replies and batch
 * results) and the SSE event sequence of a streamed reply.
 */
import type Anthropic from '@anthropic-ai/sdk';
import { newId } from './exchange';
import type { InputUsage } from './promptCache';
import type { MessagesRequestBody, ScriptedBlock, ScriptedTurn } from './types';

/** One server-sent event: its `event:` name and its `data:` object. */
export interface SseEvent {
  readonly event: string;
  readonly data: unknown;
}

/** A reply ready to send: the message, and the raw tool-input JSON of its tool_use blocks by index. */
export interface Reply {
  readonly message: Anthropic.Message;
  readonly rawJson: ReadonlyMap<number, string>;
}

function outputTokensOf(turn: ScriptedTurn): number {
  if (turn.outputTokens !== undefined) return turn.outputTokens;
  const chars = turn.content.reduce((sum, block) => sum + blockText(block).length, 0);
  return Math.max(1, Math.ceil(chars / 4));
}

function blockText(block: ScriptedBlock): string {
  switch (block.type) {
    case 'text': return block.text;
    case 'thinking': return block.thinking;
    case 'redacted_thinking': return block.data;
    case 'tool_use': return block.rawJson ?? JSON.stringify(block.input);
  }
}

function toContentBlock(block: ScriptedBlock): Anthropic.ContentBlock {
  switch (block.type) {
    case 'text': return { type: 'text', text: block.text, citations: null };
    case 'thinking': return { type: 'thinking', thinking: block.thinking, signature: block.signature };
    case 'redacted_thinking': return { type: 'redacted_thinking', data: block.data };
    case 'tool_use': return { type: 'tool_use', id: block.id ?? newId('toolu_'), name: block.name, input: block.input, caller: { type: 'direct' } };
  }
}

/** The reply to a request: usage from the prompt cache, output tokens from the turn. */
export function replyFor(turn: ScriptedTurn, body: MessagesRequestBody, input: InputUsage): Reply {
  const hasToolUse = turn.content.some((block) => block.type === 'tool_use');
  const rawJson = new Map<number, string>();
  turn.content.forEach((block, index) => {
    if (block.type === 'tool_use' && block.rawJson !== undefined) rawJson.set(index, block.rawJson);
  });
  const usage: Anthropic.Usage = {
    ...input,
    cache_creation: { ...input.cache_creation },
    output_tokens: outputTokensOf(turn),
    inference_geo: null,
    output_tokens_details: null,
    server_tool_use: null,
    service_tier: 'standard',
    speed: null,
  };
  const message: Anthropic.Message = {
    id: newId('msg_'),
    type: 'message',
    role: 'assistant',
    model: body.model,
    content: turn.content.map(toContentBlock),
    stop_reason: turn.stopReason ?? (hasToolUse ? 'tool_use' : 'end_turn'),
    stop_sequence: null,
    stop_details: null,
    container: null,
    diagnostics: null,
    usage,
  };
  return { message, rawJson };
}

/** The reply as a JSON body, raw tool-input JSON spliced in verbatim. */
export function replyJson(reply: Reply): string {
  const markers = new Map<string, string>();
  const content = reply.message.content.map((block, index) => {
    const raw = reply.rawJson.get(index);
    if (raw === undefined || block.type !== 'tool_use') return block;
    const marker = `\u0000raw-json-${index}\u0000`;
    markers.set(JSON.stringify(marker), raw);
    return { ...block, input: marker };
  });
  let json = JSON.stringify({ ...reply.message, content });
  for (const [marker, raw] of markers) json = json.replace(marker, () => raw);
  return json;
}

/** Splits text into pieces of `size` characters (whole code points). */
export function chunks(text: string, size: number): string[] {
  const points = Array.from(text);
  const pieces: string[] = [];
  for (let at = 0; at < points.length; at += size) pieces.push(points.slice(at, at + size).join(''));
  return pieces;
}

function blockEvents(block: Anthropic.ContentBlock, index: number, raw: string | undefined, size: number): SseEvent[] {
  const delta = (delta: Anthropic.RawContentBlockDelta): SseEvent => ({ event: 'content_block_delta', data: { type: 'content_block_delta', index, delta } });
  const start = (content_block: Anthropic.RawContentBlockStartEvent['content_block']): SseEvent => ({
    event: 'content_block_start',
    data: { type: 'content_block_start', index, content_block },
  });
  const events: SseEvent[] = [];
  switch (block.type) {
    case 'text':
      events.push(start({ ...block, text: '' }), ...chunks(block.text, size).map((text) => delta({ type: 'text_delta', text })));
      break;
    case 'thinking':
      events.push(
        start({ ...block, thinking: '', signature: '' }),
        ...chunks(block.thinking, size).map((thinking) => delta({ type: 'thinking_delta', thinking })),
        delta({ type: 'signature_delta', signature: block.signature }),
      );
      break;
    case 'tool_use': {
      // Like the API: the block starts with empty input, then an empty delta, then the JSON in pieces.
      const json = raw ?? JSON.stringify(block.input);
      events.push(start({ ...block, input: {} }), ...['', ...chunks(json, size)].map((partial_json) => delta({ type: 'input_json_delta', partial_json })));
      break;
    }
    case 'redacted_thinking':
      // Arrives whole in its start event, with no deltas.
      events.push(start(block));
      break;
    default:
      throw new Error(`the scripted server does not stream ${block.type} blocks`);
  }
  events.push({ event: 'content_block_stop', data: { type: 'content_block_stop', index } });
  return events;
}

/** The SSE events of a streamed reply, in the documented order. */
export function streamEvents(reply: Reply, chunkSize: number): SseEvent[] {
  const { message } = reply;
  const started: Anthropic.Message = { ...message, content: [], stop_reason: null, stop_sequence: null, usage: { ...message.usage, output_tokens: 1 } };
  const messageDelta: Anthropic.RawMessageDeltaEvent = {
    type: 'message_delta',
    delta: { stop_reason: message.stop_reason, stop_sequence: null, stop_details: null, container: null },
    usage: {
      // Cumulative totals, as the API sends them: the same input figures as message_start.
      output_tokens: message.usage.output_tokens,
      input_tokens: message.usage.input_tokens,
      cache_creation_input_tokens: message.usage.cache_creation_input_tokens,
      cache_read_input_tokens: message.usage.cache_read_input_tokens,
      output_tokens_details: null,
      server_tool_use: null,
    },
  };
  return [
    { event: 'message_start', data: { type: 'message_start', message: started } },
    { event: 'ping', data: { type: 'ping' } },
    ...message.content.flatMap((block, index) => blockEvents(block, index, reply.rawJson.get(index), chunkSize)),
    { event: 'message_delta', data: messageDelta },
    { event: 'message_stop', data: { type: 'message_stop' } },
  ];
}

/** One event as it goes on the wire. */
export function sseText(event: SseEvent): string {
  return `event: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`;
}
