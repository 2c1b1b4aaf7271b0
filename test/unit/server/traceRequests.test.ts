/**
 * The server's trace methods as a client uses them over stdio: "Rerun from here" (nova/run.start with
 * `rerun`), a span's whole payload (nova/trace.payload), deleting a run's trace (nova/trace.delete),
 * and what nova/run.list says of each run (problems, what it reran). The offline model runs the runs.
 */
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { JsonlSpanProcessor, traceFilePath } from '../../../src/core/trace/jsonl';
import { TraceRecorder } from '../../../src/core/trace/recorder';
import type { AgentSpan, HandoffSpan, RunSpan, Span } from '../../../src/core/trace/spans';
import { tracedPayload } from '../../../src/core/trace/tracedPayload';
import { novaErrorCodes, type ParamsOf } from '../../../src/protocol/message';
import { runAgentStarted, runCancel, runEnded, runList, runStart, runStarted } from '../../../src/protocol/run';
import { sessionConfigure, sessionStatus } from '../../../src/protocol/session';
import { traceDelete, traceGet, tracePayload } from '../../../src/protocol/trace';
import { repoRoot } from '../../../tools/paths';
import { rejection, startOnSample, startWithHeldModel, type HeldModelSession, type SampleSession } from './sampleServer';

type Ended = ParamsOf<typeof runEnded>;
const trustedOffline: ParamsOf<typeof sessionConfigure> = { provider: 'offline', trusted: true, commandAllowlist: [] };

/** The hunk the offline team proposes for the sample's src/report.ts: a valid ChangeProposal's file. */
const reportHunk = { startLine: 2, before: 'import { parseDate, daysBetween, formatDate, slugify } from "./util";', after: 'import { parseDate, daysBetween, formatDate } from "./util";', rationale: 'unused' };

