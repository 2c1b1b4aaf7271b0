/**
 * A scripted Messages API server on loopback, for driving the real `@anthropic-ai/sdk` in tests:
 * routing, authentication, the API's header and body checks, and request recording.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BatchStore } from './batches';
import { ApiRequestError, Exchange, flatHeaders, readBody, type MutableRecordedRequest } from './exchange';
import { serveCountTokens, serveMessages, type MessagesContext } from './messagesEndpoint';
import { PromptCache } from './promptCache';
import { TurnSource } from './turnSource';
import type { RecordedRequest, ScriptedServer, ScriptedServerOptions } from './types';

type Route = (ex: Exchange, body: unknown, query: Readonly<Record<string, string>>) => void | Promise<void>;

/**
 * The request carries the key as `x-api-key` or as `authorization: Bearer <key>`: SDK 1.x sends an
 * `apiKey` the second way.
 */
function presentsKey(headers: Readonly<Record<string, string>>, apiKey: string): boolean {
  return headers['x-api-key'] === apiKey || headers['authorization'] === `Bearer ${apiKey}`;
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Starts a server on 127.0.0.1 with an ephemeral port. Endpoints: `POST /v1/messages` (JSON or SSE),
 * `POST /v1/messages/count_tokens`, and the Message Batches API (`/v1/messages/batches` create and
 * list, `/:id` retrieve and delete, `/:id/cancel`, `/:id/results`); anything else is 404.
 */
export async function startScriptedServer(options: ScriptedServerOptions = {}): Promise<ScriptedServer> {
  const turns = new TurnSource();
  const cache = new PromptCache();
  const closing = new AbortController();
  const requests: RecordedRequest[] = [];
  let baseURL = '';
  const batches = new BatchStore(turns, cache, Math.max(1, options.batchPollsUntilEnded ?? 2), () => baseURL);
  const ctx: MessagesContext = {
    turns,
    cache,
    chunkSize: Math.max(1, options.chunkSize ?? 8),
    eventDelayMs: options.eventDelayMs ?? 0,
    closing: closing.signal,
  };

  const route = (method: string, path: string): Route | undefined => {
    if (path === '/v1/messages') return method === 'POST' ? (ex, body) => serveMessages(ex, body, ctx) : undefined;
    if (path === '/v1/messages/count_tokens') return method === 'POST' ? (ex, body) => serveCountTokens(ex, body) : undefined;
    if (path === '/v1/messages/batches') {
      if (method === 'POST') return (ex, body) => ex.json(200, batches.create(body));
      if (method === 'GET') return (ex, _body, query) => ex.json(200, batches.list(query));
      return undefined;
    }
    const match = /^\/v1\/messages\/batches\/([^/]+)(\/cancel|\/results)?$/.exec(path);
    if (!match) return undefined;
    const id = decodeURIComponent(match[1]!);
    switch (`${method} ${match[2] ?? ''}`) {
      case 'GET ': return async (ex) => {
        await options.beforeBatchPoll?.(id);
        ex.json(200, batches.retrieve(id));
      };
      case 'DELETE ': return (ex) => ex.json(200, batches.delete(id));
      case 'POST /cancel': return (ex) => ex.json(200, batches.cancel(id));
      case 'GET /results': return (ex) => ex.text(200, 'application/binary', batches.results(id));
      default: return undefined;
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const text = await readBody(req);
    const record: MutableRecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: flatHeaders(req),
      body: parseBody(text),
      receivedAt: Date.now(),
      firstByteAt: undefined,
    };
    requests.push(record);
    const ex = new Exchange(res, record);
    try {
      if (options.apiKey !== undefined && !presentsKey(record.headers, options.apiKey)) {
        throw new ApiRequestError(401, 'authentication_error', 'invalid x-api-key');
      }
      if (!record.headers['anthropic-version']) throw new ApiRequestError(400, 'invalid_request_error', 'anthropic-version: header is required');
      const handler = route(record.method, record.path);
      if (!handler) throw new ApiRequestError(404, 'not_found_error', 'Not Found');
      if (record.method === 'POST' && text !== '' && typeof record.body === 'string') {
        throw new ApiRequestError(400, 'invalid_request_error', 'There was an issue with the request body: it is not valid JSON.');
      }
      await handler(ex, record.body, record.query);
    } catch (error) {
      if (error instanceof ApiRequestError) ex.error(error.status, error.type, error.message);
      else ex.error(500, 'api_error', `The scripted server failed: ${String(error)}`, { 'x-should-retry': 'false' });
    }
  };

  // A request whose body never fully arrives (the client went away) gets no answer.
  const server = createServer((req, res) => void handle(req, res).catch(() => res.destroy()));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseURL,
    requests,
    enqueue: (...scripted) => turns.enqueue(scripted),
    setResponder: (responder) => turns.setResponder(responder),
    pendingTurns: () => turns.pending(),
    close: async () => {
      closing.abort();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
