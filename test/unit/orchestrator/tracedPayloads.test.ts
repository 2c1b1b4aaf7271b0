/**
 * What the trace keeps for a person to judge a run: what each handoff carried (validated when
 * delivered, as sent with its issues when bounced or refused), what an agent submitted on each
 * attempt, who activated each agent through which handoff — and a rerun from one of those handoffs.
 */
import * as assert from 'node:assert/strict';
import { RerunRefused, rerunStart, rerunTask, type HandoffStart } from '../../../src/core/orchestrator/rerun';
import type { AgentSpan, HandoffSpan, RunSpan, Span, ValidationSpan } from '../../../src/core/trace/spans';
import { examples, boardSource } from '../../support/payloads';
import { call, ScriptedModel } from '../../support/scriptedModel';
import { teamOrchestrator, tempWorkspace } from '../../support/team';

const support = call.submit('Opinion', { stance: 'support', reason: 'no security impact' });
const handoffs = (spans: readonly Span[]) => spans.filter((span): span is HandoffSpan => span.kind === 'handoff');
const agentsOf = (spans: readonly Span[]) => spans.filter((span): span is AgentSpan => span.kind === 'agent');
const resultChecks = (spans: readonly Span[]) => spans.filter((span): span is ValidationSpan => span.kind === 'validation' && span.direction === 'result');

describe('orchestrator: payloads in the trace', () => {
  let workspace: Awaited<ReturnType<typeof tempWorkspace>>;
  beforeEach(async () => (workspace = await tempWorkspace({ 'src/board.ts': boardSource })));
  afterEach(() => workspace.cleanup());

  const { rationale: _dropped, ...noRationale } = examples.ChangeProposal;
  const badVerdict = { ...examples.ReviewVerdict, confidence: 7 };

  function script(): ScriptedModel {
    return new ScriptedModel({
      concierge: [call.handoff('planner', examples.RoutedTask, 'a refactor')],
      planner: [call.handoff('refactorer', examples.RefactorRequest)],
      refactorer: [
        call.handoff('concierge', { note: 'not allowed' }, 'back to the front'),
        call.handoff('reviewer', noRationale, 'review', 'ChangeProposal'),
        call.handoff('reviewer', examples.ChangeProposal, 'review', 'ChangeProposal'),
      ],
      reviewer: [call.submit('ReviewVerdict', badVerdict), call.submit('ReviewVerdict', examples.ReviewVerdict)],
      'security-reviewer': [support],
    });
  }

  it('keeps each handoff’s payload: validated when delivered, as sent with its issues when bounced or refused', async () => {
    const { orchestrator, spans } = await teamOrchestrator(script(), workspace.folder);
    const result = await orchestrator.run({ text: 'strict equality' });
    assert.equal(result.status, 'completed', JSON.stringify(result.stuck));

    const [toPlanner, toRefactorer, refused, bounced, delivered] = handoffs(spans.spans);
    assert.deepEqual(toPlanner?.payload, { bytes: Buffer.byteLength(JSON.stringify(examples.RoutedTask)), value: examples.RoutedTask });
    assert.deepEqual(toRefactorer?.payload?.value, examples.RefactorRequest);
    assert.equal(refused?.status, 'refused');
    assert.deepEqual(refused?.payload?.value, { note: 'not allowed' }, 'a refused handoff shows what it tried to hand over');
    assert.equal(bounced?.status, 'bounced');
    assert.deepEqual(bounced?.payload?.value, noRationale, 'the raw payload, not a repaired one');
    assert.deepEqual(bounced?.issues, ['payload.rationale: Invalid input: expected string, received undefined']);
    assert.equal(bounced?.detail, bounced?.issues?.join('; '));
    assert.equal(delivered?.status, 'delivered');
    assert.deepEqual(delivered?.payload?.value, examples.ChangeProposal);
    assert.equal(delivered?.issues, undefined);
  });

  it('keeps what the agent submitted on each attempt of its result: the bounced one as sent, the accepted one validated', async () => {
    const { orchestrator, spans } = await teamOrchestrator(script(), workspace.folder);
    const result = await orchestrator.run({ text: 'strict equality' });

    const reviewer = resultChecks(spans.spans).filter((span) => span.agent === 'reviewer');
    assert.deepEqual(reviewer.map((span) => [span.attempt, span.verdict]), [[1, 'bounced'], [2, 'accepted']]);
    assert.deepEqual(reviewer[0]?.payload?.value, badVerdict);
    assert.match(reviewer[0]?.issues[0] ?? '', /^confidence:/);
    assert.deepEqual(reviewer[1]?.payload?.value, examples.ReviewVerdict);
    // The result names the validation that accepted it; handoff validations carry no payload (their handoff does).
    assert.equal(result.result?.spanId, reviewer[1]?.id);
    const handoffChecks = spans.spans.filter((span): span is ValidationSpan => span.kind === 'validation' && span.direction === 'handoff');
    assert.ok(handoffChecks.length > 0 && handoffChecks.every((span) => span.payload === undefined));
  });

  it('names who activated each agent and through which delivered handoff; artifacts name the span that carried them', async () => {
    const { orchestrator, spans } = await teamOrchestrator(script(), workspace.folder);
    const result = await orchestrator.run({ text: 'strict equality' });

    const byId = new Map(spans.spans.map((span) => [span.id, span]));
    const activations = agentsOf(spans.spans).filter((span) => span.agent !== 'security-reviewer');
    assert.deepEqual(activations.map((span) => [span.agent, span.from]), [['concierge', 'person'], ['planner', 'concierge'], ['refactorer', 'planner'], ['reviewer', 'refactorer']]);
    assert.equal(activations[0]?.handoffSpanId, undefined, 'the entry agent was activated by the person, not a handoff');
    for (const span of activations.slice(1)) {
      const handoff = byId.get(span.handoffSpanId ?? '');
      assert.ok(handoff?.kind === 'handoff' && handoff.status === 'delivered' && handoff.to === span.agent && handoff.from === span.from, `${span.agent}'s handoff`);
    }
    const consulted = agentsOf(spans.spans).find((span) => span.agent === 'security-reviewer');
    assert.deepEqual([consulted?.from, consulted?.handoffSpanId], ['nova', undefined]);

    for (const artifact of result.artifacts) {
      const carrier = byId.get(artifact.spanId ?? '');
      if (artifact.via === 'handoff') assert.ok(carrier?.kind === 'handoff' && carrier.status === 'delivered' && carrier.payload?.value === artifact.payload, `${artifact.agent}'s handoff`);
      else assert.ok(carrier?.kind === 'validation' && carrier.verdict === 'accepted' && carrier.payload?.value === artifact.payload, `${artifact.agent}'s result`);
    }
  });
});

