/**
 * Nova's custom methods at the receiving end: malformed requests are answered with typed JSON-RPC
 * errors (code, message, `data.issues` as `path: message`), and the server stays up after each.
 */
import * as assert from 'node:assert/strict';
import { ErrorCodes, ExecuteCommandRequest } from 'vscode-languageserver-protocol/node';
import { chatSend } from '../../../src/protocol/chat';
import { novaErrorCodes } from '../../../src/protocol/message';
import { proposalsList, proposalsDecide } from '../../../src/protocol/proposals';
import { proposeFixCommand, type ProposeFixArgument } from '../../../src/protocol/review';
import { runList, runStart } from '../../../src/protocol/run';
import { sessionConfigure, sessionStatus } from '../../../src/protocol/session';
import { novaRequests } from '../../../src/protocol';
import { traceGet } from '../../../src/protocol/trace';
import { fileUri, rejection, startOnSample, type SampleSession } from './sampleServer';

describe('Nova server: malformed requests', function () {
  this.timeout(60_000);
  let session: SampleSession;
  let pid: number;
  before(async () => {
    session = await startOnSample();
    pid = (await session.server.request(sessionStatus, {})).pid;
  });
  after(() => session?.close());

  /** The server still answers, as the same process. */
  async function assertAlive(): Promise<void> {
    const status = await session.server.request(sessionStatus, {});
    assert.equal(status.pid, pid);
    assert.equal(session.server.process.pid, pid);
    assert.ok(session.server.alive);
  }

  const send = (method: string, params?: unknown) => (params === undefined ? session.server.connection.sendRequest(method) : session.server.connection.sendRequest(method, params));

  const invalid: { name: string; method: string; params?: unknown; issues: string[] }[] = [
    { name: 'run.start with a number as task', method: runStart.method, params: { task: 5 }, issues: ['task: Invalid input: expected string, received number'] },
    { name: 'run.start with an unknown field', method: runStart.method, params: { task: 'review', bogus: true }, issues: ['(params): Unrecognized key: "bogus"'] },
    { name: 'run.start without params', method: runStart.method, issues: ['task: Invalid input: expected string, received undefined'] },
    { name: 'run.start with a blank task', method: runStart.method, params: { task: '   ' }, issues: ['task: the task is empty'] },
    { name: 'chat.send with an empty message', method: chatSend.method, params: { text: '' }, issues: ['text: the message is empty'] },
    { name: 'proposals.decide with a path as id', method: proposalsDecide.method, params: { id: '../../etc', hunks: [{ id: 'h-1', status: 'accepted' }] }, issues: ['id: a change set id'] },
    { name: 'proposals.decide with a path as hunk id', method: proposalsDecide.method, params: { id: 'p-1', hunks: [{ id: '../x', status: 'accepted' }] }, issues: ['hunks.0.id: a hunk id'] },
    {
      name: 'proposals.decide with an unknown status',
      method: proposalsDecide.method,
      params: { id: 'p-1', hunks: [{ id: 'h-1', status: 'maybe' }] },
      issues: ['hunks.0.status: Invalid option: expected one of "pending"|"accepted"|"rejected"|"conflict"|"superseded"'],
    },
    { name: 'proposals.decide with no hunks', method: proposalsDecide.method, params: { id: 'p-1', hunks: [] }, issues: ['hunks: Too small: expected array to have >=1 items'] },
    { name: 'trace.get with a path as run id', method: traceGet.method, params: { runId: '../../etc/passwd' }, issues: ['runId: a run id'] },
    { name: 'run.list with a limit of 0', method: runList.method, params: { limit: 0 }, issues: ['limit: Too small: expected number to be >=1'] },
    { name: 'session.configure without trust', method: sessionConfigure.method, params: { provider: 'offline', commandAllowlist: [] }, issues: ['trusted: Invalid input: expected boolean, received undefined'] },
  ];

  for (const { name, method, params, issues } of invalid) {
    it(`answers ${name} with invalid params and each issue`, async () => {
      const error = await rejection(send(method, params));
      assert.equal(error.code, novaErrorCodes.invalidParams);
      assert.deepEqual(error.data?.issues, issues);
      assert.equal(error.message, `${method}: invalid params: ${issues.join('; ')}`);
      await assertAlive();
    });
  }

  it('answers nova.proposeFix with a wrong argument shape as invalid params', async () => {
    const error = await rejection(session.server.connection.sendRequest(ExecuteCommandRequest.type, { command: proposeFixCommand, arguments: [{ uri: fileUri(session.folder, 'src/report.ts'), code: '6133' }] }));
    assert.equal(error.code, novaErrorCodes.invalidParams);
    assert.deepEqual(error.data?.issues, [
      'code: Invalid input: expected number, received string',
      'rule: Invalid input: expected string, received undefined',
      'range: Invalid input: expected object, received undefined',
    ]);
    const none = await rejection(session.server.connection.sendRequest(ExecuteCommandRequest.type, { command: proposeFixCommand }));
    assert.equal(none.code, novaErrorCodes.invalidParams);
    const other = await rejection(session.server.connection.sendRequest(ExecuteCommandRequest.type, { command: 'nova.somethingElse', arguments: [] }));
    assert.equal(other.code, novaErrorCodes.invalidParams);
    assert.match(other.message, /no command nova\.somethingElse/);
    await assertAlive();
  });

  it('answers an unknown proposal as not found, a second decision as a conflict', async () => {
    const unknown = await rejection(session.server.request(proposalsDecide, { id: 'p-0000000000-unknown', hunks: [{ id: 'h-0', status: 'rejected' }] }));
    assert.equal(unknown.code, novaErrorCodes.notFound);
    assert.match(unknown.message, /no proposal "p-0000000000-unknown"/);

    // A client that never opened the file can still ask for the fix of a finding it was told about.
    const argument: ProposeFixArgument = { uri: fileUri(session.folder, 'src/report.ts'), code: 6133, rule: 'ts-6133', range: { start: { line: 1, character: 45 }, end: { line: 1, character: 52 } } };
    const { proposalId } = (await session.server.connection.sendRequest(ExecuteCommandRequest.type, { command: proposeFixCommand, arguments: [argument] })) as { proposalId: string };
    const stored = (await session.server.request(proposalsList, { open: true })).changeSets.find((set) => set.id === proposalId);
    const hunkId = stored?.files[0]?.hunks[0]?.id ?? '';
    const first = await session.server.request(proposalsDecide, { id: proposalId, hunks: [{ id: hunkId, status: 'rejected', reason: 'not now' }] });
    assert.deepEqual([first.changeSet.files[0]?.hunks[0]?.status, first.changeSet.files[0]?.hunks[0]?.reason], ['rejected', 'not now']);
    const second = await rejection(session.server.request(proposalsDecide, { id: proposalId, hunks: [{ id: hunkId, status: 'accepted' }] }));
    assert.equal(second.code, novaErrorCodes.conflict);
    assert.match(second.message, /is rejected; it cannot become accepted/);
    const unknownHunk = await rejection(session.server.request(proposalsDecide, { id: proposalId, hunks: [{ id: 'h-unknown', status: 'accepted' }] }));
    assert.equal(unknownHunk.code, novaErrorCodes.conflict);
    assert.deepEqual((await session.server.request(proposalsList, { open: false })).changeSets.map((set) => set.id), [proposalId]);
    await assertAlive();
  });

  it('answers a run or trace that does not exist as not found, and cancels nothing', async () => {
    const trace = await rejection(session.server.request(traceGet, { runId: '20990101-000000-abcdef' }));
    assert.equal(trace.code, novaErrorCodes.notFound);
    assert.match(trace.message, /No trace for run 20990101-000000-abcdef/);
    const unknownAgent = await rejection(session.server.request(runStart, { task: 'review', agent: 'nobody' }));
    assert.equal(unknownAgent.code, novaErrorCodes.invalidParams);
    assert.match(unknownAgent.message, /No agent named "nobody"\. The team: .*concierge/);
    assert.deepEqual(await send('nova/run.cancel', { runId: '20990101-000000-abcdef' }), { cancelled: false });
    await assertAlive();
  });

  it('answers an unknown nova/ method as method not found', async () => {
    const error = await rejection(send('nova/proposals.delete', { id: 'p-1' }));
    assert.equal(error.code, ErrorCodes.MethodNotFound);
    await assertAlive();
  });

  it('answers a request sent without params like one with empty params', async () => {
    const status = (await send(sessionStatus.method)) as { pid: number };
    assert.equal(status.pid, pid);
    const listed = (await send(proposalsList.method)) as { changeSets: unknown[] };
    assert.ok(Array.isArray(listed.changeSets));
  });

  it('handles every request the protocol declares, each checking its params', async () => {
    assert.equal(new Set(novaRequests.map((request) => request.method)).size, novaRequests.length, 'two requests share a method name');
    for (const request of novaRequests) {
      const error = await rejection(send(request.method, { notAField: true }));
      assert.equal(error.code, novaErrorCodes.invalidParams, `${request.method} answered ${error.code}: ${error.message}`);
    }
    await assertAlive();
  });
});
