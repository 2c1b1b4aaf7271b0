/**
 * The attribute names Nova's OpenTelemetry export uses, in one place.
 *
 * `gen_ai.*` are the OpenTelemetry semantic conventions for generative AI (spans of GenAI
 * operations and agents: https://opentelemetry.io/docs/specs/semconv/gen-ai/, now maintained in
 * open-telemetry/semantic-conventions-genai). `@opentelemetry/semantic-conventions` 1.45 still
 * carries them in its `incubating` entry, marked deprecated there since they moved; the names are
 * written out here and test/unit/trace/otlpConventions.test.ts checks each against that package,
 * so a typo cannot reach Jaeger, Langfuse or Phoenix. `error.type`, `service.*` are stable
 * conventions. Everything Nova knows that no convention names is under `nova.*`.
 */

/** GenAI semantic-convention attribute names. */
export const genAi = {
  operationName: 'gen_ai.operation.name',
  providerName: 'gen_ai.provider.name',
  requestModel: 'gen_ai.request.model',
  responseFinishReasons: 'gen_ai.response.finish_reasons',
  /** Includes cached input tokens, as the convention asks (Anthropic reports them apart). */
  usageInputTokens: 'gen_ai.usage.input_tokens',
  usageOutputTokens: 'gen_ai.usage.output_tokens',
  usageCacheReadInputTokens: 'gen_ai.usage.cache_read.input_tokens',
  usageCacheCreationInputTokens: 'gen_ai.usage.cache_creation.input_tokens',
  agentName: 'gen_ai.agent.name',
  workflowName: 'gen_ai.workflow.name',
  toolName: 'gen_ai.tool.name',
  toolType: 'gen_ai.tool.type',
  toolCallArguments: 'gen_ai.tool.call.arguments',
  toolCallResult: 'gen_ai.tool.call.result',
} as const;

/** Values of `gen_ai.operation.name` Nova's spans use. */
export const genAiOperation = {
  chat: 'chat',
  executeTool: 'execute_tool',
  invokeAgent: 'invoke_agent',
  invokeWorkflow: 'invoke_workflow',
} as const;

/** A provider the convention names (`gen_ai.provider.name` well-known values). */
export const genAiProviders: ReadonlySet<string> = new Set(['anthropic']);

/** Stable (non-GenAI) convention names. */
export const stable = {
  errorType: 'error.type',
  serviceName: 'service.name',
  serviceVersion: 'service.version',
} as const;
