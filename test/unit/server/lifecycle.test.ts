/**
 * The server process's life: what it keeps across a restart (proposals, run traces), how it ends
 * (shutdown + exit, a run cancelled on the way out), and that it never outlives its client.
 */
import { changeSetStatus } from '../../../src/core/edits/changeSetState';
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DidChangeWorkspaceFoldersNotification, ExecuteCommandRequest } from 'vscode-languageserver-protocol/node';
import { type ParamsOf } from '../../../src/protocol/message';
import { proposalsList, proposalsDecide } from '../../../src/protocol/proposals';
import { proposeFixCommand, type ProposeFixArgument } from '../../../src/protocol/review';
import { runEnded, runList, runStart } from '../../../src/protocol/run';
import { sessionConfigure, sessionStatus } from '../../../src/protocol/session';
import { traceGet } from '../../../src/protocol/trace';
import { startScriptedServer } from '../../support/anthropicServer';
import { LspServer, serverBundle } from '../../support/lspServer';
import { fileUri, sampleCopy } from './sampleServer';

type Ended = ParamsOf<typeof runEnded>;

/** Whether a process has ended (a zombie waiting to be reaped has ended too). */
function ended(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').startsWith('Z');
  } catch {
    return true;
  }
}

describe('Nova server: restart', function () {
  this.timeout(60_000);
  let folder: string;
  let cleanup: () => Promise<void>;
  let fixId: string;
  let runId: string;
  let runProposalId: string;

  // The first server: a quick fix and a run leave proposals and a trace behind, then it shuts down.
  before(async () => {
    ({ folder, cleanup } = await sampleCopy());
    const { server } = await LspServer.start({ folders: [folder] });
    const argument: ProposeFixArgument = { uri: fileUri(folder, 'src/board.ts'), code: 6133, rule: 'ts-6133', range: { start: { line: 62, character: 10 }, end: { line: 62, character: 18 } } };
    ({ proposalId: fixId } = (await server.connection.sendRequest(ExecuteCommandRequest.type, { command: proposeFixCommand, arguments: [argument] })) as { proposalId: string });
    await server.request(sessionConfigure, { provider: 'offline', trusted: true, commandAllowlist: [] });
    ({ runId } = await server.request(runStart, { task: '/refactor remove unused imports in src/report.ts' }));
    const done = (await server.waitFor(runEnded.method, (params) => (params as Ended).runId === runId)) as Ended;
    [runProposalId = ''] = done.proposalIds;
    await server.stop();
    assert.deepEqual(await server.exited(), { code: 0, signal: null }, 'shutdown + exit ends the process with code 0');
  });
  after(() => cleanup?.());

  it('lists the proposals of the earlier server, still pending, and lets the person decide on them', async () => {
    const { server } = await LspServer.start({ folders: [folder] });
    try {
      const { changeSets, problems } = await server.request(proposalsList, { open: true });
      assert.deepEqual(problems, []);
      assert.deepEqual(changeSets.map((stored) => [stored.id, stored.source.kind]), [
        [fixId, 'fix'],
        [runProposalId, 'agent'],
      ]);
      const hunks = (changeSets[0]?.files ?? []).flatMap((file) => file.hunks.map((hunk) => ({ id: hunk.id, status: 'rejected' as const })));
      const { changeSet } = await server.request(proposalsDecide, { id: fixId, hunks });
      assert.equal(changeSetStatus(changeSet), 'rejected');
    } finally {
      await server.stop();
    }
  });

  it('lists the earlier run from its trace, and returns the trace', async () => {
    const { server } = await LspServer.start({ folders: [folder] });
    try {
      const listed = (await server.request(runList, {})).runs.find((run) => run.runId === runId);
      assert.ok(listed);
      assert.equal(listed.origin, 'trace');
      assert.equal(listed.status, 'completed');
      assert.equal(listed.task, '/refactor remove unused imports in src/report.ts');
      assert.equal(listed.entryAgent, 'concierge');
      const trace = await server.request(traceGet, { runId });
      assert.ok(trace.spans.some((span) => span.kind === 'run'));
    } finally {
      await server.stop();
    }
  });

  it('finds them too when the client opens the folder after starting without one', async () => {
    const { server } = await LspServer.start({ folders: [] });
    try {
      assert.deepEqual((await server.request(sessionStatus, {})).folders, []);
      await server.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, {
        event: { added: [{ uri: pathToFileURL(folder).href, name: path.basename(folder) }], removed: [] },
      });
      assert.deepEqual((await server.request(sessionStatus, {})).folders, [folder]);
      const { changeSets } = await server.request(proposalsList, {});
      assert.deepEqual(changeSets.map((stored) => [stored.id, changeSetStatus(stored)]), [
        [fixId, 'rejected'],
        [runProposalId, 'pending'],
      ]);
    } finally {
      await server.stop();
    }
  });
});

