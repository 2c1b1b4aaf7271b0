import * as assert from 'node:assert/strict';
import { ChatHistory, chatHistoryKey, loadHistory, maxChats, type HistoryMemento } from '../../../src/extension/client/chat/chatHistory';
import { applyUpdate, newChat, newTurn, type Chat } from '../../../src/protocol/webview/transcript';

function memento(initial?: unknown): HistoryMemento & { value: unknown; writes: number } {
  const store = {
    value: initial,
    writes: 0,
    get: (key: string) => (key === chatHistoryKey ? store.value : undefined),
    update: (key: string, value: unknown) => {
      if (key === chatHistoryKey) store.value = value;
      store.writes++;
      return Promise.resolve();
    },
  };
  return store;
}

function chatWithTurn(id: string, at: number): Chat {
  const chat = newChat(id, at);
  applyUpdate(chat, { type: 'turnStarted', turn: newTurn(`${id}-t1`, { text: `question ${id}`, chips: [] }, at) }, at);
  return chat;
}

describe('the chat history in workspace storage', () => {
  it('reads back what it saved, newest first, with the chat that was open', async () => {
    const store = memento();
    const older = chatWithTurn('a', 1_000);
    const newer = chatWithTurn('b', 2_000);
    const history = new ChatHistory(store, [older], undefined, assert.fail, 0);
    history.open(newer);
    await history.saveNow();
    const loaded = loadHistory(store);
    assert.deepEqual(loaded.chats.map((chat) => chat.id), ['b', 'a']);
    assert.equal(loaded.openChatId, 'b');
    assert.deepEqual(loaded.problems, []);
    assert.equal(loaded.chats[0]?.title, 'question b');
  });

  it('skips a broken chat and reports it, keeping the others; never throws', () => {
    const good = chatWithTurn('good', 5);
    const broken = { ...chatWithTurn('broken', 6), turns: [{ id: 'x', prompt: 'not a prompt' }] };
    const polluted = JSON.parse('{"__proto__": {"polluted": true}, "id": "p", "title": "t", "createdAt": 1, "updatedAt": 1, "turns": []}') as unknown;
    const loaded = loadHistory(memento({ version: 1, openChatId: 'good', chats: [broken, good, 'nonsense', polluted, good] }));
    assert.deepEqual(loaded.chats.map((chat) => chat.id), ['good']);
    assert.equal(loaded.problems.length, 4, loaded.problems.join('\n'));
    assert.match(loaded.problems[0] ?? '', /Stored chat 1 was skipped: turns\.0\.prompt/);
    assert.match(loaded.problems[3] ?? '', /id good is used twice/);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('reads nothing from a value of another shape, and says so', () => {
    for (const value of [42, 'x', null, { version: 2, chats: [] }, { version: 1, chats: 'no' }]) {
      const loaded = loadHistory(memento(value));
      assert.deepEqual(loaded.chats, []);
      assert.equal(loaded.problems.length, 1, JSON.stringify(value));
    }
    assert.deepEqual(loadHistory(memento()).problems, []);
  });

  it(`keeps at most ${maxChats} chats, the most recently used, and never stores an empty one`, async () => {
    const store = memento();
    const chats = Array.from({ length: maxChats + 5 }, (_, index) => chatWithTurn(`c${index}`, index));
    const history = new ChatHistory(store, chats, undefined, assert.fail, 0);
    history.open(newChat('empty', 0));
    await history.saveNow();
    const loaded = loadHistory(store);
    assert.equal(loaded.chats.length, maxChats);
    assert.equal(loaded.chats.at(-1)?.id, 'c5');
    assert.ok(!loaded.chats.some((chat) => chat.id === 'empty'));
    assert.equal(loaded.openChatId, 'empty');
  });

  it('makes one write of many updates while a reply streams', async () => {
    const store = memento();
    const history = new ChatHistory(store, [chatWithTurn('s', 1)], 's', assert.fail, 20);
    for (let index = 0; index < 100; index++) history.saveSoon();
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.equal(store.writes, 1);
  });
});
