import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ChatViewTesting } from '../../../src/extension/chatViewSession';
import { loadHistory } from '../../../src/extension/client/chat/chatHistory';
import type { NovaApi } from '../../../src/extension/main';
import type { Turn } from '../../../src/protocol/webview/transcript';
import { poll } from '../../poll';
import { malformedWebviewMessages } from '../../support/malformedWebviewMessages';

// Runs inside the real extension host: the Chat view resolved by VS Code, its endpoint fed as the page would feed it.
const manifest = require('../../../../package.json') as { publisher: string; name: string };
const extensionId = `${manifest.publisher}.${manifest.name}`;

describe('the Chat view in a real VS Code', () => {
  let api: NovaApi;
  let chat: ChatViewTesting;
  let nextId = 1_000_000;
  /** Sends a request as the page would, and waits for its answer among what the view posted. */
  const ask = async (method: string, params: unknown): Promise<{ kind: string; result?: unknown; error?: { code: string; message: string } }> => {
    const id = nextId++;
    chat.receive({ kind: 'request', id, method, params });
    const answer = await poll(() => chat.recentlyPosted().find((message) => (message as { id?: number }).id === id), 60_000, 50);
    assert.ok(answer, `${method} was not answered`);
    return answer as { kind: string; result?: unknown; error?: { code: string; message: string } };
  };
  const lastTurn = () => chat.openChat().turns.at(-1) as Turn;

  before(async () => {
    const extension = vscode.extensions.getExtension<NovaApi>(extensionId);
    assert.ok(extension, `${extensionId} is not loaded`);
    api = await extension.activate();
    const view = await api.testing.chatView();
    assert.ok(view, 'the Chat view did not resolve');
    chat = view;
    // The page says it listens; from now on what the view sends is posted (and recorded).
    chat.receive({ kind: 'ready' });
  });

  it('answers /agents with the loaded team, each agent with its provenance, without a run', async () => {
    const answer = await ask('chat/send', { text: '/agents', chips: [] });
    assert.equal(answer.kind, 'response');
    const turn = await poll(() => (lastTurn()?.status === 'completed' ? lastTurn() : undefined), 60_000);
    assert.ok(turn, JSON.stringify(lastTurn()));
    const team = turn.entries.find((entry) => entry.kind === 'team');
    assert.ok(team?.kind === 'team');
    assert.ok(team.agents.some((agent) => agent.name === 'concierge' && agent.provenance.origin === 'shipped'), JSON.stringify(team.agents));
    assert.equal(turn.runId, undefined);
  });

  it('refuses 10,000 random and malformed messages from the page: no handler runs, the host lives, history stays byte-identical', async () => {
    const storedBefore = chat.storedHistory();
    const chatBefore = JSON.stringify(chat.openChat());
    const before = chat.counts();
    const messages = malformedWebviewMessages(10_000);
    for (const message of messages) chat.receive(message);
    const after = chat.counts();
    assert.equal(after.refused - before.refused, 10_000, 'every message was refused');
    assert.equal(after.received - before.received, 10_000);
    // Let anything a handler might have started settle, then compare.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    assert.equal(chat.storedHistory(), storedBefore, 'the stored history changed');
    assert.equal(JSON.stringify(chat.openChat()), chatBefore, 'the open chat changed');
    assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype was polluted');
    // Alive: the extension host still runs commands, and the view still answers a valid request.
    assert.ok((await vscode.commands.getCommands(true)).includes('nova.openChat'));
    assert.equal((await ask('chat/copy', { text: 'still here' })).kind, 'response');
    assert.equal(await vscode.env.clipboard.readText(), 'still here');
  });

  it('opens a workspace file at a line, and refuses a path outside the workspace with the reason', async () => {
    const opened = await ask('chat/openLocation', { path: 'src/board.ts', line: 3 });
    assert.equal(opened.kind, 'response', JSON.stringify(opened));
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor?.document.uri.path.endsWith('/src/board.ts'), editor?.document.uri.toString());
    assert.equal(editor?.selection.active.line, 2);
    for (const path of ['../outside.ts', '/etc/passwd', 'file:///etc/passwd']) {
      const refused = await ask('chat/openLocation', { path, line: 1 });
      assert.equal(refused.kind, 'error', path);
      assert.match(refused.error?.message ?? '', /Nova opens only files inside the workspace/, path);
    }
  });

  it('streams a team run into a turn: /explain src/board.ts is answered with agent attribution', async () => {
    await ask('chat/send', { text: '/explain src/board.ts', chips: [] });
    const turn = await poll(() => (lastTurn()?.status !== 'running' && lastTurn()?.prompt.text === '/explain src/board.ts' ? lastTurn() : undefined), 120_000, 200);
    assert.ok(turn, JSON.stringify(lastTurn()));
    assert.equal(turn.status, 'completed', JSON.stringify(turn.entries));
    assert.ok(turn.runId);
    const concierge = turn.entries.find((entry) => entry.kind === 'agent' && entry.agent === 'concierge');
    assert.ok(concierge?.kind === 'agent' && concierge.provenance.origin === 'shipped' && concierge.from === 'person');
    assert.equal(turn.results.at(-1)?.contract, 'Answer');
    assert.ok(turn.usage.steps >= 0);
  });

  it('opens the trace only of a turn that ran a run, and only at a step that turn shows', async () => {
    const turns = chat.openChat().turns;
    const explained = turns.find((turn) => turn.prompt.text === '/explain src/board.ts' && turn.runId);
    const agents = turns.find((turn) => turn.prompt.text === '/agents');
    assert.ok(explained && agents, JSON.stringify(turns.map((turn) => turn.prompt.text)));
    const refusals: [unknown, RegExp][] = [
      [{ turnId: agents.id }, /ran no team run/],
      [{ turnId: 'no-such-turn' }, /not in the open chat/],
      [{ turnId: explained.id, spanId: 'a-span-of-another-run' }, /shows no such step/],
      [{ turnId: explained.id, spanId: '../../etc/passwd' }, /a span id/],
    ];
    for (const [params, reason] of refusals) {
      const answer = await ask('chat/openTrace', params);
      assert.equal(answer.kind, 'error', JSON.stringify(params));
      // A malformed span id is refused by the endpoint (its schema's issue says why), the rest by the controller.
      assert.match(JSON.stringify(answer.error), reason, JSON.stringify(params));
    }
  });

  it('checks every notification the generic client receives: a malformed one is refused and changes nothing', async () => {
    const runId = lastTurn().runId ?? 'run-x';
    const before = JSON.stringify(chat.openChat());
    const malformed: [string, unknown][] = [
      ['nova/run.textDelta', { runId, agent: 'concierge', kind: 'shout', text: 'injected' }],
      ['nova/run.textDelta', { runId, text: 42 }],
      ['nova/run.ended', { runId, result: { status: 'completed' }, proposalIds: 'all' }],
      ['nova/run.agentStarted', JSON.parse(`{"__proto__": {"polluted": true}, "runId": ${JSON.stringify(runId)}, "agent": "x"}`)],
      ['nova/run.escalation', null],
    ];
    for (const [method, params] of malformed) {
      const injected = api.testing.injectServerNotification(method, params);
      assert.ok(injected.handlers > 0, `nobody listens for ${method}`);
      assert.equal(injected.checked, false, `${method} ${JSON.stringify(params)} passed its schema`);
    }
    // A well-formed one passes the check (the chat ignores it: the run has ended).
    assert.equal(api.testing.injectServerNotification('nova/run.textDelta', { runId, agent: 'concierge', kind: 'text', text: 'late' }).checked, true);
    assert.equal(JSON.stringify(chat.openChat()), before);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('keeps the history in workspace storage, where a reload reads it back whole: every chat passes its schema', async () => {
    const read = () => loadHistory({ get: () => JSON.parse(chat.storedHistory()) as unknown, update: () => Promise.resolve() });
    // A turn's end is saved at once, but after a save still in flight: wait for it, briefly.
    await poll(() => {
      const loaded = read();
      return JSON.stringify(loaded.chats.find((candidate) => candidate.id === loaded.openChatId)) === JSON.stringify(chat.openChat());
    }, 5_000, 50);
    const loaded = read();
    assert.deepEqual(loaded.problems, []);
    const open = loaded.chats.find((candidate) => candidate.id === loaded.openChatId);
    assert.deepEqual(open, chat.openChat());
    assert.ok((open?.turns.length ?? 0) >= 2);
  });

  it('routes @nova in VS Code\'s Chat to the same team run, with a line for each agent and the answer', async () => {
    const source = new vscode.CancellationTokenSource();
    const { registered, markdown, result } = await api.testing.askNova('/explain src/board.ts', source.token);
    // Registered where the host has the Chat API; the handler answers either way (code-server has no Chat UI to call it).
    assert.equal(registered, typeof (vscode as { chat?: { createChatParticipant?: unknown } }).chat?.createChatParticipant === 'function');
    assert.match(markdown, /\*\*concierge\*\* \(shipped/);
    assert.match(markdown, /TaskBoard/);
    assert.equal(result.errorDetails, undefined, JSON.stringify(result.errorDetails));
    const runId = (result.metadata as { runId?: string } | undefined)?.runId;
    assert.ok(runId, 'the reply names its run');
  });
});
