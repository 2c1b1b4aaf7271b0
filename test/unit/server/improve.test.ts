/**
 * Improve runs in the server, as the editor drives them over a real LSP connection: on a copy of the
 * sample committed to a real git repository, the offline team removes an unused import in a
 * worktree, the gates run (the test command asked for like any command), the report comes back
 * with nova/improve.ended, and Accept puts the change in the proposal store. A second server over
 * the same folder still lists and accepts what the first one left; the person's git state never moves.
 */
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { commandApprove, type CommandApprovalParams } from '../../../src/protocol/approval';
import { improveAccept, improveCancel, improveEnded, improveGet, improveList, improvePhase, improvePreflight, improveReject, improveStart } from '../../../src/protocol/improve';
import { novaErrorCodes, type ParamsOf } from '../../../src/protocol/message';
import { proposalsChanged, proposalsList } from '../../../src/protocol/proposals';
import { runEnded, runList, runSpan, runStarted } from '../../../src/protocol/run';
import { sessionConfigure } from '../../../src/protocol/session';
import { git, gitState } from '../../support/gitState';
import { LspServer } from '../../support/lspServer';
import { sampleCopy, sampleRepository } from '../../support/sampleRepository';
import { rejection } from './sampleServer';

type Ended = ParamsOf<typeof improveEnded>;
type Phase = ParamsOf<typeof improvePhase>;

const testsRan = `node -e "console.log('the sample tests ran: 3 passing')"`;
const testsFail = `node -e "console.error('report.test: expected 2 got 3 — 1 failing'); process.exit(1)"`;
const testsHang = `node -e "setTimeout(() => {}, 60000)"`;
const removeImports = { scope: ['src/report.ts'], goal: 'remove unused imports' };

/** A server on `folder` whose client answers command approvals (`run`), recording what it was asked. */
async function serverOn(folder: string, improve: ParamsOf<typeof sessionConfigure>['improve'], allowlist: string[] = []): Promise<{ server: LspServer; approvals: CommandApprovalParams[] }> {
  const { server } = await LspServer.start({ folders: [folder], initializationOptions: { novaClient: true, commandApproval: true } });
  const approvals: CommandApprovalParams[] = [];
  server.connection.onRequest(commandApprove.method, (params: CommandApprovalParams) => (approvals.push(params), 'run'));
  await server.request(sessionConfigure, { provider: 'offline', trusted: true, commandAllowlist: allowlist, ...(improve ? { improve } : {}) });
  return { server, approvals };
}

async function improved(server: LspServer, params: ParamsOf<typeof improveStart> = { ...removeImports, target: 'code' }): Promise<{ runId: string; ended: Ended }> {
  const { runId } = await server.request(improveStart, params);
  const ended = (await server.waitFor(improveEnded.method, (params) => (params as Ended).runId === runId, 120_000)) as Ended;
  return { runId, ended };
}

