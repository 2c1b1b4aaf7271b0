import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { AnthropicModel } from '../../../../src/core/model/anthropic/anthropicModel';
import { BatchReview, type BatchReviewProgress, type BatchSource } from '../../../../src/core/review/batch/batchReview';
import { isLargeReview } from '../../../../src/core/review/batch/threshold';
import type { TeamReviewedFile } from '../../../../src/core/review/batch/mergeVerdicts';
import { startScriptedServer, type ScriptedServer } from '../../../support/anthropicServer';
import { clientOf } from '../../anthropicServer/sdk';
import { playTeam, submits, verdicts, type TeamScript } from './scriptedTeam';
import { plantedKey, teamFiles } from './teamFixture';

// A batched team review through the real SDK against the scripted Messages API server (loopback).
const key = 'sk-ant-api03-TEST-BATCH-REVIEW-7d1e';
const model = 'claude-test-1';

/** The reviewer confirms `==` and the key, dismisses `any` and `eval`, and adds a finding; the security reviewer confirms both security findings. */
const team: TeamScript = (ask) => {
  if (ask.agent === 'security-reviewer') return submits(ask.agent, { opinions: verdicts(ask, (f) => ({ decision: 'confirm', reason: `${f.rule}: exploitable as written` })) });
  const added = ask.path === 'src/board.ts' ? [{ line: 4, severity: 'warning', rule: 'unvalidated-settings', message: 'The settings file is trusted without validation.' }] : [];
  return submits(ask.agent, {
    verdicts: verdicts(ask, (f) => {
      if (f.rule === 'explicit-any') return { decision: 'dismiss', reason: 'A deliberate escape hatch in a widening helper.' };
      if (f.rule === 'dangerous-sink') return { decision: 'dismiss', reason: 'The formula comes from a file the project ships.' };
      return undefined;
    }),
    added,
  });
};

