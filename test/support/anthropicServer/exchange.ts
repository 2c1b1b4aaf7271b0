/**
 * One request/response pair on the wire: the recorded request, and replies in the API's shapes
 * (`request-id` header on every response, errors as `{type: 'error', error: {type, message}}`).
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RecordedRequest } from './types';

/** An id in the API's style: a prefix and 24 random base62-ish characters. */
export function newId(prefix: string): string {
  return prefix + randomBytes(18).toString('base64').replace(/[+/=]/g, 'x');
}

/** The API's error type for an HTTP status. */
export function errorTypeFor(status: number): string {
  const types: Record<number, string> = {
    400: 'invalid_request_error', 401: 'authentication_error', 402: 'billing_error', 403: 'permission_error',
    404: 'not_found_error', 408: 'timeout_error', 409: 'conflict_error', 413: 'request_too_large',
    429: 'rate_limit_error', 504: 'timeout_error', 529: 'overloaded_error',
  };
  return types[status] ?? 'api_error';
}

const messages: Record<string, string> = {
  authentication_error: 'invalid x-api-key',
  rate_limit_error: 'Number of request tokens has exceeded your per-minute rate limit',
  overloaded_error: 'Overloaded',
  api_error: 'Internal server error',
};

/** The message the API gives with an error type (wording as seen from the API, not contractual). */
export function errorMessageFor(type: string): string {
  return messages[type] ?? type.replace(/_/g, ' ');
}

/** A request the API refuses: thrown by validation, answered by the router. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

/** The recorded request, with the field the exchange fills in when it answers. */
export type MutableRecordedRequest = { -readonly [K in keyof RecordedRequest]: RecordedRequest[K] };

export class Exchange {
  readonly requestId = newId('req_');
  private clientGone = false;

  constructor(
    readonly res: ServerResponse,
    readonly record: MutableRecordedRequest,
  ) {
    res.once('close', () => {
      if (!res.writableFinished) this.clientGone = true;
    });
  }

  /** The client closed the connection (or timed out) before the response ended. */
  get gone(): boolean {
    return this.clientGone || this.res.destroyed;
  }

  /** Sends status and headers now: the response's first bytes. */
  head(status: number, headers: Readonly<Record<string, string>>): void {
    this.record.firstByteAt = Date.now();
    this.res.writeHead(status, { 'request-id': this.requestId, ...headers });
    this.res.flushHeaders();
  }

  /** A whole response with a text body. */
  text(status: number, contentType: string, body: string, headers: Readonly<Record<string, string>> = {}): void {
    if (this.gone) return;
    this.head(status, { 'content-type': contentType, 'content-length': String(Buffer.byteLength(body)), ...headers });
    this.res.end(body);
  }

  json(status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
    this.text(status, 'application/json', JSON.stringify(body), headers);
  }

  /** An error response in the API's shape. */
  error(status: number, type: string, message: string, headers: Readonly<Record<string, string>> = {}): void {
    this.json(status, { type: 'error', error: { type, message }, request_id: this.requestId }, headers);
  }

  /** Writes a chunk and waits until it has been handed to the socket. */
  write(chunk: string): Promise<void> {
    return new Promise((resolve) => {
      if (this.gone) resolve();
      else this.res.write(chunk, () => resolve());
    });
  }

  /** Destroys the connection abruptly: the client sees the body end early. */
  cut(): void {
    this.res.socket?.destroy();
    this.res.destroy();
  }
}

/** Reads a request's body as text. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Lower-case header names; repeated headers joined with `, `. */
export function flatHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}
