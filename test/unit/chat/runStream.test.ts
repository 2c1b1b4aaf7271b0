import * as assert from 'node:assert/strict';
import { RunStream, updateFromNotice, type RunNotice } from '../../../src/extension/client/chat/runStream';
import type { NovaNotification } from '../../../src/protocol/message';
import { applyUpdate, Chat, newChat, newTurn, TranscriptUpdate } from '../../../src/protocol/webview/transcript';

/** The generic client's onNotification, driven by the test. */
function fakeFeatures() {
  const handlers = new Map<string, (params: unknown) => void>();
  return {
    onNotification: <P>(notification: NovaNotification<P>, handler: (params: P) => void) => {
      handlers.set(notification.method, handler as (params: unknown) => void);
      return { dispose: () => handlers.delete(notification.method) };
    },
    send: (method: string, params: unknown) => handlers.get(method)?.(params),
    handlers,
  };
}

const provenance = { origin: 'shipped' as const, file: 'agents/concierge.md' };

describe('following a run of the chat', () => {
  it('hands over what arrived before nova/run.start answered, then the rest, until the end', () => {
    const features = fakeFeatures();
    const stream = new RunStream(features);
    features.send('nova/run.agentStarted', { runId: 'r1', agent: 'concierge', provenance, contract: 'UserRequest', from: 'person' });
    features.send('nova/run.textDelta', { runId: 'r1', agent: 'concierge', kind: 'text', text: 'Hello' });
    features.send('nova/run.textDelta', { runId: 'other', agent: 'concierge', kind: 'text', text: 'not ours' });
    const seen: RunNotice['kind'][] = [];
    stream.follow('r1', (notice) => seen.push(notice.kind));
    features.send('nova/run.textDelta', { runId: 'r1', agent: 'concierge', kind: 'text', text: ' there' });
    const result = { runId: 'r1', status: 'completed', artifacts: [], decisions: [], usage: { steps: 1, tokens: 10, costUsd: 0 }, traceProblems: [] };
    features.send('nova/run.ended', { runId: 'r1', result, proposalIds: [] });
    features.send('nova/run.textDelta', { runId: 'r1', agent: 'concierge', kind: 'text', text: 'late' });
    assert.deepEqual(seen, ['agentStarted', 'text', 'text', 'ended']);
    assert.equal(stream.follows('r1'), false);
    stream.dispose();
    assert.equal(features.handlers.size, 0, 'disposing the stream stops listening');
  });

  it('maps notices to the chat updates the transcript folds', () => {
    const text = updateFromNotice('t', { kind: 'text', params: { runId: 'r', agent: 'a', kind: 'thinking', text: 'hm' } }, 0);
    assert.deepEqual(text, { type: 'text', turnId: 't', agent: 'a', kind: 'thinking', text: 'hm' });
    const started = updateFromNotice('t', { kind: 'agentStarted', params: { runId: 'r', agent: 'reviewer', provenance, contract: 'RoutedTask', from: 'concierge', payload: { intent: 'review', summary: 's', scope: [], constraints: [] } } }, 0);
    assert.equal(started?.type, 'agentStarted');
    // What is stored and posted goes through JSON: the update and the chat it makes must still pass their schemas.
    const update = JSON.parse(JSON.stringify(started)) as unknown;
    assert.ok(TranscriptUpdate.safeParse(update).success, JSON.stringify(update));
    const chat = newChat('c', 0);
    applyUpdate(chat, { type: 'turnStarted', turn: newTurn('t', { text: 'x', chips: [] }, 0) });
    applyUpdate(chat, TranscriptUpdate.parse(update));
    assert.ok(Chat.safeParse(JSON.parse(JSON.stringify(chat))).success);
    assert.equal(updateFromNotice('t', { kind: 'started', params: { runId: 'r', task: 'x', entryAgent: 'concierge', origin: 'run' } }, 0), undefined);
  });
});
