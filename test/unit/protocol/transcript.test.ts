import * as assert from 'node:assert/strict';
import type { RunResult } from '../../../src/core/orchestrator/result';
import type { Span } from '../../../src/core/trace/spans';
import { updateFromEnd, updateFromSpan } from '../../../src/protocol/webview/runUpdates';
import { applyUpdate, Chat, chatUsage, newChat, newTurn, TranscriptUpdate } from '../../../src/protocol/webview/transcript';

const shipped = { origin: 'shipped', file: 'agents/concierge.md' } as const;

function chatWithTurn(): Chat {
  const chat = newChat('c1', 1);
  applyUpdate(chat, { type: 'turnStarted', turn: newTurn('t1', { text: '/refactor src/board.ts please', chips: [], command: 'refactor' }, 2) });
  return chat;
}

/** Applies updates after checking each against the schema both sides check it with. */
function apply(chat: Chat, ...updates: TranscriptUpdate[]): void {
  for (const update of updates) applyUpdate(chat, TranscriptUpdate.parse(update));
}

const base = { runId: 'r1', parentId: null, startedAt: 1, endedAt: 2 };

describe('chat transcript', () => {
  it('folds a run into who spoke, the handoff with its payload, a bounce, a decision and the result', () => {
    const chat = chatWithTurn();
    assert.equal(chat.title, '/refactor src/board.ts please');
    apply(
      chat,
      { type: 'runStarted', turnId: 't1', runId: 'r1', budget: { maxSteps: 80, maxTokens: 2_000_000, maxUsd: 5 } },
      { type: 'agentStarted', turnId: 't1', agent: 'concierge', provenance: shipped, contract: 'UserRequest', from: 'person', payload: { text: 'x', files: [] } },
      { type: 'text', turnId: 't1', agent: 'concierge', kind: 'text', text: 'Routing ' },
      { type: 'text', turnId: 't1', agent: 'concierge', kind: 'text', text: 'to the refactorer.' },
      { type: 'agentStarted', turnId: 't1', agent: 'refactorer', provenance: { origin: 'workspace', file: '.nova/agents/refactorer.md' }, contract: 'RefactorRequest', from: 'concierge', payload: { goal: 'g', files: ['src/board.ts'], constraints: [] } },
    );
    const bounce = updateFromSpan('t1', { ...base, id: 's1', kind: 'validation', agent: 'refactorer', contract: 'ChangeProposal', direction: 'result', attempt: 1, verdict: 'bounced', issues: ['files.0.hunks: required'] } satisfies Span);
    const call = updateFromSpan('t1', { ...base, id: 's2', kind: 'model_call', agent: 'refactorer', provider: 'anthropic', model: 'm', usage: { inputTokens: 100, outputTokens: 20, cacheReadTokens: 5, cacheCreationTokens: 0 }, latencyMs: 3, costUsd: 0.01, stopReason: 'tool_use' } satisfies Span);
    const turnSpan = updateFromSpan('t1', { ...base, id: 's3', kind: 'turn', agent: 'refactorer', index: 0 } satisfies Span);
    assert.ok(bounce && call);
    assert.equal(turnSpan, undefined, 'a span the chat does not show maps to nothing');
    apply(chat, bounce, call);
    const proposal = { summary: 's', rationale: 'r', files: [{ path: 'src/board.ts', hunks: [] }] };
    const result: RunResult = {
      runId: 'r1',
      status: 'completed',
      result: { agent: 'reviewer', contract: 'ReviewVerdict', payload: { verdict: 'approve' }, via: 'result' },
      artifacts: [
        { agent: 'refactorer', contract: 'ChangeProposal', payload: proposal, via: 'handoff' },
        { agent: 'refactorer', contract: 'ChangeProposal', payload: proposal, via: 'handoff' },
      ],
      decisions: [],
      usage: { steps: 2, tokens: 500, costUsd: 0.02 },
      traceProblems: [],
    };
    apply(chat, updateFromEnd('t1', result, ['p1'], 9));

    const turn = chat.turns[0];
    assert.ok(turn);
    assert.equal(turn.status, 'completed');
    assert.deepEqual(turn.entries.map((entry) => entry.kind), ['agent', 'agent', 'bounce']);
    // The bounce names its validation span, so the chat can open the trace there.
    assert.equal(turn.entries[2]?.kind === 'bounce' && turn.entries[2].spanId, 's1');
    const [concierge, refactorer] = turn.entries;
    assert.equal(concierge?.kind === 'agent' && concierge.text, 'Routing to the refactorer.');
    assert.equal(refactorer?.kind === 'agent' && `${refactorer.from} → ${refactorer.agent} · ${refactorer.contract} (${refactorer.provenance.origin})`, 'concierge → refactorer · RefactorRequest (workspace)');
    assert.deepEqual(turn.results.map((artifact) => artifact.contract), ['ChangeProposal', 'ReviewVerdict'], 'the same proposal twice is one card');
    assert.deepEqual(turn.proposalIds, ['p1']);
    assert.deepEqual(turn.usage, { steps: 2, tokens: 500, costUsd: 0.02 }, "the run's own totals replace the running sum at the end");
  });

  it('drops what a retried call streamed, keeps what earlier calls settled, and sums cost as calls end', () => {
    const chat = chatWithTurn();
    apply(
      chat,
      { type: 'agentStarted', turnId: 't1', agent: 'concierge', provenance: shipped, contract: 'UserRequest', from: 'person', payload: {} },
      { type: 'text', turnId: 't1', agent: 'concierge', kind: 'text', text: 'First call. ' },
      { type: 'callEnded', turnId: 't1', agent: 'concierge', tokens: 10, costUsd: 0.001 },
      { type: 'text', turnId: 't1', agent: 'concierge', kind: 'text', text: 'Half a sent' },
      { type: 'retry', turnId: 't1', agent: 'concierge', attempt: 2, reason: 'overloaded' },
      { type: 'text', turnId: 't1', agent: 'concierge', kind: 'text', text: 'Second call.' },
      { type: 'callEnded', turnId: 't1', agent: 'concierge', tokens: 15, costUsd: 0.002 },
    );
    const turn = chat.turns[0];
    const speaking = turn?.entries[0];
    assert.equal(speaking?.kind === 'agent' && speaking.text, 'First call. \n\nSecond call.', 'each call its own paragraph');
    assert.equal(turn?.usage.tokens, 25);
    assert.equal(chatUsage(chat).costUsd.toFixed(3), '0.003');
  });

  it('ties the question put to the person to the escalation the run announced, and expires unanswered questions at the end', () => {
    const chat = chatWithTurn();
    const escalation = { id: 'decision-1', question: 'Which outcome should stand?', decision: { kind: 'change.approval', owner: 'reviewer', outcome: 'approve', rationale: 'r' }, options: ['approve', 'reject'], opinions: [] };
    const approval = { agent: 'test-runner', command: 'npm test', visibleCommand: 'npm test', hidden: [], cwd: '.', folder: 'sample', allowlistedElsewhere: false };
    apply(
      chat,
      { type: 'escalation', turnId: 't1', escalation },
      { type: 'escalation', turnId: 't1', requestId: 'q1', escalation },
      { type: 'approval', turnId: 't1', requestId: 'a1', approval },
      { type: 'approval', turnId: 't1', requestId: 'a2', approval },
      { type: 'approvalAnswered', turnId: 't1', requestId: 'a1', answer: 'deny' },
    );
    const turn = chat.turns[0];
    assert.equal(turn?.entries.filter((entry) => entry.kind === 'escalation').length, 1);
    apply(chat, { type: 'ended', turnId: 't1', status: 'cancelled', results: [], proposalIds: [], endedAt: 5 });
    assert.deepEqual(
      turn?.entries.map((entry) => (entry.kind === 'approval' || entry.kind === 'escalation' ? entry.answer : undefined)),
      [{ expired: true }, 'deny', 'expired'],
    );
  });

  it('draws text an agent writes after a card below the card, as its activation continuing', () => {
    const chat = chatWithTurn();
    const approval = { agent: 'test-runner', command: 'npm test', visibleCommand: 'npm test', hidden: [], cwd: '.', folder: 'sample', allowlistedElsewhere: false };
    apply(
      chat,
      { type: 'agentStarted', turnId: 't1', agent: 'test-runner', provenance: shipped, contract: 'GateRequest', from: 'planner', payload: {} },
      { type: 'text', turnId: 't1', agent: 'test-runner', kind: 'text', text: 'Running the gate.' },
      { type: 'approval', turnId: 't1', requestId: 'a1', approval },
      { type: 'approvalAnswered', turnId: 't1', requestId: 'a1', answer: 'deny' },
      { type: 'text', turnId: 't1', agent: 'test-runner', kind: 'text', text: 'You declined: ' },
      { type: 'text', turnId: 't1', agent: 'test-runner', kind: 'text', text: 'reporting it.' },
    );
    const entries = chat.turns[0]?.entries ?? [];
    assert.deepEqual(entries.map((entry) => (entry.kind === 'agent' ? `${entry.agent}${entry.continued ? ' continues' : ''}: ${entry.text}` : entry.kind)), [
      'test-runner: Running the gate.',
      'approval',
      'test-runner continues: You declined: reporting it.',
    ]);
    assert.ok(Chat.safeParse(JSON.parse(JSON.stringify(chat))).success, 'the stored chat still passes its schema');
  });

  it('ignores an update for a turn the chat does not have', () => {
    const chat = chatWithTurn();
    const before = JSON.stringify(chat);
    assert.equal(applyUpdate(chat, { type: 'text', turnId: 'other', agent: 'concierge', kind: 'text', text: 'x' }), undefined);
    assert.equal(JSON.stringify(chat), before);
  });

  it('refuses a stored chat of the wrong shape with the field that is wrong', () => {
    const parsed = Chat.safeParse({ ...newChat('c', 1), turns: [{ id: 't', prompt: { text: 'x', chips: [] }, status: 'dancing' }] });
    assert.equal(parsed.success, false);
    assert.match(parsed.error?.issues.map((issue) => issue.path.join('.')).join() ?? '', /turns\.0\.status/);
  });

  it("keeps one card per improvement, replaced as its run goes, and refuses a card whose state is not one", () => {
    const chat = chatWithTurn();
    const card = { runId: 'improve-1', goal: 'Remove dead code', state: 'running' as const, gates: [] };
    apply(
      chat,
      { type: 'improvement', turnId: 't1', card: { ...card, phase: 'agents' } },
      { type: 'improvement', turnId: 't1', card: { ...card, phase: 'tests', gates: [{ gate: 'typecheck', title: 'Type-check', status: 'passed', summary: '0 errors' }] } },
      { type: 'improvement', turnId: 't1', card: { ...card, state: 'ready', title: 'Remove unused imports', offered: true, gates: [{ gate: 'typecheck', title: 'Type-check', status: 'passed', summary: '0 errors' }] } },
    );
    const cards = chat.turns[0]?.entries.filter((entry) => entry.kind === 'improvement') ?? [];
    assert.equal(cards.length, 1);
    assert.deepEqual(cards[0], { kind: 'improvement', card: { ...card, state: 'ready', title: 'Remove unused imports', offered: true, gates: [{ gate: 'typecheck', title: 'Type-check', status: 'passed', summary: '0 errors' }] } });
    assert.equal(TranscriptUpdate.safeParse({ type: 'improvement', turnId: 't1', card: { ...card, state: 'done' } }).success, false);
  });
});