describe('Nova server: ending', function () {
  this.timeout(60_000);

  it('cancels a running run on shutdown, its trace written, and exits 0', async () => {
    const scripted = await startScriptedServer();
    scripted.enqueue({ content: [{ type: 'text', text: 'Routing.' }], fault: { kind: 'slowFirstByte', ms: 60_000 } });
    const { folder, cleanup } = await sampleCopy();
    const { server } = await LspServer.start({ folders: [folder] });
    try {
      await server.request(sessionConfigure, { provider: 'anthropic', apiKey: 'sk-ant-test-shutdown', baseURL: scripted.baseURL, trusted: true, commandAllowlist: [] });
      const { runId } = await server.request(runStart, { task: 'review src/sync.ts' });
      while (!scripted.requests.some((request) => request.path === '/v1/messages')) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(await server.connection.sendRequest('shutdown'), null);
      // The reply to shutdown came after the run ended: its end was announced first.
      const done = server.notifications(runEnded).find((event) => event.runId === runId);
      assert.equal(done?.result.status, 'cancelled');
      await server.connection.sendNotification('exit');
      assert.deepEqual(await server.exited(), { code: 0, signal: null });
      const { server: next } = await LspServer.start({ folders: [folder] });
      try {
        assert.equal((await next.request(runList, {})).runs.find((run) => run.runId === runId)?.status, 'cancelled');
      } finally {
        await next.stop();
      }
    } finally {
      await server.stop();
      await scripted.close();
      await cleanup();
    }
  });

  it('exits with code 1 on exit without shutdown, as LSP says', async () => {
    const { server } = await LspServer.start();
    await server.connection.sendNotification('exit');
    assert.deepEqual(await server.exited(), { code: 1, signal: null });
    await server.stop();
  });

  it('exits when its client process dies, even when nobody says exit', async () => {
    // A client process that starts the server over Node IPC, says it is `processId`, prints the
    // server's pid and stays alive until killed — as an editor that crashes.
    const client = [
      "const { spawn } = require('node:child_process');",
      `const server = spawn(process.execPath, [${JSON.stringify(serverBundle)}, '--node-ipc'], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });`,
      "server.on('message', (message) => { if (message.id === 1) { server.send({ jsonrpc: '2.0', method: 'initialized', params: {} }); console.log(server.pid); } });",
      "server.send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } });",
      'setInterval(() => {}, 1000);',
    ].join('\n');
    const parent = spawn(process.execPath, ['-e', client], { stdio: ['ignore', 'pipe', 'inherit'] });
    const serverPid = await new Promise<number>((resolve, reject) => {
      parent.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
      parent.once('exit', (code) => reject(new Error(`the client process exited (${code}) before the server was initialized`)));
    });
    assert.ok(Number.isInteger(serverPid) && !ended(serverPid), 'the server runs');
    parent.kill('SIGKILL');
    const killedAt = Date.now();
    try {
      while (!ended(serverPid) && Date.now() - killedAt < 10_000) await new Promise((resolve) => setTimeout(resolve, 100));
      assert.ok(ended(serverPid), 'the server exited within 10 s of its client');
    } finally {
      if (!ended(serverPid)) process.kill(serverPid, 'SIGKILL');
    }
  });

  it('explains how to start it when run without a transport', () => {
    const help = spawnSync(process.execPath, [serverBundle, '--help'], { encoding: 'utf8' });
    assert.equal(help.status, 0);
    assert.match(help.stderr, /node dist\/server\.js --stdio/);
    const bare = spawnSync(process.execPath, [serverBundle], { encoding: 'utf8' });
    assert.equal(bare.status, 2);
    assert.match(bare.stderr, /Usage:/);
  });
});
