import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { z } from 'zod';
import { WebviewEndpoint } from '../../../src/protocol/webview/endpoint';
import { toExtension, toWebview, webviewRequest, WebviewRequestError, type Envelope } from '../../../src/protocol/webview/message';

const add = webviewRequest('test/add', z.strictObject({ a: z.number(), b: z.number() }), z.strictObject({ sum: z.number() }));
const shout = webviewRequest('test/shout', z.strictObject({ text: z.string() }), z.string());
const painted = toExtension('test/painted', z.strictObject({ ms: z.number() }));
const hello = toWebview('test/hello', z.strictObject({ name: z.string() }));

/** An extension endpoint and a page endpoint wired back to back, as a webview view wires them. */
function pair(): { extension: WebviewEndpoint; page: WebviewEndpoint; toPage: Envelope[]; refused: string[] } {
  const toPage: Envelope[] = [];
  const refused: string[] = [];
  const wired: { page?: WebviewEndpoint } = {};
  const extension = new WebviewEndpoint({
    side: 'extension',
    post: (envelope) => {
      toPage.push(envelope);
      // postMessage structured-clones: the page gets a copy, asynchronously.
      const copy: unknown = structuredClone(envelope);
      queueMicrotask(() => wired.page?.receive(copy));
    },
    onRefused: (message) => refused.push(`extension: ${message}`),
  });
  const page = new WebviewEndpoint({
    side: 'webview',
    post: (envelope) => {
      const copy: unknown = structuredClone(envelope);
      queueMicrotask(() => extension.receive(copy));
    },
    onRefused: (message) => refused.push(`page: ${message}`),
  });
  wired.page = page;
  return { extension, page, toPage, refused };
}

describe('webview endpoint', () => {
  it('holds what the extension sends until the page says ready, then delivers it in order', async () => {
    const { extension, page, toPage } = pair();
    const heard: string[] = [];
    page.on(hello, ({ name }) => heard.push(name));
    extension.notify(hello, { name: 'first' });
    extension.notify(hello, { name: 'second' });
    await Promise.resolve();
    assert.deepEqual(toPage, [], 'sent before the page listened');
    let readyCount = 0;
    extension.onReady(() => readyCount++);
    page.announceReady();
    await new Promise((resolve) => setTimeout(resolve, 0));
    assert.deepEqual(heard, ['first', 'second']);
    assert.equal(readyCount, 1);
  });

  it('answers requests by correlation id with checked results, concurrently', async () => {
    const { extension, page } = pair();
    extension.handle(add, async ({ a, b }) => {
      await new Promise((resolve) => setTimeout(resolve, a));
      return { sum: a + b };
    });
    page.announceReady();
    const answers = await Promise.all([page.request(add, { a: 20, b: 1 }), page.request(add, { a: 1, b: 2 }), page.request(add, { a: 5, b: 5 })]);
    assert.deepEqual(answers, [{ sum: 21 }, { sum: 3 }, { sum: 10 }]);
  });

  it('fails a request with a typed error: invalid params name the field, a thrown handler says why, an unknown method says so', async () => {
    const { extension, page } = pair();
    extension.handle(add, () => {
      throw new Error('the workspace has no folder');
    });
    page.announceReady();
    const invalid = await page.request(add, { a: 1, b: 'two' } as unknown as { a: number; b: number }).catch((error: unknown) => error);
    assert.ok(invalid instanceof WebviewRequestError);
    assert.equal(invalid.code, 'invalidParams');
    assert.match(invalid.issues.join(), /^b: /);
    const failed = await page.request(add, { a: 1, b: 2 }).catch((error: unknown) => error);
    assert.ok(failed instanceof WebviewRequestError);
    assert.equal(failed.code, 'failed');
    assert.equal(failed.message, 'the workspace has no folder');
    const unknown = await page.request(shout, { text: 'hi' }).catch((error: unknown) => error);
    assert.ok(unknown instanceof WebviewRequestError);
    assert.equal(unknown.code, 'unknownMethod');
  });

  it('rejects a result of the wrong shape instead of handing it to the caller', async () => {
    const { extension, page } = pair();
    extension.handle(add, () => ({ sum: 'many' }) as unknown as { sum: number });
    page.announceReady();
    const error = await page.request(add, { a: 1, b: 2 }).catch((caught: unknown) => caught);
    assert.ok(error instanceof WebviewRequestError);
    assert.match(error.message, /test\/add answered with an invalid result: sum:/);
  });

  it('refuses notifications in the wrong direction at declaration, and checks params on arrival', () => {
    const { extension, page, refused } = pair();
    assert.throws(() => extension.notify(painted, { ms: 1 }), /sent by the webview/);
    assert.throws(() => page.on(painted, () => undefined), /not sent to the webview/);
    const heard: number[] = [];
    extension.on(painted, ({ ms }) => heard.push(ms));
    extension.receive({ kind: 'notification', method: 'test/painted', params: { ms: 'slow' } });
    extension.receive({ kind: 'notification', method: 'test/painted', params: { ms: 3 } });
    assert.deepEqual(heard, [3]);
    assert.equal(extension.counts.refused, 1);
    assert.match(refused.join('\n'), /test\/painted with invalid params \(ms: /);
  });

  it('refuses every random or malformed message without calling a handler or throwing', () => {
    const { extension } = pair();
    let handled = 0;
    extension.handle(add, () => {
      handled++;
      return { sum: 0 };
    });
    extension.on(painted, () => handled++);
    const junk = fc.oneof(
      fc.anything(),
      fc.record({ kind: fc.constantFrom('request', 'notification', 'response', 'error', 'ready', '__proto__'), id: fc.anything(), method: fc.oneof(fc.string(), fc.constantFrom('test/add', 'test/painted', 'constructor/x')), params: fc.anything() }),
      fc.record({ kind: fc.constant('request'), id: fc.integer({ min: 1, max: 100 }), method: fc.constant('test/add'), params: fc.record({ a: fc.anything(), b: fc.string() }) }),
      fc.record({ kind: fc.constant('notification'), method: fc.constant('test/painted'), params: fc.oneof(fc.string(), fc.record({ ms: fc.string() }), fc.constant(null)) }),
    );
    fc.assert(
      fc.property(junk, (message) => {
        const before = extension.counts.refused;
        extension.receive(message);
        // Anything but a `ready` is refused or answered with an error.
        const isReady = typeof message === 'object' && message !== null && (message as { kind?: unknown }).kind === 'ready' && Object.keys(message).length === 1;
        return isReady || extension.counts.refused === before + 1;
      }),
      { numRuns: 2000 },
    );
    assert.equal(handled, 0);
  });

  it('fails pending requests as cancelled when the view is disposed', async () => {
    const { extension, page } = pair();
    extension.handle(add, () => new Promise<never>(() => undefined));
    page.announceReady();
    const pending = page.request(add, { a: 1, b: 1 });
    page.dispose();
    await assert.rejects(pending, (error: unknown) => error instanceof WebviewRequestError && error.code === 'cancelled');
  });
});
