/**
 * How the extension and a webview talk: typed descriptors (one per method, named `scope/verb`, with
 * the zod schemas the receiving side checks), carried in one small envelope. Transport-neutral: the
 * extension posts through `webview.postMessage`, the page through `acquireVsCodeApi().postMessage`;
 * both hand what they receive to a `WebviewEndpoint` (endpoint.ts), which validates it.
 *
 * Requests go page → extension and are answered with a result or a typed error, matched by a
 * correlation id. Notifications go either way, as their declaration says.
 */
import { z } from 'zod';

/** Who sends a notification. */
export type WebviewDirection = 'toExtension' | 'toWebview';

/** A request the page sends and the extension answers. */
export interface WebviewRequest<Params, Result> {
  readonly kind: 'request';
  readonly method: string;
  readonly params: z.ZodType<Params>;
  readonly result: z.ZodType<Result>;
}

/** A fire-and-forget message in one direction. */
export interface WebviewNotification<Params> {
  readonly kind: 'notification';
  readonly method: string;
  readonly direction: WebviewDirection;
  readonly params: z.ZodType<Params>;
}

const methodPattern = /^[a-z]+\/[a-zA-Z]+$/;

function checkMethod(method: string): string {
  if (!methodPattern.test(method)) throw new Error(`Webview methods are named scope/verb, not ${method}.`);
  return method;
}

/** Declares a request (page → extension). */
export function webviewRequest<Params, Result>(method: string, params: z.ZodType<Params>, result: z.ZodType<Result>): WebviewRequest<Params, Result> {
  return { kind: 'request', method: checkMethod(method), params, result };
}

/** Declares a notification the extension sends to the page. */
export function toWebview<Params>(method: string, params: z.ZodType<Params>): WebviewNotification<Params> {
  return { kind: 'notification', method: checkMethod(method), direction: 'toWebview', params };
}

/** Declares a notification the page sends to the extension. */
export function toExtension<Params>(method: string, params: z.ZodType<Params>): WebviewNotification<Params> {
  return { kind: 'notification', method: checkMethod(method), direction: 'toExtension', params };
}

/** Why a request failed, as the page is told. */
export const webviewErrorCodes = ['invalidParams', 'unknownMethod', 'failed', 'cancelled', 'notReady'] as const;
export type WebviewErrorCode = (typeof webviewErrorCodes)[number];

export const WebviewError = z.strictObject({
  code: z.enum(webviewErrorCodes),
  message: z.string(),
  /** For invalid params: each problem as `path: message`. */
  issues: z.array(z.string()).optional(),
});
export type WebviewError = z.infer<typeof WebviewError>;

const CorrelationId = z.int().min(1).max(Number.MAX_SAFE_INTEGER);
const Method = z.string().regex(methodPattern, 'a method named scope/verb');

/**
 * Everything that crosses, in either direction. `ready` is the page saying it listens (the extension
 * holds its messages until then); the rest carry a method's params or a request's outcome.
 */
export const Envelope = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('ready') }),
  z.strictObject({ kind: z.literal('request'), id: CorrelationId, method: Method, params: z.unknown() }),
  z.strictObject({ kind: z.literal('response'), id: CorrelationId, result: z.unknown() }),
  z.strictObject({ kind: z.literal('error'), id: CorrelationId, error: WebviewError }),
  z.strictObject({ kind: z.literal('notification'), method: Method, params: z.unknown() }),
]);
export type Envelope = z.infer<typeof Envelope>;

/** A request that came back with an error (or could not be sent), typed as the other side said. */
export class WebviewRequestError extends Error {
  constructor(
    readonly code: WebviewErrorCode,
    message: string,
    readonly issues: readonly string[] = [],
  ) {
    super(message);
  }
}

/** Problems of a value that failed a schema, as `path: message`. */
export function issuesOf(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.map(String).join('.') : '(message)'}: ${issue.message}`);
}
