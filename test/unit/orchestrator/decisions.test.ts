import * as assert from 'node:assert/strict';
import type { RunEvent } from '../../../src/core/orchestrator/events';
import { boardWorkspaceEach, disputedReview } from '../../support/disputedReview';
import { examples } from '../../support/payloads';
import { call, ScriptedModel } from '../../support/scriptedModel';
import { teamOrchestrator } from '../../support/team';

// change.approval is owned by the reviewer and advised by the security-reviewer (agents/*.md).
describe('orchestrator: owned decisions, dissent, arbitration, escalation', () => {
  const folder = boardWorkspaceEach();
  const disputed = disputedReview;

  it('the owner answers the dissent, the advisor still opposes, and the arbiter rules; the owner’s result must agree', async () => {
    const ruling = call.submit('Ruling', { ruling: 'decided', outcome: 'request_changes', rationale: 'a committed credential blocks approval' });
    const model = disputed([ruling], [call.submit('ReviewVerdict', { ...examples.ReviewVerdict, verdict: 'request_changes' })]);
    const { orchestrator, spans } = await teamOrchestrator(model, folder());

    const result = await orchestrator.run({ text: 'review board.ts', agent: 'reviewer' });

    assert.equal(result.status, 'completed', JSON.stringify(result.stuck));
    assert.deepEqual(model.remaining(), {});
    const [decision] = result.decisions;
    assert.equal(decision?.kind, 'change.approval');
    assert.equal(decision?.owner, 'reviewer');
    assert.equal(decision?.proposedOutcome, 'approve');
    assert.equal(decision?.outcome, 'request_changes');
    assert.equal(decision?.settledBy, 'arbiter');
    assert.equal(decision?.rounds, 1);
    assert.deepEqual(decision?.answers, [{ agent: 'security-reviewer', answer: 'the token is a test fixture' }]);
    assert.deepEqual(decision?.dissent.map((d) => d.agent), ['security-reviewer']);
    // The advisor saw the owner's answer when it reconsidered.
    const reconsider = model.requests.filter((r) => r.agent === 'security-reviewer')[1]?.messages[0]?.content[0];
    assert.ok(reconsider?.type === 'text' && reconsider.text.includes('the token is a test fixture'));
    // The owner's first submission disagreed with the ruling, so it was sent back; the run's result agrees.
    const sentBack = model.requests.filter((r) => r.agent === 'reviewer').at(-1)?.messages.at(-1)?.content[0];
    assert.ok(sentBack?.type === 'tool_result' && sentBack.isError && sentBack.content.includes('settled as "request_changes"'));
    assert.equal((result.result?.payload as { verdict: string }).verdict, 'request_changes');
    assert.equal(spans.spans.filter((s) => s.kind === 'decision').length, 1);
    // The trace keeps the disagreeing submission as the reviewer sent it, beside why it went back.
    const bounced = spans.spans.find((s) => s.kind === 'validation' && s.agent === 'reviewer' && s.verdict === 'bounced');
    assert.ok(bounced?.kind === 'validation' && bounced.issues[0]?.startsWith('verdict: the decision "change.approval" was settled as "request_changes"'), JSON.stringify(bounced));
    assert.deepEqual(bounced.payload?.value, examples.ReviewVerdict);
  });

  it('escalates to the person when the arbiter cannot rule, and stops there', async () => {
    const model = disputed([call.submit('Ruling', { ruling: 'undecided', rationale: 'whether the token is real cannot be told from the diff' })], []);
    const { orchestrator, spans } = await teamOrchestrator(model, folder());
    const events: RunEvent[] = [];
    orchestrator.events.on((event) => events.push(event));

    const result = await orchestrator.run({ text: 'review board.ts', agent: 'reviewer' });

    assert.equal(result.status, 'escalated');
    assert.equal(result.result, undefined, 'nothing is passed on as a result');
    assert.deepEqual(result.escalation?.options, ['approve', 'request_changes', 'reject']);
    assert.match(result.escalation?.question ?? '', /reviewer decided "approve" on change.approval.*security-reviewer still opposes.*arbiter could not rule/);
    assert.equal(result.decisions[0]?.settledBy, 'escalated');
    assert.ok(events.some((e) => e.type === 'escalation'));
    assert.ok(spans.spans.some((s) => s.kind === 'escalation'));
  });

  it('an advisor that cannot produce a valid opinion abstains on record; the owner’s decision stands', async () => {
    const garbled = call.submit('Opinion', { stance: 'maybe' });
    const model = new ScriptedModel({
      reviewer: [call.submit('ReviewVerdict', examples.ReviewVerdict)],
      'security-reviewer': [garbled, garbled, garbled],
    });
    const { orchestrator } = await teamOrchestrator(model, folder());

    const result = await orchestrator.run({ text: 'review board.ts', agent: 'reviewer' });

    assert.equal(result.status, 'completed');
    assert.equal(result.decisions[0]?.settledBy, 'unopposed');
    assert.equal(result.decisions[0]?.opinions[0]?.stance, 'abstain');
    assert.match(result.decisions[0]?.opinions[0]?.reason ?? '', /contract violation/);
  });

  it('a ruling outside the decision’s options is bounced to the arbiter', async () => {
    const model = disputed(
      [call.submit('Ruling', { ruling: 'decided', outcome: 'ship it', rationale: 'fine' }), call.submit('Ruling', { ruling: 'decided', outcome: 'reject', rationale: 'credential' })],
      [call.submit('ReviewVerdict', { ...examples.ReviewVerdict, verdict: 'reject' })],
    );
    const { orchestrator } = await teamOrchestrator(model, folder());

    const result = await orchestrator.run({ text: 'review board.ts', agent: 'reviewer' });

    assert.equal(result.decisions[0]?.outcome, 'reject');
    const bounced = model.requests.filter((r) => r.agent === 'arbiter')[1]?.messages.at(-1)?.content[0];
    assert.ok(bounced?.type === 'tool_result' && bounced.content.includes('outcome: must be one of "approve", "request_changes", "reject"'));
  });
});
