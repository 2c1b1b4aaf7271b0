/**
 * A scripted Messages API server on loopback that the real `@anthropic-ai/sdk` cannot tell from the
 * API: streams, tool calls, thinking, usage with prompt-cache fields, token counting, Message Batches,
 * and injected 429/529/500, cut streams, error events and slow first bytes.
 */
export { startScriptedServer } from './server';
export type {
  Fault,
  MessagesRequestBody,
  RecordedRequest,
  Responder,
  ScriptedBlock,
  ScriptedServer,
  ScriptedServerOptions,
  ScriptedTurn,
} from './types';
