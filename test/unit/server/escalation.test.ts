/**
 * An escalation answered by the person through the editor, over a real LSP connection to
 * dist/server.js with Claude played by the scripted Messages API server: the reviewer approves, the
 * security-reviewer opposes twice, the arbiter cannot rule — and the person decides.
 */
import * as assert from 'node:assert/strict';
import type { DecisionAskParams } from '../../../src/protocol/decision';
import { decisionAsk } from '../../../src/protocol/decision';
import { runAgentStarted, runCancel, runEnded, runEscalation, runStart } from '../../../src/protocol/run';
import type { ParamsOf } from '../../../src/protocol/message';
import { sessionConfigure } from '../../../src/protocol/session';
import { startScriptedServer, type ScriptedServer } from '../../support/anthropicServer';
import type { MessagesRequestBody } from '../../support/anthropicServer/types';
import { LspServer } from '../../support/lspServer';
import { examples, boardSource } from '../../support/payloads';
import { tempWorkspace } from '../../support/team';

type Ended = ParamsOf<typeof runEnded>;

/** Plays each agent by the submit tool its request offers. */
function disputedReview(body: MessagesRequestBody) {
  const offered = new Set((body.tools ?? []).map((tool) => ('name' in tool ? tool.name : '')));
  const submit = (name: string, input: unknown) => ({ content: [{ type: 'tool_use' as const, name: `submit_${name}`, input }] });
  if (offered.has('submit_Opinion')) return submit('Opinion', { stance: 'oppose', reason: 'the token in sync.ts is committed in clear', suggestedOutcome: 'request_changes' });
  if (offered.has('submit_DissentAnswer')) return submit('DissentAnswer', { outcome: 'approve', answers: [{ agent: 'security-reviewer', answer: 'the token is a test fixture' }] });
  if (offered.has('submit_Ruling')) return submit('Ruling', { ruling: 'undecided', rationale: 'whether the token is real cannot be told from the diff' });
  // The reviewer: approve first; once sent back with the settled outcome, agree with it.
  const sentBack = JSON.stringify(body.messages.at(-1)?.content ?? '').match(/settled as \\"(\w+)\\"/);
  return submit('ReviewVerdict', { ...examples.ReviewVerdict, verdict: sentBack?.[1] ?? 'approve' });
}

