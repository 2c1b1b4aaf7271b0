import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { JsonlSpanProcessor, loadTrace, traceFilePath } from '../../../src/core/trace/jsonl';
import { InMemorySpanProcessor } from '../../../src/core/trace/memory';
import { describeProblems, rollUpUsage } from '../../../src/core/trace/rollup';
import { buildRunTree, type SpanNode } from '../../../src/core/trace/tree';
import { examples, boardSource } from '../../support/payloads';
import { call, ScriptedModel } from '../../support/scriptedModel';
import { teamOrchestrator, tempWorkspace } from '../../support/team';

const outline = (node: SpanNode | undefined): unknown => node && { kind: node.span.kind, agent: node.span.agent, children: node.children.map(outline) };

describe('orchestrator: the run’s trace', () => {
  let workspace: Awaited<ReturnType<typeof tempWorkspace>>;
  beforeEach(async () => {
    workspace = await tempWorkspace({ 'src/board.ts': boardSource });
  });
  afterEach(() => workspace.cleanup());

  function script(): ScriptedModel {
    const { rationale: _r, ...malformed } = examples.ChangeProposal;
    return new ScriptedModel({
      concierge: [{ thinking: 'It is a refactor.', ...call.handoff('planner', examples.RoutedTask) }],
      planner: [call.handoff('refactorer', examples.RefactorRequest)],
      refactorer: [call.tool('read_file', { path: 'src/board.ts' }), call.handoff('reviewer', malformed, 'review', 'ChangeProposal'), call.handoff('reviewer', examples.ChangeProposal, 'review', 'ChangeProposal')],
      reviewer: [call.tool('run_command', { command: 'rm -rf /' }), call.submit('ReviewVerdict', examples.ReviewVerdict)],
      'security-reviewer': [call.submit('Opinion', { stance: 'support', reason: 'fine' })],
    });
  }

  it('writes .nova/traces/<run>.jsonl that reloads into the same run tree, with usage rolled up per agent and problems marked', async () => {
    const file = traceFilePath(workspace.folder, 'run-1');
    const memory = new InMemorySpanProcessor();
    const { orchestrator } = await teamOrchestrator(script(), workspace.folder, { processors: [memory, new JsonlSpanProcessor(file)] });

    const result = await orchestrator.run({ text: 'strict equality' }, { runId: 'run-1' });

    assert.equal(result.status, 'completed');
    assert.equal(file, path.join(workspace.folder, '.nova', 'traces', 'run-1.jsonl'));
    const loaded = await loadTrace(file);
    assert.deepEqual(loaded.problems, []);
    assert.deepEqual(loaded.spans, memory.spans);
    assert.deepEqual(outline(loaded.tree.root), outline(buildRunTree(memory.spans).root));
    const root = loaded.tree.root;
    assert.equal(root?.span.kind, 'run');
    assert.deepEqual(root?.children.map((c) => c.span.agent), ['concierge', 'planner', 'refactorer', 'reviewer']);
    // The security-reviewer's consultation hangs under the reviewer's turn that submitted the verdict.
    const kinds = new Set(loaded.spans.map((s) => s.kind));
    for (const kind of ['run', 'agent', 'turn', 'model_call', 'reasoning', 'tool_call', 'handoff', 'validation', 'decision'] as const) assert.ok(kinds.has(kind), kind);

    const usage = rollUpUsage(loaded.spans);
    assert.equal(usage.run.modelCalls, result.usage.steps);
    assert.equal(usage.run.inputTokens + usage.run.outputTokens, result.usage.tokens);
    assert.deepEqual([...usage.byAgent.keys()].sort(), ['concierge', 'planner', 'refactorer', 'reviewer', 'security-reviewer']);
    assert.equal(usage.byAgent.get('refactorer')?.modelCalls, 3);

    const problems = describeProblems(loaded.spans).map((p) => `${p.agent} ${p.kind}`);
    assert.deepEqual(problems, ['refactorer handoff', 'refactorer validation', 'reviewer tool_call']);
  });

  it('reports a trace that cannot be written, and the run’s result still stands', async () => {
    const blocker = path.join(workspace.folder, 'not-a-folder');
    await fs.writeFile(blocker, 'x');
    const { orchestrator } = await teamOrchestrator(script(), workspace.folder, { processors: [new JsonlSpanProcessor(path.join(blocker, 'run.jsonl'))] });

    const result = await orchestrator.run({ text: 'strict equality' });

    assert.equal(result.status, 'completed');
    assert.equal(result.traceProblems.length, 1);
    assert.match(result.traceProblems[0] ?? '', /trace processor failed.*flush.*(ENOTDIR|EEXIST)/);
  });
});
