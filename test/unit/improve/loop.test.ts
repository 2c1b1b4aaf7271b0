import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ChangeProposal, ChangeReport } from '../../../src/core/contracts';
import type { ModelCallOptions, ModelClient, ModelRequest, ModelResponse, ToolUseBlock } from '../../../src/core/model/client';
import { acceptOnDisk } from '../../../src/core/proposals/acceptOnDisk';
import { acceptImprovement, rejectImprovement } from '../../../src/core/improve/decide';
import { ImproveRefused, startImprove, type ImproveRunOptions } from '../../../src/core/improve/loop';
import type { ImproveRecord } from '../../../src/core/improve/record';
import { ImproveRecords } from '../../../src/core/improve/records';
import { reportMarkdown } from '../../../src/core/improve/reportMarkdown';
import { defaultImproveSettings } from '../../../src/core/improve/settings';
import { nodeWorkspaceFiles } from '../../../src/core/host/nodeFiles';
import { OfflineModel } from '../../../src/core/model/offline/offlineModel';
import { ProposalStore } from '../../../src/core/proposals/store';
import { loadTrace } from '../../../src/core/trace/jsonl';
import type { Span } from '../../../src/core/trace/spans';
import { WorkspaceSandbox } from '../../../src/core/workspace/sandbox';
import { git, removeScratch } from '../checkpoints/tempRepo';
import { improveLeftovers, personState, sampleGates, sampleRepository, teamOf } from './improveRepo';

