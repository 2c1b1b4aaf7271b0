import * as assert from 'node:assert/strict';
import { InMemorySpanProcessor } from '../../../src/core/trace/memory';
import { describeProblems, rollUpUsage } from '../../../src/core/trace/rollup';
import { recordSampleRun } from './sampleRun';

describe('trace roll-ups', () => {
  const memory = new InMemorySpanProcessor();
  recordSampleRun([memory]);

  it('sums model usage per agent and for the run', () => {
    const { run, byAgent } = rollUpUsage(memory.spans);
    assert.deepEqual([...byAgent.keys()], ['concierge', 'planner', 'refactorer']);
    const planner = byAgent.get('planner');
    assert.deepEqual({ ...planner, costUsd: planner?.costUsd.toFixed(4) }, {
      modelCalls: 2, inputTokens: 4300, outputTokens: 750, cacheReadTokens: 2000, cacheCreationTokens: 0, costUsd: '0.0180', latencyMs: 1500,
    });
    assert.deepEqual({ ...run, costUsd: run.costUsd.toFixed(4) }, {
      modelCalls: 4, inputTokens: 8600, outputTokens: 1830, cacheReadTokens: 5400, cacheCreationTokens: 400, costUsd: '0.0421', latencyMs: 3420,
    });
  });

  it('gives zero totals for a run without model calls', () => {
    const { run, byAgent } = rollUpUsage([]);
    assert.equal(run.modelCalls, 0);
    assert.equal(run.costUsd, 0);
    assert.equal(byAgent.size, 0);
  });

  it('lists the spans a person should look at, in the order they happened, one line each', () => {
    const problems = describeProblems(memory.spans);
    assert.deepEqual(problems.map((p) => [p.kind, p.agent]), [
      ['tool_call', 'concierge'],
      ['validation', 'planner'],
      ['handoff', 'planner'],
      ['handoff', 'refactorer'],
      ['governor_stop', 'refactorer'],
      ['decision', 'reviewer'],
      ['escalation', 'arbiter'],
    ]);
    assert.deepEqual(problems.map((p) => p.summary), [
      "concierge was refused the tool run_command: run_command is not in concierge's tools",
      "planner's Plan result bounced back to it (attempt 1): steps[0].owner: Required (+1 more)",
      'Handoff planner → deployer (GateRequest) refused: planner may not hand off to deployer',
      'Handoff refactorer → typescript-specialist (RefactorRequest) bounced: typescript-specialist returned the same request',
      'Run stopped (ping pong) in refactorer at handoff refactorer → typescript-specialist (RefactorRequest): The same RefactorRequest went back and forth 3 times.',
      'Disagreement on change.approval: reviewer decided approve, security-reviewer opposes: The renamed export is part of the public API.',
      'Escalated to you: Approve renaming the exported `parseConfig` to `readConfig`? (change.approval, owned by reviewer)',
    ]);
    for (const problem of problems) assert.ok(memory.spans.some((s) => s.id === problem.spanId));
  });

  it('counts a tool call the sandbox stopped as a problem, and not an ordinary tool error', () => {
    const tool = (id: string, status: 'ok' | 'error' | 'refused', output: string) => ({ runId: 'r', id, parentId: null, kind: 'tool_call' as const, startedAt: 1, endedAt: 1, agent: 'coder', tool: 'read_file', input: {}, status, output });
    const problems = describeProblems([tool('a', 'error', '"../../etc/passwd" is outside the workspace'), tool('b', 'error', 'ENOENT: no such file'), tool('c', 'ok', 'outside the workspace is fine in text')]);
    assert.deepEqual(problems.map((p) => [p.spanId, p.summary]), [['a', 'The sandbox refused coder\'s read_file: "../../etc/passwd" is outside the workspace']]);
  });

  it('reports a contract violation and keeps a long multi-line detail to one line', () => {
    const problems = describeProblems([
      { runId: 'r', id: 's1', parentId: null, kind: 'validation', startedAt: 1, endedAt: 1, agent: 'refactorer', contract: 'ChangeProposal', direction: 'result', attempt: 3, verdict: 'violation', issues: ['files: Required'] },
      { runId: 'r', id: 's2', parentId: null, kind: 'handoff', startedAt: 2, endedAt: 2, from: 'a', to: 'b', contract: 'Plan', reason: 'r', payloadHash: 'h', status: 'bounced', detail: `line one\n${'x'.repeat(400)}` },
    ]);
    assert.equal(problems[0]?.summary, "refactorer's ChangeProposal result violated its contract after 3 attempts: files: Required");
    assert.equal(problems[1]?.agent, 'a');
    assert.doesNotMatch(problems[1]?.summary ?? '', /\n/);
    assert.equal(problems[1]?.summary.length, 200);
    assert.ok(problems[1]?.summary.endsWith('…'));
  });
});
