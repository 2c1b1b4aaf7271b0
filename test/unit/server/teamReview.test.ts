/**
 * A large workspace review with a key, over a real LSP connection: the analyzer findings are
 * published, then the team's batch (the scripted Messages API behind the real SDK) replaces them
 * file by file — dismissed findings go, added ones appear — with progress and a summary; a server
 * killed while it waits on the batch leaves it to the next server, which collects it without
 * submitting it again; the wait does not hold the review queue; and a canceled review cancels its
 * batch and keeps the analyzer findings.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { CancellationTokenSource, DidOpenTextDocumentNotification, PublishDiagnosticsNotification, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import type { ResultOf } from '../../../src/protocol/message';
import { loadTrace, traceFilePath } from '../../../src/core/trace/jsonl';
import { listTracedRuns } from '../../../src/core/trace/runSummary';
import { reviewRun, reviewTeamProgress } from '../../../src/protocol/review';
import { traceWritten } from '../../../src/protocol/trace';
import { sessionConfigure } from '../../../src/protocol/session';
import { poll } from '../../poll';
import { startScriptedServer, type ScriptedServer } from '../../support/anthropicServer';
import { LspServer } from '../../support/lspServer';
import { sampleCopy } from '../../support/sampleRepository';
import { playTeam, submits, verdicts, type TeamScript } from '../review/batch/scriptedTeam';
import { fileUri, startNovaClient } from './sampleServer';

const apiKey = 'sk-ant-test-team-review-0123456789';

/**
 * The reviewer dismisses every `==` and adds a finding to board.ts; the security reviewer agrees
 * with whatever is listed, except that it would dismiss sync.ts's token (a disagreement the reviewer's verdict wins).
 */
const team: TeamScript = (ask) => {
  if (ask.agent === 'security-reviewer') return submits(ask.agent, { opinions: verdicts(ask, (f) => (f.rule === 'hardcoded-secret' ? { decision: 'dismiss', reason: 'A fake token in a sample.' } : undefined)) });
  return submits(ask.agent, {
    verdicts: verdicts(ask, (f) => (f.rule === 'loose-equality' ? { decision: 'dismiss', reason: 'Both sides are numbers here.' } : undefined)),
    added: ask.path === 'src/board.ts' ? [{ line: 1, severity: 'info', rule: 'team-added', message: 'Found by the reviewer.' }] : [],
  });
};

