import * as assert from 'node:assert/strict';
import { toMessageParams } from '../../../src/core/model/anthropic/messagesRequest';
import type { ModelRequest } from '../../../src/core/model/client';

const request = (model: string, thinkingBudget?: number): ModelRequest => ({
  agent: 'a',
  model,
  system: 'S',
  messages: [
    { role: 'user', content: [{ type: 'text', text: 'u1' }] },
    { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'read_file', input: { path: 'x' } }] },
    { role: 'user', content: [{ type: 'tool_result', toolUseId: 't1', content: 'data', isError: false }] },
  ],
  tools: [{ name: 'read_file', description: 'd', inputSchema: { type: 'object', properties: { path: { type: 'string', minLength: 1 }, n: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER } }, required: ['path'] } }],
  maxTokens: 8192,
  ...(thinkingBudget ? { thinkingBudget } : {}),
});

describe('Messages API parameters', () => {
  it('put cache breakpoints on the system prompt, the previous turn and this turn', () => {
    const params = toMessageParams(request('claude-sonnet-5-5'));
    assert.deepEqual(params.system, [{ type: 'text', text: 'S', cache_control: { type: 'ephemeral' } }]);
    const marks = params.messages.map((m) => (Array.isArray(m.content) ? m.content.some((b) => 'cache_control' in b && b.cache_control) : false));
    assert.deepEqual(marks, [true, false, true]);
  });

  it('send strict tools without schema noise', () => {
    const [tool] = toMessageParams(request('claude-sonnet-5-5')).tools ?? [];
    assert.equal((tool as { strict?: boolean }).strict, true);
    const text = JSON.stringify(tool);
    assert.ok(!text.includes('minLength') && !text.includes('9007199254740991'), text);
    assert.match(text, /minimum: 1/);
  });

  it('map a thinking budget to extended thinking on 4.x models and to adaptive thinking with an effort on 5.x', () => {
    assert.deepEqual(toMessageParams(request('claude-sonnet-4-6', 4096)).thinking, { type: 'enabled', budget_tokens: 4096 });
    const five = toMessageParams(request('claude-opus-5-5', 20_000));
    assert.deepEqual(five.thinking, { type: 'adaptive', display: 'summarized' });
    assert.deepEqual(five.output_config, { effort: 'high' });
    assert.equal(toMessageParams(request('claude-sonnet-5-5')).thinking, undefined);
  });
});
