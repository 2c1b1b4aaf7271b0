import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { AnthropicModel } from '../../../src/core/model/anthropic/anthropicModel';
import type { RunEvent } from '../../../src/core/orchestrator/events';
import { JsonlSpanProcessor, traceFilePath } from '../../../src/core/trace/jsonl';
import type { ModelCallSpan } from '../../../src/core/trace/spans';
import { startScriptedServer, type ScriptedServer, type ScriptedTurn } from '../../support/anthropicServer';
import { examples, boardSource } from '../../support/payloads';
import { shippedAgents, teamOrchestrator, tempWorkspace } from '../../support/team';
import { contentHash } from '../../../src/core/agents/fileRead';
import { loadTeam } from '../../../src/core/agents/load';
import { createWorkspaceTools } from '../../../src/core/tools/registry';

// The orchestrator drives the real SDK over HTTP against the scripted Messages API server.
const key = 'sk-ant-api03-TEST-SECRET-4f9c2b';
const tool = (name: string, input: unknown, text?: string): ScriptedTurn => ({ content: [...(text ? [{ type: 'text' as const, text }] : []), { type: 'tool_use', name, input }] });
const happyPath = (): ScriptedTurn[] => [
  { content: [{ type: 'thinking', thinking: 'A refactor request: the planner owns splitting it.', signature: 'sig-concierge-1' }, { type: 'text', text: 'This is a refactor; routing it to the planner.' }, { type: 'tool_use', name: 'handoff_to_planner', input: { reason: 'refactor', payload: examples.RoutedTask } }] },
  tool('handoff_to_refactorer', { reason: 'one step', payload: examples.RefactorRequest }),
  tool('handoff_to_reviewer', { reason: 'ready', contract: 'ChangeProposal', payload: examples.ChangeProposal }),
  tool('submit_ReviewVerdict', examples.ReviewVerdict),
  tool('submit_Opinion', { stance: 'support', reason: 'no security impact' }),
];