describe('Nova server: improve runs', function () {
  this.timeout(240_000);
  let repository: Awaited<ReturnType<typeof sampleRepository>>;
  let server: LspServer;
  let approvals: CommandApprovalParams[];
  let gitBefore: ReturnType<typeof gitState>;
  let reportBefore: string;
  before(async () => {
    repository = await sampleRepository();
    gitBefore = gitState(repository.folder);
    reportBefore = await fs.readFile(path.join(repository.folder, 'src/report.ts'), 'utf8');
    ({ server, approvals } = await serverOn(repository.folder, undefined));
  });
  after(async () => {
    await server?.stop();
    await repository?.cleanup();
  });

  describe('a run whose gates pass, accepted', () => {
    let runId: string;
    let ended: Ended;
    before(async () => {
      // Not on the allowlist: the person is asked (and says run).
      await server.request(sessionConfigure, { provider: 'offline', trusted: true, commandAllowlist: [], improve: { testCommand: testsRan, testTimeoutSeconds: 60 } });
      ({ runId, ended } = await improved(server));
    });

    it('streams its phases in order, each started then ended, the gates with their own records', () => {
      const phases = server.notifications(improvePhase).filter((phase) => phase.runId === runId);
      const ends = phases.filter((phase) => phase.status === 'ended').map((phase) => phase.phase);
      assert.deepEqual(ends.slice(0, 4), ['preflight', 'worktree', 'agents', 'apply']);
      assert.equal(ends.at(-1), 'report');
      for (const phase of ends) assert.ok(phases.findIndex((p) => p.phase === phase && p.status === 'started') < phases.findIndex((p) => p.phase === phase && p.status === 'ended'), phase);
      const tests = phases.find((phase): phase is Phase & { gate: NonNullable<Phase['gate']> } => phase.phase === 'tests' && phase.gate !== undefined);
      assert.equal(tests?.gate.status, 'passed', JSON.stringify(tests));
      assert.match(tests.gate.evidence, /the sample tests ran: 3 passing/, 'the captured output, not an account of it');
    });

    it('asks the person before the test command runs, under the run id, like any command', () => {
      const asked = approvals.filter((approval) => approval.runId === runId);
      assert.deepEqual(asked.map((approval) => approval.command), [testsRan]);
    });

    it('ends ready, with a report that offers the change and names its branch', () => {
      assert.equal(ended.state, 'ready', JSON.stringify(ended));
      assert.equal(ended.report?.offered, true);
      assert.equal(ended.report?.branch, `nova/improve/${runId}`);
      assert.deepEqual(ended.report?.files.map((file) => file.path), ['src/report.ts']);
      assert.deepEqual(ended.report?.gates.map((gate) => gate.gate), ['typecheck', 'tests', 'review', 'evals']);
    });

    it('is one run to the Runs view: started, its spans, ended, listed', async () => {
      assert.equal(server.notifications(runStarted).filter((event) => event.runId === runId).length, 1);
      assert.match(server.notifications(runStarted).find((event) => event.runId === runId)?.task ?? '', /^Improve: remove unused imports$/);
      const spans = server.notifications(runSpan).filter((event) => event.runId === runId).map((event) => event.span.kind);
      assert.ok(spans.includes('improve_phase') && spans.includes('gate') && spans.includes('run'), spans.join(', '));
      const runEnd = server.notifications(runEnded).find((event) => event.runId === runId);
      assert.equal(runEnd?.result.status, 'completed');
      const { runs } = await server.request(runList, {});
      assert.equal(runs.find((run) => run.runId === runId)?.status, 'completed');
    });

    it('gets and lists its record, and leaves the person\'s files and git state as they were', async () => {
      const record = await server.request(improveGet, { runId });
      assert.equal(record.state, 'ready');
      assert.deepEqual(record.report, ended.report);
      const { improvements } = await server.request(improveList, {});
      const listed = improvements.find((improvement) => improvement.runId === runId);
      assert.deepEqual([listed?.state, listed?.offered, listed?.title], ['ready', true, ended.report?.title]);
      assert.equal('report' in (listed ?? {}), false, 'the list leaves reports out');
      assert.deepEqual(gitState(repository.folder), gitBefore);
      assert.equal(await fs.readFile(path.join(repository.folder, 'src/report.ts'), 'utf8'), reportBefore);
    });

    it('on Accept, puts the change in the proposal store as a change set of the run, and removes the branch', async () => {
      const { changeSetId } = await server.request(improveAccept, { runId });
      await server.waitFor(proposalsChanged.method, (params) => (params as { id: string }).id === changeSetId);
      const stored = (await server.request(proposalsList, { open: true })).changeSets.find((changeSet) => changeSet.id === changeSetId);
      assert.ok(stored, 'the change set is in the store');
      assert.equal((stored.source as { runId?: string }).runId, runId);
      assert.deepEqual(stored.files.map((file) => file.path), ['src/report.ts']);
      assert.equal((await server.request(improveGet, { runId })).state, 'accepted');
      assert.equal(git(repository.folder, ['branch', '--list', `nova/improve/${runId}`]).trim(), '');
      assert.equal(await fs.readFile(path.join(repository.folder, 'src/report.ts'), 'utf8'), reportBefore, 'accepting offers hunks; it writes nothing yet');
      const again = await rejection(server.request(improveAccept, { runId }));
      assert.equal(again.code, novaErrorCodes.conflict);
    });
  });

  it('offers nothing when the test command fails, quotes its output, refuses Accept, and Reject deletes the branch', async () => {
    await server.request(sessionConfigure, { provider: 'offline', trusted: true, commandAllowlist: [testsFail], improve: { testCommand: testsFail } });
    const asked = approvals.length;
    const { runId, ended } = await improved(server);
    assert.equal(approvals.length, asked, 'an allowlisted test command runs without asking');
    assert.equal(ended.state, 'blocked');
    assert.equal(ended.report?.offered, false);
    const tests = ended.report?.gates.find((gate) => gate.gate === 'tests');
    assert.deepEqual([tests?.status, tests?.exitCode], ['failed', 1]);
    assert.match(tests?.evidence ?? '', /expected 2 got 3 — 1 failing/);
    const refused = await rejection(server.request(improveAccept, { runId }));
    assert.equal(refused.code, novaErrorCodes.conflict);
    assert.match(refused.message, /is blocked \(not every gate passed\): there is nothing to accept/);
    const branch = `nova/improve/${runId}`;
    assert.equal(git(repository.folder, ['branch', '--list', branch]).trim(), branch, 'kept until the person decides');
    const rejected = await server.request(improveReject, { runId, keepBranch: false });
    assert.deepEqual([rejected.branch, rejected.kept], [branch, false]);
    assert.equal(git(repository.folder, ['branch', '--list', branch]).trim(), '');
    assert.equal((await server.request(improveGet, { runId })).state, 'rejected');
    assert.deepEqual(gitState(repository.folder), gitBefore);
  });

  it('cancels a run in its test gate: it ends cancelled, its worktree and branch gone', async () => {
    await server.request(sessionConfigure, { provider: 'offline', trusted: true, commandAllowlist: [testsHang], improve: { testCommand: testsHang } });
    const { runId } = await server.request(improveStart, { ...removeImports, target: 'code' });
    await server.waitFor(improvePhase.method, (params) => (params as Phase).runId === runId && (params as Phase).phase === 'tests' && (params as Phase).status === 'started', 120_000);
    assert.deepEqual(await server.request(improveCancel, { runId }), { cancelled: true });
    const ended = (await server.waitFor(improveEnded.method, (params) => (params as Ended).runId === runId, 60_000)) as Ended;
    assert.equal(ended.state, 'cancelled');
    assert.equal(server.notifications(runEnded).find((event) => event.runId === runId)?.result.status, 'cancelled');
    assert.equal(git(repository.folder, ['branch', '--list', `nova/improve/${runId}`]).trim(), '');
    assert.deepEqual(await server.request(improveCancel, { runId }), { cancelled: false });
    assert.deepEqual(gitState(repository.folder), gitBefore);
  });

  it('says what a dirty scope means before starting, and Restricted Mode refuses to start', async () => {
    const file = path.join(repository.folder, 'src/report.ts');
    await fs.writeFile(file, `${reportBefore}// the person's unsaved thought\n`);
    try {
      assert.deepEqual(await server.request(improvePreflight, { scope: ['src/**'], target: 'code' }), { dirtyInScope: ['src/report.ts'] });
      assert.deepEqual(await server.request(improvePreflight, { scope: ['test/**'], target: 'code' }), { dirtyInScope: [] });
    } finally {
      await fs.writeFile(file, reportBefore);
    }
    await server.request(sessionConfigure, { provider: 'offline', trusted: false, commandAllowlist: [] });
    const preflight = await server.request(improvePreflight, { scope: ['src/**'], target: 'code' });
    assert.match(preflight.problem ?? '', /Restricted Mode/);
    const refused = await rejection(server.request(improveStart, { ...removeImports, target: 'code' }));
    assert.equal(refused.code, novaErrorCodes.conflict);
    assert.match(refused.message, /cannot improve code in Restricted Mode/);
  });
});

