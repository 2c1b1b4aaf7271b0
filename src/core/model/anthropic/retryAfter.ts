/**
 * A `retry-after` longer than Nova will wait. The SDK honours `retry-after` by sleeping, however
 * long; past a bound (60 s by default) a person is better told when the API will take requests
 * again than left watching a run that seems stuck. An SDK middleware sees each response before the
 * SDK decides to sleep, and stops the call there.
 */
import type { Middleware } from '@anthropic-ai/sdk';
import { ModelCallError } from './modelCallError';

/** How long Nova lets the SDK wait on a `retry-after` before it stops the call instead. */
export const defaultMaxRetryAfterMs = 60_000;

/** The API asked for a wait longer than the bound: the call stops, saying when to try again. */
export class RetryAfterTooLong extends ModelCallError {
  constructor(
    readonly status: number,
    /** When the API said it will take requests again. */
    readonly retryAt: Date,
    readonly waitMs: number,
    readonly maxWaitMs: number,
  ) {
    super(
      `the API is not taking requests (HTTP ${status}) until ${retryAt.toISOString()}, in ${Math.ceil(waitMs / 1000)} s; ` +
        `Nova waits at most ${Math.round(maxWaitMs / 1000)} s, so the run stops here — try again after that time.`,
    );
    this.name = 'RetryAfterTooLong';
  }
}

/**
 * The wait a response asks for, in ms, read as the SDK reads it: `retry-after-ms`, else
 * `retry-after` in seconds or as an HTTP date. Undefined when it asks for none.
 */
export function retryAfterMs(headers: Headers, now: number): number | undefined {
  const ms = parseFloat(headers.get('retry-after-ms') ?? '');
  if (!Number.isNaN(ms)) return ms;
  const header = headers.get('retry-after');
  if (!header) return undefined;
  const seconds = parseFloat(header);
  if (!Number.isNaN(seconds)) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : date - now;
}

/** Whether the SDK retries this response (and so would sleep on its retry-after): its own rule. */
function sdkRetries(response: Response): boolean {
  const header = response.headers.get('x-should-retry');
  if (header === 'true' || header === 'false') return header === 'true';
  return response.status === 408 || response.status === 409 || response.status === 429 || response.status >= 500;
}

/** A middleware that turns a retryable response asking for more than `maxWaitMs` into {@link RetryAfterTooLong}. */
export function retryAfterBound(maxWaitMs: number, clock: () => number = Date.now): Middleware {
  return async (request, next) => {
    const response = await next(request);
    if (response.ok || !sdkRetries(response)) return response;
    const now = clock();
    const wait = retryAfterMs(response.headers, now);
    if (wait === undefined || wait <= maxWaitMs) return response;
    await response.body?.cancel().catch(() => undefined);
    throw new RetryAfterTooLong(response.status, new Date(now + wait), wait, maxWaitMs);
  };
}
