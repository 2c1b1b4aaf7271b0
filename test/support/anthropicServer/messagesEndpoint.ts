/**
 * `POST /v1/messages` and `POST /v1/messages/count_tokens`: the scripted turn as a JSON message or an
 * SSE stream, with the turn's fault injected into the attempts it affects.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { errorMessageFor, errorTypeFor, type Exchange } from './exchange';
import { replyFor, replyJson, sseText, streamEvents, type Reply, type SseEvent } from './messageShape';
import { countInputTokens, type PromptCache } from './promptCache';
import type { TurnSource } from './turnSource';
import type { Fault } from './types';
import { validateMessagesBody } from './validate';

/** What the messages endpoints share with the server. */
export interface MessagesContext {
  readonly turns: TurnSource;
  readonly cache: PromptCache;
  readonly chunkSize: number;
  readonly eventDelayMs: number;
  /** Aborted when the server closes: pending pauses end. */
  readonly closing: AbortSignal;
}

/** Waits, or returns false if the server closed meanwhile. */
async function pause(ms: number, closing: AbortSignal): Promise<boolean> {
  try {
    await sleep(ms, undefined, { signal: closing });
    return true;
  } catch {
    return false;
  }
}

function statusHeaders(fault: Extract<Fault, { kind: 'status' }>): Record<string, string> {
  const headers: Record<string, string> = {};
  if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
  if (fault.retryAfterMs !== undefined) headers['retry-after-ms'] = String(fault.retryAfterMs);
  if (fault.shouldRetry !== undefined) headers['x-should-retry'] = String(fault.shouldRetry);
  return headers;
}

/** `POST /v1/messages`. */
export async function serveMessages(ex: Exchange, raw: unknown, ctx: MessagesContext): Promise<void> {
  const body = validateMessagesBody(raw, 'messages');
  const lease = ctx.turns.forAttempt(body);
  if (!lease) {
    // Not an API behaviour: a test that forgot a turn should fail at once, not after retries.
    ex.error(500, 'api_error', 'The scripted server has no turn queued and no responder for this request.', { 'x-should-retry': 'false' });
    return;
  }
  const { fault } = lease;
  if (fault?.kind === 'status') {
    const type = errorTypeFor(fault.status);
    ex.error(fault.status, type, errorMessageFor(type), statusHeaders(fault));
    return;
  }
  if (fault?.kind === 'slowFirstByte') {
    if (!(await pause(fault.ms, ctx.closing)) || ex.gone) return;
    lease.settle();
  }
  if (fault?.kind === 'error_event' && !body.stream) {
    const status = fault.errorType === 'overloaded_error' ? 529 : 500;
    ex.error(status, fault.errorType, errorMessageFor(fault.errorType));
    return;
  }
  const reply = replyFor(lease.turn, body, ctx.cache.admit(body));
  if (!body.stream) {
    const json = replyJson(reply);
    if (fault?.kind === 'cut') {
      ex.head(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(json)) });
      await ex.write(json.slice(0, Math.floor(json.length / 2)));
      ex.cut();
      return;
    }
    ex.text(200, 'application/json', json);
    return;
  }
  await stream(ex, reply, fault, ctx);
}

async function stream(ex: Exchange, reply: Reply, fault: Fault | undefined, ctx: MessagesContext): Promise<void> {
  const events = streamEvents(reply, ctx.chunkSize);
  // A cut never lets the stream complete: at most all events but message_stop.
  const cutAt = fault?.kind === 'cut' ? Math.min(fault.afterEvents, events.length - 1) : undefined;
  const errorAt = fault?.kind === 'error_event' ? Math.min(fault.afterEvents ?? Math.floor(events.length / 2), events.length - 1) : undefined;
  ex.head(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
  for (const [index, event] of events.entries()) {
    if (ex.gone) return;
    if (index === cutAt) {
      ex.cut();
      return;
    }
    if (index === errorAt && fault?.kind === 'error_event') {
      const error: SseEvent = { event: 'error', data: { type: 'error', error: { type: fault.errorType, message: errorMessageFor(fault.errorType) } } };
      await ex.write(sseText(error));
      ex.res.end();
      return;
    }
    await ex.write(sseText(event));
    if (ctx.eventDelayMs > 0 && index < events.length - 1 && !(await pause(ctx.eventDelayMs, ctx.closing))) return;
  }
  ex.res.end();
}

/** `POST /v1/messages/count_tokens`: the same count as usage, without touching the cache. */
export function serveCountTokens(ex: Exchange, raw: unknown): void {
  const body = validateMessagesBody(raw, 'count_tokens');
  ex.json(200, { input_tokens: countInputTokens(body) });
}
