/**
 * Team runs in the server, as a client follows them: started by a request, streamed as nova/run.*
 * notifications, ended with their proposals already stored, listed, traced and cancellable. The
 * offline model runs them; a scripted Messages API on loopback holds a Claude run open to cancel it.
 */
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { Span } from '../../../src/core/trace/spans';
import { chatSend } from '../../../src/protocol/chat';
import { novaErrorCodes, type ParamsOf } from '../../../src/protocol/message';
import { proposalsChanged, proposalsList } from '../../../src/protocol/proposals';
import { runAgentStarted, runCancel, runEnded, runList, runSpan, runStart, runStarted } from '../../../src/protocol/run';
import { sessionConfigure, sessionStatus } from '../../../src/protocol/session';
import { traceGet } from '../../../src/protocol/trace';
import { LspServer } from '../../support/lspServer';
import { rejection, startOnSample, startWithHeldModel, type HeldModelSession, type SampleSession } from './sampleServer';

type Ended = ParamsOf<typeof runEnded>;

const trustedOffline: ParamsOf<typeof sessionConfigure> = { provider: 'offline', trusted: true, commandAllowlist: [] };

/** The notifications of one run, in the order they arrived. */
function eventsOf(server: LspServer, runId: string): { method: string; params: { runId: string } }[] {
  return server.received.filter((item) => (item.params as { runId?: string } | undefined)?.runId === runId) as { method: string; params: { runId: string } }[];
}