describe('Nova server: improvements outlive the server', function () {
  this.timeout(240_000);
  let repository: Awaited<ReturnType<typeof sampleRepository>>;
  before(async () => (repository = await sampleRepository()));
  after(() => repository?.cleanup());

  it('a new server over the same folder lists, gets and accepts what the last one left', async () => {
    const first = await serverOn(repository.folder, { testCommand: testsRan }, [testsRan]);
    const { runId, ended } = await improved(first.server);
    await first.server.stop();
    assert.equal(ended.state, 'ready', JSON.stringify(ended));

    const second = await serverOn(repository.folder, undefined);
    try {
      const { improvements } = await second.server.request(improveList, {});
      assert.deepEqual(improvements.map((improvement) => [improvement.runId, improvement.state]), [[runId, 'ready']]);
      assert.deepEqual((await second.server.request(improveGet, { runId })).report, ended.report);
      const { changeSetId } = await second.server.request(improveAccept, { runId });
      const { changeSets } = await second.server.request(proposalsList, { open: true });
      assert.ok(changeSets.some((changeSet) => changeSet.id === changeSetId));
      const missing = await rejection(second.server.request(improveGet, { runId: 'no-such-run' }));
      assert.equal(missing.code, novaErrorCodes.notFound);
    } finally {
      await second.server.stop();
    }
  });
});

describe('Nova server: improve outside a git repository', function () {
  this.timeout(60_000);
  it('says so at preflight, and refuses to start, creating nothing', async () => {
    const copy = await sampleCopy();
    const { server } = await serverOn(copy.folder, undefined);
    try {
      const preflight = await server.request(improvePreflight, { scope: ['src/**'], target: 'code' });
      assert.match(preflight.problem ?? '', /not .*git repository/i);
      const refused = await rejection(server.request(improveStart, { ...removeImports, target: 'code' }));
      assert.equal(refused.code, novaErrorCodes.conflict);
      assert.match(refused.message, /not .*git repository/i);
      assert.equal(existsSync(path.join(copy.folder, '.nova', 'improve')), false);
      assert.equal(server.notifications(runStarted).length, 0, 'no run started');
    } finally {
      await server.stop();
      await copy.cleanup();
    }
  });
});
