/**
 * A small but complete run recorded through the real recorder: the front door routes, the planner's
 * plan bounces once, a handoff is refused, the reviewer's decision meets dissent that is escalated,
 * and the governor stops a ping-pong. Every span kind appears at least once.
 */
import type { DecisionRecord } from '../../../src/core/contracts/decision';
import type { Escalation, StuckReport } from '../../../src/core/contracts';
import { TraceRecorder } from '../../../src/core/trace/recorder';
import type { SpanProcessor, TokenUsage } from '../../../src/core/trace/spans';

export const sampleRunId = '20261124-153012-ab12cd';

/** A clock that moves 5 ms each time it is read, from a fixed start, so times are predictable. */
export function steppingClock(start = 1_700_000_000_000, step = 5): () => number {
  let now = start - step;
  return () => (now += step);
}

const usage = (inputTokens: number, outputTokens: number, cacheReadTokens = 0, cacheCreationTokens = 0): TokenUsage =>
  ({ inputTokens, outputTokens, cacheReadTokens, cacheCreationTokens });

export const approval: DecisionRecord = {
  kind: 'change.approval',
  owner: 'reviewer',
  outcome: 'approve',
  rationale: 'The rename is mechanical and the type-check passes.',
  proposedOutcome: 'approve',
  opinions: [
    { agent: 'security-reviewer', stance: 'oppose', reason: 'The renamed export is part of the public API.', suggestedOutcome: 'request_changes' },
  ],
  answers: [{ agent: 'reviewer', answer: 'Callers are all inside the workspace; nothing external imports it.' }],
  dissent: [{ agent: 'security-reviewer', stance: 'oppose', reason: 'The renamed export is part of the public API.' }],
  settledBy: 'escalated',
  rounds: 2,
};

export const escalation: Escalation = {
  id: 'decision-1',
  question: 'Approve renaming the exported `parseConfig` to `readConfig`?',
  decision: { kind: 'change.approval', owner: 'reviewer', outcome: 'approve', rationale: 'The rename is mechanical.' },
  options: ['approve', 'request_changes'],
  opinions: [...approval.opinions],
};

export const stuck: StuckReport = {
  agent: 'refactorer',
  handoff: { from: 'refactorer', to: 'typescript-specialist', contract: 'RefactorRequest' },
  reason: 'ping_pong',
  detail: 'The same RefactorRequest went back and forth 3 times.',
  steps: 14,
  tokens: 9_300,
  costUsd: 0.0421,
};

/** Records the sample run through a recorder with the given processors and a stepping clock. */
export function recordSampleRun(processors: readonly SpanProcessor[]): TraceRecorder {
  const trace = new TraceRecorder(sampleRunId, processors, { clock: steppingClock() });
  const run = trace.start('run', null, { task: 'Rename parseConfig to readConfig', entryAgent: 'concierge', status: 'completed' });

  const concierge = trace.start('agent', run.id, { agent: 'concierge', accepted: 'UserRequest', outcome: 'handed_off' });
  const turn0 = trace.start('turn', concierge.id, { agent: 'concierge', index: 0 });
  trace.record('model_call', turn0.id, {
    agent: 'concierge', provider: 'offline', model: 'offline-1', usage: usage(1200, 180, 900, 300), latencyMs: 420, costUsd: 0.0051, stopReason: 'tool_use',
  });
  trace.record('reasoning', turn0.id, { agent: 'concierge', source: 'thinking', text: 'The person wants a rename across the workspace.\nRoute to the planner.' });
  trace.start('tool_call', turn0.id, { agent: 'concierge', tool: 'search', input: { query: 'parseConfig', glob: 'src/**/*.ts' }, status: 'ok', output: '' })
    .end({ output: 'src/config.ts:12\nsrc/cli.ts:40' });
  trace.record('tool_call', turn0.id, { agent: 'concierge', tool: 'run_command', input: { command: 'rm -rf build' }, status: 'refused', output: 'run_command is not in concierge\'s tools' });
  turn0.end();
  trace.record('validation', concierge.id, { agent: 'concierge', contract: 'RoutedTask', direction: 'handoff', attempt: 1, verdict: 'accepted', issues: [] });
  trace.record('handoff', concierge.id, {
    agent: 'concierge', from: 'concierge', to: 'planner', contract: 'RoutedTask', reason: 'A multi-file rename needs a plan.', payloadHash: 'a1b2c3', status: 'delivered',
  });
  concierge.end({ returned: 'RoutedTask' });

  const planner = trace.start('agent', run.id, { agent: 'planner', accepted: 'RoutedTask', outcome: 'handed_off' });
  const p0 = trace.start('turn', planner.id, { agent: 'planner', index: 0 });
  trace.record('model_call', p0.id, { agent: 'planner', provider: 'offline', model: 'offline-1', usage: usage(2000, 400), latencyMs: 800, costUsd: 0.012, stopReason: 'tool_use' });
  p0.end();
  trace.record('validation', planner.id, {
    agent: 'planner', contract: 'Plan', direction: 'result', attempt: 1, verdict: 'bounced', issues: ['steps[0].owner: Required', 'steps[1].summary: Too short'],
  });
  const p1 = trace.start('turn', planner.id, { agent: 'planner', index: 1 });
  trace.record('model_call', p1.id, { agent: 'planner', provider: 'offline', model: 'offline-1', usage: usage(2300, 350, 2000), latencyMs: 700, costUsd: 0.006, stopReason: 'tool_use' });
  p1.end();
  trace.record('validation', planner.id, { agent: 'planner', contract: 'Plan', direction: 'result', attempt: 2, verdict: 'accepted', issues: [] });
  trace.record('handoff', planner.id, {
    agent: 'planner', from: 'planner', to: 'deployer', contract: 'GateRequest', reason: 'Deploy after the rename.', payloadHash: 'd4e5f6', status: 'refused',
    detail: 'planner may not hand off to deployer',
  });
  trace.record('handoff', planner.id, { agent: 'planner', from: 'planner', to: 'refactorer', contract: 'RefactorRequest', reason: 'Make the rename.', payloadHash: 'c0ffee', status: 'delivered' });
  planner.end();

  const refactorer = trace.start('agent', run.id, { agent: 'refactorer', accepted: 'RefactorRequest', outcome: 'stopped' });
  const r0 = trace.start('turn', refactorer.id, { agent: 'refactorer', index: 0 });
  trace.record('model_call', r0.id, { agent: 'refactorer', provider: 'offline', model: 'offline-1', usage: usage(3100, 900, 2500, 100), latencyMs: 1500, costUsd: 0.019, stopReason: 'end_turn' });
  r0.end();
  trace.record('handoff', refactorer.id, {
    agent: 'refactorer', from: 'refactorer', to: 'typescript-specialist', contract: 'RefactorRequest', reason: 'Needs the language service.', payloadHash: 'c0ffee', status: 'bounced',
    detail: 'typescript-specialist returned the same request',
  });
  trace.record('governor_stop', refactorer.id, { agent: 'refactorer', report: stuck });
  refactorer.end();

  const reviewer = trace.start('agent', run.id, { agent: 'reviewer', accepted: 'ChangeProposal', outcome: 'submitted', returned: 'ReviewVerdict' });
  trace.record('decision', reviewer.id, { agent: 'reviewer', decision: approval });
  trace.record('escalation', reviewer.id, { agent: 'arbiter', escalation });
  reviewer.end();

  run.end({ status: 'escalated' });
  return trace;
}