describe('Nova server: team runs', function () {
  this.timeout(60_000);
  let session: SampleSession;
  // A key in the server's inherited environment must not be picked up (it arrives by request only).
  before(async () => (session = await startOnSample({ env: { ANTHROPIC_API_KEY: 'sk-ant-from-the-parent-environment' } })));
  after(() => session?.close());

  describe('a refactor run on the offline model', () => {
    let runId: string;
    let ended: Ended;
    let diskBefore: string;
    before(async () => {
      const configured = await session.server.request(sessionConfigure, trustedOffline);
      assert.equal(configured.model.offline, true);
      diskBefore = await session.disk('src/report.ts');
      ({ runId } = await session.server.request(runStart, { task: '/refactor remove unused imports in src/report.ts' }));
      ended = (await session.server.waitFor(runEnded.method, (params) => (params as Ended).runId === runId)) as Ended;
    });

    it('streams the run: started, agents, spans, then ended with its proposals', () => {
      const events = eventsOf(session.server, runId);
      assert.equal(events[0]?.method, runStarted.method);
      assert.deepEqual(events[0]?.params, { runId, task: '/refactor remove unused imports in src/report.ts', entryAgent: 'concierge', origin: 'run' });
      assert.equal(events.at(-1)?.method, runEnded.method, 'nothing of the run arrives after it ended');
      const agents = session.server.notifications(runAgentStarted).filter((event) => event.runId === runId).map((event) => event.agent);
      assert.deepEqual(agents.slice(0, 4), ['concierge', 'planner', 'typescript-specialist', 'reviewer']);
      const spans = session.server.notifications(runSpan).filter((event) => event.runId === runId);
      assert.ok(spans.some((event) => event.span.kind === 'run' && event.span.parentId === null), 'the run span closes the run');
      assert.equal(ended.result.status, 'completed');
      assert.equal(ended.result.runId, runId);
      assert.equal(ended.proposalIds.length, 1, 'one change proposal, stored');
    });

    it('stores the proposal before it says the run ended, pending, from the run, with the file untouched', async () => {
      const [proposalId] = ended.proposalIds;
      const added = session.server.received.findIndex((item) => item.method === proposalsChanged.method && (item.params as { id: string }).id === proposalId);
      const endedAt = session.server.received.findIndex((item) => item.method === runEnded.method && (item.params as Ended).runId === runId);
      assert.ok(added >= 0 && added < endedAt, 'nova/proposals.changed comes before nova/run.ended');
      const { changeSets } = await session.server.request(proposalsList, { open: true });
      const stored = changeSets.find((changeSet) => changeSet.id === proposalId);
      assert.ok(stored);
      const { spanId, ...source } = stored.source as { spanId?: string };
      assert.deepEqual(source, { kind: 'agent', runId, agent: 'typescript-specialist' });
      // The span that carried it: the specialist's delivered handoff to the reviewer, for "Why?".
      const carrier = (await session.server.request(traceGet, { runId })).spans.find((span: Span) => span.id === spanId);
      assert.ok(carrier?.kind === 'handoff' && carrier.status === 'delivered' && carrier.from === 'typescript-specialist', JSON.stringify(carrier));
      assert.deepEqual(stored.files.flatMap((file) => file.hunks.map((hunk) => [hunk.status, hunk.author])), [['pending', 'typescript-specialist']]);
      const hunks = stored.files.flatMap((file) => file.hunks.map((hunk) => ({ path: file.path, before: hunk.before, after: hunk.after })));
      assert.deepEqual(hunks, [
        { path: 'src/report.ts', before: 'import { parseDate, daysBetween, formatDate, slugify } from "./util";', after: 'import { parseDate, daysBetween, formatDate } from "./util";' },
      ]);
      assert.equal(await session.disk('src/report.ts'), diskBefore, 'a run proposes; it never writes');
    });

    it('lists the run as it ended', async () => {
      const { runs } = await session.server.request(runList, {});
      const listed = runs.find((run) => run.runId === runId);
      assert.ok(listed);
      assert.equal(listed.status, ended.result.status);
      assert.equal(listed.origin, 'run');
      assert.equal(listed.entryAgent, 'concierge');
      assert.equal(typeof listed.endedAt, 'number');
      assert.deepEqual(listed.usage, ended.result.usage);
      assert.equal(listed.problems, 0, 'nothing went sideways');
      assert.equal(listed.rerunOf, undefined);
    });

    it('returns the trace: every span it streamed, under one run span', async () => {
      const trace = await session.server.request(traceGet, { runId });
      assert.equal(trace.runId, runId);
      assert.deepEqual(trace.problems, []);
      const streamed = session.server.notifications(runSpan).filter((event) => event.runId === runId).map((event) => event.span.id);
      assert.deepEqual(trace.spans.map((span: Span) => span.id).sort(), [...streamed].sort());
      const roots = trace.spans.filter((span: Span) => span.parentId === null);
      assert.deepEqual(roots.map((span: Span) => span.kind), ['run']);
      assert.ok(trace.spans.every((span: Span) => span.runId === runId));
      assert.ok(existsSync(path.join(session.folder, '.nova', 'traces', `${runId}.jsonl`)), 'kept in the workspace, for later sessions');
    });

    it('cancels nothing once the run has ended', async () => {
      assert.deepEqual(await session.server.request(runCancel, { runId }), { cancelled: false });
      assert.equal((await session.server.request(sessionStatus, {})).activeRuns, 0);
    });
  });

  it('answers a chat message at the front door the same way, as a chat run', async () => {
    await session.server.request(sessionConfigure, trustedOffline);
    const { runId } = await session.server.request(chatSend, { text: '/review src/sync.ts' });
    const ended = (await session.server.waitFor(runEnded.method, (params) => (params as Ended).runId === runId)) as Ended;
    const started = session.server.notifications(runStarted).find((event) => event.runId === runId);
    assert.deepEqual(started, { runId, task: '/review src/sync.ts', entryAgent: 'concierge', origin: 'chat' });
    assert.equal(ended.result.status, 'completed');
    assert.deepEqual(ended.proposalIds, [], 'a review proposes no change');
    const verdict = ended.result.result?.payload as { verdict: string; findings: { rule: string }[] };
    assert.equal(verdict.verdict, 'request_changes');
    assert.deepEqual(verdict.findings.map((finding) => finding.rule).sort(), ['empty-catch', 'explicit-any', 'floating-promise', 'hardcoded-secret']);
    const { runs } = await session.server.request(runList, {});
    assert.deepEqual(runs.find((run) => run.runId === runId)?.origin, 'chat');
  });

  it('answers a chat message addressed to one agent at that agent, with the budget it may spend', async () => {
    await session.server.request(sessionConfigure, trustedOffline);
    const started = await session.server.request(chatSend, { text: 'review src/sync.ts', agent: 'reviewer' });
    assert.deepEqual(started.budget, { maxSteps: 80, maxTokens: 2_000_000, maxUsd: 5 });
    await session.server.waitFor(runEnded.method, (params) => (params as Ended).runId === started.runId);
    const event = session.server.notifications(runStarted).find((notified) => notified.runId === started.runId);
    assert.deepEqual([event?.entryAgent, event?.origin], ['reviewer', 'chat']);
    const unknown = await rejection(session.server.request(chatSend, { text: 'hello', agent: 'nobody' }));
    assert.match(unknown.message, /No agent named "nobody"/);
  });

  it('refuses Claude without a key (one in its environment does not count), says how to add one, and stays offline', async () => {
    const refused = await rejection(session.server.request(sessionConfigure, { provider: 'anthropic', trusted: true, commandAllowlist: [] }));
    assert.equal(refused.code, novaErrorCodes.conflict);
    assert.match(refused.message, /no Anthropic API key is set: use "Nova: Set Anthropic API Key"/);
    const status = await session.server.request(sessionStatus, {});
    assert.equal(status.model.offline, true);
    assert.match(status.model.label, /offline model/);
  });
});

