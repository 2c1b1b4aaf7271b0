import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { contentHash } from '../../../src/core/agents/fileRead';
import { loadTeam } from '../../../src/core/agents/load';
import type { ModelRequest } from '../../../src/core/model/client';
import { createWorkspaceTools } from '../../../src/core/tools/registry';
import type { HandoffSpan, ValidationSpan } from '../../../src/core/trace/spans';
import { examples, boardSource } from '../../support/payloads';
import { call, ScriptedModel } from '../../support/scriptedModel';
import { shippedAgents, teamOrchestrator, tempWorkspace } from '../../support/team';

/** The text of the last message the agent was sent (a bounce of a text-only turn is a user text). */
function lastText(request: ModelRequest | undefined): string {
  const block = request?.messages.at(-1)?.content[0];
  return block?.type === 'text' ? block.text : block?.type === 'tool_result' ? block.content : '';
}

/**
 * What an agent gets back when its turn is malformed — a reply with no result, a handoff its
 * target cannot take, one without a reason, one from a consultation — and that nothing malformed
 * reaches another agent, nor does anything run after the call that ended the activation.
 */
describe('activation: malformed turns are bounced, never passed on', () => {
  let workspace: Awaited<ReturnType<typeof tempWorkspace>>;
  beforeEach(async () => {
    workspace = await tempWorkspace({ 'src/board.ts': boardSource });
  });
  afterEach(() => workspace.cleanup());

  const support = call.submit('Opinion', { stance: 'support', reason: 'no security impact' });
  const validations = (spans: { spans: readonly { kind: string }[] }, agent: string) =>
    spans.spans.filter((s): s is ValidationSpan => s.kind === 'validation' && (s as ValidationSpan).agent === agent);
  const handoffs = (spans: { spans: readonly { kind: string }[] }) => spans.spans.filter((s): s is HandoffSpan => s.kind === 'handoff');

  it('a turn with only text is bounced with the tool to call, and the branch stops after the last bounce', async () => {
    const model = new ScriptedModel({ concierge: [{ text: 'Board.ts compares loosely.' }, { text: 'As I said.' }, { text: 'Done.' }] });
    const { orchestrator, spans } = await teamOrchestrator(model, workspace.folder);

    const result = await orchestrator.run({ text: 'what is board.ts?' });

    const issue = 'no result: your turn ended without calling submit_Answer or a handoff tool';
    assert.equal(result.status, 'stopped');
    assert.equal(result.stuck?.reason, 'contract_violation');
    assert.equal(result.stuck?.detail, `concierge's Answer was still malformed after 2 bounces: ${issue}`);
    assert.deepEqual(model.requests.slice(1).map(lastText), [
      `Your Answer was not accepted:\n- ${issue}\nFix exactly these and try again (2 attempts left).`,
      `Your Answer was not accepted:\n- ${issue}\nFix exactly these and try again (1 attempt left).`,
    ]);
    const checks = validations(spans, 'concierge');
    assert.deepEqual(checks.map((v) => [v.direction, v.attempt, v.verdict, v.contract, v.issues]), [
      ['result', 1, 'bounced', 'Answer', [issue]],
      ['result', 2, 'bounced', 'Answer', [issue]],
      ['result', 3, 'violation', 'Answer', [issue]],
    ]);
    assert.ok(checks.every((v) => v.payload === undefined), 'nothing was submitted, so no submission is recorded');
  });

  it('a consulted advisor that replies with text alone is told to submit its answer, not to hand off', async () => {
    const model = new ScriptedModel({
      reviewer: [call.submit('ReviewVerdict', examples.ReviewVerdict)],
      'security-reviewer': [{ text: 'Looks fine to me.' }, support],
    });
    const { orchestrator } = await teamOrchestrator(model, workspace.folder);

    const result = await orchestrator.run({ text: 'review board.ts', agent: 'reviewer' });

    assert.equal(result.status, 'completed');
    const retry = model.requests.filter((r) => r.agent === 'security-reviewer')[1];
    assert.equal(lastText(retry), 'Your Opinion was not accepted:\n- no result: your turn ended without calling submit_Opinion\nFix exactly these and try again (2 attempts left).');
  });

  it('a consulted advisor that tries to hand off is refused, and its answer still counts', async () => {
    const model = new ScriptedModel({
      reviewer: [call.submit('ReviewVerdict', examples.ReviewVerdict)],
      'security-reviewer': [call.handoff('reviewer', examples.ChangeProposal, 'you decide', 'ChangeProposal'), support],
    });
    const { orchestrator, spans } = await teamOrchestrator(model, workspace.folder);

    const result = await orchestrator.run({ text: 'review board.ts', agent: 'reviewer' });

    assert.equal(result.status, 'completed');
    assert.deepEqual(result.decisions[0]?.opinions.map((o) => `${o.agent}:${o.stance}`), ['security-reviewer:support']);
    const refused = handoffs(spans).filter((s) => s.status === 'refused');
    assert.deepEqual(refused.map((s) => [s.from, s.to, s.contract, s.payloadHash, s.reason, s.detail]), [['security-reviewer', 'reviewer', '', '', 'you decide', 'you were asked for an answer, not to hand off']]);
    const retry = model.requests.filter((r) => r.agent === 'security-reviewer')[1];
    assert.equal(lastText(retry), 'Refused: you were asked for an answer, not to hand off. Your handoffs: none.');
    assert.equal(model.requests.filter((r) => r.agent === 'reviewer').length, 1, 'the reviewer was not activated again');
  });

  it('a handoff naming a contract its target does not accept, or none when it accepts several, is bounced naming what it accepts', async () => {
    const model = new ScriptedModel({
      concierge: [call.handoff('planner', examples.RoutedTask)],
      planner: [
        call.handoff('reviewer', examples.Plan, 'check the plan', 'Plan'),
        call.handoff('reviewer', examples.ChangeProposal, 'review it'),
        call.handoff('reviewer', examples.ChangeProposal, 'review it', 'ChangeProposal'),
      ],
      reviewer: [call.submit('ReviewVerdict', examples.ReviewVerdict)],
      'security-reviewer': [support],
    });
    const { orchestrator, spans } = await teamOrchestrator(model, workspace.folder);
    const received: string[] = [];
    orchestrator.events.on((event) => event.type === 'agent_start' && received.push(`${event.agent}:${event.contract}`));

    const result = await orchestrator.run({ text: 'change board.ts' });

    assert.equal(result.status, 'completed');
    const issue = 'contract: reviewer accepts ChangeProposal or RoutedTask';
    const planner = model.requests.filter((r) => r.agent === 'planner');
    assert.match(lastText(planner[1]), new RegExp(`^Your Plan was not accepted:\n- ${issue}\n`));
    assert.match(lastText(planner[2]), new RegExp(`^Your ChangeProposal\\|RoutedTask was not accepted:\n- ${issue}\n`));
    const fromPlanner = handoffs(spans).filter((s) => s.from === 'planner');
    assert.deepEqual(fromPlanner.map((s) => [s.status, s.contract, s.reason, s.issues]), [
      ['bounced', 'Plan', 'check the plan', [issue]],
      ['bounced', 'ChangeProposal|RoutedTask', 'review it', [issue]],
      ['delivered', 'ChangeProposal', 'review it', undefined],
    ]);
    assert.deepEqual(validations(spans, 'planner').map((v) => [v.direction, v.attempt, v.verdict, v.issues.length]), [
      ['handoff', 1, 'bounced', 1],
      ['handoff', 2, 'bounced', 1],
      ['handoff', 3, 'accepted', 0],
    ]);
    assert.deepEqual(received, ['concierge:UserRequest', 'planner:RoutedTask', 'reviewer:ChangeProposal', 'security-reviewer:OpinionRequest']);
  });

  it('a handoff without a reason, or whose input is not an object, is bounced with every problem; the receiver never starts', async () => {
    const model = new ScriptedModel({
      reviewer: [
        call.tool('handoff_to_refactorer', { payload: examples.RefactorRequest }),
        call.tool('handoff_to_refactorer', 'please refactor'),
        call.tool('handoff_to_refactorer', { reason: 5, contract: 6, payload: examples.RefactorRequest }),
      ],
    });
    const { orchestrator, spans } = await teamOrchestrator(model, workspace.folder);

    const result = await orchestrator.run({ text: 'review board.ts', agent: 'reviewer' });

    assert.equal(result.stuck?.reason, 'contract_violation');
    assert.equal(model.requests.filter((r) => r.agent === 'refactorer').length, 0, 'the refactorer was activated');
    const bounced = handoffs(spans).filter((s) => s.from === 'reviewer');
    assert.deepEqual(bounced.map((s) => s.status), ['bounced', 'bounced', 'bounced']);
    // Without a valid input neither its reason nor its contract is read: the one the refactorer takes from agents is named.
    assert.deepEqual(bounced.map((s) => [s.contract, s.reason]), [['RefactorRequest', ''], ['RefactorRequest', ''], ['RefactorRequest', '']]);
    const [missing, notObject, twoWrong] = bounced.map((s) => s.issues ?? []);
    assert.match(missing?.join() ?? '', /^reason: /);
    assert.match(notObject?.join() ?? '', /^\(input\): /);
    assert.equal(bounced[1]?.payload?.value, 'please refactor', 'the input as sent is kept when it has no payload');
    assert.deepEqual(twoWrong?.map((issue) => issue.split(':')[0]), ['reason', 'contract']);
    assert.equal(bounced[2]?.detail, twoWrong?.join('; '));
    assert.equal(result.stuck?.detail, `reviewer's RefactorRequest was still malformed after 2 bounces: ${twoWrong?.join('; ')}`);
  });

  it('the same refused handoff, again and again, stops the run; each refusal lists the handoffs the agent has', async () => {
    const model = new ScriptedModel({ concierge: [1, 2, 3].map(() => call.handoff('refactorer', examples.RefactorRequest)) });
    const { orchestrator } = await teamOrchestrator(model, workspace.folder);

    const result = await orchestrator.run({ text: 'refactor board.ts' });

    assert.equal(result.stuck?.reason, 'repeated_error');
    assert.equal(result.stuck?.detail, 'the same error occurred 3 times: refused handoff to refactorer');
    assert.equal(lastText(model.requests[1]), 'Refused: concierge may not hand off to refactorer. Your handoffs: planner, reviewer, security-reviewer.');
  });

  it('names the refactorer’s one contract from agents when a handoff names none, and delivers it', async () => {
    const model = new ScriptedModel({
      reviewer: [call.handoff('refactorer', examples.RefactorRequest, 'tidy it'), call.submit('ReviewVerdict', examples.ReviewVerdict)],
      refactorer: [call.handoff('reviewer', examples.ChangeProposal, 'done', 'ChangeProposal')],
      'security-reviewer': [support],
    });
    const { orchestrator, spans } = await teamOrchestrator(model, workspace.folder);

    const result = await orchestrator.run({ text: 'review board.ts', agent: 'reviewer' });

    assert.equal(result.status, 'completed');
    const first = handoffs(spans)[0];
    assert.deepEqual([first?.status, first?.contract, first?.reason], ['delivered', 'RefactorRequest', 'tidy it']);
    assert.deepEqual(result.artifacts[0], { agent: 'reviewer', contract: 'RefactorRequest', payload: examples.RefactorRequest, via: 'handoff', spanId: first?.id });
  });

  it('routes to the workspace specialist route_to_specialist names, as a RoutedTask unless it says otherwise; a route naming no agent is refused', async () => {
    // A Nova-format specialist the person accepted, taking a RoutedTask or a RefactorRequest.
    const file = '.nova/agents/sql-expert.md';
    const text = '---\nname: sql-expert\ndescription: Optimizes SQL queries.\nrole: specialist\ntools: [read_file]\nowns: []\nadvises: []\naccepts: [RoutedTask, RefactorRequest]\nreturns: Answer\nhandoffs: []\n---\nYou are sql-expert.\n';
    await fs.mkdir(path.join(workspace.folder, '.nova/agents'), { recursive: true });
    await fs.writeFile(path.join(workspace.folder, file), text);
    const { team, problems } = await loadTeam({
      shippedFolder: shippedAgents,
      workspace: { folder: workspace.folder, trusted: true, acceptedFiles: [{ path: file, sha256: contentHash(text) }], allowedEndpoints: [] },
      toolNames: createWorkspaceTools().names(),
    });
    assert.deepEqual(problems.filter((p) => p.severity === 'error'), []);
    const model = new ScriptedModel({
      concierge: [
        call.tool('route_to_specialist', { agent: 7, reason: 'a SQL question', payload: examples.RoutedTask }),
        call.tool('route_to_specialist', { agent: 'sql-expert', reason: 'a SQL question', payload: examples.RoutedTask }),
      ],
      'sql-expert': [call.submit('Answer', examples.Answer)],
    });
    const { orchestrator, spans } = await teamOrchestrator(model, workspace.folder, { team });

    const result = await orchestrator.run({ text: 'what is board.ts?' });

    assert.equal(result.status, 'completed', JSON.stringify(result.stuck));
    assert.equal(result.result?.agent, 'sql-expert');
    const [refused, delivered] = handoffs(spans);
    assert.deepEqual([refused?.status, refused?.to, refused?.detail], ['refused', '', 'there is no agent named ""']);
    assert.deepEqual([delivered?.status, delivered?.to, delivered?.contract, delivered?.reason], ['delivered', 'sql-expert', 'RoutedTask', 'a SQL question']);
  });

  it('runs no tool call that comes after a submit or a handoff in the same response', async () => {
    const write = (name: string) => ({ name: 'run_command', input: { command: `node -e "require('fs').writeFileSync('${name}','x')"` } });
    const model = new ScriptedModel({
      concierge: [{ tools: [{ name: 'handoff_to_planner', input: { reason: 'plan it', payload: examples.RoutedTask } }, write('after-handoff.txt')] }],
      planner: [{ tools: [{ name: 'submit_Plan', input: examples.Plan }, write('after-submit.txt'), { name: 'read_file', input: { path: 'src/board.ts' } }] }],
    });
    const commands = { allowlist: [write('after-handoff.txt').input.command, write('after-submit.txt').input.command] };
    const { orchestrator, spans } = await teamOrchestrator(model, workspace.folder, { commands });

    const result = await orchestrator.run({ text: 'plan a change' });

    assert.equal(result.status, 'completed');
    assert.equal(result.result?.contract, 'Plan');
    assert.equal(spans.spans.filter((s) => s.kind === 'tool_call').length, 0, 'no tool call after the ending one was run or recorded');
    for (const name of ['after-handoff.txt', 'after-submit.txt']) await assert.rejects(fs.access(path.join(workspace.folder, name)), `${name} was written`);
  });

  it('a result that fails validation is bounced with its issues and the submission as sent', async () => {
    const bad = { ...examples.Answer, answer: '' };
    const model = new ScriptedModel({ concierge: [call.submit('Answer', bad), call.submit('Answer', examples.Answer)] });
    const { orchestrator, spans } = await teamOrchestrator(model, workspace.folder);

    const result = await orchestrator.run({ text: 'what is board.ts?' });

    assert.equal(result.status, 'completed');
    const [bounced, accepted] = validations(spans, 'concierge');
    assert.equal(bounced?.verdict, 'bounced');
    assert.match(bounced?.issues.join() ?? '', /^answer: Too small/);
    assert.deepEqual(bounced?.payload?.value, bad);
    assert.deepEqual([accepted?.verdict, accepted?.attempt, accepted?.issues], ['accepted', 2, []]);
    assert.equal(result.result?.spanId, accepted?.id);
    assert.match(lastText(model.requests[1]), /^Your Answer was not accepted:\n- answer: Too small/);
  });
});
