import * as assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { startScriptedServer, type ScriptedServer } from '../../support/anthropicServer';
import { clientOf, model } from './sdk';

const tools: Anthropic.Tool[] = [
  {
    name: 'read_file',
    description: 'Read a file of the workspace.',
    input_schema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
  },
];
const system: Anthropic.TextBlockParam[] = [{ type: 'text', text: 'You are the reviewer of a team of code agents. '.repeat(30) }];
const breakpoint = { type: 'ephemeral' } as const;

/** The conversation after `turns` user questions, with a breakpoint on its last block only. */
function conversation(turns: number): Anthropic.MessageParam[] {
  const messages: Anthropic.MessageParam[] = [];
  for (let turn = 1; turn <= turns; turn++) {
    if (turn > 1) messages.push({ role: 'assistant', content: [{ type: 'text', text: `Answer ${turn - 1}: `.padEnd(200, '.') }] });
    messages.push({ role: 'user', content: [{ type: 'text', text: `Question ${turn}: `.padEnd(120, '?'), ...(turn === turns ? { cache_control: breakpoint } : {}) }] });
  }
  return messages;
}

describe('scripted Messages API: usage with prompt caching', () => {
  let server: ScriptedServer;
  let client: Anthropic;
  beforeEach(async () => {
    server = await startScriptedServer();
    server.setResponder(() => ({ content: [{ type: 'text', text: 'ok' }] }));
    client = clientOf(server);
  });
  afterEach(() => server.close());

  const request = (messages: Anthropic.MessageParam[], extra: Partial<Anthropic.MessageCreateParamsNonStreaming> = {}): Anthropic.MessageCreateParamsNonStreaming => ({
    model,
    max_tokens: 256,
    tools,
    system,
    messages,
    ...extra,
  });
  const count = async (body: Anthropic.MessageCreateParamsNonStreaming) => {
    const { max_tokens: _maxTokens, ...params } = body;
    return (await client.messages.countTokens(params as Anthropic.MessageCountTokensParams)).input_tokens;
  };
  const cacheFields = (usage: Anthropic.Usage) => [usage.cache_creation_input_tokens, usage.cache_read_input_tokens, usage.input_tokens];

  it('writes the prefix up to the breakpoint, then reads it back as the conversation grows', async () => {
    const bodies = [1, 2, 3].map((turns) => request(conversation(turns)));
    const counts = await Promise.all(bodies.map(count));
    assert.ok(counts[0]! < counts[1]! && counts[1]! < counts[2]!);

    const first = await client.messages.create(bodies[0]!);
    const second = await client.messages.create(bodies[1]!);
    const third = await client.messages.stream(bodies[2]!).finalMessage();

    assert.deepEqual(cacheFields(first.usage), [counts[0], 0, 0], 'request 1 writes everything up to its breakpoint');
    assert.deepEqual(cacheFields(second.usage), [counts[1]! - counts[0]!, counts[0], 0], 'request 2 reads request 1\'s prefix');
    assert.deepEqual(cacheFields(third.usage), [counts[2]! - counts[1]!, counts[1], 0], 'request 3, streamed, reads request 2\'s prefix');
    assert.deepEqual(first.usage.cache_creation, { ephemeral_5m_input_tokens: counts[0], ephemeral_1h_input_tokens: 0 });
  });

  it('reads a cached system prompt and tools, bills the messages after it as input, and counts the same total', async () => {
    const cachedSystem = [{ ...system[0]!, cache_control: { type: 'ephemeral', ttl: '1h' } as const }];
    const a = request([{ role: 'user', content: 'Review src/a.ts please.' }], { system: cachedSystem });
    const b = request([{ role: 'user', content: 'Now review src/b.ts, which is longer to ask for.' }], { system: cachedSystem });
    const first = await client.messages.create(a);
    const second = await client.messages.create(b);

    const written = first.usage.cache_creation_input_tokens!;
    assert.ok(written > 300, `${written} tokens of tools and system`);
    assert.deepEqual(first.usage.cache_creation, { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: written });
    assert.deepEqual(cacheFields(second.usage).slice(0, 2), [0, written]);
    for (const [body, usage] of [[a, first.usage], [b, second.usage]] as const) {
      assert.ok(usage.input_tokens > 0);
      assert.equal(usage.input_tokens + usage.cache_creation_input_tokens! + usage.cache_read_input_tokens!, await count(body), 'count_tokens = input + cache fields');
    }
  });

  it('does not read a prefix across models or after the system prompt changed', async () => {
    const body = request(conversation(1));
    await client.messages.create(body);
    const otherModel = await client.messages.create({ ...body, model: 'claude-other' });
    const otherSystem = await client.messages.create({ ...body, system: [{ type: 'text', text: 'Another prompt.' }] });
    const same = await client.messages.create(body);
    assert.equal(otherModel.usage.cache_read_input_tokens, 0);
    assert.equal(otherSystem.usage.cache_read_input_tokens, 0);
    assert.deepEqual(cacheFields(same.usage), [0, await count(body), 0]);
  });

  it('applies a top-level cache_control to the last block', async () => {
    const body = request([{ role: 'user', content: 'Plain question.' }], { cache_control: breakpoint });
    const usage = (await client.messages.create(body)).usage;
    assert.deepEqual(cacheFields(usage), [await count(body), 0, 0]);
  });

  it('refuses more than four breakpoints, as the API does', async () => {
    const many = Array.from({ length: 5 }, (_, i): Anthropic.TextBlockParam => ({ type: 'text', text: `part ${i}`, cache_control: breakpoint }));
    await assert.rejects(client.messages.create(request([{ role: 'user', content: many }])), (error: unknown) => {
      assert.ok(error instanceof Anthropic.BadRequestError);
      assert.equal(error.apiMessage, 'A maximum of 4 blocks with cache_control may be provided. Found 5.');
      return true;
    });
  });
});