describe('Nova server: runs without a workspace folder', function () {
  this.timeout(30_000);
  it('refuses to start a run and says to open a folder', async () => {
    const { server } = await LspServer.start({ folders: [] });
    try {
      await server.request(sessionConfigure, trustedOffline);
      const refused = await rejection(server.request(runStart, { task: '/review' }));
      assert.equal(refused.code, novaErrorCodes.conflict);
      assert.match(refused.message, /need a workspace folder: open a folder first/);
      assert.equal((await server.request(sessionStatus, {})).activeRuns, 0);
    } finally {
      await server.stop();
    }
  });
});

describe('Nova server: cancelling a Claude run that is waiting for the model', function () {
  this.timeout(60_000);
  let held: HeldModelSession;
  let server: LspServer;
  before(async () => ({ server } = held = await startWithHeldModel()));
  after(() => held?.close());

  it('cancels the run at once: it ends cancelled, with nothing proposed, and is listed so', async () => {
    const configured = await held.configure();
    assert.equal(configured.model.offline, false);
    const { runId } = await server.request(runStart, { task: 'review src/sync.ts' });
    await held.modelCalled();
    assert.equal((await server.request(sessionStatus, {})).activeRuns, 1);
    const [running] = (await server.request(runList, {})).runs;
    assert.equal(running?.status, 'running');
    assert.equal(running.entryAgent, 'concierge', 'the agent it is waiting on');

    const cancelledAt = performance.now();
    assert.deepEqual(await server.request(runCancel, { runId }), { cancelled: true });
    const ended = (await server.waitFor(runEnded.method, (params) => (params as Ended).runId === runId, 10_000)) as Ended;
    assert.ok(performance.now() - cancelledAt < 5_000, 'the model call is abandoned, not awaited');
    assert.equal(ended.result.status, 'cancelled');
    assert.deepEqual(ended.proposalIds, []);
    assert.equal((await server.request(runList, {})).runs.find((run) => run.runId === runId)?.status, 'cancelled');
    assert.equal((await server.request(sessionStatus, {})).activeRuns, 0);
    assert.deepEqual(await server.request(runCancel, { runId }), { cancelled: false });
  });

  it('sends the configured key to the model API and nowhere else', async () => {
    const calls = held.scripted.requests.filter((request) => request.path === '/v1/messages');
    assert.ok(calls.length > 0);
    for (const call of calls) assert.ok(call.headers['x-api-key'] === held.apiKey || call.headers['authorization'] === `Bearer ${held.apiKey}`, 'the API got the key');
    const traces = path.join(held.folder, '.nova', 'traces');
    const traced = await Promise.all((await fs.readdir(traces)).map((name) => fs.readFile(path.join(traces, name), 'utf8')));
    assert.ok(traced.length > 0);
    assert.ok(!traced.some((text) => text.includes(held.apiKey)), 'not in a trace file');
    assert.ok(!JSON.stringify(server.received).includes(held.apiKey), 'not in a notification');
    assert.ok(!JSON.stringify(server.messageRequests).includes(held.apiKey), 'not in a message to the person');
    assert.ok(!server.stderr.includes(held.apiKey), 'not in the server log');
  });
});
