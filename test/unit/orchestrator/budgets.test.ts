import * as assert from 'node:assert/strict';
import { defaultPrices, worstCaseCost, type ModelPrice } from '../../../src/core/model/pricing';
import { defaultLimits, Governor, RunStopped } from '../../../src/core/orchestrator/governor';
import { boardSource } from '../../support/payloads';
import { call, ScriptedModel, type ScriptedReply } from '../../support/scriptedModel';
import { teamOrchestrator, tempWorkspace } from '../../support/team';

/**
 * The budgets a person sets or an agent file declares are never overspent, whichever of them is the
 * tightest: the run's, or the agent's own for one activation (agents/concierge.md: 80 000 tokens,
 * $0.80), with prompt-cache tokens counted like any other, down to the exact boundary.
 */
describe('budgets: no limit is overspent, whichever is the tightest', () => {
  let workspace: Awaited<ReturnType<typeof tempWorkspace>>;
  beforeEach(async () => {
    workspace = await tempWorkspace({ 'src/board.ts': boardSource });
  });
  afterEach(() => workspace.cleanup());

  const reads = (n: number, extra: Partial<ScriptedReply> = {}): ScriptedReply[] =>
    Array.from({ length: n }, (_, i) => ({ ...call.tool('read_file', { path: 'src/board.ts', startLine: 1, endLine: i + 1 }), outputTokens: 300, ...extra }));

  it('the agent’s own token budget stops its activation while the run still has tokens to spare', async () => {
    // 25 000 input + 300 output a call against the concierge's 80 000; the run's 2 000 000 stay far off.
    const model = new ScriptedModel({ concierge: reads(5) }, () => 25_000);
    const { orchestrator } = await teamOrchestrator(model, workspace.folder, { limits: { minOutputTokens: 4400 } });

    const result = await orchestrator.run({ text: 'read a lot' });

    assert.equal(result.stuck?.reason, 'token_budget');
    assert.equal(result.stuck?.agent, 'concierge');
    // The third call fits exactly: 4400 tokens of output are left, the smallest allowance worth a call.
    assert.deepEqual(model.requests.map((r) => r.maxTokens), [8192, 8192, 4400]);
    assert.equal(result.stuck?.detail, 'the next call needs 25000 input tokens plus at least 4400 output tokens; 4100 are left (run 1924100, concierge\'s activation 4100)');
    assert.equal(result.usage.tokens, 75_900);
  });

  it('the agent’s own dollar budget lowers each call’s allowance and stops before it is overspent', async () => {
    // $100 per million tokens: each call's 1000 input tokens cost $0.10 and its 300 output tokens $0.03.
    const prices = { 'test-model': { input: 100, output: 100, cacheWrite: 100, cacheRead: 10 } };
    const model = new ScriptedModel({ concierge: reads(8) }, () => 1000);
    const { orchestrator } = await teamOrchestrator(model, workspace.folder, { prices, defaultModel: 'test-model', limits: { minOutputTokens: 500 } });

    const result = await orchestrator.run({ text: 'read a lot' });

    assert.equal(result.stuck?.reason, 'cost_budget');
    assert.equal(result.stuck?.agent, 'concierge');
    // What is left of the $0.80 after each call, less the next input, buys this much output; the sixth
    // call's allowance is exactly the 500-token minimum, and is still made.
    assert.deepEqual(model.requests.map((r) => r.maxTokens), [7000, 5700, 4400, 3100, 1800, 500]);
    assert.equal(result.stuck?.detail, 'the next call could cost $0.1500; $0.0200 is left');
    assert.ok(Math.abs(result.usage.costUsd - 0.78) < 1e-9, `spent $${result.usage.costUsd}`);
  });

  it('prompt-cache reads and writes count against the token budget and are paid for', async () => {
    // Each call sends 4000 counted input tokens, of which the API reports 2000 read from the cache and 1000 written to it.
    const model = new ScriptedModel({ concierge: reads(5, { cacheReadTokens: 2000, cacheCreationTokens: 1000 }) }, () => 4000);
    const { orchestrator } = await teamOrchestrator(model, workspace.folder, { limits: { maxTokens: 10_000 } });

    const result = await orchestrator.run({ text: 'read a lot' });

    assert.equal(result.stuck?.reason, 'token_budget');
    assert.deepEqual(model.requests.map((r) => r.maxTokens), [6000, 1700]);
    assert.equal(result.usage.tokens, 8600);
    // claude-sonnet-5-5: $2 input, $10 output, $2.50 cache write, $0.10 cache read per million tokens.
    const perCall = (1000 * 2 + 300 * 10 + 1000 * 2.5 + 2000 * 0.1) / 1_000_000;
    assert.ok(Math.abs(result.usage.costUsd - 2 * perCall) < 1e-12, `spent $${result.usage.costUsd}`);
  });

  it('a model whose output is free is still stopped when its input alone costs more than is left', async () => {
    const prices = { 'free-output': { input: 100, output: 0, cacheWrite: 100, cacheRead: 10 } };
    const model = new ScriptedModel({ concierge: reads(2) }, () => 1000);
    const { orchestrator } = await teamOrchestrator(model, workspace.folder, { prices, defaultModel: 'free-output', limits: { maxUsd: 0.05 } });

    const result = await orchestrator.run({ text: 'read' });

    assert.equal(result.stuck?.reason, 'cost_budget');
    assert.equal(result.stuck?.detail, 'the next call could cost $0.1000; $0.0500 is left');
    assert.equal(model.requests.length, 0, 'the $0.10 call was never made');
    assert.equal(result.usage.costUsd, 0);
  });
});

