import * as assert from 'node:assert/strict';
import { ChatQuestions } from '../../../src/extension/client/chat/chatQuestions';
import type { PersonQuestions } from '../../../src/extension/personQuestions';
import { WebviewRequestError } from '../../../src/protocol/webview/message';
import { TranscriptUpdate } from '../../../src/protocol/webview/transcript';
import { chatUpdate } from '../../../src/protocol/webview/chat';

/** A cancellation token that a test cancels. */
function token() {
  const listeners: (() => void)[] = [];
  return {
    isCancellationRequested: false,
    onCancellationRequested: (listener: () => void) => {
      listeners.push(listener);
      return { dispose: () => listeners.splice(listeners.indexOf(listener), 1) };
    },
    cancel() {
      this.isCancellationRequested = true;
      for (const listener of [...listeners]) listener();
    },
  };
}

const approval = { agent: 'test-runner', command: 'npm  test', visibleCommand: 'npm␠␠test', hidden: ['an extra space'], cwd: '.', folder: 'sample', allowlistedElsewhere: false };
const escalation = {
  id: 'decision-1',
  question: 'Ship the rename?',
  decision: { kind: 'change.approval', owner: 'reviewer', outcome: 'approve', rationale: 'tests pass' },
  options: ['approve', 'reject'],
  opinions: [{ agent: 'security-reviewer', stance: 'oppose' as const, reason: 'touches auth' }],
};

describe('questions of a chat run, as cards', () => {
  const fallbackAsked: string[] = [];
  const fallback: PersonQuestions = {
    approveCommand: () => {
      fallbackAsked.push('approval');
      return Promise.resolve('deny');
    },
    decide: () => {
      fallbackAsked.push('decision');
      return Promise.resolve({ dismissed: true });
    },
  };
  let updates: TranscriptUpdate[];
  let questions: ChatQuestions;
  beforeEach(() => {
    updates = [];
    fallbackAsked.length = 0;
    questions = new ChatQuestions({ placeOf: (runId) => (runId === 'run-1' || runId === undefined ? { chatId: 'c', turnId: 't' } : undefined), update: (_chat, update) => updates.push(update) }, fallback);
  });

  it('shows a command approval in its turn and resolves with the page\'s answer', async () => {
    const answer = questions.approveCommand({ ...approval, runId: 'run-1' }, token() as never);
    const card = updates[0];
    assert.equal(card?.type, 'approval');
    assert.deepEqual(card?.type === 'approval' && card.approval, approval);
    const requestId = card?.type === 'approval' ? card.requestId : '';
    assert.throws(() => questions.answerApproval('other-turn', requestId, 'run'), WebviewRequestError);
    questions.answerApproval('t', requestId, 'run');
    assert.equal(await answer, 'run');
    assert.deepEqual(updates[1], { type: 'approvalAnswered', turnId: 't', requestId, answer: 'run' });
    assert.throws(() => questions.answerApproval('t', requestId, 'deny'), /No approval question/);
  });

  it('denies and marks the card expired when the run stops waiting', async () => {
    const waiting = token();
    const answer = questions.approveCommand({ ...approval, runId: 'run-1' }, waiting as never);
    waiting.cancel();
    assert.equal(await answer, 'deny');
    assert.equal(updates[1]?.type === 'approvalAnswered' && updates[1].answer, 'expired');
    assert.equal(questions.pending, 0);
  });

  it('records the option the person chose, and refuses one the team did not offer', async () => {
    const answer = questions.decide({ runId: 'run-1', escalation }, token() as never);
    const card = updates[0];
    const requestId = card?.type === 'escalation' ? (card.requestId ?? '') : '';
    assert.ok(requestId);
    const options = () => escalation.options;
    assert.throws(() => questions.answerEscalation('t', requestId, { option: 'merge anyway' }, options), /not one of the options/);
    questions.answerEscalation('t', requestId, { option: 'reject', reason: 'auth needs a second look' }, options);
    assert.deepEqual(await answer, { option: 'reject', reason: 'auth needs a second look' });
  });

  it('leaves questions of runs the chat did not start to the modal fallback', async () => {
    assert.equal(await questions.approveCommand({ ...approval, runId: 'cli-run' }, token() as never), 'deny');
    assert.deepEqual(await questions.decide({ runId: 'cli-run', escalation }, token() as never), { dismissed: true });
    assert.deepEqual(fallbackAsked, ['approval', 'decision']);
    assert.deepEqual(updates, []);
  });

  it('posts cards the page\'s own schema accepts, after the JSON trip through postMessage', async () => {
    const approvalAnswer = questions.approveCommand({ ...approval, runId: 'run-1' }, token() as never);
    const decision = questions.decide({ runId: 'run-1', escalation }, token() as never);
    questions.dispose();
    await Promise.all([approvalAnswer, decision]);
    assert.equal(updates.length, 4);
    for (const update of updates) {
      const posted = JSON.parse(JSON.stringify({ chatId: 'c', update })) as unknown;
      assert.ok(chatUpdate.params.safeParse(posted).success, JSON.stringify(posted));
      assert.ok(TranscriptUpdate.safeParse(update).success);
    }
  });

  it('expires every waiting card when the view closes', async () => {
    const answer = questions.decide({ runId: 'run-1', escalation }, token() as never);
    questions.dispose();
    assert.deepEqual(await answer, { dismissed: true });
    assert.deepEqual(updates[1]?.type === 'escalationAnswered' && updates[1].answer, { expired: true });
  });
});
