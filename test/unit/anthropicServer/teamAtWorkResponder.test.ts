/**
 * The team-at-work responder on requests built as Nova builds them (the shipped agents' prompts and
 * toolboxes, the runtime's input message, the SDK parameters): the turns the Node runs cannot reach
 * yet (the person settling the decision mid-run), and what it says when a request is off-script.
 */
import * as assert from 'node:assert/strict';
import type { Team } from '../../../src/core/agents/team';
import { toMessageParams } from '../../../src/core/model/anthropic/messagesRequest';
import type { ModelMessage } from '../../../src/core/model/client';
import { renderInputMessage } from '../../../src/core/orchestrator/inputMessage';
import { buildToolbox } from '../../../src/core/orchestrator/toolbox';
import { createWorkspaceTools } from '../../../src/core/tools/registry';
import type { MessagesRequestBody, ScriptedTurn } from '../../support/anthropicServer';
import { teamAtWork, teamAtWorkResponder } from '../../support/claudeScripts';
import { shippedTeam } from '../../support/team';

describe('the team-at-work responder', () => {
  let team: Team;
  before(async () => (team = await shippedTeam()));

  /** The request `agent` sends after `later` (its turns and the runtime's answers), handed `payload` as `contract`. */
  function requestOf(agentName: string, contract: string, payload: unknown, from: string, later: readonly ModelMessage[] = []): MessagesRequestBody {
    const agent = team.get(agentName);
    assert.ok(agent, agentName);
    const consultation = from === 'nova';
    const returns = consultation ? 'Opinion' : agent.returns;
    const toolbox = buildToolbox(team, createWorkspaceTools(), agent, returns, consultation);
    const input = renderInputMessage({ from, contract, payload, submitTool: toolbox.submitTool, canHandOff: !consultation });
    return toMessageParams({
      agent: agentName,
      model: 'claude-sonnet-5-5',
      system: `${agent.prompt}\n\n${toolbox.rules}`,
      messages: [{ role: 'user', content: [{ type: 'text', text: input }] }, ...later],
      tools: toolbox.definitions,
      maxTokens: 8192,
    }) as MessagesRequestBody;
  }

  const toolUse = (turn: ScriptedTurn) => turn.content.find((block) => block.type === 'tool_use');
  const inputOf = (turn: ScriptedTurn) => {
    const use = toolUse(turn);
    return use?.type === 'tool_use' ? use.input : undefined;
  };
  const text = (turn: ScriptedTurn) => turn.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('');
  const routed = { intent: 'review', summary: 'Review src/sync.ts.', scope: ['src/sync.ts'], constraints: [] };

  it('follows the person: a verdict bounced to agree with their settlement is resubmitted with their outcome', () => {
    const unexpected: string[] = [];
    const respond = teamAtWorkResponder((what) => unexpected.push(what));
    const submitted = { verdict: 'approve', confidence: 0.7, summary: teamAtWork.reviewerSummary, findings: [] };
    // The bounce as activation.ts words it when a settled decision disagrees with the submission.
    const bounce = `Your ReviewVerdict was not accepted:\n- verdict: the decision "change.approval" was settled as "${teamAtWork.securityOutcome}" (person: the token must go); submit a result that agrees with it\nFix exactly these and try again (2 attempts left).`;
    const body = requestOf('reviewer', 'RoutedTask', routed, 'concierge', [
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'read_file', input: { path: 'src/sync.ts' } }] },
      { role: 'user', content: [{ type: 'tool_result', toolUseId: 'toolu_1', content: '1 | import …', isError: false }] },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_2', name: 'submit_ReviewVerdict', input: submitted }] },
      { role: 'user', content: [{ type: 'tool_result', toolUseId: 'toolu_2', content: bounce, isError: true }] },
    ]);
    const use = toolUse(respond(body, 0));
    assert.equal(use?.type === 'tool_use' && use.name, 'submit_ReviewVerdict');
    assert.equal((inputOf(respond(body, 1)) as { verdict?: string } | undefined)?.verdict, teamAtWork.securityOutcome);
    assert.deepEqual(unexpected, []);
  });

  it('names an agent the script has no part for, and calls no tool', () => {
    const unexpected: string[] = [];
    const turn = teamAtWorkResponder((what) => unexpected.push(what))(requestOf('refactorer', 'RefactorRequest', { goal: 'x', files: ['src/a.ts'], constraints: [] }, 'planner'), 0);
    assert.equal(toolUse(turn), undefined);
    assert.equal(text(turn), `${teamAtWork.unexpectedMarker} — refactorer (RefactorRequest from planner, after no tool calls): the script has no part for this agent`);
    assert.deepEqual(unexpected, ['refactorer (RefactorRequest from planner, after no tool calls): the script has no part for this agent']);
  });

  it('stops and says so when the runtime refused one of its handoffs, instead of repeating it', () => {
    const body = requestOf('concierge', 'UserRequest', { text: teamAtWork.reviewPrompt, files: [] }, 'person', [
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'handoff_to_reviewer', input: { reason: 'r', payload: {} } }] },
      { role: 'user', content: [{ type: 'tool_result', toolUseId: 'toolu_1', content: 'Your RoutedTask was not accepted:\n- payload.intent: required', isError: true }] },
    ]);
    const turn = teamAtWorkResponder()(body, 0);
    assert.equal(toolUse(turn), undefined);
    assert.match(text(turn), /unexpected request — concierge \(UserRequest from person, after handoff_to_reviewer \(refused\)\): its handoff_to_reviewer was refused: Your RoutedTask was not accepted:\n- payload\.intent: required$/);
  });

  it('answers the security-reviewer’s second opinion (after the owner answered) with its second reason', () => {
    const decision = { kind: 'change.approval', owner: 'reviewer', outcome: 'approve', rationale: teamAtWork.reviewerSummary };
    const first = teamAtWorkResponder()(requestOf('security-reviewer', 'OpinionRequest', { decision, answers: [] }, 'nova'), 0);
    const second = teamAtWorkResponder()(requestOf('security-reviewer', 'OpinionRequest', { decision, answers: [{ agent: 'reviewer', answer: teamAtWork.reviewerAnswer }] }, 'nova'), 0);
    assert.deepEqual(inputOf(first), { stance: 'oppose', reason: teamAtWork.securityReason, suggestedOutcome: teamAtWork.securityOutcome });
    assert.deepEqual(inputOf(second), { stance: 'oppose', reason: teamAtWork.securityReasonAgain, suggestedOutcome: teamAtWork.securityOutcome });
  });
});