describe('orchestrator: rerun from a handoff', () => {
  let workspace: Awaited<ReturnType<typeof tempWorkspace>>;
  beforeEach(async () => (workspace = await tempWorkspace({ 'src/board.ts': boardSource })));
  afterEach(() => workspace.cleanup());

  /** The first run: concierge → planner → refactorer → reviewer, recorded. */
  async function firstRun(): Promise<{ spans: readonly Span[]; runId: string; toRefactorer: HandoffSpan }> {
    const model = new ScriptedModel({
      concierge: [call.handoff('planner', examples.RoutedTask)],
      planner: [call.handoff('refactorer', examples.RefactorRequest, 'make the change')],
      refactorer: [call.handoff('reviewer', examples.ChangeProposal, 'review', 'ChangeProposal')],
      reviewer: [call.submit('ReviewVerdict', examples.ReviewVerdict)],
      'security-reviewer': [support],
    });
    const { orchestrator, spans } = await teamOrchestrator(model, workspace.folder);
    const result = await orchestrator.run({ text: 'strict equality' }, { runId: 'run-first' });
    const toRefactorer = handoffs(spans.spans).find((span) => span.to === 'refactorer');
    assert.ok(toRefactorer);
    return { spans: spans.spans, runId: result.runId, toRefactorer };
  }

  const noSideFile = () => Promise.reject(new Error('no side file in this test'));

  it('starts at the receiver with the person’s edited payload, as the original sender handed it, and links the old run', async () => {
    const first = await firstRun();
    const edited = { ...examples.RefactorRequest, constraints: ['keep behaviour', 'touch only moveTask'] };
    const start = await rerunStart(first.spans, { runId: first.runId, spanId: first.toRefactorer.id, payload: edited }, noSideFile);
    assert.deepEqual(start, { agent: 'refactorer', contract: 'RefactorRequest', payload: edited, from: 'planner', reason: 'make the change', rerunOf: { runId: 'run-first', spanId: first.toRefactorer.id, edited: true } });

    const model = new ScriptedModel({
      refactorer: [call.handoff('reviewer', examples.ChangeProposal, 'review', 'ChangeProposal')],
      reviewer: [call.submit('ReviewVerdict', examples.ReviewVerdict)],
      'security-reviewer': [support],
    });
    const { orchestrator, spans } = await teamOrchestrator(model, workspace.folder);
    const result = await orchestrator.run({ text: rerunTask(start), start });

    assert.equal(result.status, 'completed');
    const run = spans.spans.find((span): span is RunSpan => span.kind === 'run');
    assert.deepEqual(run?.rerunOf, { runId: 'run-first', spanId: first.toRefactorer.id, edited: true });
    assert.equal(run?.entryAgent, 'refactorer');
    assert.equal(run?.task, 'Rerun of run run-first from the handoff planner → refactorer (RefactorRequest), with the payload edited');
    const [entry] = agentsOf(spans.spans);
    assert.deepEqual([entry?.agent, entry?.from, entry?.accepted], ['refactorer', 'planner', 'RefactorRequest']);
    // The receiver was given the edited payload, as a message from the planner.
    const input = model.requests.find((request) => request.agent === 'refactorer')?.messages[0]?.content[0];
    assert.ok(input?.type === 'text' && input.text.includes('touch only moveTask') && input.text.includes('planner'), JSON.stringify(input));
    assert.deepEqual(model.remaining(), {});
  });

  it('reruns with the recorded payload when the person gives none (not an edit), and the same payload sent back is not an edit either', async () => {
    const first = await firstRun();
    const recorded = await rerunStart(first.spans, { runId: first.runId, spanId: first.toRefactorer.id }, noSideFile);
    assert.deepEqual([recorded.payload, recorded.rerunOf.edited], [examples.RefactorRequest, false]);
    const same = await rerunStart(first.spans, { runId: first.runId, spanId: first.toRefactorer.id, payload: { ...examples.RefactorRequest } }, noSideFile);
    assert.equal(same.rerunOf.edited, false);
  });

  it('refuses an edited payload that breaks the contract, with its issues, and starts nothing', async () => {
    const first = await firstRun();
    const start = await rerunStart(first.spans, { runId: first.runId, spanId: first.toRefactorer.id, payload: { goal: '', files: 'src/board.ts' } }, noSideFile);
    const model = new ScriptedModel({});
    const { orchestrator, spans } = await teamOrchestrator(model, workspace.folder);

    const refused = await orchestrator.run({ text: rerunTask(start), start }).then(() => undefined, (error: unknown) => error);

    assert.ok(refused instanceof RerunRefused, String(refused));
    assert.deepEqual(refused.issues, ['payload.goal: Too small: expected string to have >=1 characters', 'payload.files: Invalid input: expected array, received string']);
    assert.match(refused.message, /not a valid RefactorRequest/);
    assert.deepEqual(spans.spans, [], 'no run was recorded');
    assert.deepEqual(model.requests, [], 'no model was called');
  });

  it('refuses a span that is not a delivered handoff, a trace without payloads, and a rerun given an agent too', async () => {
    const first = await firstRun();
    const turn = first.spans.find((span) => span.kind === 'turn');
    await assert.rejects(rerunStart(first.spans, { runId: first.runId, spanId: turn?.id ?? '' }, noSideFile), /is a turn span; a run can only be rerun from a delivered handoff/);
    await assert.rejects(rerunStart(first.spans, { runId: first.runId, spanId: 's999' }, noSideFile), /Run run-first has no span s999/);
    const bounced: HandoffSpan = { ...first.toRefactorer, id: 's998', status: 'bounced' };
    await assert.rejects(rerunStart([bounced], { runId: first.runId, spanId: 's998' }, noSideFile), /a bounced handoff \(planner → refactorer\): nothing reached refactorer/);
    const { payload: _none, ...old } = first.toRefactorer;
    await assert.rejects(rerunStart([old], { runId: first.runId, spanId: old.id }, noSideFile), /recorded before Nova kept payloads in its trace; give the payload to rerun it/);
    assert.equal((await rerunStart([old], { runId: first.runId, spanId: old.id, payload: examples.RefactorRequest }, noSideFile)).rerunOf.edited, false, 'an old trace reruns with the payload given');

    const start: HandoffStart = await rerunStart(first.spans, { runId: first.runId, spanId: first.toRefactorer.id }, noSideFile);
    const { orchestrator } = await teamOrchestrator(new ScriptedModel({}), workspace.folder);
    await assert.rejects(orchestrator.run({ text: 'x', agent: 'reviewer', start }), /takes no agent or feedback of its own/);
  });

  it('reads a recorded payload kept in the side file', async () => {
    const first = await firstRun();
    const sideFiled: HandoffSpan = { ...first.toRefactorer, payload: { bytes: 20_000, preview: '{"goal":', inSideFile: true } };
    const start = await rerunStart([sideFiled], { runId: first.runId, spanId: sideFiled.id }, async () => examples.RefactorRequest);
    assert.deepEqual([start.payload, start.rerunOf.edited], [examples.RefactorRequest, false]);
  });
});
