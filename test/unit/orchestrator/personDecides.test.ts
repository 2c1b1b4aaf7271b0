import * as assert from 'node:assert/strict';
import type { Escalation } from '../../../src/core/contracts';
import type { RunEvent } from '../../../src/core/orchestrator/events';
import type { AskPerson, PersonAnswer } from '../../../src/core/orchestrator/personAnswer';
import { boardWorkspaceEach, disputedReview } from '../../support/disputedReview';
import { examples } from '../../support/payloads';
import { call, type ScriptStep } from '../../support/scriptedModel';
import { teamOrchestrator } from '../../support/team';

/** A question put to the person, answered when the test says so. */
interface Asked {
  readonly escalation: Escalation;
  readonly refused: string | undefined;
  answer(value: PersonAnswer | undefined): void;
}

/** An `askPerson` that records each question and leaves it open until the test answers it. */
function person(): { ask: AskPerson; next(): Promise<Asked>; asked: Asked[] } {
  const asked: Asked[] = [];
  let wake: (() => void) | undefined;
  const ask: AskPerson = (escalation, _signal, refused) =>
    new Promise((resolve) => {
      asked.push({ escalation, refused, answer: resolve });
      wake?.();
    });
  const next = async () => {
    const seen = asked.length;
    while (asked.length === seen) await new Promise<void>((resolve) => (wake = resolve));
    return asked[seen] as Asked;
  };
  return { ask, next, asked };
}