describe('batched team review: the Message Batches API through the real SDK', function () {
  this.timeout(60_000);
  let server: ScriptedServer;
  let state: string;
  let progress: BatchReviewProgress[];
  const never = new AbortController().signal;

  beforeEach(async () => {
    server = await startScriptedServer({ apiKey: key, batchPollsUntilEnded: 3 });
    state = await fs.mkdtemp(path.join(os.tmpdir(), 'nova-batch-review-'));
    progress = [];
  });
  afterEach(async () => {
    await server.close();
    await fs.rm(state, { recursive: true, force: true });
  });

  const source = (): AnthropicModel => new AnthropicModel({ apiKey: key, baseURL: server.baseURL, maxRetries: 0 });
  const review = (from: BatchSource = source()) => new BatchReview(from, state, { model, pollIntervalMs: 5, onProgress: (p) => progress.push(p) });
  const creates = () => server.requests.filter((r) => r.method === 'POST' && r.path === '/v1/messages/batches');
  const fileOf = (files: readonly TeamReviewedFile[], shown: string) => files.find((file) => file.path === shown)!;

  it('batches only above the threshold (200 files by default)', () => {
    assert.equal(isLargeReview(200), false);
    assert.equal(isLargeReview(201), true);
    assert.equal(isLargeReview(20, 10), true);
  });

  it('submits one batch, reports progress, and merges the verdicts: a dismissed finding goes with its reason, an added one appears, the reviewer owns each verdict', async () => {
    const asks = playTeam(server, team);
    const files = teamFiles();
    const result = await review().review(files, never);

    // One batch: a reviewer request per file with findings, a security one per file with security findings.
    assert.equal(creates().length, 1);
    const submitted = (creates()[0]!.body as { requests: { custom_id: string; params: { stream?: boolean; tools: { name: string }[] } }[] }).requests;
    assert.deepEqual(submitted.map((r) => r.custom_id), ['reviewer-0', 'security-0', 'reviewer-1', 'security-1', 'reviewer-2']);
    assert.ok(submitted.every((r) => r.params.stream === undefined && r.params.tools.length === 1));
    assert.deepEqual(asks.map((a) => `${a.agent} ${a.path} ${a.findings.map((f) => f.rule).join(',')}`), [
      'reviewer src/config.ts hardcoded-secret',
      'security-reviewer src/config.ts hardcoded-secret',
      'reviewer src/board.ts loose-equality,dangerous-sink',
      'security-reviewer src/board.ts dangerous-sink',
      'reviewer src/util.ts explicit-any',
    ]);
    // Context is the lines around the findings and the repository map, never the key itself.
    const board = asks[2]!.text;
    assert.match(board, /^5 \| {3}if \(wanted == limit\) return limit;$/m);
    assert.match(board, /imports src\/config\.ts \(uses loadSettings\); it exports:\n {4}function loadSettings: \(name: string\) => Record<string, string>\n {4}variable anthropicKey: string/);
    assert.match(board, /imported by src\/util\.ts \(uses columnCount\)/);
    assert.match(asks[0]!.text, /anthropicKey = 'sk-⟨masked⟩;/);
    assert.ok(!JSON.stringify(server.requests.map((r) => r.body)).includes(plantedKey.slice(12)), 'the planted key never leaves the process');

    // Progress: each poll's counts, until the batch ends.
    assert.deepEqual(progress.map((p) => [p.status, p.processing, p.succeeded]), [['in_progress', 5, 0], ['in_progress', 5, 0], ['ended', 0, 5]]);
    assert.ok(progress.every((p) => p.batchId === result.batchId));

    assert.equal(result.resumed, false);
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.calls.map((call) => call.agent).sort(), [...Array<string>(3).fill('reviewer'), ...Array<string>(2).fill('security-reviewer')], JSON.stringify(result.calls.map((call) => call.agent)));
    assert.ok(result.calls.every((call) => call.usage.outputTokens > 0 && call.model.length > 0));
    assert.ok(result.calls.some((call) => call.usage.cacheReadTokens > 0), 'requests after the first read the shared system prompt and tool from the cache');
    const util = fileOf(result.files, 'src/util.ts');
    assert.deepEqual(util.findings, []);
    assert.deepEqual(util.dismissed.map((d) => [d.finding.rule, d.reason]), [['explicit-any', 'A deliberate escape hatch in a widening helper.']]);
    const boardFile = fileOf(result.files, 'src/board.ts');
    assert.deepEqual(boardFile.findings.map((f) => [f.line, f.rule, f.analyzer]), [[4, 'unvalidated-settings', 'reviewer'], [5, 'loose-equality', 'loose-equality']]);
    assert.deepEqual(boardFile.findings[0]!.range, { startLine: 4, startColumn: 0, endLine: 4, endColumn: 46 });
    // The security reviewer opposed dismissing `eval`: its dissent is recorded; the owner's verdict stands.
    const sink = boardFile.decisions.find((d) => d.rule === 'dangerous-sink')!;
    assert.equal(sink.owner, 'reviewer');
    assert.equal(sink.outcome, 'dismiss');
    assert.deepEqual(sink.dissent, [{ agent: 'security-reviewer', stance: 'oppose', reason: 'dangerous-sink: exploitable as written', suggestedOutcome: 'confirm' }]);
    assert.deepEqual(boardFile.decisions.find((d) => d.rule === 'loose-equality')!.opinions, [], 'no advice on a rule that is not about security');
    const config = fileOf(result.files, 'src/config.ts');
    assert.deepEqual(config.findings.map((f) => f.rule), ['hardcoded-secret']);
    assert.deepEqual(config.decisions.map((d) => [d.outcome, d.opinions.map((o) => o.stance), d.dissent.length]), [['confirm', ['support'], 0]]);

    assert.deepEqual(await review().resume(never), [], 'a collected batch is never resumed');
  });

  it('bounces malformed results: each is a problem of its file, whose analyzer findings stand unchanged', async () => {
    playTeam(server, (ask) => {
      if (ask.path === 'src/util.ts') return submits(ask.agent, { verdicts: [{ finding: 'F1', decision: 'maybe', reason: 'hmm' }] });
      if (ask.path === 'src/config.ts' && ask.agent === 'reviewer') return { content: [{ type: 'text', text: 'Looks fine to me.' }] };
      if (ask.path === 'src/config.ts') return { content: [], fault: { kind: 'status', status: 529 } };
      if (ask.agent === 'security-reviewer') return submits(ask.agent, { opinions: [{ finding: 'F7', decision: 'dismiss', reason: 'no such finding' }] });
      // board.ts: one verdict of two, and an added finding past the end of the file.
      return submits(ask.agent, { verdicts: [{ finding: 'F1', decision: 'dismiss', reason: 'fine' }], added: [{ line: 99, severity: 'error', rule: 'x', message: 'y' }] });
    });
    const files = teamFiles();
    const result = await review().review(files, never);

    for (const file of result.files) {
      assert.equal(file.reviewed, false, file.path);
      assert.deepEqual(file.findings, files.find((f) => f.path === file.path)!.findings, `${file.path}: analyzer findings stand`);
      assert.deepEqual([file.dismissed, file.decisions], [[], []]);
    }
    const problems = result.problems.join('\n');
    assert.match(problems, /src\/util\.ts: the reviewer's verdicts were not merged \(its result broke the contract: verdicts\.0\.decision: .*\); its analyzer findings stand\./);
    assert.match(problems, /src\/config\.ts: the reviewer's verdicts were not merged \(it replied without calling submit_FileReview\)/);
    assert.match(problems, /src\/config\.ts: the security-reviewer's advice was not recorded \(its request errored: Overloaded\)/);
    assert.match(problems, /src\/board\.ts: the reviewer's verdicts were not merged \(its result broke the contract: F2: no verdict; added\.0\.line: 99 is past the file's last line \(8\)\)/);
  });

  it('keeps the reviewer\'s verdicts when only the security advice is malformed', async () => {
    playTeam(server, (ask) => (ask.agent === 'security-reviewer' ? submits(ask.agent, { opinions: [] }) : team(ask)));
    const result = await review().review(teamFiles(), never);
    assert.deepEqual(fileOf(result.files, 'src/board.ts').findings.map((f) => f.rule), ['unvalidated-settings', 'loose-equality']);
    assert.ok(result.files.every((file) => file.reviewed && file.decisions.every((d) => d.opinions.length === 0)));
    assert.match(result.problems.join('\n'), /src\/board\.ts: the security-reviewer's advice was not recorded \(its result broke the contract: F2: no opinion\); the reviewer's verdicts stand without it\./);
  });

  it('cancels: an abort cancels the batch on the API and stops polling, and the batch is never resumed', async () => {
    playTeam(server, team);
    const controller = new AbortController();
    const batchReview = new BatchReview(source(), state, { model, pollIntervalMs: 5, onProgress: () => controller.abort() });
    await assert.rejects(batchReview.review(teamFiles(), controller.signal), (error: Error) => error.name === 'AbortError');

    const [created] = creates();
    const batchId = server.requests.find((r) => r.method === 'GET' && r.path.startsWith('/v1/messages/batches/'))!.path.split('/').at(-1)!;
    assert.ok(created);
    const cancels = server.requests.filter((r) => r.method === 'POST' && r.path === `/v1/messages/batches/${batchId}/cancel`);
    assert.equal(cancels.length, 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(server.requests.filter((r) => r.method === 'GET').length, 1, 'no poll after the abort');
    const batch = await clientOf(server, { apiKey: key }).messages.batches.retrieve(batchId);
    assert.equal(batch.request_counts.canceled, 5);

    assert.deepEqual(await review().resume(never), []);
    await review().review(teamFiles(), never);
    assert.equal(creates().length, 2, 'a review after the cancel submits a new batch');
  });

  it('resumes after a restart: a new BatchReview over the same state folder collects the batch without submitting it again', async () => {
    playTeam(server, team);
    const stopped: BatchSource = {
      batches: (folder) => {
        const batches = source().batches(folder);
        batches.wait = () => Promise.reject(new Error('the server stopped'));
        return batches;
      },
    };
    await assert.rejects(review(stopped).review(teamFiles(), never), /the server stopped/);
    assert.equal(creates().length, 1);

    const result = await review().review(teamFiles(), never);
    assert.equal(creates().length, 1, 'no second submit');
    assert.equal(result.resumed, true);
    assert.equal(progress.at(-1)?.status, 'ended');
    assert.deepEqual(fileOf(result.files, 'src/util.ts').dismissed.map((d) => d.finding.rule), ['explicit-any']);
    assert.deepEqual(await review().resume(never), []);
  });

  it('cancels and forgets a batch left without its manifest (Nova stopped while submitting it), which nothing can merge', async () => {
    playTeam(server, team);
    const stopped: BatchSource = {
      batches: (folder) => Object.assign(source().batches(folder), { wait: () => Promise.reject(new Error('the server stopped')) }),
    };
    await assert.rejects(review(stopped).review(teamFiles(), never), /the server stopped/);
    const [manifest] = await fs.readdir(path.join(state, 'manifests'));
    await fs.rm(path.join(state, 'manifests', manifest!));

    const [orphan, ...more] = await review().resume(never);
    assert.deepEqual(more, []);
    assert.deepEqual(orphan?.files, []);
    assert.match(orphan?.problems.join('\n') ?? '', /^batch msgbatch_\w+ has no review manifest \(was Nova stopped while submitting it\?\): it was canceled and will not be collected; the analyzer findings stand$/);
    const cancels = server.requests.filter((r) => r.method === 'POST' && r.path === `/v1/messages/batches/${orphan?.batchId}/cancel`);
    assert.equal(cancels.length, 1, 'it costs no more');
    assert.deepEqual(await review().resume(never), [], 'and is not reported again at the next start');
  });

  it('resume() collects every batch left uncollected, and a review of other findings does not take it', async () => {
    playTeam(server, team);
    const stopped: BatchSource = {
      batches: (folder) => Object.assign(source().batches(folder), { wait: () => Promise.reject(new Error('the server stopped')) }),
    };
    await assert.rejects(review(stopped).review(teamFiles(), never), /the server stopped/);
    const other = teamFiles({ 'src/other.ts': 'export function same(a: number, b: number): boolean {\n  return a == b;\n}\n' });
    const fresh = await review().review(other, never);
    assert.equal(fresh.resumed, false);
    assert.equal(creates().length, 2);

    const [resumed, ...more] = await review().resume(never);
    assert.equal(more.length, 0);
    assert.equal(resumed?.resumed, true);
    assert.deepEqual(resumed?.files.map((file) => file.path), ['src/config.ts', 'src/board.ts', 'src/util.ts']);
    assert.equal(creates().length, 2);
  });
});
