import * as assert from 'node:assert/strict';
import type { ChangeFeedback } from '../../../src/core/contracts';
import type { ModelCallOptions, ModelRequest, ModelResponse } from '../../../src/core/model/client';
import { OfflineModel } from '../../../src/core/model/offline/offlineModel';
import { requestCharacters } from '../../../src/core/model/requestSize';
import { call, ScriptedModel } from '../../support/scriptedModel';
import { teamOrchestrator, tempWorkspace } from '../../support/team';

/** The offline model, keeping every request it was sent. */
class RecordingModel extends OfflineModel {
  readonly requests: ModelRequest[] = [];
  override complete(request: ModelRequest, options: ModelCallOptions): Promise<ModelResponse> {
    this.requests.push(request);
    return super.complete(request, options);
  }
}

const feedback: ChangeFeedback = {
  changeSetId: 'cs-1',
  summary: 'Strict equality in board.ts',
  hunks: [
    { path: 'src/board.ts', startLine: 2, before: '  return a == b;', after: '  return a === b;', status: 'rejected', reason: 'ids may be numbers here' },
    { path: 'src/board.ts', startLine: 7, before: 'let x = 1;', after: 'const x = 1;', status: 'accepted' },
  ],
};

// "Try again" on a change set: a run at its author, whose input is the person's feedback.
describe('a run started with the person’s feedback on a change set', () => {
  let workspace: Awaited<ReturnType<typeof tempWorkspace>>;
  beforeEach(async () => (workspace = await tempWorkspace({ 'src/board.ts': 'export function same(a: string, b: string): boolean {\n  return a == b;\n}\n' })));
  afterEach(() => workspace.cleanup());

  it('hands the refactorer the feedback as a ChangeFeedback; offline, the run ends unsupported and says why, in the person’s words', async () => {
    const model = new RecordingModel();
    const { orchestrator } = await teamOrchestrator(model, workspace.folder, { defaultModel: 'offline' });
    const result = await orchestrator.run({ text: 'Try again', agent: 'refactorer', feedback });

    assert.equal(result.status, 'unsupported');
    assert.match(result.stuck?.detail ?? '', /cannot revise a change from your feedback \(1 rejected hunk\(s\): "ids may be numbers here"\)/);
    const first = model.requests[0];
    assert.equal(first?.agent, 'refactorer');
    const content = first?.messages[0]?.content;
    const input = typeof content === 'string' ? content : (content ?? []).map((block) => ('text' in block ? block.text : '')).join('\n');
    assert.match(input, /The person sent a ChangeFeedback/);
    assert.match(input, /ids may be numbers here/);
    assert.match(input, /"status": "accepted"/);
  });

  it('keeps the refactorer’s prompt and tools within 3,000 tokens, and the handoff tools to it as small as without feedback', async () => {
    const model = new RecordingModel();
    const { orchestrator } = await teamOrchestrator(model, workspace.folder, { defaultModel: 'offline' });
    await orchestrator.run({ text: 'Try again', agent: 'refactorer', feedback });
    const first = model.requests[0] as ModelRequest;
    // Everything but the input the run starts with: the agent's prompt, Nova's rules, the tool definitions.
    const tokens = Math.ceil(requestCharacters({ ...first, messages: [] }) / 4);
    assert.ok(tokens <= 3000, `the refactorer's prompt and tools are about ${tokens} tokens`);
    // ChangeFeedback comes only from the person: no handoff tool offers it, so no prompt grows by its schema.
    for (const tool of first.tools.filter((candidate) => candidate.name.startsWith('handoff_to_'))) assert.doesNotMatch(JSON.stringify(tool.inputSchema), /changeSetId|ChangeFeedback/, tool.name);
    const toSpecialist = first.tools.find((tool) => tool.name === 'handoff_to_typescript-specialist');
    assert.deepEqual((toSpecialist?.inputSchema as { required: string[] }).required, ['reason', 'payload'], 'the specialist takes one contract from another agent, so no `contract` field is asked for');
  });

  it('refuses, naming why, to give feedback to an agent that makes no changes', async () => {
    const { orchestrator } = await teamOrchestrator(new OfflineModel(), workspace.folder, { defaultModel: 'offline' });
    await assert.rejects(orchestrator.run({ text: 'Try again', agent: 'concierge', feedback }), /concierge accepts UserRequest, not feedback on a change set; only an agent that makes changes \(and accepts ChangeFeedback\) can try again/);
  });

  it('refuses feedback that is not a valid ChangeFeedback, saying which field', async () => {
    const { orchestrator } = await teamOrchestrator(new OfflineModel(), workspace.folder, { defaultModel: 'offline' });
    const broken = { ...feedback, hunks: [{ ...feedback.hunks[0], status: 'maybe' }] } as unknown as ChangeFeedback;
    await assert.rejects(orchestrator.run({ text: 'Try again', agent: 'refactorer', feedback: broken }), /not a valid ChangeFeedback: hunks\.0\.status/);
  });

  it('is never handed from one agent to another: a handoff of ChangeFeedback to the refactorer is bounced, naming what it takes', async () => {
    const model = new ScriptedModel({
      reviewer: [call.handoff('refactorer', feedback, 'again', 'ChangeFeedback'), call.submit('ReviewVerdict', { verdict: 'reject', confidence: 0.5, summary: 'gave up', findings: [] })],
    });
    const { orchestrator } = await teamOrchestrator(model, workspace.folder);
    await orchestrator.run({ text: 'review src/board.ts', agent: 'reviewer' });
    const bounce = model.requests.filter((request) => request.agent === 'reviewer')[1]?.messages.at(-1)?.content[0];
    assert.ok(bounce?.type === 'tool_result' && bounce.isError, JSON.stringify(bounce));
    assert.match(bounce.content, /contract: refactorer accepts RefactorRequest from another agent/);
    assert.equal(model.requests.filter((request) => request.agent === 'refactorer').length, 0, 'the refactorer was activated');
  });
});
