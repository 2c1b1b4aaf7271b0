/**
 * What the orchestrator needs from a model, in the shape of the Messages API (the real client maps
 * onto it directly). Implementations: the scripted model in tests, the offline model and the
 * Anthropic client.
 */
import type { JsonSchema } from '../contracts/jsonSchema';
import type { TokenUsage } from '../trace/spans';

export interface TextBlock { readonly type: 'text'; readonly text: string }
export interface ThinkingBlock { readonly type: 'thinking'; readonly thinking: string; readonly signature: string }
export interface RedactedThinkingBlock { readonly type: 'redacted_thinking'; readonly data: string }
export interface ToolUseBlock { readonly type: 'tool_use'; readonly id: string; readonly name: string; readonly input: unknown }
export interface ToolResultBlock {
  readonly type: 'tool_result';
  readonly toolUseId: string;
  readonly content: string;
  readonly isError: boolean;
}

export type ContentBlock = TextBlock | ThinkingBlock | RedactedThinkingBlock | ToolUseBlock | ToolResultBlock;

export interface ModelMessage {
  readonly role: 'user' | 'assistant';
  readonly content: readonly ContentBlock[];
}

/** A tool as the model sees it. */
export interface ToolDefinition {
  readonly name: string;
  readonly description: string;
  readonly inputSchema: JsonSchema;
}

export interface ModelRequest {
  readonly agent: string;
  readonly model: string;
  /** The agent's own Messages API endpoint, if its file names one. */
  readonly baseURL?: string;
  readonly system: string;
  readonly messages: readonly ModelMessage[];
  readonly tools: readonly ToolDefinition[];
  /** Upper bound on output tokens; the governor lowers it so a call can never overspend. */
  readonly maxTokens: number;
  readonly thinkingBudget?: number;
}

export type StopReason = 'end_turn' | 'tool_use' | 'max_tokens' | 'stop_sequence' | 'refusal' | 'pause_turn' | 'model_context_window_exceeded';

export interface ModelResponse {
  readonly model: string;
  readonly content: readonly ContentBlock[];
  readonly stopReason: StopReason;
  readonly usage: TokenUsage;
  /**
   * Set when this client cannot play the agent at all (the offline model has no plan for it): why,
   * as a person reads it. The activation ends there and the run ends `unsupported`, never as done.
   */
  readonly unsupported?: string;
}

/** Streamed pieces of a response, delivered as they arrive. */
export type ModelDelta =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'thinking'; readonly text: string }
  | { readonly type: 'tool_input'; readonly toolUseId: string; readonly name: string; readonly partialJson: string }
  /** The call is being retried: everything streamed for it so far is void. */
  | { readonly type: 'retry'; readonly attempt: number; readonly reason: string };

export interface ModelCallOptions {
  readonly signal: AbortSignal;
  readonly onDelta?: (delta: ModelDelta) => void;
}

export interface ModelClient {
  /** "anthropic", "offline", "scripted": recorded on every model_call span. */
  readonly provider: string;
  /** Input tokens the request would use; the governor checks budgets with it before calling. */
  countTokens(request: ModelRequest, signal: AbortSignal): Promise<number>;
  complete(request: ModelRequest, options: ModelCallOptions): Promise<ModelResponse>;
}

/**
 * What a failed model call was billed for before it failed (attempts whose streams broke after they
 * started), when its client's error says so; the run books it like any other usage.
 */
export function usageOfFailedCall(error: unknown): TokenUsage | undefined {
  const usage = (error as { usage?: unknown } | undefined)?.usage as Partial<Record<keyof TokenUsage, unknown>> | undefined;
  if (typeof usage !== 'object' || usage === null) return undefined;
  const counts = [usage.inputTokens, usage.outputTokens, usage.cacheReadTokens, usage.cacheCreationTokens];
  return counts.every((count) => typeof count === 'number' && Number.isFinite(count) && count >= 0) ? (usage as TokenUsage) : undefined;
}
