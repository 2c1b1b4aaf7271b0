/**
 * The API key goes only where the person pointed it, is never written anywhere, and a long
 * retry-after stops a run cleanly — through the real SDK, against scripted servers on loopback.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Team } from '../../../src/core/agents/team';
import { AnthropicModel, ModelCallError } from '../../../src/core/model/anthropic/anthropicModel';
import { RetryAfterTooLong, retryAfterMs } from '../../../src/core/model/anthropic/retryAfter';
import type { ModelRequest } from '../../../src/core/model/client';
import type { RunResult } from '../../../src/core/orchestrator/result';
import { redactedMark, scrubSecrets } from '../../../src/core/secretScrub';
import { JsonlSpanProcessor, traceFilePath } from '../../../src/core/trace/jsonl';
import { InMemorySpanProcessor } from '../../../src/core/trace/memory';
import type { ModelCallSpan } from '../../../src/core/trace/spans';
import { startScriptedServer, type ScriptedServer, type ScriptedTurn } from '../../support/anthropicServer';
import { boardSource, examples } from '../../support/payloads';
import { shippedTeam, teamOrchestrator, tempWorkspace } from '../../support/team';

const key = 'sk-ant-api03-KEYENDPOINTS-9Qz7x_Lm-w2Rt5Yb8Nc3Vd6Fg1Hj4Kp0';
/** How a gateway could echo the key: as is, inside base64 (Basic-auth style, misaligned), URL-encoded. */
const keyForms = [key, Buffer.from(`user:${key}`).toString('base64'), Buffer.from(key).toString('base64url'), encodeURIComponent(`${key}&x`)];
const leaks = (text: string) => [key, Buffer.from(key).toString('base64').slice(0, 40), Buffer.from(key).toString('base64url').slice(0, 40), Buffer.from(`user:${key}`).toString('base64').slice(8, 48)].filter((form) => text.includes(form));

const answer: ScriptedTurn = { content: [{ type: 'text', text: 'Answering.' }, { type: 'tool_use', name: 'submit_Answer', input: examples.Answer }] };
const ask = (baseURL?: string): ModelRequest => ({
  agent: 'concierge', model: 'claude-sonnet-5-5', ...(baseURL ? { baseURL } : {}), system: 'Be brief.', messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], tools: [], maxTokens: 100,
});
const signal = () => new AbortController().signal;

