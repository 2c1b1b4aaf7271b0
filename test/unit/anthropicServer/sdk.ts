/** The real SDK pointed at a scripted server, and the smallest valid requests. */
import Anthropic, { type ClientOptions } from '@anthropic-ai/sdk';
import type { ScriptedServer } from '../../support/anthropicServer';

export const model = 'claude-test-1';

/** A client of the scripted server: no retries and a 10 s timeout unless the test says otherwise. */
export function clientOf(server: ScriptedServer, options: ClientOptions = {}): Anthropic {
  return new Anthropic({ apiKey: 'test-key', baseURL: server.baseURL, maxRetries: 0, timeout: 10_000, ...options });
}

/** A one-message request. */
export function ask(text: string): Anthropic.MessageCreateParamsNonStreaming {
  return { model, max_tokens: 512, messages: [{ role: 'user', content: text }] };
}
