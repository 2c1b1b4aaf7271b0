/**
 * The one door every Nova request goes through on the server: params are checked against the
 * method's schema before a handler sees them, and failures come back as typed JSON-RPC errors —
 * never as a crash. Notifications go out through `notify`, typed by their declaration.
 */
import type { CancellationToken, Connection, ResponseError } from 'vscode-languageserver/node';
import { inertText } from '../core/inertText';
import { check, novaErrorCodes, type NovaErrorData, type NovaNotification, type NovaRequest } from '../protocol/message';
import { inertParams } from './inertMessages';

/**
 * A connection with the `ResponseError` class of its own copy of vscode-jsonrpc. The connection
 * sends an error reply only for an instance of that class (an `instanceof` check), and the core is a
 * second bundle with a copy of its own: an error made with the core's class would reach the client
 * as a successful result. main.ts passes the class in (see `attachNova`).
 */
export interface ServerConnection {
  readonly connection: Connection;
  readonly ResponseError: typeof ResponseError;
}

/** An error a handler throws on purpose; it reaches the client with its code and message (and `issues` as its data). */
export class NovaRequestError extends Error {
  constructor(
    readonly code: (typeof novaErrorCodes)[keyof typeof novaErrorCodes],
    message: string,
    readonly issues?: readonly string[],
  ) {
    super(message);
  }
}

/** Registers a handler that only ever sees params its schema accepted. */
export function handleRequest<Params, Result>(
  { connection, ResponseError }: ServerConnection,
  request: NovaRequest<Params, Result>,
  handler: (params: Params, signal: AbortSignal) => Promise<Result> | Result,
): void {
  // Registered by method name: what arrives is unknown until the schema has checked it. A request
  // without params reaches the handler as (token) alone, one with params as (params, token).
  connection.onRequest(request.method, async (...args: unknown[]) => {
    const raw = args.length > 1 ? args[0] : undefined;
    const token = args[args.length - 1] as CancellationToken;
    const checked = check(request.params, raw ?? {});
    if (!checked.ok) {
      return new ResponseError<NovaErrorData>(novaErrorCodes.invalidParams, `${request.method}: invalid params: ${checked.issues.join('; ')}`, { issues: checked.issues });
    }
    try {
      return await handler(checked.value, abortSignalOf(token));
    } catch (error) {
      // Clients show an error reply's message to the person as they do a log line: inert too.
      if (error instanceof NovaRequestError) return new ResponseError<NovaErrorData>(error.code, inertText(error.message), error.issues ? { issues: error.issues.map(inertText) } : undefined);
      connection.console.error(`${request.method} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return new ResponseError<NovaErrorData>(-32603, inertText(`${request.method} failed: ${error instanceof Error ? error.message : String(error)}`));
    }
  });
}

/** An AbortSignal that aborts when the client cancels the request. */
export function abortSignalOf(token: CancellationToken): AbortSignal {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  else token.onCancellationRequested(() => controller.abort());
  return controller.signal;
}

/** Sends a notification; the declaration fixes its params' type. Text a person reads as a message is made inert. */
export function notify<Params>(connection: Connection, notification: NovaNotification<Params>, params: Params): void {
  void connection.sendNotification(notification.method, inertParams(notification, params));
}