describe('Nova server: a large review with a key goes to the team through the Message Batches API', function () {
  this.timeout(120_000);
  let folder: string;
  let cleanup: () => Promise<void>;
  let scripted: ScriptedServer;
  let server: LspServer | undefined;

  /** The scripted Messages API, whose batches end on their `polls`th poll, playing the team. */
  async function scriptedTeam(polls: number): Promise<void> {
    scripted = await startScriptedServer({ apiKey, batchPollsUntilEnded: polls });
    playTeam(scripted, team);
  }
  /** A Nova server on the sample, configured for Claude through the scripted API. */
  async function start(trusted = true): Promise<LspServer> {
    const started = await startNovaClient(folder);
    // Threshold 2: the sample's few files stand in for a large workspace.
    await started.request(sessionConfigure, { provider: 'anthropic', apiKey, baseURL: scripted.baseURL, trusted, commandAllowlist: [], reviewBatchThreshold: 2 });
    return started;
  }
  const creates = () => scripted.requests.filter((r) => r.method === 'POST' && r.path === '/v1/messages/batches').length;
  const lastCodes = (on: LspServer, relative: string) => {
    const uri = fileUri(folder, relative);
    const all = on.received.filter((item) => item.method === PublishDiagnosticsNotification.method && (item.params as PublishDiagnosticsParams).uri === uri);
    return ((all.at(-1)?.params as PublishDiagnosticsParams | undefined)?.diagnostics ?? []).map((d) => String(d.code)).sort();
  };

  beforeEach(async () => ({ folder, cleanup } = await sampleCopy()));
  afterEach(async () => {
    await server?.stop();
    server = undefined;
    await scripted.close();
    await cleanup();
  });

  it('publishes the analyzer findings, then the team\'s: dismissed ones go, added ones appear, with progress and a summary', async () => {
    await scriptedTeam(1);
    server = await start();
    const result = (await server.request(reviewRun, {})) as ResultOf<typeof reviewRun>;

    assert.ok(result.team, JSON.stringify(result.problems));
    assert.equal(result.team.resumed, false);
    assert.ok(result.team.dismissed >= 1 && result.team.added === 1, JSON.stringify(result.team));
    assert.deepEqual(result.problems.filter((p) => /team|reviewer/.test(p)), []);
    assert.equal(creates(), 1);
    const progress = server.notifications(reviewTeamProgress);
    assert.equal(progress.at(-1)?.status, 'ended');
    assert.equal(progress.at(-1)?.batchId, result.team.batchId);
    assert.ok(progress.every((polled) => !polled.resumed), 'the progress of the batch this review submitted');

    const board = lastCodes(server, 'src/board.ts');
    assert.ok(board.includes('team-added'), board.join(', '));
    assert.ok(!board.includes('loose-equality'), 'the dismissed finding is no longer published');
    const published = server.received.filter((item) => item.method === PublishDiagnosticsNotification.method && (item.params as PublishDiagnosticsParams).uri === fileUri(folder, 'src/board.ts'));
    assert.ok(published.some((item) => (item.params as PublishDiagnosticsParams).diagnostics.some((d) => d.code === 'loose-equality')), 'the analyzer findings were published first');
    const kept = JSON.parse(await fs.readFile(path.join(folder, '.nova', 'review', 'last.json'), 'utf8')) as { files: Record<string, { findings: { rule: string }[] }> };
    assert.ok(kept.files['src/board.ts']?.findings.some((f) => f.rule === 'team-added'), 'the team\'s findings are what is kept');

    // Who decided what is in the team's trace: every verdict the reviewer's, the disagreement settled by ownership.
    assert.equal(result.team.disagreements, 1);
    assert.ok(result.team.traceRunId, 'the answer names the team\'s trace');
    assert.deepEqual(server.notifications(traceWritten), [{ runId: result.team.traceRunId }], 'the client is told, so its list of runs shows the trace');
    const trace = await loadTrace(traceFilePath(folder, result.team.traceRunId));
    const decisions = trace.spans.flatMap((span) => (span.kind === 'decision' ? [span.decision] : []));
    assert.equal(decisions.length, result.team.confirmed + result.team.dismissed);
    const disputed = decisions.filter((decision) => decision.dissent.length > 0);
    assert.deepEqual(disputed.map((d) => [d.owner, d.outcome, d.settledBy, d.dissent.map((o) => `${o.agent} ${o.stance} ${o.suggestedOutcome}: ${o.reason}`)]), [
      ['reviewer', 'confirm', 'ownership', ['security-reviewer oppose dismiss: A fake token in a sample.']],
    ]);
    assert.match(disputed[0]!.rationale, /^src\/sync\.ts:\d+ hardcoded-secret \(F\d+\): /);
  });

  it('sends nothing for a workspace the person has not trusted (Restricted Mode), nor at or below the threshold', async () => {
    await scriptedTeam(1);
    server = await start(false);
    const restricted = (await server.request(reviewRun, {})) as ResultOf<typeof reviewRun>;
    assert.equal(restricted.team, undefined);
    await server.request(sessionConfigure, { provider: 'anthropic', apiKey, baseURL: scripted.baseURL, trusted: true, commandAllowlist: [], reviewBatchThreshold: 2 });
    const small = (await server.request(reviewRun, { paths: ['src/board.ts', 'src/sync.ts'] })) as ResultOf<typeof reviewRun>;
    assert.equal(small.files, 2);
    assert.equal(small.team, undefined);
    assert.equal(scripted.requests.length, 0);
  });

  it('a server killed while it waits on the batch leaves it to the next, which collects it unasked without submitting it again', async () => {
    await scriptedTeam(2);
    server = await start();
    void server.request(reviewRun, {}).catch(() => undefined);
    await server.waitFor(reviewTeamProgress.method, undefined, 60_000);
    server.process.kill('SIGKILL');
    await server.exited();
    assert.equal(creates(), 1);

    // The next server, once it has the key, collects the batch and publishes the team's findings unasked.
    server = await start();
    const boardUri = fileUri(folder, 'src/board.ts');
    await server.waitFor(PublishDiagnosticsNotification.method, (params) => (params as PublishDiagnosticsParams).uri === boardUri && (params as PublishDiagnosticsParams).diagnostics.some((d) => d.code === 'team-added'), 30_000);
    assert.equal(creates(), 1, 'no second submit');
    assert.ok(!lastCodes(server, 'src/board.ts').includes('loose-equality'));
    const keptFile = path.join(folder, '.nova', 'review', 'last.json');
    const keeps = () => (readFileSync(keptFile, 'utf8').includes('"team-added"') ? true : undefined);
    assert.ok(await poll(keeps, 10_000), 'the team\'s findings are kept as the last review');
    // Written before the team's findings are published, so it is there by now.
    const traced = (await listTracedRuns(folder, 10)).filter((run) => /collected after a restart/.test(run.task));
    assert.equal(traced.length, 1, 'the collected batch has its trace too');
    assert.deepEqual(server.notifications(traceWritten), [{ runId: traced[0]?.runId }], 'and the client is told of it');
    const resumedProgress = server.notifications(reviewTeamProgress);
    assert.ok(resumedProgress.length > 0 && resumedProgress.every((polled) => polled.resumed), 'its progress says it is a batch left by the last server, which no review now waits on');
  });

  it('waits for the batch outside the review queue: a file edited meanwhile is reviewed at once', async () => {
    await scriptedTeam(2);
    server = await start();
    void server.request(reviewRun, {}).catch(() => undefined);
    // The batch has been polled once, and the next poll is 30 s away.
    await server.waitFor(reviewTeamProgress.method, undefined, 60_000);
    const uri = fileUri(folder, 'src/board.ts');
    const text = (await fs.readFile(path.join(folder, 'src', 'board.ts'), 'utf8')).replace(/(?<![=!])==(?!=)/, '===');
    await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'typescript', version: 1, text } });
    const edited = (await server.waitFor(PublishDiagnosticsNotification.method, (params) => (params as PublishDiagnosticsParams).uri === uri && (params as PublishDiagnosticsParams).version === 1, 10_000)) as PublishDiagnosticsParams;
    assert.ok(Array.isArray(edited.diagnostics));
  });

  it('keeps the newer review of a file edited while the team reviewed it: the team\'s verdicts on the old text are not published', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    scripted = await startScriptedServer({ apiKey, batchPollsUntilEnded: 1, beforeBatchPoll: () => held });
    playTeam(scripted, team);
    try {
      server = await start();
      const answer = server.request(reviewRun, {}) as Promise<ResultOf<typeof reviewRun>>;
      // The batch is submitted and its first poll held: the person fixes the `==` in src/board.ts meanwhile.
      assert.ok(await poll(() => (creates() === 1 ? true : undefined), 30_000), 'the batch was submitted');
      const uri = fileUri(folder, 'src/board.ts');
      const text = (await fs.readFile(path.join(folder, 'src', 'board.ts'), 'utf8')).replace(/(?<![=!])==(?!=)/, '===');
      await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'typescript', version: 1, text } });
      await server.waitFor(PublishDiagnosticsNotification.method, (params) => (params as PublishDiagnosticsParams).uri === uri && (params as PublishDiagnosticsParams).version === 1, 10_000);
      release();

      const result = await answer;
      assert.ok(result.team, JSON.stringify(result.problems));
      assert.ok(result.problems.includes('1 file(s) changed while the team reviewed them: their newer review stands.'), JSON.stringify(result.problems));
      const board = lastCodes(server, 'src/board.ts');
      assert.ok(!board.includes('team-added'), `the team's finding on the old text is not published: ${board.join(', ')}`);
      assert.ok(!board.includes('loose-equality'), 'the edited text has no `==` left');
      const kept = JSON.parse(await fs.readFile(path.join(folder, '.nova', 'review', 'last.json'), 'utf8')) as { files: Record<string, { findings: { rule: string }[] }> };
      assert.ok(!kept.files['src/board.ts']?.findings.some((f) => f.rule === 'team-added'), 'nor kept as the last review');
    } finally {
      release();
    }
  });

  it('a canceled review cancels its batch and keeps the analyzer findings', async () => {
    await scriptedTeam(1000);
    server = await start();
    const cancel = new CancellationTokenSource();
    const running = server.connection.sendRequest(reviewRun.method, {}, cancel.token).then(
      (result) => result as ResultOf<typeof reviewRun>,
      (error: unknown) => error,
    );
    await server.waitFor(reviewTeamProgress.method, undefined, 60_000);
    cancel.cancel();
    const outcome = await running;
    while (!scripted.requests.some((r) => r.method === 'POST' && r.path.endsWith('/cancel'))) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.ok(lastCodes(server, 'src/board.ts').includes('loose-equality'), 'the analyzer findings stand');
    // The review answers: its analyzer findings, and why the team's pass is missing.
    const answered = outcome as ResultOf<typeof reviewRun>;
    assert.equal(answered.team, undefined);
    assert.match(answered.problems.join('\n'), /The team's review of the analyzer findings did not finish: it was canceled \(its batch too\)\. The analyzer findings stand\./);
  });
});
