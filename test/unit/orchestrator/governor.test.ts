import * as assert from 'node:assert/strict';
import type { ModelRequest } from '../../../src/core/model/client';
import { examples, boardSource } from '../../support/payloads';
import { call, ScriptedModel } from '../../support/scriptedModel';
import { teamOrchestrator, tempWorkspace } from '../../support/team';

describe('governor: budgets, loops, time and cancellation', () => {
  let workspace: Awaited<ReturnType<typeof tempWorkspace>>;
  beforeEach(async () => {
    workspace = await tempWorkspace({ 'src/board.ts': boardSource });
  });
  afterEach(() => workspace.cleanup());

  const reads = (n: number) => Array.from({ length: n }, (_, i) => ({ ...call.tool('read_file', { path: 'src/board.ts', startLine: 1, endLine: i + 1 }), outputTokens: 300 }));
  const thousand = () => 1000;

  it('stops before the model call that could overspend the token budget, and lowers the allowance of the last one that fits', async () => {
    const model = new ScriptedModel({ concierge: reads(5) }, thousand);
    const { orchestrator, spans } = await teamOrchestrator(model, workspace.folder, { limits: { maxTokens: 3000, minOutputTokens: 256 } });

    const result = await orchestrator.run({ text: 'read a lot' });

    assert.equal(result.status, 'stopped');
    assert.equal(result.stuck?.reason, 'token_budget');
    assert.equal(result.stuck?.agent, 'concierge');
    assert.equal(model.requests.length, 2, 'the third call was never made');
    assert.deepEqual(model.requests.map((r) => r.maxTokens), [2000, 700]);
    assert.ok(result.usage.tokens <= 3000, `spent ${result.usage.tokens}`);
    assert.ok(spans.spans.some((s) => s.kind === 'governor_stop' && s.report.reason === 'token_budget'));
  });

  it('stops before a call whose worst-case cost exceeds the dollars left', async () => {
    // $100 per million tokens: 1000 input tokens cost $0.10, 300 output tokens $0.03.
    const prices = { 'test-model': { input: 100, output: 100, cacheWrite: 100, cacheRead: 10 } };
    const model = new ScriptedModel({ concierge: reads(5) }, thousand);
    const { orchestrator } = await teamOrchestrator(model, workspace.folder, { prices, defaultModel: 'test-model', limits: { maxUsd: 0.25 } });

    const result = await orchestrator.run({ text: 'read a lot' });

    assert.equal(result.stuck?.reason, 'cost_budget');
    assert.equal(model.requests.length, 1);
    assert.equal(model.requests[0]?.maxTokens, 1500);
    assert.ok(result.usage.costUsd <= 0.25 && Math.abs(result.usage.costUsd - 0.13) < 1e-9, `spent $${result.usage.costUsd}`);
  });

  it('stops handoff ping-pong: the same payload from the same agent to the same agent twice', async () => {
    const model = new ScriptedModel({
      reviewer: [call.handoff('refactorer', examples.RefactorRequest), call.handoff('refactorer', examples.RefactorRequest)],
      refactorer: [call.handoff('reviewer', examples.ChangeProposal, 'again', 'ChangeProposal')],
    });
    const { orchestrator } = await teamOrchestrator(model, workspace.folder);

    const result = await orchestrator.run({ text: 'review board.ts', agent: 'reviewer' });

    assert.equal(result.stuck?.reason, 'ping_pong');
    assert.equal(result.stuck?.agent, 'reviewer');
    assert.deepEqual(result.stuck?.handoff, { from: 'reviewer', to: 'refactorer', contract: 'RefactorRequest' });
    assert.equal(model.requests.filter((r) => r.agent === 'refactorer').length, 1, 'the repeated handoff was not delivered');
  });

  it('stops when the same error repeats', async () => {
    const missing = Array.from({ length: 4 }, () => call.tool('read_file', { path: 'src/missing.ts' }));
    const model = new ScriptedModel({ concierge: missing });
    const { orchestrator } = await teamOrchestrator(model, workspace.folder, { limits: { maxRepeatedErrors: 3 } });

    const result = await orchestrator.run({ text: 'read missing' });

    assert.equal(result.stuck?.reason, 'repeated_error');
    assert.match(result.stuck?.detail ?? '', /3 times: read_file/);
    assert.equal(model.requests.length, 3);
  });

  it('stops at the agent’s turn budget and at the run’s step limit', async () => {
    const model = new ScriptedModel({ concierge: reads(20) });
    const { orchestrator } = await teamOrchestrator(model, workspace.folder, { limits: { maxSteps: 4 } });
    const result = await orchestrator.run({ text: 'read forever' });
    assert.equal(result.stuck?.reason, 'max_steps');
    assert.equal(result.stuck?.detail, 'the run reached its limit of 4 model calls');
    assert.equal(model.requests.length, 4);

    const patient = new ScriptedModel({ concierge: reads(20) });
    const second = await teamOrchestrator(patient, workspace.folder);
    const again = await second.orchestrator.run({ text: 'read forever' });
    assert.equal(again.stuck?.reason, 'activation_turns');
    assert.equal(patient.requests.length, 8, 'the concierge’s budget is 8 turns (agents/concierge.md)');
  });

  it('cancels mid-run through the AbortSignal, inside a model call', async () => {
    const model = new ScriptedModel({
      concierge: [call.handoff('planner', examples.RoutedTask)],
      planner: [{ ...call.handoff('refactorer', examples.RefactorRequest), delayMs: 30_000 }],
    });
    const { orchestrator, spans } = await teamOrchestrator(model, workspace.folder);
    const controller = new AbortController();
    orchestrator.events.on((event) => event.type === 'agent_start' && event.agent === 'planner' && setTimeout(() => controller.abort(), 20));

    const started = Date.now();
    const result = await orchestrator.run({ text: 'refactor' }, { signal: controller.signal });

    assert.ok(Date.now() - started < 5000, 'cancellation did not wait for the model');
    assert.equal(result.status, 'cancelled');
    assert.equal(result.stuck?.reason, 'cancelled');
    assert.equal(result.stuck?.agent, 'planner');
    assert.deepEqual(result.stuck?.handoff, { from: 'concierge', to: 'planner', contract: 'RoutedTask' });
    assert.ok(spans.spans.some((s) => s.kind === 'run' && s.status === 'cancelled'));
  });

  it('stops at the wall-clock limit', async () => {
    const model = new ScriptedModel({ concierge: [{ ...call.submit('Answer', examples.Answer), delayMs: 30_000 }] });
    const { orchestrator } = await teamOrchestrator(model, workspace.folder, { limits: { wallClockMs: 100 } });
    const result = await orchestrator.run({ text: 'slow' });
    assert.equal(result.stuck?.reason, 'wall_clock');
  });

  it('rejects a request that cannot start, with a clear message', async () => {
    const { orchestrator } = await teamOrchestrator(new ScriptedModel({}), workspace.folder);
    await assert.rejects(orchestrator.run({ text: 'x', agent: 'nobody' }), /No agent named "nobody"/);
    await assert.rejects(orchestrator.run({ text: 'x', agent: 'arbiter' }), /arbiter accepts Disagreement, not a request from a person/);
    await assert.rejects(orchestrator.run({ text: '' }), /not a valid UserRequest: text:/);
  });

  it('asks the model for at most the output that fits, and counts tokens before calling', async () => {
    const seen: ModelRequest[] = [];
    const model = new ScriptedModel({ concierge: [call.submit('Answer', examples.Answer)] }, (request) => {
      seen.push(request);
      return 10;
    });
    const { orchestrator } = await teamOrchestrator(model, workspace.folder);
    await orchestrator.run({ text: 'hello' });
    assert.equal(seen.length >= 1, true);
    assert.equal(model.requests[0]?.maxTokens, 8192);
  });
});
