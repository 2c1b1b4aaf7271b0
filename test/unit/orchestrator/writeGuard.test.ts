/**
 * The write guard (OrchestratorOptions.protectedPath): an improve run's protection at the tool
 * layer. A ChangeProposal — handed off or submitted — that names a path the guard refuses never
 * reaches anyone: each such path is a `protected_write` span, and the proposal bounces to its
 * author, which may drop the path (the run goes on) or insist (its bounces run out and the branch
 * stops cleanly). The real shipped team and tools, a scripted model, a real workspace on disk.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { ChangeProposal } from '../../../src/core/contracts';
import { ImproveProtection } from '../../../src/core/improve/protection';
import { defaultImproveSettings } from '../../../src/core/improve/settings';
import type { ModelRequest } from '../../../src/core/model/client';
import type { ProtectedWriteSpan, Span } from '../../../src/core/trace/spans';
import { boardSource, examples } from '../../support/payloads';
import { call, ScriptedModel } from '../../support/scriptedModel';
import { teamOrchestrator, tempWorkspace } from '../../support/team';

const protection = ImproveProtection.create({ settings: defaultImproveSettings, goal: 'use strict equality', scope: ['src/**'], target: 'code' });
const guard = (file: string) => protection.refusal(file);

/** The good proposal plus a change to each of `extra`. */
function proposalWith(...extra: string[]): ChangeProposal {
  const good: ChangeProposal = JSON.parse(JSON.stringify(examples.ChangeProposal));
  return { ...good, files: [...good.files, ...extra.map((file) => ({ path: file, hunks: [{ startLine: 1, before: '', after: '// loosened', rationale: 'make it pass' }] }))] };
}

const attempts = (spans: readonly Span[]) => spans.filter((span): span is ProtectedWriteSpan => span.kind === 'protected_write').map((span) => span.attempt);

/** The last tool result the agent's model was sent (what the bounce said). */
function lastToolResult(requests: readonly ModelRequest[], agent: string, index: number): string {
  const block = requests.filter((request) => request.agent === agent)[index]?.messages.at(-1)?.content[0];
  assert.ok(block?.type === 'tool_result' && block.isError, JSON.stringify(block));
  return block.content;
}

