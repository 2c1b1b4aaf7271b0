/**
 * What the chat page draws for a turn's results and its end: each result as the contract it names
 * only when it matches; anything else as data (never a crash); how a turn ended, in words; what a
 * turn and its budget cost.
 */
import * as assert from 'node:assert/strict';
import { outcomeOf, stuckSummary } from '../../../src/webview/chat/outcome';
import { resultView, resultViews } from '../../../src/webview/chat/results/resultView';
import { budgetParts, formatCost, formatTokens, usageText } from '../../../src/webview/chat/usage';

const proposal = { summary: 'Rename', rationale: 'Clearer', files: [{ path: 'src/a.ts', hunks: [{ startLine: 1, before: 'a', after: 'b', rationale: 'r' }] }] };
const finding = { path: 'src/a.ts', line: 3, severity: 'warning', rule: 'r', message: 'm' };

describe('chat page: which view each result gets', () => {
  const cases: [string, unknown, string][] = [
    ['Answer', { answer: 'It loads.', references: [{ path: 'src/a.ts', line: 2 }] }, 'answer'],
    ['ReviewVerdict', { verdict: 'approve', confidence: 0.9, summary: 'Fine', findings: [finding] }, 'verdict'],
    ['FindingList', { scope: ['src'], findings: [finding] }, 'findings'],
    ['Plan', { goal: 'g', steps: [{ id: 's1', owner: 'refactorer', action: 'do' }] }, 'plan'],
    ['ChangeProposal', proposal, 'proposal'],
    ['ChangeReport', { title: 't', whatChanged: [{ path: 'src/a.ts', summary: 's' }], why: 'w', gates: [] }, 'report'],
    ['GateReport', { gates: [{ name: 'tsc', status: 'passed', evidence: 'ok' }], overall: 'passed' }, 'gates'],
  ];
  for (const [contract, payload, kind] of cases) {
    it(`${contract} is drawn as ${kind}`, () => {
      const view = resultView({ agent: 'a', contract, payload });
      assert.equal(view.kind, kind);
    });
  }

  it('fills defaults the producer left out (an Answer without references)', () => {
    const view = resultView({ agent: 'a', contract: 'Answer', payload: { answer: 'Yes.' } });
    assert.deepEqual(view.kind === 'answer' && view.value.references, []);
  });

  it('shows a payload that does not match its contract as data, saying what is wrong', () => {
    const view = resultView({ agent: 'reviewer', contract: 'ReviewVerdict', payload: { verdict: 'maybe', confidence: 2 } });
    assert.equal(view.kind, 'json');
    assert.match(view.kind === 'json' ? (view.problem ?? '') : '', /does not match ReviewVerdict \(verdict: .*confidence: /);
  });

  it('shows an unknown contract as data, and does not look up inherited names', () => {
    for (const contract of ['Mystery', 'toString', '__proto__']) {
      const view = resultView({ agent: 'a', contract, payload: { x: 1 } });
      assert.deepEqual(view, { kind: 'json', agent: 'a', contract, payload: { x: 1 } });
    }
  });

  it('gives each change proposal the stored id in order, and none when it was not stored', () => {
    const results = [
      { agent: 'r', contract: 'ChangeProposal', payload: proposal },
      { agent: 'r', contract: 'Answer', payload: { answer: 'x' } },
      { agent: 'r', contract: 'ChangeProposal', payload: { ...proposal, summary: 'Second' } },
    ];
    const ids = resultViews({ results, proposalIds: ['p1', 'p2'] }).map((view) => (view.kind === 'proposal' ? view.proposalId : view.kind));
    assert.deepEqual(ids, ['p1', 'answer', 'p2']);
    const unstored = resultViews({ results: [results[0]!], proposalIds: [] })[0];
    assert.equal(unstored?.kind === 'proposal' && unstored.proposalId, undefined);
  });
});

describe('chat page: how a turn ended', () => {
  const stuck = { agent: 'planner', handoff: { from: 'planner', to: 'refactorer', contract: 'RefactorRequest' }, reason: 'ping_pong' as const, detail: 'same payload 3 times', steps: 9, tokens: 100, costUsd: 0 };

  it('says which agent, which handoff and why a run stopped', () => {
    assert.equal(stuckSummary(stuck), 'Stopped in planner at the handoff planner → refactorer · RefactorRequest: two agents kept handing the same work back and forth.');
    assert.deepEqual(outcomeOf({ status: 'stopped', results: [], stuck, entries: [] }), { tone: 'error', text: stuckSummary(stuck) });
  });

  it('says cancelled, unsupported (with why) and failed plainly, and nothing while running', () => {
    assert.match(outcomeOf({ status: 'cancelled', results: [], entries: [] })?.text ?? '', /^Cancelled\./);
    assert.equal(outcomeOf({ status: 'unsupported', results: [], entries: [], stuck: { ...stuck, reason: 'unsupported', detail: 'The offline model cannot refactor free text.' } })?.text, 'Not supported: The offline model cannot refactor free text.');
    assert.equal(outcomeOf({ status: 'failed', results: [], entries: [] })?.tone, 'error');
    assert.equal(outcomeOf({ status: 'running', results: [], entries: [] }), undefined);
  });

  it('says when a completed run showed nothing, and nothing more when a result, a reply or the team shows what it did', () => {
    const reply = { kind: 'agent' as const, agent: 'a', provenance: { origin: 'shipped' as const, file: 'agents/a.md' }, contract: 'UserRequest', from: 'person', payload: {}, thinking: '', settled: 0 };
    assert.match(outcomeOf({ status: 'completed', results: [], entries: [{ ...reply, text: '  ' }] })?.text ?? '', /no result/);
    assert.equal(outcomeOf({ status: 'completed', results: [{ agent: 'a', contract: 'Answer', payload: {} }], entries: [] }), undefined);
    assert.equal(outcomeOf({ status: 'completed', results: [], entries: [{ ...reply, text: 'Here is how it works.' }] }), undefined);
    assert.equal(outcomeOf({ status: 'completed', results: [], entries: [{ kind: 'team', agents: [], problems: [] }] }), undefined);
  });
});

describe('chat page: tokens, cost and budget', () => {
  it('reads tokens and cost at a glance', () => {
    assert.deepEqual([formatTokens(1234), formatTokens(12_345), formatTokens(2_500_000)], ['1,234 tokens', '12.3k tokens', '2.5M tokens']);
    assert.deepEqual([formatCost(0), formatCost(0.00421), formatCost(1.234)], ['$0', '$0.0042', '$1.23']);
    assert.equal(usageText({ steps: 1, tokens: 900, costUsd: 0 }), '900 tokens · $0 · 1 step');
  });

  it('shows each limit of the budget used, capped at full', () => {
    const parts = budgetParts({ steps: 50, tokens: 12_300, costUsd: 0.5 }, { maxSteps: 40, maxTokens: 200_000, maxUsd: 1 });
    assert.deepEqual(parts.map((part) => [part.text, part.fraction]), [
      ['steps 50 / 40', 1],
      ['tokens 12.3k / 200.0k', 12_300 / 200_000],
      ['cost $0.50 / $1.00', 0.5],
    ]);
  });
});
