/**
 * One side of a webview conversation. Everything received is data until checked: the envelope, then
 * the method's params (or a pending request's result) against its descriptor. What fails is counted,
 * reported and dropped — it never reaches a handler and changes nothing.
 *
 * The extension side holds what it sends until the page says `ready` (a page that is still loading
 * would lose it); a page that reloads says `ready` again and gets a fresh start. Requests carry
 * correlation ids; the answer is a checked result or a `WebviewRequestError` with a typed code.
 */
import type { z } from 'zod';
import { Envelope, issuesOf, WebviewRequestError, type WebviewDirection, type WebviewNotification, type WebviewRequest } from './message';

export interface EndpointOptions {
  /** Which side this endpoint is: it receives requests and `toExtension` notifications on the extension side. */
  readonly side: 'extension' | 'webview';
  /** Sends one envelope to the other side. */
  readonly post: (envelope: Envelope) => void;
  /** Told about every message refused, in words a log reader understands. */
  readonly onRefused?: (message: string) => void;
}

interface Registered {
  readonly schema: z.ZodType<unknown>;
  readonly handler: (params: never) => unknown;
}

interface Pending {
  readonly method: string;
  readonly result: z.ZodType<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

export interface Disposable {
  dispose(): void;
}

export class WebviewEndpoint implements Disposable {
  private readonly requestHandlers = new Map<string, Registered>();
  private readonly notificationHandlers = new Map<string, Registered>();
  private readonly pending = new Map<number, Pending>();
  private readonly held: Envelope[] = [];
  private readonly readyListeners = new Set<() => void>();
  private nextId = 1;
  private ready: boolean;
  private disposed = false;
  /** What arrived and what was refused: the fuzz tests read these. */
  readonly counts = { received: 0, refused: 0 };

  constructor(private readonly options: EndpointOptions) {
    // The page may send at once; the extension waits to hear that the page listens.
    this.ready = options.side === 'webview';
  }

  private get incoming(): WebviewDirection {
    return this.options.side === 'extension' ? 'toExtension' : 'toWebview';
  }

  /** Answers a request from the page (extension side). A handler that throws answers with a `failed` error. */
  handle<P, R>(request: WebviewRequest<P, R>, handler: (params: P) => Promise<R> | R): Disposable {
    return this.register(this.requestHandlers, request.method, { schema: request.params, handler });
  }

  /** Listens for a notification sent to this side. */
  on<P>(notification: WebviewNotification<P>, handler: (params: P) => void): Disposable {
    if (notification.direction !== this.incoming) throw new Error(`${notification.method} is not sent to the ${this.options.side}.`);
    return this.register(this.notificationHandlers, notification.method, { schema: notification.params, handler });
  }

  /** Fires each time the page says it is ready (the first load and every reload). */
  onReady(listener: () => void): Disposable {
    this.readyListeners.add(listener);
    return { dispose: () => this.readyListeners.delete(listener) };
  }

  /** The page tells the extension it listens (webview side). */
  announceReady(): void {
    this.options.post({ kind: 'ready' });
  }

  /** Sends a request (webview side) and resolves with its checked result. */
  request<P, R>(request: WebviewRequest<P, R>, params: P): Promise<R> {
    if (this.disposed) return Promise.reject(new WebviewRequestError('cancelled', `${request.method}: the view is closed.`));
    const id = this.nextId++;
    return new Promise<R>((resolve, reject) => {
      this.pending.set(id, { method: request.method, result: request.result, resolve: resolve as (value: unknown) => void, reject });
      this.send({ kind: 'request', id, method: request.method, params });
    });
  }

  /** Sends a notification; on the extension side it waits until the page is ready. */
  notify<P>(notification: WebviewNotification<P>, params: P): void {
    if (notification.direction === this.incoming) throw new Error(`${notification.method} is sent by the ${this.options.side === 'extension' ? 'webview' : 'extension'}, not to it.`);
    this.send({ kind: 'notification', method: notification.method, params });
  }