// change.approval is owned by the reviewer and advised by the security-reviewer (agents/*.md); the
// arbiter cannot rule, so the decision is the person's.
describe('orchestrator: the person settles an escalated decision while the run waits', () => {
  const folder = boardWorkspaceEach();
  const undecided = call.submit('Ruling', { ruling: 'undecided', rationale: 'whether the token is real cannot be told from the diff' });
  const disputed = (reviewerAfter: ScriptStep[]) => disputedReview([undecided], reviewerAfter);

  it('waits for the answer, records the person’s choice as the decision and completes the run', async () => {
    const model = disputed([call.submit('ReviewVerdict', { ...examples.ReviewVerdict, verdict: 'request_changes' })]);
    const asker = person();
    const { orchestrator, spans } = await teamOrchestrator(model, folder(), { askPerson: asker.ask });
    const events: RunEvent[] = [];
    orchestrator.events.on((event) => events.push(event));

    let ended = false;
    const running = orchestrator.run({ text: 'review board.ts', agent: 'reviewer' }).finally(() => (ended = true));
    const question = await asker.next();
    // Give the run every chance to run ahead: it must still be waiting for the person.
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(ended, false, 'the run ended before the person answered');
    assert.deepEqual(question.escalation.options, ['approve', 'request_changes', 'reject']);
    assert.equal(question.escalation.id, 'decision-1');
    const announced = events.find((event) => event.type === 'escalation');
    assert.equal(announced?.type === 'escalation' && announced.escalation.id, 'decision-1', 'the escalation was announced, with its id, before the wait');
    assert.equal(events.some((event) => event.type === 'decision'), false, 'no decision before the person answered');
    assert.deepEqual(question.escalation.opinions.map((opinion) => [opinion.agent, opinion.stance, opinion.reason]), [['security-reviewer', 'oppose', 'the token in sync.ts is committed in clear']]);

    question.answer({ option: 'request_changes', reason: 'a real credential must never be approved' });
    const result = await running;

    assert.equal(result.status, 'completed', JSON.stringify(result.stuck));
    assert.equal(result.escalation, undefined);
    assert.deepEqual(model.remaining(), {});
    const [decision] = result.decisions;
    assert.equal(decision?.settledBy, 'person');
    assert.equal(decision?.outcome, 'request_changes');
    assert.equal(decision?.proposedOutcome, 'approve');
    assert.equal(decision?.rationale, 'a real credential must never be approved');
    assert.deepEqual(decision?.dissent, [], 'the advisor suggested what the person chose');
    // The owner's approve disagreed with the person's choice: sent back, and the result agrees.
    assert.equal((result.result?.payload as { verdict: string }).verdict, 'request_changes');
    const decisionSpans = spans.spans.filter((span) => span.kind === 'decision');
    assert.equal(decisionSpans.length, 1);
    assert.equal(decisionSpans[0]?.kind === 'decision' && decisionSpans[0].decision.settledBy, 'person');
    const decided = events.filter((event) => event.type === 'decision');
    assert.equal(decided.length, 1);
    assert.equal(decided[0]?.type === 'decision' && decided[0].decision.outcome, 'request_changes');
  });

  it('does not count the time the person takes against the run’s wall clock', async () => {
    const model = disputed([call.submit('ReviewVerdict', { ...examples.ReviewVerdict, verdict: 'reject' })]);
    const asker = person();
    const { orchestrator } = await teamOrchestrator(model, folder(), { askPerson: asker.ask, limits: { wallClockMs: 300 } });

    const running = orchestrator.run({ text: 'review board.ts', agent: 'reviewer' });
    const question = await asker.next();
    await new Promise((resolve) => setTimeout(resolve, 600));
    question.answer({ option: 'reject' });
    const result = await running;

    assert.equal(result.status, 'completed', JSON.stringify(result.stuck));
    assert.equal(result.decisions[0]?.settledBy, 'person');
  });

  it('refuses an answer that is not one of the options, says why, and asks again', async () => {
    const model = disputed([call.submit('ReviewVerdict', { ...examples.ReviewVerdict, verdict: 'reject' })]);
    const asker = person();
    const { orchestrator, spans } = await teamOrchestrator(model, folder(), { askPerson: asker.ask });

    const running = orchestrator.run({ text: 'review board.ts', agent: 'reviewer' });
    const first = await asker.next();
    assert.equal(first.refused, undefined);
    first.answer({ option: 'ship it' });
    const second = await asker.next();
    assert.equal(second.refused, '"ship it" is not an option of this decision; choose one of "approve", "request_changes", "reject"');
    assert.equal(second.escalation.id, first.escalation.id, 'the same question, asked again');
    second.answer({ option: 'reject' });
    const result = await running;

    assert.equal(result.status, 'completed');
    assert.equal(result.decisions[0]?.outcome, 'reject');
    assert.equal(result.decisions[0]?.settledBy, 'person');
    assert.equal(result.decisions[0]?.rationale, 'The person chose "reject".');
    const refusal = spans.spans.find((span) => span.kind === 'validation' && span.agent === 'person' && span.verdict === 'bounced');
    assert.ok(refusal?.kind === 'validation' && refusal.issues[0]?.includes('"ship it" is not an option'));
  });

  it('ends the run escalated when the person keeps answering outside the options', async () => {
    const model = disputed([]);
    const answers: string[] = [];
    const askPerson: AskPerson = async (_escalation, _signal, refused) => {
      answers.push(refused ?? '(first)');
      return { option: 'maybe' };
    };
    const { orchestrator } = await teamOrchestrator(model, folder(), { askPerson });

    const result = await orchestrator.run({ text: 'review board.ts', agent: 'reviewer' });

    assert.equal(result.status, 'escalated');
    assert.equal(answers.length, 3, 'asked once, then again for each of the two refusals');
    assert.equal(result.decisions[0]?.settledBy, 'escalated');
    assert.equal(result.decisions[0]?.outcome, 'approve');
  });

  it('ends the run escalated, as without a person to ask, when the person dismisses the question', async () => {
    const model = disputed([]);
    const { orchestrator } = await teamOrchestrator(model, folder(), { askPerson: async () => undefined });

    const result = await orchestrator.run({ text: 'review board.ts', agent: 'reviewer' });

    assert.equal(result.status, 'escalated');
    assert.equal(result.escalation?.id, 'decision-1');
    assert.equal(result.decisions[0]?.settledBy, 'escalated');
    assert.equal(result.result, undefined);
  });

  it('ends the run cancelled when it is cancelled while waiting for the person', async () => {
    const model = disputed([]);
    const asker = person();
    const { orchestrator, spans } = await teamOrchestrator(model, folder(), { askPerson: asker.ask });
    const controller = new AbortController();

    const running = orchestrator.run({ text: 'review board.ts', agent: 'reviewer' }, { signal: controller.signal });
    await asker.next();
    controller.abort();
    const result = await running;

    assert.equal(result.status, 'cancelled');
    assert.equal(result.stuck?.reason, 'cancelled');
    assert.equal(result.stuck?.agent, 'reviewer');
    assert.equal(result.decisions.length, 0, 'nothing was decided');
    assert.ok(spans.spans.some((span) => span.kind === 'governor_stop'));
  });
});
