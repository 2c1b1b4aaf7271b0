import * as assert from 'node:assert/strict';
import { startScriptedServer, type ScriptedServer } from '../../support/anthropicServer';
import { ask, clientOf, model } from './sdk';

describe('scripted Messages API: streaming through the SDK', () => {
  let server: ScriptedServer;
  beforeEach(async () => {
    server = await startScriptedServer({ chunkSize: 8, eventDelayMs: 15 });
  });
  afterEach(() => server.close());

  it('streams text in deltas that arrive one after another', async () => {
    const text = 'The quick brown fox jumps over the lazy dog.';
    server.enqueue({ content: [{ type: 'text', text }] });
    const arrivals: { delta: string; at: number }[] = [];
    const stream = clientOf(server).messages.stream(ask('Tell me about foxes'));
    stream.on('text', (delta) => arrivals.push({ delta, at: Date.now() }));
    const message = await stream.finalMessage();
    const done = Date.now();

    assert.equal(arrivals.length, Math.ceil(text.length / 8));
    assert.equal(arrivals.map((a) => a.delta).join(''), text);
    const first = arrivals[0]!.at;
    const last = arrivals.at(-1)!.at;
    assert.ok(last - first >= (arrivals.length - 1) * 10, `deltas spread over ${last - first} ms`);
    assert.ok(done - first >= 20, 'the first delta arrived well before the message was complete');
    assert.deepEqual(message.content, [{ type: 'text', text, citations: null }]);
    assert.equal(message.stop_reason, 'end_turn');
    assert.equal(message.usage.output_tokens, Math.ceil(text.length / 4), 'message_delta carries the final output tokens');
    assert.equal((server.requests[0]?.body as { stream?: boolean }).stream, true);
  });

  it('assembles tool input from input_json_delta chunks, and thinking with its signature', async () => {
    const input = { path: 'src/core/model/client.ts', ranges: [[1, 20], [40, 60]], note: 'unicode ✓ ok' };
    server.enqueue({
      content: [
        { type: 'thinking', thinking: 'The user wants the model client; read it first.', signature: 'sig-EqQBCgIYAhIM' },
        { type: 'redacted_thinking', data: 'EmwKAhgBEgy3va3pzix/LafPsn4a' },
        { type: 'text', text: 'Let me look.' },
        { type: 'tool_use', id: 'toolu_01', name: 'read_file', input },
      ],
    });
    const jsonChunks: string[] = [];
    const thinking: string[] = [];
    const signatures: string[] = [];
    const stream = clientOf(server).messages.stream(ask('Read the client'));
    stream.on('inputJson', (partial) => jsonChunks.push(partial));
    stream.on('thinking', (delta) => thinking.push(delta));
    stream.on('signature', (signature) => signatures.push(signature));
    const message = await stream.finalMessage();

    assert.ok(jsonChunks.length > 3, `${jsonChunks.length} input_json_delta chunks`);
    assert.equal(jsonChunks.join(''), JSON.stringify(input));
    assert.ok(thinking.length > 1);
    assert.deepEqual(signatures, ['sig-EqQBCgIYAhIM']);
    assert.deepEqual(message.content, [
      { type: 'thinking', thinking: 'The user wants the model client; read it first.', signature: 'sig-EqQBCgIYAhIM' },
      { type: 'redacted_thinking', data: 'EmwKAhgBEgy3va3pzix/LafPsn4a' },
      { type: 'text', text: 'Let me look.', citations: null },
      { type: 'tool_use', id: 'toolu_01', name: 'read_file', input, caller: { type: 'direct' } },
    ]);
    assert.equal(message.stop_reason, 'tool_use');
  });

  it('puts on the wire exactly the documented event sequence, each event as `event:` and `data:` lines', async () => {
    server.enqueue({ content: [{ type: 'text', text: 'Hi there!' }, { type: 'tool_use', name: 'noop', input: {} }], outputTokens: 7 });
    const response = await fetch(`${server.baseURL}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', 'x-api-key': 'k' },
      body: JSON.stringify({ ...ask('hi'), stream: true }),
    });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
    assert.match(response.headers.get('request-id') ?? '', /^req_/);
    const wire = await response.text();
    assert.ok(wire.endsWith('\n\n'));
    const events = wire.slice(0, -2).split('\n\n').map((chunk) => {
      const match = /^event: (\w+)\ndata: (.*)$/.exec(chunk);
      assert.ok(match, `not an SSE event: ${JSON.stringify(chunk)}`);
      const data = JSON.parse(match[2]!) as { type: string; [key: string]: unknown };
      assert.equal(data.type, match[1]);
      return data;
    });
    const deltaTypes = (index: number) => events.filter((e) => e.type === 'content_block_delta' && e['index'] === index).map((e) => (e['delta'] as { type: string }).type);
    assert.deepEqual(
      events.map((e) => e.type).filter((type, i, all) => type !== 'content_block_delta' || all[i - 1] !== 'content_block_delta'),
      ['message_start', 'ping', 'content_block_start', 'content_block_delta', 'content_block_stop', 'content_block_start', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop'],
    );
    assert.deepEqual(deltaTypes(0), ['text_delta', 'text_delta']);
    assert.deepEqual(deltaTypes(1), ['input_json_delta', 'input_json_delta'], 'an empty partial_json first, as the API does');
    const start = events[0]!['message'] as { id: string; model: string; content: unknown[]; stop_reason: unknown; usage: Record<string, number> };
    assert.match(start.id, /^msg_/);
    assert.equal(start.model, model);
    assert.deepEqual(start.content, []);
    assert.equal(start.stop_reason, null);
    assert.equal(start.usage['output_tokens'], 1);
    assert.ok(start.usage['input_tokens']! > 0);
    assert.equal(start.usage['cache_read_input_tokens'], 0);
    const toolStart = events.find((e) => e.type === 'content_block_start' && e['index'] === 1)!['content_block'] as Record<string, unknown>;
    assert.match(String(toolStart['id']), /^toolu_/);
    assert.deepEqual(toolStart['input'], {});
    const messageDelta = events.find((e) => e.type === 'message_delta')!;
    assert.deepEqual(messageDelta['delta'], { stop_reason: 'tool_use', stop_sequence: null, stop_details: null, container: null });
    assert.equal((messageDelta['usage'] as Record<string, number>)['output_tokens'], 7);
  });

  it('serves concurrent streams each from its own turn', async () => {
    server.setResponder((body) => ({ content: [{ type: 'text', text: `answer to ${String(body.messages[0]?.content)}` }] }));
    const client = clientOf(server);
    const texts = await Promise.all(['a', 'b', 'c'].map((q) => client.messages.stream(ask(q)).finalText()));
    assert.deepEqual(texts, ['answer to a', 'answer to b', 'answer to c']);
  });
});
