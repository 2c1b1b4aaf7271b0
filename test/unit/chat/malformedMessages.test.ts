import * as assert from 'node:assert/strict';
import { chatRequests } from '../../../src/protocol/webview/chat';
import { WebviewEndpoint } from '../../../src/protocol/webview/endpoint';
import { malformedWebviewMessages } from '../../support/malformedWebviewMessages';

// The same generator the real-VS Code suite feeds the chat view (test/vscode/suite/chatView.test.ts).
describe('malformed messages from a chat page', () => {
  it('are 10,000 messages the extension side of the endpoint refuses, none reaching a handler', () => {
    const messages = malformedWebviewMessages(10_000);
    const endpoint = new WebviewEndpoint({ side: 'extension', post: () => undefined });
    const reached: string[] = [];
    for (const request of chatRequests as readonly { method: string }[]) endpoint.handle(request as never, () => void reached.push(request.method));
    for (const message of messages) endpoint.receive(message);
    assert.deepEqual(endpoint.counts, { received: 10_000, refused: 10_000 });
    assert.deepEqual(reached, []);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('are the same 10,000 every run (seeded), and varied', () => {
    const first = malformedWebviewMessages(10_000);
    assert.deepEqual(JSON.stringify(malformedWebviewMessages(10_000)), JSON.stringify(first));
    const kinds = new Set(first.map((message) => (typeof message === 'object' && message !== null && 'kind' in message ? String((message as { kind: unknown }).kind) : typeof message)));
    for (const kind of ['request', 'response', 'error', 'notification', 'ready', 'object', 'string', 'number']) assert.ok(kinds.has(kind), `no ${kind} message`);
    const methods = new Set(first.flatMap((message) => ((message as { kind?: unknown } | null)?.kind === 'request' ? [String((message as { method: unknown }).method)] : [])));
    for (const request of chatRequests) assert.ok(methods.has(request.method), `${request.method} is never spoiled`);
  });
});