describe('governor: its arithmetic at the boundaries', () => {
  const unlimited = { tokens: Number.MAX_SAFE_INTEGER, usd: Number.MAX_SAFE_INTEGER };
  const sonnet = defaultPrices['claude-sonnet-5-5'] as ModelPrice;

  it('a call whose worst case costs exactly the dollars left keeps its whole allowance', () => {
    const governor = new Governor({ ...defaultLimits, maxUsd: worstCaseCost(15, 4000, sonnet) }, defaultPrices);
    assert.equal(governor.admitModelCall('reviewer', 'claude-sonnet-5-5', 15, 4000, { tokens: 0, usd: 0 }, unlimited), 4000);
  });

  it('counts each error by agent and by message, so different errors never add up to a stop', () => {
    const governor = new Governor({ ...defaultLimits, maxRepeatedErrors: 3 }, defaultPrices);
    governor.noteError('reviewer', 'read_file: no such file');
    governor.noteError('planner', 'read_file: no such file');
    governor.noteError('reviewer', 'refused tool write_file');
    governor.noteError('reviewer', 'read_file: no such file');
    assert.throws(
      () => governor.noteError('reviewer', 'read_file: no such file'),
      (error: unknown) => error instanceof RunStopped && error.report.reason === 'repeated_error' && error.report.detail === 'the same error occurred 3 times: read_file: no such file',
    );
  });

  it('says which handoff went round in circles, and lets the same handoff through with another payload', () => {
    const governor = new Governor(defaultLimits, defaultPrices);
    governor.admitHandoff('reviewer', 'refactorer', 'RefactorRequest', 'aaaa');
    governor.admitHandoff('reviewer', 'refactorer', 'RefactorRequest', 'bbbb');
    assert.throws(() => governor.admitHandoff('reviewer', 'refactorer', 'RefactorRequest', 'aaaa'), (error: unknown) => {
      assert.ok(error instanceof RunStopped);
      assert.equal(error.report.detail, 'reviewer handed the same RefactorRequest to refactorer again (payload aaaa); the team is going round in circles');
      assert.deepEqual(error.report.handoff, { from: 'reviewer', to: 'refactorer', contract: 'RefactorRequest' });
      return true;
    });
  });

  it('a stop that escapes the run reads as its reason and detail', () => {
    const governor = new Governor({ ...defaultLimits, maxSteps: 0 }, defaultPrices);
    assert.throws(() => governor.admitModelCall('planner', 'claude-sonnet-5-5', 10, 100, { tokens: 0, usd: 0 }, unlimited), {
      message: 'max_steps: the run reached its limit of 0 model calls',
    });
  });
});