describe('the write guard on change proposals', () => {
  let workspace: Awaited<ReturnType<typeof tempWorkspace>>;
  beforeEach(async () => (workspace = await tempWorkspace({ 'src/board.ts': boardSource, 'test/board.test.ts': "import './board';\n", 'package.json': '{"scripts":{"test":"mocha"}}\n' })));
  afterEach(() => workspace.cleanup());

  it('bounces a handed-off proposal naming protected paths to its author, one span per path; the run goes on once it drops them', async () => {
    const model = new ScriptedModel({
      reviewer: [call.handoff('refactorer', examples.RefactorRequest), call.submit('ReviewVerdict', examples.ReviewVerdict)],
      refactorer: [call.handoff('reviewer', proposalWith('test/board.test.ts', 'package.json'), 'review', 'ChangeProposal'), call.handoff('reviewer', examples.ChangeProposal, 'review', 'ChangeProposal')],
      'security-reviewer': [call.submit('Opinion', { stance: 'support', reason: 'fine' })],
    });
    const { orchestrator, spans } = await teamOrchestrator(model, workspace.folder, { protectedPath: guard });
    const received: unknown[] = [];
    orchestrator.events.on((event) => event.type === 'agent_start' && event.agent === 'reviewer' && received.push(event.payload));

    const result = await orchestrator.run({ text: 'review board.ts', agent: 'reviewer' });

    assert.equal(result.status, 'completed', JSON.stringify(result.stuck));
    assert.deepEqual(attempts(spans.spans), [
      { agent: 'refactorer', path: 'test/board.test.ts', reason: protection.reason('test/board.test.ts'), via: 'proposal' },
      { agent: 'refactorer', path: 'package.json', reason: protection.reason('package.json'), via: 'proposal' },
    ]);
    const bounce = lastToolResult(model.requests, 'refactorer', 1);
    assert.match(bounce, /payload\.files\.1\.path: "test\/board\.test\.ts" is a test the test gate runs .*; this run may not change it: drop this file from the proposal/);
    assert.match(bounce, /payload\.files\.2\.path: "package\.json" is the gates' configuration/);
    assert.deepEqual(received.slice(1), [examples.ChangeProposal], 'only the proposal without them reached the reviewer');
    const spanOf = spans.spans.find((span) => span.kind === 'protected_write');
    const turn = spans.spans.find((span) => span.id === spanOf?.parentId);
    assert.equal(turn?.kind, 'turn', 'the attempt is recorded in the turn that made it');
    assert.equal(await fs.readFile(path.join(workspace.folder, 'test/board.test.ts'), 'utf8'), "import './board';\n");
  });

  it('stops the branch cleanly when the author insists, after the same bounces as any malformed result', async () => {
    const insist = call.submit('ChangeProposal', proposalWith('test/board.test.ts'));
    const model = new ScriptedModel({
      reviewer: [call.handoff('refactorer', examples.RefactorRequest)],
      refactorer: [insist, insist, insist],
    });
    const { orchestrator, spans } = await teamOrchestrator(model, workspace.folder, { protectedPath: guard });

    const result = await orchestrator.run({ text: 'review board.ts', agent: 'reviewer' });

    assert.equal(result.status, 'stopped');
    assert.equal(result.stuck?.reason, 'contract_violation');
    assert.match(result.stuck?.detail ?? '', /refactorer's ChangeProposal was still malformed after 2 bounces: files\.1\.path: "test\/board\.test\.ts" is a test/);
    assert.equal(attempts(spans.spans).length, 3, 'each attempt is recorded');
    assert.deepEqual(result.artifacts.filter((artifact) => artifact.contract === 'ChangeProposal'), [], 'no proposal came out of the run');
    assert.deepEqual(model.remaining(), {}, 'the script ran to its end: nothing after the stop');
  });

  it('accepts a submitted proposal once the author drops the path', async () => {
    const model = new ScriptedModel({
      reviewer: [call.handoff('refactorer', examples.RefactorRequest)],
      refactorer: [call.submit('ChangeProposal', proposalWith('.idea/workspace.xml')), call.submit('ChangeProposal', examples.ChangeProposal)],
    });
    const { orchestrator, spans } = await teamOrchestrator(model, workspace.folder, { protectedPath: guard });

    const result = await orchestrator.run({ text: 'review board.ts', agent: 'reviewer' });

    assert.equal(result.status, 'completed', JSON.stringify(result.stuck));
    assert.deepEqual(result.result?.payload, examples.ChangeProposal);
    assert.match(lastToolResult(model.requests, 'refactorer', 1), /^Your ChangeProposal was not accepted:\n- files\.1\.path: "\.idea\/workspace\.xml" is an editor's settings/);
    assert.deepEqual(attempts(spans.spans).map((attempt) => attempt.path), ['.idea/workspace.xml']);
  });

  it('refuses a path that leads to a protected file through a symbolic link, naming where it leads', async () => {
    await fs.mkdir(path.join(workspace.folder, 'src/links'));
    await fs.symlink(path.join(workspace.folder, 'test/board.test.ts'), path.join(workspace.folder, 'src/links/board-check.ts'));
    const model = new ScriptedModel({
      reviewer: [call.handoff('refactorer', examples.RefactorRequest)],
      refactorer: [call.submit('ChangeProposal', proposalWith('src/links/board-check.ts')), call.submit('ChangeProposal', examples.ChangeProposal)],
    });
    const { orchestrator, spans } = await teamOrchestrator(model, workspace.folder, { protectedPath: guard });

    const result = await orchestrator.run({ text: 'review board.ts', agent: 'reviewer' });

    assert.equal(result.status, 'completed', JSON.stringify(result.stuck));
    assert.match(attempts(spans.spans)[0]?.reason ?? '', /^"src\/links\/board-check\.ts" leads to test\/board\.test\.ts: "test\/board\.test\.ts" is a test the test gate runs/);
  });

  it('without a guard (an ordinary run), the same proposal passes: the built-in rules alone do not protect tests', async () => {
    const model = new ScriptedModel({
      reviewer: [call.handoff('refactorer', examples.RefactorRequest)],
      refactorer: [call.submit('ChangeProposal', proposalWith('test/board.test.ts'))],
    });
    const { orchestrator, spans } = await teamOrchestrator(model, workspace.folder);

    const result = await orchestrator.run({ text: 'review board.ts', agent: 'reviewer' });

    assert.equal(result.status, 'completed', JSON.stringify(result.stuck));
    assert.deepEqual(attempts(spans.spans), []);
  });
});
