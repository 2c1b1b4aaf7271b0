/**
 * The extension's side of Nova's protocol: requests typed by their declaration, and every result
 * and notification checked against its schema before anything in the extension uses it — the
 * server is another process, and what it sends is data until checked.
 */
import { ResponseError, type CancellationToken, type LanguageClient } from 'vscode-languageclient/node';
import { check, novaErrorCodes, type NovaErrorData, type NovaNotification, type NovaRequest } from '../../protocol/message';

/** The server answered with something its method does not allow. */
export class MalformedReply extends Error {}

/** Sends a request and returns its checked result. */
export async function sendRequest<P, R>(client: LanguageClient, request: NovaRequest<P, R>, params: P, token?: CancellationToken): Promise<R> {
  const raw: unknown = await client.sendRequest(request.method, params, token);
  const checked = check(request.result, raw);
  if (!checked.ok) throw new MalformedReply(`Nova's server answered ${request.method} with an invalid result: ${checked.issues.join('; ')}`);
  return checked.value;
}

/** The handler a notification's raw params go through: checked, then handled; returns whether they passed. */
export function checkedHandler<P>(notification: NovaNotification<P>, handler: (params: P) => void, invalid: (message: string) => void): (raw: unknown) => boolean {
  return (raw) => {
    const checked = check(notification.params, raw);
    if (checked.ok) handler(checked.value);
    else invalid(`Ignored an invalid ${notification.method} from Nova's server: ${checked.issues.join('; ')}`);
    return checked.ok;
  };
}

/**
 * Answers a request the server sends (server → client). Params that fail their schema are reported
 * to `invalid` and answered with an invalid-params error; the handler never sees them.
 */
export function onRequest<P, R>(client: LanguageClient, request: NovaRequest<P, R>, handler: (params: P, token: CancellationToken) => Promise<R>, invalid: (message: string) => void): { dispose(): void } {
  return client.onRequest(request.method, async (raw: unknown, token: CancellationToken) => {
    const checked = check(request.params, raw);
    if (checked.ok) return handler(checked.value, token);
    const message = `Refused an invalid ${request.method} from Nova's server: ${checked.issues.join('; ')}`;
    invalid(message);
    return new ResponseError<NovaErrorData>(novaErrorCodes.invalidParams, message, { issues: checked.issues });
  });
}
