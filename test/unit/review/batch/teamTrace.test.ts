/**
 * The team's batched review in a trace (src/core/review/batch/teamTrace.ts): every verdict is a
 * decision the reviewer owns; where the security reviewer's opinion differs, the reviewer's verdict
 * stands by ownership and the opinion is recorded as dissent — visible in the trace file, in the
 * run's problems (so the Runs view counts it) and in `nova trace` as a person reads it.
 */
import * as assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { TerminalOutput } from '../../../../src/cli/terminalOutput';
import { traceShowCommand } from '../../../../src/cli/traceCommand';
import type { AnalyzedFinding } from '../../../../src/core/review/analyzer';
import type { BatchReviewResult } from '../../../../src/core/review/batch/batchReview';
import { mergeVerdicts } from '../../../../src/core/review/batch/mergeVerdicts';
import { disagreementsOf, findingDecisionRecord, writeTeamTrace } from '../../../../src/core/review/batch/teamTrace';
import { costOf, defaultPrices, priceFor } from '../../../../src/core/model/pricing';
import { loadTrace, traceFilePath } from '../../../../src/core/trace/jsonl';
import { describeProblems, rollUpUsage } from '../../../../src/core/trace/rollup';
import { listTracedRuns } from '../../../../src/core/trace/runSummary';
import { tempWorkspace } from '../../../support/team';

const finding = (line: number, rule: string, message: string): AnalyzedFinding => ({
  path: 'src/board.ts', line, severity: 'warning', rule, message, analyzer: rule, range: { startLine: line, startColumn: 2, endLine: line, endColumn: 20 },
});
const findings = [finding(5, 'loose-equality', 'Use ===.'), finding(6, 'dangerous-sink', 'eval of settings text.'), finding(7, 'hardcoded-secret', 'A key in the source.')];

/** The reviewer confirms `==` and the key and dismisses `eval`; the security reviewer would confirm both security findings. */
function mergedBoard() {
  return mergeVerdicts({
    path: 'src/board.ts',
    findings,
    lineLengths: [10, 10, 10, 10, 30, 40, 30],
    reviewer: { ok: true, value: { verdicts: [
      { finding: 'F1', decision: 'confirm', reason: 'Mixed number and string here.' },
      { finding: 'F2', decision: 'dismiss', reason: 'The formula comes from a file the project ships.' },
      { finding: 'F3', decision: 'confirm', reason: 'A live key.' },
    ], added: [] } },
    security: { ok: true, value: { opinions: [
      { finding: 'F2', decision: 'confirm', reason: 'A settings file is writable by anyone who can open a pull request.' },
      { finding: 'F3', decision: 'confirm', reason: 'It leaks the key.' },
    ] } },
  }).file;
}

const resultOf = (files: BatchReviewResult['files'], calls: BatchReviewResult['calls'] = []): BatchReviewResult => ({ batchId: 'msgbatch_01team', resumed: false, files, problems: [], calls });