describe('the improve loop on a real repository', () => {
  let repo: ReturnType<typeof sampleRepository>;
  let before: Record<string, string>;
  beforeEach(() => {
    repo = sampleRepository();
    before = personState(repo.folder);
  });
  afterEach(() => repo.cleanup());
  after(removeScratch);

  const options = (overrides: Partial<ImproveRunOptions> = {}): ImproveRunOptions => ({
    folder: repo.folder,
    request: { scope: ['src/**'], goal: 'remove unused imports', target: 'code' },
    model: { client: new OfflineModel(), defaultModel: 'offline' },
    loadTeam: teamOf,
    settings: { ...defaultImproveSettings, testCommand: 'npm test' },
    commands: { allowlist: [] },
    trusted: true,
    gates: sampleGates(),
    ...overrides,
  });

  it('offline: unused imports removed within scope, every gate passes, the report quotes the gates, and Accept brings exactly the scope\'s hunks through the store', async () => {
    const phases: string[] = [];
    const started = await startImprove(options({ onPhase: (phase, status) => phases.push(`${phase}:${status}`) }));
    assert.deepEqual(started.dirtyInScope, ['src/board.ts'], 'the person\'s edit inside the scope is named before the run');
    const record = await started.done;
    assert.equal(record.state, 'ready', JSON.stringify(record.report?.risks ?? record.error));
    const report = record.report!;
    assert.equal(report.offered, true);
    assert.deepEqual(report.gates.map((gate) => `${gate.gate}:${gate.status}`), ['typecheck:passed', 'tests:passed', 'review:passed']);
    assert.match(report.gates[1]!.evidence, /# pass \d+/, 'the test gate quotes node\'s own test output');
    assert.ok(report.files.length > 0 && report.files.every((file) => file.path.startsWith('src/') && file.why.length > 0), JSON.stringify(report.files));
    assert.ok(report.files.some((file) => file.path === 'src/report.ts' && file.removed >= 1));
    assert.deepEqual(report.dirtyInScope, ['src/board.ts']);
    assert.deepEqual(report.notChecked, ['The evals gate: not run: no such gate is configured.']);
    assert.deepEqual(phases.filter((phase) => phase.endsWith(':started')).map((phase) => phase.split(':')[0]), ['preflight', 'worktree', 'agents', 'apply', 'typecheck', 'tests', 'review', 'report']);
    const markdown = reportMarkdown(report);
    assert.match(markdown, /### Tests: ✅ passed/);
    assert.ok(markdown.includes(report.gates[1]!.evidence.trim().split('\n').at(-1)!), 'the Markdown quotes the captured output');

    // One trace, one run span, the phases under it in order, each gate's record as a gate span.
    const spans = (await loadTrace(path.join(repo.folder, '.nova', 'traces', `${record.runId}.jsonl`))).spans;
    const runSpans = spans.filter((span) => span.kind === 'run');
    assert.equal(runSpans.length, 1);
    assert.equal(runSpans[0]!.kind === 'run' && runSpans[0]!.task, 'Improve: remove unused imports');
    const phaseSpans = spans.filter((span): span is Extract<Span, { kind: 'improve_phase' }> => span.kind === 'improve_phase').sort((a, b) => a.startedAt - b.startedAt);
    assert.deepEqual(phaseSpans.map((span) => span.phase), ['preflight', 'worktree', 'agents', 'apply', 'typecheck', 'tests', 'review', 'evals', 'report']);
    assert.ok(phaseSpans.every((span) => span.parentId === runSpans[0]!.id));
    const gateSpans = spans.filter((span) => span.kind === 'gate');
    assert.deepEqual(gateSpans.map((span) => span.kind === 'gate' && span.record), report.gates);
    const agentsPhase = phaseSpans.find((span) => span.phase === 'agents')!;
    assert.ok(spans.some((span) => span.kind === 'agent' && span.agent === 'concierge' && span.parentId === agentsPhase.id));
    const reportPhase = phaseSpans.find((span) => span.phase === 'report')!;
    assert.ok(spans.some((span) => span.kind === 'agent' && span.agent === 'reporter' && span.parentId === reportPhase.id));

    // Nothing of the person's moved; the branch holds the change until Accept.
    assert.deepEqual(personState(repo.folder, { withoutNova: true }), before);
    assert.equal(improveLeftovers(repo.folder).branches, `nova/improve/${record.runId}`);

    const store = ProposalStore.open(repo.folder);
    const { changeSetId } = await acceptImprovement(repo.folder, record.runId, store);
    assert.deepEqual(personState(repo.folder), before, 'Accept only offers the hunks: the files wait for the person, and Nova\'s branch is gone');
    assert.deepEqual(improveLeftovers(repo.folder), { branches: '', worktrees: [] });
    assert.equal((await new ImproveRecords(repo.folder).get(record.runId)).state, 'accepted');

    const changeSet = (await store.get(changeSetId))!;
    assert.deepEqual(changeSet.files.map((file) => file.path), report.files.map((file) => file.path));
    assert.equal(changeSet.source.kind === 'agent' && changeSet.source.agent, 'typescript-specialist');
    const tracked = git(repo.folder, ['ls-files', '-z']).split('\0').filter(Boolean);
    const textsBefore = new Map(tracked.map((file) => [file, fs.readFileSync(path.join(repo.folder, file), 'utf8')]));
    const outcome = await acceptOnDisk({ store, sandbox: await WorkspaceSandbox.create([repo.folder], nodeWorkspaceFiles), checkpoint: async () => 'none' }, changeSet);
    assert.deepEqual(outcome.conflicts, []);
    const changed = tracked.filter((file) => fs.readFileSync(path.join(repo.folder, file), 'utf8') !== textsBefore.get(file));
    assert.deepEqual(changed, report.files.map((file) => file.path), 'the working tree changed exactly in the reported files');
    assert.ok(changed.every((file) => file.startsWith('src/')));
    assert.match(fs.readFileSync(path.join(repo.folder, 'src/board.ts'), 'utf8'), /the person's work in progress/, 'the person\'s edit survives the accepted hunks');
  });

  it('a change that breaks a test: the tests gate fails with the failing output, nothing is offered, Accept is refused', async () => {
    const record = await (await startImprove(options({ model: { client: breakingOffline(), defaultModel: 'offline' } }))).done;
    assert.equal(record.state, 'blocked');
    const report = record.report!;
    assert.equal(report.offered, false);
    const tests = report.gates.find((gate) => gate.gate === 'tests')!;
    assert.equal(tests.status, 'failed');
    assert.match(tests.evidence, /# fail [1-9]/);
    assert.match(tests.evidence, /not ok \d+ - summarizes a board/);
    assert.ok(report.risks.some((risk) => risk.startsWith('Tests failed')));
    assert.ok(report.notChecked.some((item) => item.includes('review gate: not run: Tests did not pass')));
    assert.match(reportMarkdown(report), /### Tests: ❌ failed[\s\S]*# fail/);
    await assert.rejects(acceptImprovement(repo.folder, record.runId, ProposalStore.open(repo.folder)), (error: unknown) => error instanceof ImproveRefused && /is blocked \(not every gate passed\)/.test(error.message));
    assert.deepEqual(personState(repo.folder, { withoutNova: true }), before);
    assert.deepEqual((await ProposalStore.open(repo.folder).list()).changeSets, []);
    await rejectImprovement(repo.folder, record.runId, { keepBranch: false });
    assert.deepEqual(personState(repo.folder), before);
  });

  it('a reporter that claims a failed gate passed: the report shows the record, and the claim becomes a risk', async () => {
    const record = await (await startImprove(options({ model: { client: breakingAndLying(), defaultModel: 'offline' } }))).done;
    const report = record.report!;
    assert.equal(record.state, 'blocked');
    assert.equal(report.offered, false);
    assert.equal(report.gates.find((gate) => gate.gate === 'tests')?.status, 'failed', 'the gate is its record, whatever the reporter said');
    assert.equal(report.title, 'Unused imports removed', 'the reporter\'s words are kept where the records do not contradict them');
    assert.equal(report.summary, 'Removed the unused imports.', 'the false sentence is not used');
    assert.ok(report.risks.includes('The reporter wrote "All tests passed and the type-check is clean.", which the gate records contradict; it is not used.'), report.risks.join('\n'));
    assert.ok(report.risks.some((risk) => /^The reporter said Tests passed; its record says failed \(exit code 1\)\. The claim is not used\.$/.test(risk)), report.risks.join('\n'));
    assert.ok(!report.risks.some((risk) => risk.includes('said Type-check passed')), 'a true claim is no risk');
    await rejectImprovement(repo.folder, record.runId, { keepBranch: false });
    assert.deepEqual(personState(repo.folder), before);
  });

  it('cancel mid-run leaves no worktree and no branch', async () => {
    const controller = new AbortController();
    const started = await startImprove(options({ signal: controller.signal, onPhase: (phase, status) => phase === 'agents' && status === 'started' && setTimeout(() => controller.abort(), 50) }));
    const record = await started.done;
    assert.equal(record.state, 'cancelled');
    assert.deepEqual(improveLeftovers(repo.folder), { branches: '', worktrees: [] });
    assert.deepEqual(personState(repo.folder), before);
    assert.equal((await new ImproveRecords(repo.folder).get(record.runId)).state, 'cancelled');
  });

  it('reject removes the worktree and the branch; reject keepBranch keeps both', async () => {
    const first = await (await startImprove(options({ gates: [] }))).done;
    const second = await (await startImprove(options({ gates: [] }))).done;
    assert.equal(first.state, 'ready');
    const gone = await rejectImprovement(repo.folder, first.runId, { keepBranch: false });
    assert.equal(gone.kept, false);
    assert.ok(!fs.existsSync(gone.worktree));
    const kept = await rejectImprovement(repo.folder, second.runId, { keepBranch: true });
    assert.equal(kept.kept, true);
    assert.ok(fs.existsSync(path.join(kept.worktree, 'src', 'report.ts')));
    assert.deepEqual(improveLeftovers(repo.folder), { branches: `nova/improve/${second.runId}`, worktrees: [second.runId] });
    assert.equal(git(kept.worktree, ['log', '-1', '--format=%an %s']).trim(), 'Nova Nova improve: remove unused imports');
    await assert.rejects(rejectImprovement(repo.folder, first.runId, { keepBranch: false }), /rejected: there is nothing to reject/);
    assert.deepEqual(personState(repo.folder, { withoutNova: true }), before);
    assert.equal(personState(repo.folder).branches, `${before.branches}+ nova/improve/${second.runId}\n`, 'the kept branch is checked out in its kept worktree');
  });

  it('refuses to start outside a repository, or before its first commit, and creates nothing', async () => {
    const plain = fs.mkdtempSync(path.join(path.dirname(repo.folder), 'plain-'));
    await assert.rejects(startImprove(options({ folder: plain })), (error: unknown) => error instanceof ImproveRefused && /not inside a git repository/.test(error.message));
    git(plain, ['init', '--quiet']);
    await assert.rejects(startImprove(options({ folder: plain })), /no commit yet/);
    await assert.rejects(startImprove(options({ request: { scope: [], goal: 'x', target: 'code' } })), /the scope is empty/);
    assert.ok(!fs.existsSync(path.join(plain, '.nova')));
    assert.deepEqual(await new ImproveRecords(repo.folder).list(), { improvements: [] as ImproveRecord[], problems: [] });
  });
});

/** The offline model with one agent's tool calls rewritten: a model that misbehaves in one way, the rest of the team real. */
function offlineExcept(agent: string, rewrite: (block: ToolUseBlock) => ToolUseBlock): ModelClient {
  const offline = new OfflineModel();
  return {
    provider: offline.provider,
    countTokens: (request) => offline.countTokens(request),
    async complete(request: ModelRequest, callOptions: ModelCallOptions): Promise<ModelResponse> {
      const response = await offline.complete(request, callOptions);
      if (request.agent !== agent) return response;
      return { ...response, content: response.content.map((block) => (block.type === 'tool_use' ? rewrite(block) : block)) };
    },
  };
}

/** The specialist's proposal also breaks `summarize`'s completion in src/report.ts (the sample's tests check it). */
function breakingOffline(): ModelClient {
  const breaking = {
    startLine: 21,
    before: '  const completion = tasks.length === 0 ? 0 : Math.round((byStatus.done / tasks.length) * 100);',
    after: '  const completion = tasks.length === 0 ? 0 : Math.round((byStatus.done / tasks.length) * 10);',
    rationale: 'A simpler percentage.',
  };
  return offlineExcept('typescript-specialist', (block) => {
    const payload = (block.input as { payload?: ChangeProposal }).payload;
    if (!payload?.files?.some((file) => file.path === 'src/report.ts')) return block;
    const files = payload.files.map((file) => (file.path === 'src/report.ts' ? { ...file, hunks: [...file.hunks, breaking] } : file));
    return { ...block, input: { ...(block.input as object), payload: { ...payload, files } } };
  });
}

/** As breakingOffline, and the reporter says every gate passed. */
function breakingAndLying(): ModelClient {
  const breaking = breakingOffline();
  const lying = offlineExcept('reporter', (block) => {
    if (block.name !== 'submit_ChangeReport') return block;
    const report = block.input as ChangeReport;
    return { ...block, input: { ...report, title: 'Unused imports removed', why: 'Removed the unused imports. All tests passed and the type-check is clean.', gates: report.gates.map((gate) => ({ ...gate, status: 'passed' })) } };
  });
  return { ...breaking, complete: (request, callOptions) => (request.agent === 'reporter' ? lying : breaking).complete(request, callOptions) };
}