/** A loopback HTTP server answering with `handler`, recording each request's headers. */
async function rawServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ baseURL: string; headers: IncomingHttpHeaders[]; close: () => Promise<void> }> {
  const headers: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    headers.push(req.headers);
    req.resume();
    req.on('end', () => handler(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    headers,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

describe('security: the API key, its endpoints and the API’s retry-after', function () {
  this.timeout(60_000);
  let server: ScriptedServer;
  let workspace: Awaited<ReturnType<typeof tempWorkspace>>;
  beforeEach(async () => {
    server = await startScriptedServer({ apiKey: key });
    workspace = await tempWorkspace({ 'src/board.ts': boardSource });
  });
  afterEach(async () => {
    await server.close();
    await workspace.cleanup();
  });

  const model = (options: Partial<ConstructorParameters<typeof AnthropicModel>[0]> = {}) =>
    new AnthropicModel({ apiKey: key, baseURL: server.baseURL, streamRetryDelayMs: () => 5, ...options });

  /** The shipped team, with the concierge's spec naming `baseURL`, as if its file had got through loading. */
  async function teamWithConciergeAt(baseURL: string): Promise<Team> {
    const shipped = await shippedTeam();
    return new Team(shipped.agents.map((agent) => (agent.name === 'concierge' ? { ...agent, baseURL } : agent)));
  }

  describe('the key goes only to endpoints the person chose', () => {
    let hostile: ScriptedServer;
    beforeEach(async () => {
      hostile = await startScriptedServer();
    });
    afterEach(() => hostile.close());

    it('an agent naming a hostile endpoint never reaches it: the run stops cleanly, naming the host and why', async () => {
      hostile.enqueue(answer);
      const { orchestrator } = await teamOrchestrator(model(), workspace.folder, { team: await teamWithConciergeAt(`${hostile.baseURL}/`) });
      const result = await orchestrator.run({ text: 'what is in board.ts?' });

      assert.equal(hostile.requests.length, 0, 'not one request reached the hostile server');
      assert.equal(result.status, 'stopped');
      assert.equal(result.stuck?.reason, 'model_error');
      assert.equal(result.stuck?.agent, 'concierge');
      const host = new URL(hostile.baseURL).host;
      assert.ok(result.stuck?.detail.includes(host), result.stuck?.detail);
      assert.match(result.stuck?.detail ?? '', /has not allowed/);
      assert.equal(server.requests.length, 0, 'and it was not quietly sent to the configured endpoint either');
    });

    it('refuses a look-alike of an allowed endpoint (other port, path or scheme), and lets an allowed one through with the key', async () => {
      const { port } = new URL(hostile.baseURL);
      const client = model({ allowedEndpoints: [`http://127.0.0.1:${port}/`] });
      for (const lookAlike of [`http://127.0.0.1:${Number(port) + 1}`, `http://127.0.0.1:${port}/other`, `https://127.0.0.1:${port}`, `http://localhost:${port}`]) {
        await assert.rejects(client.complete(ask(lookAlike), { signal: signal() }), (error: unknown) => {
          assert.ok(error instanceof ModelCallError);
          assert.match(error.message, /not allowed/);
          return true;
        });
      }
      assert.equal(hostile.requests.length, 0);

      hostile.enqueue(answer);
      const response = await client.complete(ask(`HTTP://127.0.0.1:${port}`), { signal: signal() });
      assert.equal(response.stopReason, 'tool_use');
      assert.equal(hostile.requests.length, 1);
      assert.equal(hostile.requests[0]?.headers.authorization, `Bearer ${key}`, 'the allowed endpoint gets the key');
    });

    it('count_tokens for a large request to a refused endpoint sends nothing either', async () => {
      const client = model({ exactCountAbove: 1 });
      const counted = await client.countTokens(ask(hostile.baseURL), signal());
      assert.ok(counted > 0);
      assert.equal(hostile.requests.length, 0);
    });

    it('an allowed endpoint that redirects does not carry the key on to where it points', async () => {
      const redirecting = await rawServer((_req, res) => {
        res.writeHead(307, { location: `${hostile.baseURL}/v1/messages` });
        res.end();
      });
      try {
        const client = model({ baseURL: redirecting.baseURL, maxRetries: 0, streamRetries: 0 });
        await assert.rejects(client.complete(ask(), { signal: signal() }), /redirect \(HTTP 307\) to 127\.0\.0\.1:\d+; Nova does not follow/);
        assert.equal(redirecting.headers.length, 1);
        assert.equal(hostile.requests.length, 0, 'the redirect was not followed');
      } finally {
        await redirecting.close();
      }
    });
  });

  describe('the key is scrubbed from everything Nova writes', () => {
    const previousLog = process.env.ANTHROPIC_LOG;
    afterEach(() => {
      if (previousLog === undefined) delete process.env.ANTHROPIC_LOG;
      else process.env.ANTHROPIC_LOG = previousLog;
    });

    it('a gateway that echoes the key in a 500’s body: not in the error, the spans, the JSONL trace or the SDK’s debug log', async () => {
      const gateway = await rawServer((_req, res) => {
        res.writeHead(500, { 'content-type': 'application/json', 'retry-after-ms': '1' });
        res.end(JSON.stringify({ type: 'error', error: { type: 'api_error', message: `upstream refused: authorization=Bearer ${key}; basic=${keyForms[1]}; tok=${keyForms[2]}; q=${keyForms[3]}` } }));
      });
      try {
        // The environment variable a person would set, not an option only tests know.
        process.env.ANTHROPIC_LOG = 'debug';
        const lines: string[] = [];
        const client = model({ baseURL: gateway.baseURL, streamRetries: 1, log: (level, line) => lines.push(`${level} ${line}`) });
        const file = traceFilePath(workspace.folder, 'echo-run');
        const spans = new InMemorySpanProcessor();
        const { orchestrator } = await teamOrchestrator(client, workspace.folder, { processors: [new JsonlSpanProcessor(file), spans] });
        const events: string[] = [];
        orchestrator.events.on((event) => events.push(JSON.stringify(event)));
        const result = await orchestrator.run({ text: 'hello' }, { runId: 'echo-run' });

        assert.ok(gateway.headers.length >= 2, 'the SDK did try the gateway');
        assert.equal(result.stuck?.reason, 'model_error');
        assert.match(result.stuck?.detail ?? '', /HTTP 500/);
        assert.ok(result.stuck?.detail.includes(redactedMark), 'the error says something was removed');
        const written = await fs.readFile(file, 'utf8');
        assert.match(written, /governor_stop/);
        assert.ok(spans.spans.some((s) => s.kind === 'governor_stop' && JSON.stringify(s).includes(redactedMark)));
        assert.ok(lines.some((line) => line.startsWith('debug') && line.includes('response error') && line.includes(redactedMark)), 'the SDK logged the body, scrubbed');
        for (const [where, text] of [['the result', JSON.stringify(result)], ['the JSONL trace', written], ['the in-memory spans', JSON.stringify(spans.spans)], ['the run events', events.join('\n')], ['the SDK log', lines.join('\n')]] as const) {
          assert.deepEqual(leaks(text), [], `the key leaked into ${where}`);
        }
      } finally {
        await gateway.close();
      }
    });

    it('a gateway that echoes the key in the model’s own text and tool input: scrubbed from streamed deltas, spans and the result', async () => {
      server.enqueue({ content: [{ type: 'text', text: `Your key is ${key}, base64 ${keyForms[1]}. Keys start sk-ant` }, { type: 'tool_use', name: 'submit_Answer', input: { ...examples.Answer, answer: `the key: ${key}` } }] });
      const file = traceFilePath(workspace.folder, 'echo-text');
      const spans = new InMemorySpanProcessor();
      const { orchestrator } = await teamOrchestrator(model(), workspace.folder, { processors: [new JsonlSpanProcessor(file), spans] });
      const events: string[] = [];
      orchestrator.events.on((event) => events.push(JSON.stringify(event)));
      const result = await orchestrator.run({ text: 'what is my key?' }, { runId: 'echo-text' });
      assert.equal(result.status, 'completed', JSON.stringify(result.stuck));
      assert.equal((result.result?.payload as { answer: string }).answer, `the key: ${redactedMark}`);
      assert.ok(spans.spans.some((s) => s.kind === 'reasoning' && s.text.includes(redactedMark)));
      // What a terminal shows: the streamed pieces one after another (the key arrives split across them).
      const shown = events.map((e) => JSON.parse(e) as { type: string; text?: string; partialJson?: string }).map((e) => (e.type === 'text_delta' ? e.text : e.type === 'tool_input_delta' ? e.partialJson : '')).join('');
      assert.ok(shown.includes(`Your key is ${redactedMark}, base64`) && shown.includes(`the key: ${redactedMark}`), shown);
      assert.ok(shown.includes('. Keys start sk-ant{'), `what looked like the start of the key was passed on at the block's end: ${shown}`);
      for (const text of [JSON.stringify(result), await fs.readFile(file, 'utf8'), JSON.stringify(spans.spans), events.join('\n'), shown]) assert.deepEqual(leaks(text), []);
    });

    it('an agent that reads the workspace’s .env holding the key: the tool_call span in the trace has it scrubbed', async () => {
      await fs.writeFile(`${workspace.folder}/.env`, `ANTHROPIC_API_KEY=${key}\n`);
      server.enqueue({ content: [{ type: 'tool_use', name: 'read_file', input: { path: '.env' } }] }, answer);
      const file = traceFilePath(workspace.folder, 'env-read');
      const spans = new InMemorySpanProcessor();
      const { orchestrator } = await teamOrchestrator(model(), workspace.folder, { processors: [new JsonlSpanProcessor(file), spans] });
      const result = await orchestrator.run({ text: 'what is in .env?' }, { runId: 'env-read' });
      assert.equal(result.status, 'completed', JSON.stringify(result.stuck));
      const read = spans.spans.find((s) => s.kind === 'tool_call' && s.tool === 'read_file');
      assert.ok(read && JSON.stringify(read).includes(`ANTHROPIC_API_KEY=${redactedMark}`), JSON.stringify(read));
      assert.deepEqual(leaks(await fs.readFile(file, 'utf8')), []);
    });

    it('the scrubber replaces the key in its encodings, and leaves text without it alone', () => {
      new AnthropicModel({ apiKey: 'sk-ant-api03-a+b/c=d&e?f', baseURL: server.baseURL });
      assert.equal(scrubSecrets('x sk-ant-api03-a+b/c=d&e?f y'), `x ${redactedMark} y`);
      assert.equal(scrubSecrets(`q=${encodeURIComponent('sk-ant-api03-a+b/c=d&e?f')}`), `q=${redactedMark}`);
      for (const prefix of ['', 'a', 'ab']) assert.ok(scrubSecrets(Buffer.from(`${prefix}sk-ant-api03-a+b/c=d&e?f`).toString('base64')).includes(redactedMark), `base64 after ${prefix.length} byte(s)`);
      assert.equal(scrubSecrets('nothing secret here: sk-ant-api03-a+b'), 'nothing secret here: sk-ant-api03-a+b');
    });
  });

  describe('a retry-after longer than the bound stops the run at once, saying when', () => {
    it('429 with retry-after: 3600 stops in well under a second, with the time the API will take requests again', async () => {
      server.enqueue({ ...answer, fault: { kind: 'status', status: 429, retryAfterSeconds: 3600 } });
      const { orchestrator } = await teamOrchestrator(model(), workspace.folder);
      const started = Date.now();
      const result: RunResult = await orchestrator.run({ text: 'what is in board.ts?' });
      const elapsed = Date.now() - started;

      assert.ok(elapsed < 1000, `stopped after ${elapsed} ms`);
      assert.equal(server.requests.length, 1, 'no retry, no second request');
      assert.equal(result.status, 'stopped');
      assert.equal(result.stuck?.reason, 'model_error');
      const when = /until (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z), in 3600 s/.exec(result.stuck?.detail ?? '');
      assert.ok(when, result.stuck?.detail);
      const at = Date.parse(when[1]!);
      assert.ok(Math.abs(at - (started + 3_600_000)) < 5_000, `${when[1]} is an hour from now`);
      assert.match(result.stuck?.detail ?? '', /HTTP 429.*at most 60 s/);
    });

    it('a large request whose count_tokens gets the long retry-after stops the run cleanly too', async () => {
      const busy = await rawServer((_req, res) => {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '3600' });
        res.end(JSON.stringify({ type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } }));
      });
      try {
        const { orchestrator } = await teamOrchestrator(model({ baseURL: busy.baseURL, exactCountAbove: 1 }), workspace.folder);
        const started = Date.now();
        const result = await orchestrator.run({ text: 'what is in board.ts?' });
        assert.ok(Date.now() - started < 1000, `stopped after ${Date.now() - started} ms`);
        assert.equal(result.stuck?.reason, 'model_error');
        assert.match(result.stuck?.detail ?? '', /until .*Z, in 3600 s/);
        assert.equal(busy.headers.length, 2, 'count_tokens, then the call that reports it');
      } finally {
        await busy.close();
      }
    });

    it('the error is typed, carries the time, and the bound is an option', async () => {
      server.enqueue({ ...answer, fault: { kind: 'status', status: 529, retryAfterSeconds: 10 } });
      await assert.rejects(model({ maxRetryAfterMs: 5_000 }).complete(ask(), { signal: signal() }), (error: unknown) => {
        assert.ok(error instanceof RetryAfterTooLong);
        assert.equal(error.status, 529);
        assert.equal(error.waitMs, 10_000);
        assert.ok(Math.abs(error.retryAt.getTime() - Date.now() - 10_000) < 2_000);
        return true;
      });
      assert.equal(server.requests.length, 1);
      assert.equal(retryAfterMs(new Headers({ 'retry-after': new Date(Date.UTC(2030, 0, 1)).toUTCString() }), Date.UTC(2029, 11, 31, 23)), 3_600_000, 'an HTTP date is read too');
    });

    it('retry-after: 1 is still waited out and retried, and the run completes', async () => {
      server.enqueue({ ...answer, fault: { kind: 'status', status: 429, retryAfterSeconds: 1 } });
      const { orchestrator } = await teamOrchestrator(model(), workspace.folder);
      const started = Date.now();
      const result = await orchestrator.run({ text: 'what is in board.ts?' });
      assert.equal(result.status, 'completed', JSON.stringify(result.stuck));
      assert.equal(server.requests.length, 2);
      assert.ok(Date.now() - started >= 1000, 'retry-after was honoured');
    });
  });

  describe('a cut stream’s attempt is counted in cost', () => {
    async function runCost(turn: ScriptedTurn): Promise<{ result: RunResult; call: ModelCallSpan }> {
      const fresh = await startScriptedServer({ apiKey: key });
      try {
        fresh.enqueue(turn);
        const { orchestrator, spans } = await teamOrchestrator(model({ baseURL: fresh.baseURL }), workspace.folder);
        const result = await orchestrator.run({ text: 'what is in board.ts?' });
        assert.equal(result.status, 'completed', JSON.stringify(result.stuck));
        const call = spans.spans.find((s): s is ModelCallSpan => s.kind === 'model_call');
        assert.ok(call);
        return { result, call };
      } finally {
        await fresh.close();
      }
    }

    it('a run whose stream was cut once and retried costs more than the same run without the cut', async () => {
      const clean = await runCost(answer);
      const cut = await runCost({ ...answer, fault: { kind: 'cut', afterEvents: 4 } });
      const inputOf = (span: ModelCallSpan) => span.usage.inputTokens + span.usage.cacheCreationTokens + span.usage.cacheReadTokens;
      assert.ok(inputOf(cut.call) > inputOf(clean.call), `the broken attempt's input is booked: ${JSON.stringify(cut.call.usage)} vs ${JSON.stringify(clean.call.usage)}`);
      assert.ok(cut.result.usage.costUsd > clean.result.usage.costUsd, `cut $${cut.result.usage.costUsd} vs clean $${clean.result.usage.costUsd}`);
      assert.ok(cut.result.usage.tokens > clean.result.usage.tokens);
    });

    it('a call whose every attempt was cut still books what the API reported, though the run stops', async () => {
      const fresh = await startScriptedServer({ apiKey: key });
      try {
        fresh.enqueue({ ...answer, fault: { kind: 'cut', afterEvents: 4 } });
        const { orchestrator, spans } = await teamOrchestrator(model({ baseURL: fresh.baseURL, streamRetries: 0 }), workspace.folder);
        const result = await orchestrator.run({ text: 'what is in board.ts?' });
        assert.notEqual(result.status, 'completed');
        assert.equal(result.stuck?.reason, 'model_error', JSON.stringify(result.stuck));
        const call = spans.spans.find((s): s is ModelCallSpan => s.kind === 'model_call');
        assert.ok(call && call.usage.inputTokens + call.usage.cacheCreationTokens + call.usage.cacheReadTokens > 0, `the failed call's span carries the reported usage: ${JSON.stringify(call?.usage)}`);
        assert.ok(result.usage.costUsd > 0, `the run's cost includes the failed call: $${result.usage.costUsd}`);
      } finally {
        await fresh.close();
      }
    });
  });
});