describe('server: an escalation is put to the person, and the run waits for the answer', function () {
  this.timeout(90_000);
  const apiKey = 'sk-ant-test-escalation-0123456789';
  let scripted: ScriptedServer;
  let workspace: { folder: string; cleanup: () => Promise<void> };
  let server: LspServer | undefined;

  beforeEach(async () => {
    scripted = await startScriptedServer({ apiKey });
    scripted.setResponder(disputedReview);
    workspace = await tempWorkspace({ 'src/board.ts': boardSource });
  });
  afterEach(async () => {
    await server?.stop();
    server = undefined;
    await scripted.close();
    await workspace.cleanup();
  });

  /** Starts the server for `initializationOptions`, answering nova/decision.ask with `answer`; starts a review run. */
  async function startReview(initializationOptions: unknown, answer: (params: DecisionAskParams) => unknown): Promise<{ runId: string; asked: DecisionAskParams[] }> {
    ({ server } = await LspServer.start({ folders: [workspace.folder], initializationOptions }));
    const asked: DecisionAskParams[] = [];
    server.connection.onRequest(decisionAsk.method, (params: DecisionAskParams) => (asked.push(params), answer(params)));
    await server.request(sessionConfigure, { provider: 'anthropic', apiKey, baseURL: scripted.baseURL, trusted: true, commandAllowlist: [] });
    const { runId } = await server.request(runStart, { task: 'review board.ts', agent: 'reviewer' });
    return { runId, asked };
  }

  const ended = (runId: string, timeoutMs = 60_000) => server!.waitFor(runEnded.method, (params) => (params as Ended).runId === runId, timeoutMs) as Promise<Ended>;

  it('asks a client that announced escalationAnswers, waits, and settles the decision with the person’s option', async () => {
    let release!: (answer: unknown) => void;
    const answered = new Promise((resolve) => (release = resolve));
    const { runId, asked } = await startReview({ novaClient: true, escalationAnswers: true }, () => answered);

    const escalation = (await server!.waitFor(runEscalation.method, (params) => (params as { runId: string }).runId === runId)) as ParamsOf<typeof runEscalation>;
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(server!.notifications(runEnded).length, 0, 'the run ended before the person answered');
    assert.equal(asked.length, 1);
    const [question] = asked;
    assert.equal(question?.runId, runId);
    assert.equal(question?.escalation.id, escalation.escalation.id, 'the question names the escalation it is about');
    assert.deepEqual(question?.escalation.options, ['approve', 'request_changes', 'reject']);
    assert.deepEqual(question?.escalation.opinions.map((opinion) => [opinion.agent, opinion.stance, opinion.reason]), [['security-reviewer', 'oppose', 'the token in sync.ts is committed in clear']]);

    release({ option: 'request_changes', reason: 'never approve a committed credential' });
    const { result } = await ended(runId);

    assert.equal(result.status, 'completed', JSON.stringify(result.stuck ?? result.traceProblems));
    assert.equal(result.decisions[0]?.settledBy, 'person');
    assert.equal(result.decisions[0]?.outcome, 'request_changes');
    assert.equal(result.decisions[0]?.rationale, 'never approve a committed credential');
    assert.equal((result.result?.payload as { verdict: string }).verdict, 'request_changes');
    // The handoff payload travels with the agent's start, for the chat to show under it.
    const started = server!.notifications(runAgentStarted).find((params) => params.runId === runId);
    assert.deepEqual(started?.payload, { intent: 'other', summary: 'review board.ts', scope: [], constraints: [] });
  });

  it('asks again, saying why, when the answer is not one of the options', async () => {
    const { runId, asked } = await startReview({ novaClient: true, escalationAnswers: true }, (params) => (params.refused ? { option: 'reject' } : { option: 'ship it' }));
    const { result } = await ended(runId);
    assert.equal(asked.length, 2);
    assert.match(asked[1]?.refused ?? '', /"ship it" is not an option of this decision; choose one of "approve", "request_changes", "reject"/);
    assert.equal(result.decisions[0]?.outcome, 'reject');
    assert.equal(result.decisions[0]?.settledBy, 'person');
  });

  it('ends the run escalated when the person dismisses the question, or the answer is malformed', async () => {
    for (const reply of [{ dismissed: true }, { option: 42 }]) {
      const { runId, asked } = await startReview({ novaClient: true, escalationAnswers: true }, () => reply);
      const { result } = await ended(runId);
      assert.equal(asked.length, 1);
      assert.equal(result.status, 'escalated', JSON.stringify(reply));
      assert.equal(result.decisions[0]?.settledBy, 'escalated');
      await server?.stop();
    }
  });

  it('never asks a client that did not announce it: the run ends escalated, as before', async () => {
    const { runId, asked } = await startReview({ novaClient: true, commandApproval: true }, () => ({ option: 'approve' }));
    const { result } = await ended(runId);
    assert.equal(asked.length, 0, 'no nova/decision.ask');
    assert.equal(result.status, 'escalated');
    assert.equal(result.escalation?.id, 'decision-1');
    assert.equal(server!.notifications(runEscalation).length, 1);
  });

  it('cancelling the run while the person is asked ends it cancelled and cancels the request', async () => {
    let asked!: () => void;
    const wasAsked = new Promise<void>((resolve) => (asked = resolve));
    ({ server } = await LspServer.start({ folders: [workspace.folder], initializationOptions: { novaClient: true, escalationAnswers: true } }));
    let cancelled = false;
    // The person never answers; the request's cancellation token says when the server gave up.
    server.connection.onRequest(decisionAsk.method, (_params: unknown, token: { onCancellationRequested(listener: () => void): void }) => {
      token.onCancellationRequested(() => (cancelled = true));
      asked();
      return new Promise(() => {});
    });
    await server.request(sessionConfigure, { provider: 'anthropic', apiKey, baseURL: scripted.baseURL, trusted: true, commandAllowlist: [] });
    const { runId } = await server.request(runStart, { task: 'review board.ts', agent: 'reviewer' });
    await wasAsked;
    assert.deepEqual(await server.request(runCancel, { runId }), { cancelled: true });
    const { result } = await ended(runId, 10_000);
    assert.equal(result.status, 'cancelled');
    assert.equal(result.decisions.length, 0);
    for (let waited = 0; !cancelled && waited < 2_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(cancelled, true, 'the server cancelled nova/decision.ask');
  });
});