describe('the Anthropic client through the real SDK', function () {
  this.timeout(60_000);
  let server: ScriptedServer;
  let workspace: Awaited<ReturnType<typeof tempWorkspace>>;
  beforeEach(async () => {
    server = await startScriptedServer({ apiKey: key, chunkSize: 8 });
    workspace = await tempWorkspace({ 'src/board.ts': boardSource });
  });
  afterEach(async () => {
    await server.close();
    await workspace.cleanup();
  });

  function model(options: Partial<ConstructorParameters<typeof AnthropicModel>[0]> = {}): AnthropicModel {
    return new AnthropicModel({ apiKey: key, baseURL: server.baseURL, streamRetryDelayMs: () => 10, ...options });
  }

  it('runs the team: streamed text arrives in pieces, tool input assembles, thinking reaches the trace and goes back signed', async () => {
    server.enqueue(...happyPath());
    const { orchestrator, spans } = await teamOrchestrator(model(), workspace.folder);
    const events: RunEvent[] = [];
    orchestrator.events.on((event) => events.push(event));

    const result = await orchestrator.run({ text: 'use strict equality in board.ts' });

    assert.equal(result.status, 'completed', JSON.stringify(result.stuck));
    assert.deepEqual(result.result?.payload, examples.ReviewVerdict);
    const pieces = events.filter((e) => e.type === 'text_delta' && e.agent === 'concierge').map((e) => (e as { text: string }).text);
    assert.ok(pieces.length > 2, `text arrived in ${pieces.length} piece(s)`);
    assert.equal(pieces.join(''), 'This is a refactor; routing it to the planner.');
    assert.ok(spans.spans.some((s) => s.kind === 'reasoning' && s.source === 'thinking' && s.text.startsWith('A refactor request')));
    const calls = spans.spans.filter((s): s is ModelCallSpan => s.kind === 'model_call');
    assert.equal(calls.length, 5);
    assert.ok(calls.every((c) => c.provider === 'anthropic' && c.usage.inputTokens + c.usage.cacheCreationTokens + c.usage.cacheReadTokens > 0 && c.costUsd > 0));
    // What the SDK sent: strict tools, a cached system prompt, cache breakpoints on the conversation.
    const first = server.requests.find((r) => r.path === '/v1/messages')?.body as { system: { cache_control?: unknown }[]; tools: { strict?: boolean }[]; stream: boolean; messages: { content: { cache_control?: unknown }[] }[] };
    assert.equal(first.stream, true);
    assert.ok(first.tools.every((t) => t.strict === true));
    assert.deepEqual(first.system[0]?.cache_control, { type: 'ephemeral' });
    assert.deepEqual(first.messages.at(-1)?.content.at(-1)?.cache_control, { type: 'ephemeral' });
  });

  it('streams tool input as it is written, answers parallel tool calls together, and waits out a slow first byte', async () => {
    server.enqueue(
      { fault: { kind: 'slowFirstByte', ms: 300 }, content: [{ type: 'tool_use', name: 'read_file', input: { path: 'src/board.ts' } }, { type: 'tool_use', name: 'list_files', input: { path: 'src' } }] },
      tool('submit_Answer', examples.Answer),
    );
    const { orchestrator } = await teamOrchestrator(model(), workspace.folder);
    const inputs: string[] = [];
    orchestrator.events.on((event) => event.type === 'tool_input_delta' && inputs.push(event.partialJson));
    const result = await orchestrator.run({ text: 'what is in src?' });
    assert.equal(result.status, 'completed');
    assert.ok(inputs.length > 2 && inputs.join('').includes('"path":"src/board.ts"'), inputs.join('|'));
    const second = server.requests.filter((r) => r.path === '/v1/messages')[1]?.body as { messages: { content: { type: string; tool_use_id?: string }[] }[] };
    const results = second.messages.at(-1)?.content ?? [];
    assert.deepEqual(results.map((b) => b.type), ['tool_result', 'tool_result']);
    const uses = (second.messages[1]?.content ?? []) as { id?: string }[];
    assert.deepEqual(results.map((b) => b.tool_use_id), uses.map((b) => b.id));
  });

  it('preserves thinking blocks and their signatures (and redacted thinking) across an agent’s turns', async () => {
    server.enqueue(
      { content: [{ type: 'thinking', thinking: 'Read the file first.', signature: 'sig-1' }, { type: 'redacted_thinking', data: 'opaque-redacted' }, { type: 'tool_use', name: 'read_file', input: { path: 'src/board.ts' } }] },
      tool('submit_Answer', examples.Answer),
    );
    const { orchestrator } = await teamOrchestrator(model(), workspace.folder);
    const result = await orchestrator.run({ text: 'what is in board.ts?' });
    assert.equal(result.status, 'completed');
    const second = server.requests.filter((r) => r.path === '/v1/messages')[1]?.body as { messages: { role: string; content: { type: string; signature?: string; data?: string }[] }[] };
    const assistant = second.messages[1];
    assert.equal(assistant?.role, 'assistant');
    assert.deepEqual(assistant?.content.slice(0, 2).map((b) => [b.type, b.signature ?? b.data]), [['thinking', 'sig-1'], ['redacted_thinking', 'opaque-redacted']]);
  });

  it('reads the cached prefix back on later turns, and records cache usage per call', async () => {
    const reads = Array.from({ length: 5 }, (_, i) => tool('read_file', { path: 'src/board.ts', startLine: 1, endLine: i + 1 }));
    server.enqueue(...reads, tool('submit_Answer', examples.Answer));
    const { orchestrator, spans } = await teamOrchestrator(model(), workspace.folder);
    await orchestrator.run({ text: 'read board.ts carefully' });
    const usage = spans.spans.filter((s): s is ModelCallSpan => s.kind === 'model_call').map((s) => s.usage);
    assert.equal(usage.length, 6);
    assert.equal(usage[0]?.cacheReadTokens, 0);
    assert.ok((usage[0]?.cacheCreationTokens ?? 0) > 0);
    for (const later of usage.slice(1)) assert.ok(later.cacheReadTokens > later.inputTokens + later.cacheCreationTokens, JSON.stringify(later));
  });

  for (const [what, fault] of [
    ['429 with retry-after', { kind: 'status', status: 429, retryAfterSeconds: 1 }],
    ['529 overloaded', { kind: 'status', status: 529, retryAfterMs: 50 }],
    ['500', { kind: 'status', status: 500, retryAfterMs: 50 }],
    ['a stream cut mid-block', { kind: 'cut', afterEvents: 4 }],
    ['an overloaded_error event mid-stream', { kind: 'error_event', errorType: 'overloaded_error', afterEvents: 3 }],
  ] as const) {
    it(`retries after ${what} and the run completes`, async () => {
      const [first, ...rest] = happyPath();
      server.enqueue({ ...first!, fault }, ...rest);
      const { orchestrator } = await teamOrchestrator(model(), workspace.folder);
      const retries: RunEvent[] = [];
      orchestrator.events.on((event) => event.type === 'model_retry' && retries.push(event));
      const started = Date.now();
      const result = await orchestrator.run({ text: 'use strict equality in board.ts' });
      assert.equal(result.status, 'completed', JSON.stringify(result.stuck));
      const attempts = server.requests.filter((r) => r.path === '/v1/messages').length;
      assert.equal(attempts, 6, 'one failed attempt, then the five calls of the run');
      if (fault.kind === 'status' && fault.status === 429) assert.ok(Date.now() - started >= 1000, 'retry-after was honoured');
      if (fault.kind === 'cut' || fault.kind === 'error_event') assert.equal(retries.length, 1, 'the listener was told the streamed text is void');
    });
  }

  it('a tool call whose input JSON arrives malformed is bounced by its contract, never passed on', async () => {
    // The SDK turns incomplete streamed tool JSON into `{}`; the contract catches it.
    const [first, ...rest] = happyPath();
    server.enqueue({ content: [{ type: 'tool_use', name: 'handoff_to_planner', input: {}, rawJson: '{"reason": "refactor", "payload": {"intent": ' }] }, first!, ...rest);
    const { orchestrator, spans } = await teamOrchestrator(model(), workspace.folder);
    const result = await orchestrator.run({ text: 'use strict equality in board.ts' });
    assert.equal(result.status, 'completed');
    assert.ok(spans.spans.some((s) => s.kind === 'validation' && s.agent === 'concierge' && s.verdict === 'bounced'));
    assert.deepEqual(result.artifacts[0]?.payload, examples.RoutedTask);
  });

  it('stops the run cleanly when a stream keeps breaking: no half result passed on, the trace saved', async () => {
    const [first] = happyPath();
    server.enqueue({ ...first!, fault: { kind: 'cut', afterEvents: 4, times: 3 } });
    const file = traceFilePath(workspace.folder, 'cut-run');
    const { orchestrator } = await teamOrchestrator(model({ streamRetries: 2 }), workspace.folder, { processors: [new JsonlSpanProcessor(file)] });
    const result = await orchestrator.run({ text: 'use strict equality in board.ts' }, { runId: 'cut-run' });
    assert.equal(result.status, 'stopped');
    assert.equal(result.stuck?.reason, 'model_error');
    assert.equal(result.stuck?.agent, 'concierge');
    assert.deepEqual(result.artifacts, []);
    const saved = await fs.readFile(file, 'utf8');
    assert.match(saved, /"kind":"governor_stop"/);
  });

  it('stops without retrying on an authentication error, and the key appears nowhere', async () => {
    const wrong = new AnthropicModel({ apiKey: `${key}-wrong`, baseURL: server.baseURL });
    const file = traceFilePath(workspace.folder, 'auth-run');
    const { orchestrator } = await teamOrchestrator(wrong, workspace.folder, { processors: [new JsonlSpanProcessor(file)] });
    const result = await orchestrator.run({ text: 'hello' }, { runId: 'auth-run' });
    assert.equal(result.stuck?.reason, 'model_error');
    assert.match(result.stuck?.detail ?? '', /401/);
    assert.equal(server.requests.length, 1, 'a 401 is not retried');
    assert.ok(!JSON.stringify(result).includes(key) && !(await fs.readFile(file, 'utf8')).includes(key));
  });

  it('never writes the key into a trace, across a whole run', async () => {
    server.enqueue(...happyPath());
    const file = traceFilePath(workspace.folder, 'key-run');
    const { orchestrator } = await teamOrchestrator(model(), workspace.folder, { processors: [new JsonlSpanProcessor(file)] });
    const events: string[] = [];
    orchestrator.events.on((event) => events.push(JSON.stringify(event)));
    await orchestrator.run({ text: 'use strict equality in board.ts' }, { runId: 'key-run' });
    const written = await fs.readFile(file, 'utf8');
    assert.ok(written.length > 1000);
    assert.ok(!written.includes(key) && !events.some((e) => e.includes(key)));
    const headers = server.requests[0]?.headers ?? {};
    assert.ok(headers['x-api-key'] === key || headers.authorization === `Bearer ${key}`, 'the key did go to the API');
  });

  it('sends an agent whose file names an endpoint the person allowed to that endpoint, and everyone else to the configured one', async () => {
    const gateway = await startScriptedServer({ apiKey: key });
    try {
      const concierge = await fs.readFile(path.join(shippedAgents, 'concierge.md'), 'utf8');
      await fs.mkdir(path.join(workspace.folder, '.nova', 'agents'), { recursive: true });
      await fs.writeFile(path.join(workspace.folder, '.nova', 'agents', 'concierge.md'), concierge.replace('\nrole:', `\nbaseURL: ${gateway.baseURL}\nrole:`));
      // Only with the person's allowance of exactly this endpoint (and acceptance: it overrides the routing owner).
      const file = path.join(workspace.folder, '.nova', 'agents', 'concierge.md');
      const acceptedFiles = [{ path: '.nova/agents/concierge.md', sha256: contentHash(await fs.readFile(file)) }];
      const { team, problems } = await loadTeam({
        shippedFolder: shippedAgents,
        workspace: { folder: workspace.folder, trusted: true, acceptedFiles, allowedEndpoints: [gateway.baseURL] },
        toolNames: createWorkspaceTools().names(),
      });
      assert.deepEqual(problems, []);
      const [first, ...rest] = happyPath();
      gateway.enqueue(first!);
      server.enqueue(...rest);
      const { orchestrator } = await teamOrchestrator(model({ allowedEndpoints: [`${gateway.baseURL}/`] }), workspace.folder, { team });
      const result = await orchestrator.run({ text: 'use strict equality in board.ts' });
      assert.equal(result.status, 'completed', JSON.stringify(result.stuck));
      assert.equal(gateway.requests.length, 1);
      assert.equal(server.requests.length, 4);
    } finally {
      await gateway.close();
    }
  });

  it('asks count_tokens before a large call, and uses a safe estimate for small ones', async () => {
    const client = model({ exactCountAbove: 100 });
    const request = { agent: 'a', model: 'claude-sonnet-5-5', system: 'x'.repeat(4000), messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'hi' }] }], tools: [], maxTokens: 100 };
    const counted = await client.countTokens(request, new AbortController().signal);
    assert.ok(server.requests.some((r) => r.path === '/v1/messages/count_tokens'));
    assert.ok(counted > 900 && counted < 1100, String(counted));
    const small = await model().countTokens(request, new AbortController().signal);
    assert.ok(small >= counted, 'the local estimate errs high');
  });

  it('submits a Message Batch, polls it with progress, and a restarted client resumes and collects it', async () => {
    server.setResponder((body) => ({ content: [{ type: 'text', text: `reviewed ${JSON.stringify(body.messages[0]?.content).length} chars` }] }));
    const state = path.join(workspace.folder, '.nova', 'batches');
    const request = (text: string) => ({ agent: 'reviewer', model: 'claude-sonnet-5-5', system: 'Review.', messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text }] }], tools: [], maxTokens: 500 });
    const record = await model().batches(state).submit([{ customId: 'a', request: request('file a') }, { customId: 'b', request: request('file bb') }]);

    // "Restart": a new client finds the batch it has not collected.
    const resumed = model().batches(state);
    const [pending] = await resumed.pending();
    assert.equal(pending?.batchId, record.batchId);
    const progress: string[] = [];
    await resumed.wait(record.batchId, { intervalMs: 10, onProgress: (p) => progress.push(p.status) });
    assert.equal(progress.at(-1), 'ended');
    assert.ok(progress.length >= 2);
    const outcomes = await resumed.collect(pending!);
    assert.deepEqual(outcomes.map((o) => o.customId), ['a', 'b']);
    assert.ok(outcomes.every((o) => o.ok));
    assert.deepEqual(await resumed.pending(), []);
  });
});
