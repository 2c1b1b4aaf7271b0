import * as assert from 'node:assert/strict';
import * as incubating from '@opentelemetry/semantic-conventions/incubating';
import { ATTR_ERROR_TYPE, ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import { genAi, genAiOperation, stable } from '../../../src/core/trace/otlp/conventions';

describe('OpenTelemetry attribute names', () => {
  it('are the semantic conventions\' own names, as @opentelemetry/semantic-conventions spells them', () => {
    const expected: Record<keyof typeof genAi, string> = {
      operationName: incubating.ATTR_GEN_AI_OPERATION_NAME,
      providerName: incubating.ATTR_GEN_AI_PROVIDER_NAME,
      requestModel: incubating.ATTR_GEN_AI_REQUEST_MODEL,
      responseFinishReasons: incubating.ATTR_GEN_AI_RESPONSE_FINISH_REASONS,
      usageInputTokens: incubating.ATTR_GEN_AI_USAGE_INPUT_TOKENS,
      usageOutputTokens: incubating.ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
      usageCacheReadInputTokens: incubating.ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
      usageCacheCreationInputTokens: incubating.ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS,
      agentName: incubating.ATTR_GEN_AI_AGENT_NAME,
      workflowName: incubating.ATTR_GEN_AI_WORKFLOW_NAME,
      toolName: incubating.ATTR_GEN_AI_TOOL_NAME,
      toolType: incubating.ATTR_GEN_AI_TOOL_TYPE,
      toolCallArguments: incubating.ATTR_GEN_AI_TOOL_CALL_ARGUMENTS,
      toolCallResult: incubating.ATTR_GEN_AI_TOOL_CALL_RESULT,
    };
    assert.deepEqual({ ...genAi }, expected);
    assert.deepEqual({ ...genAiOperation }, {
      chat: incubating.GEN_AI_OPERATION_NAME_VALUE_CHAT,
      executeTool: incubating.GEN_AI_OPERATION_NAME_VALUE_EXECUTE_TOOL,
      invokeAgent: incubating.GEN_AI_OPERATION_NAME_VALUE_INVOKE_AGENT,
      invokeWorkflow: incubating.GEN_AI_OPERATION_NAME_VALUE_INVOKE_WORKFLOW,
    });
    assert.equal(incubating.GEN_AI_PROVIDER_NAME_VALUE_ANTHROPIC, 'anthropic');
    assert.deepEqual({ ...stable }, { errorType: ATTR_ERROR_TYPE, serviceName: ATTR_SERVICE_NAME, serviceVersion: ATTR_SERVICE_VERSION });
  });
});
