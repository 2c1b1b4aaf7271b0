import * as assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { startScriptedServer, type ScriptedServer, type ScriptedTurn } from '../../support/anthropicServer';
import { ask, clientOf } from './sdk';

const hello: ScriptedTurn = { content: [{ type: 'text', text: 'Hello after the fault.' }] };
const textOf = (message: Anthropic.Message) => message.content.map((block) => (block.type === 'text' ? block.text : '')).join('');

describe('scripted Messages API: injected faults and what the SDK makes of them', () => {
  let server: ScriptedServer;
  beforeEach(async () => {
    server = await startScriptedServer({ eventDelayMs: 2 });
  });
  afterEach(() => server.close());

  describe('status faults and the SDK retries', () => {
    it('retries a 429 after its retry-after of 1 s, then gets the turn', async () => {
      server.enqueue({ ...hello, fault: { kind: 'status', status: 429, retryAfterSeconds: 1 } });
      const message = await clientOf(server, { maxRetries: 2 }).messages.create(ask('hi'));
      assert.equal(textOf(message), 'Hello after the fault.');
      const [first, second] = server.requests;
      assert.equal(server.requests.length, 2);
      assert.ok(second!.receivedAt - first!.receivedAt >= 950, `retried after ${second!.receivedAt - first!.receivedAt} ms`);
      assert.deepEqual([first!.headers['x-stainless-retry-count'], second!.headers['x-stainless-retry-count']], ['0', '1']);
    });

    it('retries a 529 with its default backoff (≥ 0.375 s) and a 500 after its retry-after-ms', async () => {
      server.enqueue({ ...hello, fault: { kind: 'status', status: 529 } }, { ...hello, fault: { kind: 'status', status: 500, retryAfterMs: 30, times: 2 } });
      const client = clientOf(server, { maxRetries: 2 });
      assert.equal(textOf(await client.messages.create(ask('one'))), 'Hello after the fault.');
      const [a, b] = server.requests;
      assert.ok(b!.receivedAt - a!.receivedAt >= 370, `529 retried after ${b!.receivedAt - a!.receivedAt} ms`);
      assert.equal(textOf(await client.messages.stream(ask('two')).finalMessage()), 'Hello after the fault.');
      const [, , c, d, e] = server.requests;
      assert.equal(server.requests.length, 5, 'two failed attempts, then the turn');
      assert.ok(e!.receivedAt - c!.receivedAt < 350, 'retry-after-ms is honoured instead of the default backoff');
      assert.ok(d!.receivedAt - c!.receivedAt >= 25);
    });

    it('obeys x-should-retry over the status', async () => {
      server.enqueue({ ...hello, fault: { kind: 'status', status: 529, shouldRetry: false } }, { ...hello, fault: { kind: 'status', status: 400, shouldRetry: true, retryAfterMs: 1 } });
      const client = clientOf(server, { maxRetries: 2 });
      await assert.rejects(client.messages.create(ask('one')), Anthropic.OverloadedError);
      assert.equal(server.requests.length, 1, 'x-should-retry: false stops the retry of a 529');
      assert.equal(textOf(await client.messages.create(ask('one again'))), 'Hello after the fault.', 'the failed turn is still at the head');
      assert.equal(textOf(await client.messages.create(ask('two'))), 'Hello after the fault.');
      assert.equal(server.requests.length, 4, 'x-should-retry: true retries a 400');
    });

    it('surfaces RateLimitError, InternalServerError and OverloadedError with their status when maxRetries is 0', async () => {
      const cases = [
        [429, Anthropic.RateLimitError, 'rate_limit_error'],
        [500, Anthropic.InternalServerError, 'api_error'],
        [529, Anthropic.OverloadedError, 'overloaded_error'],
      ] as const;
      for (const [status, errorClass, type] of cases) {
        server.enqueue({ ...hello, fault: { kind: 'status', status, retryAfterSeconds: 30 } });
        await assert.rejects(clientOf(server).messages.create(ask('hi')), (error: unknown) => {
          assert.ok(error instanceof errorClass, `${status} → ${String(error)}`);
          assert.equal(error.status, status);
          assert.equal(error.type, type);
          assert.equal(error.headers?.get('retry-after'), '30');
          return true;
        });
        await clientOf(server).messages.create(ask('drain the served turn'));
      }
    });
  });

  describe('faults in the middle of a stream', () => {
    it('a cut stream rejects with a "terminated" AnthropicError (undici: other side closed); the SDK does not retry', async () => {
      server.enqueue({ content: [{ type: 'text', text: 'This answer is cut off in the middle of its only block.' }], fault: { kind: 'cut', afterEvents: 5 } });
      const client = clientOf(server, { maxRetries: 2 });
      const stream = client.messages.stream(ask('hi'));
      const deltas: string[] = [];
      stream.on('text', (delta) => deltas.push(delta));
      await assert.rejects(stream.finalMessage(), (error: unknown) => {
        assert.ok(error instanceof Anthropic.AnthropicError);
        assert.ok(!(error instanceof Anthropic.APIError), 'not an APIError: there is no status');
        assert.equal(error.message, 'terminated');
        const cause = error.cause as Error & { cause?: { code?: string } };
        assert.ok(cause instanceof TypeError);
        assert.equal(cause.cause?.code, 'UND_ERR_SOCKET');
        return true;
      });
      assert.deepEqual(deltas, ['This ans', 'wer is c'], 'message_start, ping, block start, two deltas, then the cut');
      assert.equal(server.requests.length, 1, 'the SDK never retries once a stream has started');
      assert.equal(server.pendingTurns(), 1, 'the cut turn is served whole to the next attempt');
      assert.equal(await client.messages.stream(ask('again')).finalText(), 'This answer is cut off in the middle of its only block.');
    });

    it('a cut non-streaming body rejects too', async () => {
      server.enqueue({ ...hello, fault: { kind: 'cut', afterEvents: 0 } });
      await assert.rejects(clientOf(server, { maxRetries: 2 }).messages.create(ask('hi')), /terminated/);
    });

    it('an `error` SSE event rejects with an APIError of the overloaded type and no status', async () => {
      server.enqueue({ ...hello, fault: { kind: 'error_event', errorType: 'overloaded_error' } });
      const stream = clientOf(server, { maxRetries: 2 }).messages.stream(ask('hi'));
      await assert.rejects(stream.finalMessage(), (error: unknown) => {
        assert.ok(error instanceof Anthropic.APIError);
        assert.ok(!(error instanceof Anthropic.OverloadedError), 'the class comes from the HTTP status, which was 200');
        assert.equal(error.status, undefined);
        assert.equal(error.type, 'overloaded_error');
        assert.equal(error.apiMessage, 'Overloaded');
        assert.match(error.requestID ?? '', /^req_/);
        return true;
      });
      assert.equal(server.requests.length, 1, 'an error after the stream started is not retried');
      assert.equal(server.pendingTurns(), 1, 'the turn is served whole to the next attempt');
    });

    it('non-streamed, an error_event fault is the matching status: 500 for api_error', async () => {
      server.enqueue({ ...hello, fault: { kind: 'error_event', errorType: 'api_error' } });
      await assert.rejects(clientOf(server).messages.create(ask('hi')), Anthropic.InternalServerError);
    });
  });

  describe('slow first bytes', () => {
    it('delays the response headers by the scripted time', async () => {
      server.enqueue({ ...hello, fault: { kind: 'slowFirstByte', ms: 400 } });
      const started = Date.now();
      const stream = clientOf(server).messages.stream(ask('hi'));
      let connectedAfter = 0;
      stream.on('connect', () => (connectedAfter = Date.now() - started));
      assert.equal(await stream.finalText(), 'Hello after the fault.');
      const [request] = server.requests;
      assert.ok(request!.firstByteAt! - request!.receivedAt >= 395, `first byte after ${request!.firstByteAt! - request!.receivedAt} ms`);
      assert.ok(connectedAfter >= 395, `connected after ${connectedAfter} ms`);
    });

    it('a client timeout before the first byte is retried, and the retry gets the same turn at once', async () => {
      server.enqueue({ ...hello, fault: { kind: 'slowFirstByte', ms: 1500 } }, { content: [{ type: 'text', text: 'the next turn' }] });
      const client = clientOf(server, { timeout: 300, maxRetries: 1 });
      assert.equal(await client.messages.stream(ask('hi')).finalText(), 'Hello after the fault.');
      assert.equal(server.requests.length, 2);
      assert.equal(server.requests[0]!.firstByteAt, undefined, 'the first attempt never answered');
      assert.equal(server.pendingTurns(), 1, 'the next turn is still queued');
    });

    it('a client timeout before the first byte, not retried, is an APIConnectionTimeoutError', async () => {
      server.enqueue({ ...hello, fault: { kind: 'slowFirstByte', ms: 1000 } });
      await assert.rejects(clientOf(server, { timeout: 200 }).messages.create(ask('x')), Anthropic.APIConnectionTimeoutError);
    });
  });

  describe('malformed tool input JSON', () => {
    it('streamed, an incomplete input `{"a": ` silently becomes {} in finalMessage()', async () => {
      server.enqueue({ content: [{ type: 'tool_use', id: 'toolu_bad', name: 'edit', input: null, rawJson: '{"a": ' }] });
      const chunks: string[] = [];
      const stream = clientOf(server).messages.stream(ask('hi'));
      stream.on('inputJson', (partial) => chunks.push(partial));
      const message = await stream.finalMessage();
      assert.equal(chunks.join(''), '{"a": ');
      assert.deepEqual(message.content, [{ type: 'tool_use', id: 'toolu_bad', name: 'edit', input: {}, caller: { type: 'direct' } }]);
      assert.equal(message.stop_reason, 'tool_use');
    });

    it('streamed, input that is not JSON at all rejects the stream with a wrapped SyntaxError', async () => {
      server.enqueue({ content: [{ type: 'tool_use', name: 'edit', input: null, rawJson: 'not json' }] });
      await assert.rejects(clientOf(server).messages.stream(ask('hi')).finalMessage(), (error: unknown) => {
        assert.ok(error instanceof Anthropic.AnthropicError);
        assert.ok(error.cause instanceof SyntaxError, String(error.cause));
        return true;
      });
    });

    it('non-streamed, malformed input makes the body invalid JSON: a bare SyntaxError, not retried', async () => {
      server.enqueue({ content: [{ type: 'tool_use', name: 'edit', input: null, rawJson: '{"a": ' }] });
      await assert.rejects(clientOf(server, { maxRetries: 2 }).messages.create(ask('hi')), SyntaxError);
      assert.equal(server.requests.length, 1);
    });
  });
});
