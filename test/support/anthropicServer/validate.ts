/**
 * The checks the API makes on a Messages request body before it answers, with its wording
 * (`<field>: Field required`). Fields the server does not model (thinking, tool_choice, metadata,
 * temperature…) are accepted as they are and stay in the recorded body.
 */
import { ApiRequestError } from './exchange';
import type { MessagesRequestBody } from './types';

function refuse(message: string): never {
  throw new ApiRequestError(400, 'invalid_request_error', message);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkBlocks(value: unknown, field: string): void {
  if (!Array.isArray(value)) refuse(`${field}: Input should be a valid list`);
  value.forEach((block, index) => {
    if (!isRecord(block) || typeof block['type'] !== 'string') refuse(`${field}.${index}: Input should be a valid dictionary or object`);
  });
}

/**
 * The body as a Messages request, or an ApiRequestError (400 invalid_request_error).
 * `count_tokens` takes no `max_tokens`.
 */
export function validateMessagesBody(raw: unknown, endpoint: 'messages' | 'count_tokens'): MessagesRequestBody {
  if (!isRecord(raw)) refuse('Input should be a valid dictionary or object');
  if (raw['model'] === undefined) refuse('model: Field required');
  if (typeof raw['model'] !== 'string') refuse('model: Input should be a valid string');
  if (endpoint === 'messages') {
    if (raw['max_tokens'] === undefined) refuse('max_tokens: Field required');
    const maxTokens = raw['max_tokens'];
    if (typeof maxTokens !== 'number' || !Number.isInteger(maxTokens)) refuse('max_tokens: Input should be a valid integer');
    if (maxTokens < 1) refuse('max_tokens: Input should be greater than or equal to 1');
  }
  if (raw['messages'] === undefined) refuse('messages: Field required');
  const messages = raw['messages'];
  if (!Array.isArray(messages)) refuse('messages: Input should be a valid list');
  if (messages.length === 0) refuse('messages: at least one message is required');
  messages.forEach((message: unknown, index) => {
    if (!isRecord(message)) refuse(`messages.${index}: Input should be a valid dictionary or object`);
    if (message['role'] !== 'user' && message['role'] !== 'assistant') refuse(`messages.${index}.role: Input should be 'user' or 'assistant'`);
    if (typeof message['content'] !== 'string') checkBlocks(message['content'], `messages.${index}.content`);
  });
  if (raw['system'] !== undefined && typeof raw['system'] !== 'string') checkBlocks(raw['system'], 'system');
  if (raw['tools'] !== undefined) {
    if (!Array.isArray(raw['tools'])) refuse('tools: Input should be a valid list');
    raw['tools'].forEach((tool: unknown, index) => {
      if (!isRecord(tool) || typeof tool['name'] !== 'string') refuse(`tools.${index}.name: Field required`);
    });
  }
  if (raw['stream'] !== undefined && raw['stream'] !== null && typeof raw['stream'] !== 'boolean') refuse('stream: Input should be a valid boolean');
  return raw as unknown as MessagesRequestBody;
}
