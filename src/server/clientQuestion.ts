/**
 * A question the server puts to the editor (a server → client request, e.g. a command approval or an
 * escalation) on behalf of a run: the answer is checked against its schema, and when the run is
 * cancelled the request is cancelled and the run stops waiting at once, even if the editor's dialog
 * stays open.
 */
import { CancellationTokenSource, type Connection } from 'vscode-languageserver/node';
import { check, type NovaRequest } from '../protocol/message';

/** How asking went. */
export type ClientReply<R> =
  | { readonly kind: 'answered'; readonly answer: R }
  | { readonly kind: 'cancelled' }
  /** The editor answered something its method does not allow. */
  | { readonly kind: 'invalid'; readonly issues: readonly string[] }
  /** The request failed (an error response, a closed connection). */
  | { readonly kind: 'failed'; readonly message: string };

const runCancelled = Symbol('run cancelled');

export async function askClient<P, R>(connection: Connection, request: NovaRequest<P, R>, params: P, signal: AbortSignal): Promise<ClientReply<R>> {
  if (signal.aborted) return { kind: 'cancelled' };
  const cancel = new CancellationTokenSource();
  let onAbort = (): void => {};
  const aborted = new Promise<typeof runCancelled>((resolve) => {
    onAbort = () => {
      cancel.cancel();
      resolve(runCancelled);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    const raw: unknown = await Promise.race([connection.sendRequest(request.method, params, cancel.token), aborted]);
    if (raw === runCancelled) return { kind: 'cancelled' };
    const checked = check(request.result, raw);
    return checked.ok ? { kind: 'answered', answer: checked.value } : { kind: 'invalid', issues: checked.issues };
  } catch (error) {
    if (signal.aborted) return { kind: 'cancelled' };
    return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
  } finally {
    signal.removeEventListener('abort', onAbort);
    cancel.dispose();
  }
}
