/**
 * The one door every Nova request goes through on the server: params are checked against the
 * method's schema before a handler sees them, and failures come back as typed JSON-RPC errors —
 * never as a crash. Notifications go out through `notify`, typed by their declaration.
 */
import { ResponseError, type Connection } from 'vscode-languageserver/node';
import { check, novaErrorCodes, type NovaErrorData, type NovaNotification, type NovaRequest } from '../protocol/message';

/** An error a handler throws on purpose; it reaches the client with its code and message. */
export class NovaRequestError extends Error {
  constructor(
    readonly code: (typeof novaErrorCodes)[keyof typeof novaErrorCodes],
    message: string,
  ) {
    super(message);
  }
}

/** Registers a handler that only ever sees params its schema accepted. */
export function handleRequest<Params, Result>(
  connection: Connection,
  request: NovaRequest<Params, Result>,
  handler: (params: Params, signal: AbortSignal) => Promise<Result> | Result,
): void {
  // Registered by method name: what arrives is unknown until the schema has checked it.
  connection.onRequest(request.method, async (raw: unknown, token) => {
    const checked = check(request.params, raw ?? {});
    if (!checked.ok) {
      return new ResponseError<NovaErrorData>(novaErrorCodes.invalidParams, `${request.method}: invalid params: ${checked.issues.join('; ')}`, { issues: checked.issues });
    }
    const controller = new AbortController();
    const cancelled = token.onCancellationRequested(() => controller.abort());
    try {
      return await handler(checked.value, controller.signal);
    } catch (error) {
      if (error instanceof NovaRequestError) return new ResponseError<NovaErrorData>(error.code, error.message);
      connection.console.error(`${request.method} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return new ResponseError<NovaErrorData>(-32603, `${request.method} failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      cancelled.dispose();
    }
  });
}

/** Sends a notification; the declaration fixes its params' type. */
export function notify<Params>(connection: Connection, notification: NovaNotification<Params>, params: Params): void {
  void connection.sendNotification(notification.method, params);
}
