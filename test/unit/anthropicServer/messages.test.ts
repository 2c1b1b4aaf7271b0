import * as assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { startScriptedServer, type ScriptedServer } from '../../support/anthropicServer';
import { ask, clientOf, model } from './sdk';

describe('scripted Messages API: requests and replies through the SDK', () => {
  let server: ScriptedServer;
  beforeEach(async () => {
    server = await startScriptedServer({ apiKey: 'test-key' });
  });
  afterEach(() => server.close());

  it('answers a non-streaming request with a whole message and records what the SDK sent', async () => {
    server.enqueue({ content: [{ type: 'text', text: 'Hello from the script.' }] });
    // `temperature` is not in SDK 1.12's types any more; the server takes any extra field.
    const body = {
      ...ask('Say hello'),
      temperature: 0.2,
      metadata: { user_id: 'u-1' },
      tool_choice: { type: 'auto' as const },
      thinking: { type: 'enabled' as const, budget_tokens: 1024 },
      max_tokens: 2048,
    };
    const message = await clientOf(server).messages.create(body);
    assert.match(message.id, /^msg_/);
    assert.equal(message.type, 'message');
    assert.equal(message.role, 'assistant');
    assert.equal(message.model, model);
    assert.deepEqual(message.content, [{ type: 'text', text: 'Hello from the script.', citations: null }]);
    assert.equal(message.stop_reason, 'end_turn');
    assert.equal(message.usage.output_tokens, Math.ceil('Hello from the script.'.length / 4));
    assert.ok(message.usage.input_tokens > 0);
    assert.equal(message.usage.cache_read_input_tokens, 0);

    const [request] = server.requests;
    assert.equal(request?.method, 'POST');
    assert.equal(request?.path, '/v1/messages');
    assert.ok(request?.headers['anthropic-version'], 'the SDK sends anthropic-version');
    assert.equal(request?.headers['authorization'], 'Bearer test-key', 'SDK 1.x sends apiKey as a bearer token');
    assert.deepEqual(request?.body, {
      model,
      max_tokens: 2048,
      messages: [{ role: 'user', content: 'Say hello' }],
      temperature: 0.2,
      metadata: { user_id: 'u-1' },
      tool_choice: { type: 'auto' },
      thinking: { type: 'enabled', budget_tokens: 1024 },
    });
    assert.equal(server.pendingTurns(), 0);
  });

  it('sends tool_use blocks whole, stops for tool use, and generates toolu_ ids unless scripted', async () => {
    server.enqueue({
      content: [
        { type: 'text', text: 'Reading.' },
        { type: 'tool_use', name: 'read_file', input: { path: 'a.ts' } },
        { type: 'tool_use', id: 'toolu_fixed', name: 'read_file', input: { path: 'b.ts' } },
      ],
    });
    const message = await clientOf(server).messages.create(ask('Read two files'));
    assert.equal(message.stop_reason, 'tool_use');
    const tools = message.content.filter((block) => block.type === 'tool_use');
    assert.match(tools[0]?.id ?? '', /^toolu_/);
    assert.deepEqual(tools.map((block) => [block.id.length > 6, block.name, block.input]), [
      [true, 'read_file', { path: 'a.ts' }],
      [true, 'read_file', { path: 'b.ts' }],
    ]);
    assert.equal(tools[1]?.id, 'toolu_fixed');
  });

  it('serves the queue first-in first-out, then asks the responder with the body and a running index', async () => {
    server.enqueue({ content: [{ type: 'text', text: 'queued' }] });
    server.setResponder((body, index) => ({ content: [{ type: 'text', text: `#${index} ${JSON.stringify(body.messages[0]?.content)}` }], stopReason: 'max_tokens' }));
    const client = clientOf(server);
    const texts = [];
    for (const question of ['one', 'two', 'three']) {
      const message = await client.messages.create(ask(question));
      texts.push([message.content[0]?.type === 'text' ? message.content[0].text : '', message.stop_reason]);
    }
    assert.deepEqual(texts, [['queued', 'end_turn'], ['#1 "two"', 'max_tokens'], ['#2 "three"', 'max_tokens']]);
  });

  it('refuses a request without model, max_tokens or messages with 400 invalid_request_error', async () => {
    const client = clientOf(server);
    for (const field of ['max_tokens', 'model', 'messages']) {
      const body: Record<string, unknown> = { ...ask('x') };
      delete body[field];
      await assert.rejects(client.messages.create(body as unknown as Anthropic.MessageCreateParamsNonStreaming), (error: unknown) => {
        assert.ok(error instanceof Anthropic.BadRequestError);
        assert.equal(error.status, 400);
        assert.equal(error.type, 'invalid_request_error');
        assert.equal(error.apiMessage, `${field}: Field required`);
        assert.match(error.requestID ?? '', /^req_/);
        return true;
      });
    }
  });

  it('answers a wrong API key with AuthenticationError, which the SDK does not retry', async () => {
    server.enqueue({ content: [{ type: 'text', text: 'never served' }] });
    const client = new Anthropic({ apiKey: 'wrong-key', baseURL: server.baseURL, maxRetries: 2 });
    await assert.rejects(client.messages.create(ask('hi')), (error: unknown) => {
      assert.ok(error instanceof Anthropic.AuthenticationError);
      assert.equal(error.status, 401);
      assert.equal(error.type, 'authentication_error');
      return true;
    });
    assert.equal(server.requests.length, 1);
    assert.equal(server.pendingTurns(), 1);
  });

  it('answers any other path with 404 not_found_error', async () => {
    await assert.rejects(clientOf(server).models.list(), (error: unknown) => {
      assert.ok(error instanceof Anthropic.NotFoundError);
      assert.equal(error.type, 'not_found_error');
      return true;
    });
  });

  it('counts tokens without using a turn, and refuses count_tokens without messages', async () => {
    const client = clientOf(server);
    const short = await client.messages.countTokens({ model, messages: [{ role: 'user', content: 'hi' }] });
    const long = await client.messages.countTokens({ model, system: 'You review code. '.repeat(40), messages: [{ role: 'user', content: 'hi' }] });
    assert.ok(short.input_tokens > 0);
    assert.ok(long.input_tokens > short.input_tokens + 150, `${long.input_tokens} vs ${short.input_tokens}`);
    await assert.rejects(client.messages.countTokens({ model } as Anthropic.MessageCountTokensParams), Anthropic.BadRequestError);
    assert.equal(server.requests.filter((r) => r.path === '/v1/messages/count_tokens').length, 3);
  });

  it('fails fast, without SDK retries, when the script has no turn for a request', async () => {
    const client = clientOf(server, { maxRetries: 2 });
    await assert.rejects(client.messages.create(ask('unscripted')), /no turn queued/);
    assert.equal(server.requests.length, 1);
  });
});