describe('Nova server: rerun from a handoff, payloads, deleting traces', function () {
  this.timeout(90_000);
  let session: SampleSession;
  let first: string;
  let spans: Span[];
  let toSpecialist: HandoffSpan;

  const runAndWait = async (params: ParamsOf<typeof runStart>): Promise<{ runId: string; ended: Ended }> => {
    const { runId } = await session.server.request(runStart, params);
    return { runId, ended: (await session.server.waitFor(runEnded.method, (ended) => (ended as Ended).runId === runId)) as Ended };
  };
  const startedRuns = () => session.server.notifications(runStarted).length;

  before(async () => {
    session = await startOnSample();
    await session.server.request(sessionConfigure, trustedOffline);
    ({ runId: first } = await runAndWait({ task: '/refactor remove unused imports in src/report.ts' }));
    ({ spans } = await session.server.request(traceGet, { runId: first }));
    const handoff = spans.find((span): span is HandoffSpan => span.kind === 'handoff' && span.to === 'typescript-specialist');
    assert.ok(handoff?.payload?.value, 'the planner’s handoff to the specialist, with its payload');
    toSpecialist = handoff;
  });
  after(() => session?.close());

  it('reruns from a handoff with the person’s edited payload: a new run at the receiver, from the original sender, linked to the old one', async () => {
    const edited = { ...(toSpecialist.payload?.value as Record<string, unknown>), constraints: ['keep the exports'] };
    const { runId, ended } = await runAndWait({ task: 'Rerun from here', rerun: { runId: first, spanId: toSpecialist.id, payload: edited } });

    assert.notEqual(runId, first);
    const started = session.server.notifications(runStarted).find((event) => event.runId === runId);
    assert.deepEqual(started, { runId, task: `Rerun of run ${first} from the handoff planner → typescript-specialist (RefactorRequest), with the payload edited`, entryAgent: 'typescript-specialist', origin: 'run' });
    const entry = session.server.notifications(runAgentStarted).find((event) => event.runId === runId);
    assert.deepEqual([entry?.agent, entry?.from, entry?.contract, entry?.payload], ['typescript-specialist', 'planner', 'RefactorRequest', edited]);
    assert.equal(ended.result.status, 'completed');

    const trace = await session.server.request(traceGet, { runId });
    const run = trace.spans.find((span): span is RunSpan => span.kind === 'run');
    assert.deepEqual(run?.rerunOf, { runId: first, spanId: toSpecialist.id, edited: true });
    const agent = trace.spans.find((span): span is AgentSpan => span.kind === 'agent');
    assert.deepEqual([agent?.agent, agent?.from], ['typescript-specialist', 'planner']);

    const listed = (await session.server.request(runList, {})).runs.find((summary) => summary.runId === runId);
    assert.deepEqual([listed?.rerunOf, listed?.problems, listed?.entryAgent], [first, 0, 'typescript-specialist']);
  });

  it('reruns with the recorded payload when none is given', async () => {
    const { runId } = await runAndWait({ task: 'Rerun from here', rerun: { runId: first, spanId: toSpecialist.id } });
    const entry = session.server.notifications(runAgentStarted).find((event) => event.runId === runId);
    assert.deepEqual(entry?.payload, toSpecialist.payload?.value);
    const run = (await session.server.request(traceGet, { runId })).spans.find((span): span is RunSpan => span.kind === 'run');
    assert.equal(run?.rerunOf?.edited, false);
  });

  it('fails the request with the issues of an invalid edit (InvalidParams, data.issues) and starts no run', async () => {
    const before = startedRuns();
    const refused = await rejection(session.server.request(runStart, { task: 'Rerun from here', rerun: { runId: first, spanId: toSpecialist.id, payload: { goal: '', files: 'src/report.ts' } } }));
    assert.equal(refused.code, novaErrorCodes.invalidParams);
    assert.deepEqual(refused.data?.issues, ['payload.goal: Too small: expected string to have >=1 characters', 'payload.files: Invalid input: expected array, received string']);
    assert.match(refused.message, /The payload is not a valid RefactorRequest: payload\.goal: Too small.*; payload\.files: Invalid input/);
    assert.equal(startedRuns(), before);
    assert.equal((await session.server.request(sessionStatus, {})).activeRuns, 0);
  });

  it('refuses a rerun from a span that is not a delivered handoff, of an unknown run, or with an agent as well', async () => {
    const runSpan = spans.find((span) => span.kind === 'run');
    const notHandoff = await rejection(session.server.request(runStart, { task: 'x', rerun: { runId: first, spanId: runSpan?.id ?? '' } }));
    assert.equal(notHandoff.code, novaErrorCodes.invalidParams);
    assert.match(notHandoff.message, /is a run span; a run can only be rerun from a delivered handoff/);
    assert.equal(notHandoff.data, undefined);
    const noSpan = await rejection(session.server.request(runStart, { task: 'x', rerun: { runId: first, spanId: 's9999' } }));
    assert.match(noSpan.message, new RegExp(`Run ${first} has no span s9999`));
    const noRun = await rejection(session.server.request(runStart, { task: 'x', rerun: { runId: '20200101-000000-000000', spanId: 's1' } }));
    assert.deepEqual([noRun.code, noRun.message], [novaErrorCodes.notFound, 'No trace for run 20200101-000000-000000.']);
    const both = await rejection(session.server.request(runStart, { task: 'x', agent: 'reviewer', rerun: { runId: first, spanId: toSpecialist.id } }));
    assert.equal(both.code, novaErrorCodes.invalidParams);
    assert.match(both.message, /without `agent` or `feedback`/);
  });

  it('counts where a run of this session went sideways in nova/run.list', async () => {
    // A link out of the workspace: the concierge's symbol lookup on it is refused, a problem.
    const outside = path.join(path.dirname(session.folder), `${path.basename(session.folder)}-outside.ts`);
    await fs.writeFile(outside, 'export const x = 1;\n');
    await fs.symlink(outside, path.join(session.folder, 'src', 'link.ts'));
    try {
      const { runId, ended } = await runAndWait({ task: '/explain src/link.ts' });
      assert.equal(ended.result.status, 'completed');
      const listed = (await session.server.request(runList, {})).runs.find((run) => run.runId === runId);
      assert.deepEqual([listed?.origin, listed?.problems], ['run', 1]);
    } finally {
      await fs.rm(path.join(session.folder, 'src', 'link.ts'));
      await fs.rm(outside);
    }
  });

  describe('a planted trace with a payload over the cap', () => {
    const planted = '20261130-090000-c0ffee';
    const rationale = 'why '.repeat(6000);
    const big = { summary: 'drop slugify', rationale, files: [{ path: 'src/report.ts', hunks: [reportHunk] }], risks: [] };
    let bigSpan: string;
    let smallSpan: string;

    before(async () => {
      const trace = new TraceRecorder(planted, [new JsonlSpanProcessor(traceFilePath(session.folder, planted))]);
      const run = trace.start('run', null, { task: 'planted', entryAgent: 'refactorer', status: 'stopped' });
      const agent = trace.start('agent', run.id, { agent: 'refactorer', accepted: 'RefactorRequest', outcome: 'handed_off', from: 'planner' });
      smallSpan = trace.record('handoff', agent.id, { agent: 'refactorer', from: 'refactorer', to: 'typescript-specialist', contract: 'RefactorRequest', reason: 'small', payloadHash: 'x', status: 'bounced', payload: tracedPayload({ goal: 1 }), issues: ['payload.goal: expected string'] }).id;
      bigSpan = trace.record('handoff', agent.id, { agent: 'refactorer', from: 'refactorer', to: 'reviewer', contract: 'ChangeProposal', reason: 'review it', payloadHash: 'y', status: 'delivered', payload: tracedPayload(big) }).id;
      agent.end();
      run.end();
      await trace.flush();
    });

    it('answers nova/trace.payload from the side file, and from the line for an inline payload', async () => {
      assert.ok(existsSync(path.join(session.folder, '.nova', 'traces', `${planted}.payloads`, `${bigSpan}.json`)));
      const line = (await session.server.request(traceGet, { runId: planted })).spans.find((span) => span.id === bigSpan) as HandoffSpan;
      assert.equal(line.payload?.inSideFile, true);
      assert.deepEqual(await session.server.request(tracePayload, { runId: planted, spanId: bigSpan }), { payload: big });
      assert.deepEqual(await session.server.request(tracePayload, { runId: planted, spanId: smallSpan }), { payload: { goal: 1 } });
      const none = await rejection(session.server.request(tracePayload, { runId: planted, spanId: 's1' }));
      assert.deepEqual([none.code, none.message], [novaErrorCodes.notFound, `Span s1 of run ${planted} has no recorded payload.`]);
      const escape = await rejection(session.server.request(tracePayload, { runId: planted, spanId: '../../x' }));
      assert.equal(escape.code, novaErrorCodes.invalidParams);
    });

    it('reruns from a handoff whose payload is in the side file', async () => {
      const { runId } = await runAndWait({ task: 'Rerun from here', rerun: { runId: planted, spanId: bigSpan } });
      const entry = session.server.notifications(runAgentStarted).find((event) => event.runId === runId);
      assert.deepEqual([entry?.agent, entry?.from, entry?.payload], ['reviewer', 'refactorer', big]);
    });

    it('lists planted runs with their problem count, and deletes a trace with its side files', async () => {
      const oldRun = '20261120-101500-0a1b2c';
      await fs.copyFile(path.join(repoRoot, 'test', 'fixtures', 'traces', `${oldRun}.jsonl`), traceFilePath(session.folder, oldRun));
      const { runs } = await session.server.request(runList, {});
      assert.deepEqual(runs.filter((run) => run.runId === planted || run.runId === oldRun).map((run) => [run.runId, run.origin, run.problems]), [[planted, 'trace', 1], [oldRun, 'trace', 2]]);

      assert.deepEqual(await session.server.request(traceDelete, { runId: planted }), { deleted: true });
      assert.ok(!existsSync(traceFilePath(session.folder, planted)), 'the trace file is gone');
      assert.ok(!existsSync(path.join(session.folder, '.nova', 'traces', `${planted}.payloads`)), 'and its side files');
      assert.ok(!(await session.server.request(runList, {})).runs.some((run) => run.runId === planted));
      assert.deepEqual(await session.server.request(traceDelete, { runId: planted }), { deleted: false });
      const gone = await rejection(session.server.request(tracePayload, { runId: planted, spanId: bigSpan }));
      assert.equal(gone.code, novaErrorCodes.notFound);
      const bad = await rejection(session.server.request(traceDelete, { runId: '../../src' }));
      assert.equal(bad.code, novaErrorCodes.invalidParams);
      assert.ok(existsSync(path.join(session.folder, 'src', 'report.ts')), 'nothing outside the traces folder is touched');
    });
  });
});

describe('Nova server: the trace of a running run is not deleted', function () {
  this.timeout(60_000);
  let held: HeldModelSession;
  before(async () => (held = await startWithHeldModel()));
  after(() => held?.close());

  it('refuses to delete while the run goes on (conflict), and deletes it once it ended', async () => {
    const { server } = held;
    await held.configure();
    const { runId } = await server.request(runStart, { task: 'review src/sync.ts' });
    await held.modelCalled();

    const refused = await rejection(server.request(traceDelete, { runId }));
    assert.equal(refused.code, novaErrorCodes.conflict);
    assert.match(refused.message, /still running: cancel it before deleting its trace/);

    await server.request(runCancel, { runId });
    await server.waitFor(runEnded.method, (params) => (params as Ended).runId === runId, 10_000);
    assert.deepEqual(await server.request(traceDelete, { runId }), { deleted: true });
    assert.ok(!(await server.request(runList, {})).runs.some((run) => run.runId === runId), 'no longer listed');
  });
});