describe('the team\'s batched review in a trace', () => {
  let folder: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ folder, cleanup } = await tempWorkspace()));
  afterEach(() => cleanup());

  it('settles a disagreement by ownership: the reviewer\'s verdict stands, the security reviewer\'s opinion is its dissent', () => {
    const board = mergedBoard();
    const sink = findingDecisionRecord(board.path, board.decisions[1]!);
    assert.equal(sink.owner, 'reviewer');
    assert.equal(sink.outcome, 'dismiss');
    assert.equal(sink.settledBy, 'ownership');
    assert.equal(sink.rationale, 'src/board.ts:6 dangerous-sink (F2): The formula comes from a file the project ships.');
    assert.deepEqual(sink.dissent.map((o) => [o.agent, o.stance, o.suggestedOutcome, o.reason]), [['security-reviewer', 'oppose', 'confirm', 'A settings file is writable by anyone who can open a pull request.']]);
    assert.deepEqual(sink.ownerProvenance, { origin: 'shipped', file: 'src/core/review/batch/teamRequests.ts' });

    // Agreement and no opinion at all are both unopposed, with the advice (if any) attached.
    const key = findingDecisionRecord(board.path, board.decisions[2]!);
    assert.deepEqual([key.settledBy, key.opinions.map((o) => o.stance), key.dissent.length], ['unopposed', ['support'], 0]);
    const loose = findingDecisionRecord(board.path, board.decisions[0]!);
    assert.deepEqual([loose.settledBy, loose.opinions.length], ['unopposed', 0]);
    assert.equal(disagreementsOf(resultOf([{ ...board, textHash: 'h' }])), 1);
  });

  it('writes every verdict under one run span, the disagreement among the run\'s problems and in `nova trace`', async () => {
    const written = await writeTeamTrace(folder, resultOf([{ ...mergedBoard(), textHash: 'h' }]), { runId: 'team-run-1' });
    assert.deepEqual(written, { runId: 'team-run-1', decisions: 3 });

    const trace = await loadTrace(traceFilePath(folder, 'team-run-1'));
    assert.deepEqual(trace.problems, []);
    const run = trace.tree.root!;
    assert.equal(run.span.kind === 'run' && run.span.entryAgent, 'reviewer');
    assert.equal(run.span.kind === 'run' && run.span.task, "Team review: the reviewer's 3 verdict(s) on analyzer findings in 1 file(s), 1 disagreement(s) (batch msgbatch_01team)");
    assert.deepEqual(run.children.map((node) => (node.span.kind === 'decision' ? [node.span.agent, node.span.decision.outcome, node.span.decision.settledBy] : node.span.kind)), [
      ['reviewer', 'confirm', 'unopposed'],
      ['reviewer', 'dismiss', 'ownership'],
      ['reviewer', 'confirm', 'unopposed'],
    ]);
    assert.deepEqual(describeProblems(trace.spans).map((problem) => problem.summary), [
      'Disagreement on review.finding: reviewer decided dismiss, security-reviewer opposes: A settings file is writable by anyone who can open a pull request.',
    ]);
    const [listed] = await listTracedRuns(folder, 10);
    assert.deepEqual([listed?.runId, listed?.status, listed?.problems], ['team-run-1', 'completed', 1]);

    const shown = new PassThrough({ decodeStrings: false, encoding: 'utf8' });
    assert.equal(await traceShowCommand(traceFilePath(folder, 'team-run-1'), new TerminalOutput(shown)), 0);
    assert.match(String(shown.read()), /decision review\.finding by reviewer: dismiss \(ownership\)/);
  });

  it('records each reply as a model call of its agent, at the batch price (half the list price)', async () => {
    const model = 'claude-sonnet-4-5-20250929';
    const usage = (inputTokens: number, outputTokens: number) => ({ inputTokens, outputTokens, cacheReadTokens: 1000, cacheCreationTokens: 0 });
    const calls = [
      { agent: 'reviewer', model, usage: usage(4000, 600), stopReason: 'tool_use' },
      { agent: 'security-reviewer', model, usage: usage(3000, 200), stopReason: 'tool_use' },
    ];
    await writeTeamTrace(folder, resultOf([{ ...mergedBoard(), textHash: 'h' }], calls), { runId: 'team-run-2' });

    const trace = await loadTrace(traceFilePath(folder, 'team-run-2'));
    const { run, byAgent } = rollUpUsage(trace.spans);
    const listPrice = (call: (typeof calls)[number]) => costOf(call.usage, priceFor(defaultPrices, model));
    assert.ok(listPrice(calls[0]!) > 0, 'the model is priced');
    assert.deepEqual([...byAgent.keys()], ['reviewer', 'security-reviewer']);
    assert.equal(byAgent.get('reviewer')?.outputTokens, 600);
    assert.equal(run.modelCalls, 2);
    assert.ok(Math.abs(run.costUsd - (listPrice(calls[0]!) + listPrice(calls[1]!)) / 2) < 1e-12, `${run.costUsd}`);
    const [listed] = await listTracedRuns(folder, 10);
    assert.ok(listed !== undefined && Math.abs(listed.usage.costUsd - run.costUsd) < 1e-12 && listed.usage.steps === 2, 'the Runs view lists what the batch cost');
  });

  it('writes nothing when no batch was sent or no file\'s verdicts were merged', async () => {
    assert.equal(await writeTeamTrace(folder, { ...resultOf([]), batchId: undefined }), undefined);
    const unmerged = { path: 'src/board.ts', findings, dismissed: [], decisions: [], reviewed: false, textHash: 'h' };
    assert.equal(await writeTeamTrace(folder, resultOf([unmerged])), undefined);
    assert.deepEqual(await listTracedRuns(folder, 10), []);
  });
});