  /** Hands over one message from the other side. Never throws: what fails is refused. */
  receive(raw: unknown): void {
    if (this.disposed) return;
    this.counts.received++;
    const parsed = Envelope.safeParse(raw);
    if (!parsed.success) return this.refuse(`a message of the wrong shape (${issuesOf(parsed.error).slice(0, 3).join('; ')})`);
    const envelope = parsed.data;
    switch (envelope.kind) {
      case 'ready':
        return this.pageReady();
      case 'request':
        return void this.answer(envelope.id, envelope.method, envelope.params);
      case 'response':
        return this.settle(envelope.id, (pending) => {
          const checked = pending.result.safeParse(envelope.result);
          if (checked.success) pending.resolve(checked.data);
          else pending.reject(new WebviewRequestError('failed', `${pending.method} answered with an invalid result: ${issuesOf(checked.error).join('; ')}`));
          return checked.success;
        });
      case 'error':
        return this.settle(envelope.id, (pending) => {
          pending.reject(new WebviewRequestError(envelope.error.code, envelope.error.message, envelope.error.issues));
          return true;
        });
      case 'notification': {
        const registered = this.notificationHandlers.get(envelope.method);
        if (!registered) return this.refuse(`a notification nobody handles here (${envelope.method})`);
        const checked = registered.schema.safeParse(envelope.params);
        if (!checked.success) return this.refuse(`${envelope.method} with invalid params (${issuesOf(checked.error).join('; ')})`);
        return this.run(() => (registered.handler as (params: unknown) => void)(checked.data), envelope.method);
      }
    }
  }

  /** Ends the conversation: pending requests fail as cancelled, nothing more is sent or handled. */
  dispose(): void {
    this.disposed = true;
    for (const pending of this.pending.values()) pending.reject(new WebviewRequestError('cancelled', `${pending.method}: the view was closed.`));
    this.pending.clear();
    this.held.length = 0;
    this.requestHandlers.clear();
    this.notificationHandlers.clear();
    this.readyListeners.clear();
  }

  private register(handlers: Map<string, Registered>, method: string, registered: Registered): Disposable {
    if (handlers.has(method)) throw new Error(`${method} already has a handler.`);
    handlers.set(method, registered);
    return { dispose: () => handlers.get(method) === registered && handlers.delete(method) };
  }

  private send(envelope: Envelope): void {
    if (this.disposed) return;
    if (this.ready) this.options.post(envelope);
    else this.held.push(envelope);
  }

  private pageReady(): void {
    if (this.options.side !== 'extension') return this.refuse('a ready message, which only the page sends');
    this.ready = true;
    for (const envelope of this.held.splice(0)) this.options.post(envelope);
    for (const listener of [...this.readyListeners]) this.run(listener, 'ready');
  }

  private async answer(id: number, method: string, params: unknown): Promise<void> {
    const registered = this.requestHandlers.get(method);
    if (!registered) {
      this.refuse(`a request nobody answers here (${method})`);
      return this.send({ kind: 'error', id, error: { code: 'unknownMethod', message: `No ${method} here.` } });
    }
    const checked = registered.schema.safeParse(params);
    if (!checked.success) {
      const issues = issuesOf(checked.error);
      this.refuse(`${method} with invalid params (${issues.join('; ')})`);
      return this.send({ kind: 'error', id, error: { code: 'invalidParams', message: `${method}: invalid params.`, issues } });
    }
    try {
      const result: unknown = await (registered.handler as (params: unknown) => unknown)(checked.data);
      this.send({ kind: 'response', id, result: result ?? null });
    } catch (error) {
      const code = error instanceof WebviewRequestError ? error.code : 'failed';
      this.send({ kind: 'error', id, error: { code, message: error instanceof Error ? error.message : String(error) } });
    }
  }

  private settle(id: number, outcome: (pending: Pending) => boolean): void {
    const pending = this.pending.get(id);
    if (!pending) return this.refuse(`an answer to no pending request (id ${id})`);
    this.pending.delete(id);
    if (!outcome(pending)) this.counts.refused++;
  }

  private run(action: () => void, what: string): void {
    try {
      action();
    } catch (error) {
      this.options.onRefused?.(`The handler of ${what} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private refuse(what: string): void {
    this.counts.refused++;
    this.options.onRefused?.(`Refused ${what}.`);
  }
}
