/**
 * The vocabulary of the scripted Messages API server: what a test scripts (turns and faults), what
 * the server records, and the server's handle.
 */
import type Anthropic from '@anthropic-ai/sdk';
import type { MessageCreateParamsBase } from '@anthropic-ai/sdk/resources/messages';

/** A `POST /v1/messages` body as the server accepts it, after the checks the API makes. */
export type MessagesRequestBody = MessageCreateParamsBase;

/** One block of a scripted reply. */
export type ScriptedBlock =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'thinking'; readonly thinking: string; readonly signature: string }
  | { readonly type: 'redacted_thinking'; readonly data: string }
  | {
      readonly type: 'tool_use';
      /** Default: a generated `toolu_…` id. */
      readonly id?: string;
      readonly name: string;
      readonly input: unknown;
      /**
       * The input's JSON text, sent as-is instead of `JSON.stringify(input)`: for malformed input.
       * Streamed, it is cut into `input_json_delta` chunks; non-streamed, it is spliced verbatim into
       * the JSON body (so malformed text makes the whole body invalid JSON).
       */
      readonly rawJson?: string;
    };

/**
 * A failure injected instead of, or during, one reply. `times` (default 1) is how many attempts it
 * affects: until then the turn stays at the head of the script, so the attempt after them (the SDK's
 * retry, or the caller's) gets the turn served cleanly.
 */
export type Fault =
  | {
      readonly kind: 'status';
      readonly status: 400 | 401 | 403 | 404 | 408 | 409 | 413 | 429 | 500 | 503 | 504 | 529;
      /** Sent as `retry-after` (seconds), which the SDK waits before retrying. */
      readonly retryAfterSeconds?: number;
      /** Sent as `retry-after-ms`, which the SDK prefers to `retry-after`. */
      readonly retryAfterMs?: number;
      /** Sent as `x-should-retry`, which overrides the SDK's status-based choice. */
      readonly shouldRetry?: boolean;
      readonly times?: number;
    }
  | {
      /**
       * Streamed: after `afterEvents` SSE events the socket is destroyed (no `message_stop`; at most
       * all events but the last). Non-streamed: the socket is destroyed halfway through the body.
       */
      readonly kind: 'cut';
      readonly afterEvents: number;
      readonly times?: number;
    }
  | {
      /** The response headers (its first bytes) wait this long; the turn is served after them. */
      readonly kind: 'slowFirstByte';
      readonly ms: number;
      readonly times?: number;
    }
  | {
      /**
       * Streamed: an `event: error` after `afterEvents` events (default: halfway), then the stream
       * ends. Non-streamed: the matching status, 529 or 500.
       */
      readonly kind: 'error_event';
      readonly errorType: 'overloaded_error' | 'api_error';
      readonly afterEvents?: number;
      readonly times?: number;
    };

/** One reply to one `POST /v1/messages` (or to one request of a batch). */
export interface ScriptedTurn {
  readonly content: readonly ScriptedBlock[];
  /** Default: `tool_use` if the content has a tool_use block, `end_turn` otherwise. */
  readonly stopReason?: Anthropic.StopReason;
  /** Default: a quarter of the content's characters, at least 1. */
  readonly outputTokens?: number;
  /** In a batch a `status` or `error_event` fault makes the request's result `errored`. */
  readonly fault?: Fault;
}

/** Computes the turn for a request when the queue is empty. */
export type Responder = (body: MessagesRequestBody, index: number) => ScriptedTurn;

/** One HTTP request the server received, whatever its endpoint and outcome. */
export interface RecordedRequest {
  readonly method: string;
  /** The path without the query, e.g. `/v1/messages`. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** Header names in lower case; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  /** The parsed JSON body; the raw text if it was not JSON; undefined if empty. */
  readonly body: unknown;
  /** `Date.now()` when the request's body had arrived. */
  readonly receivedAt: number;
  /** `Date.now()` when the response headers were sent; undefined if none were. */
  readonly firstByteAt: number | undefined;
}

/** Options of {@link startScriptedServer}. */
export interface ScriptedServerOptions {
  /**
   * If set, every request must carry this key, as `x-api-key` or `authorization: Bearer <key>` (how
   * SDK 1.x sends `apiKey`), or gets 401 authentication_error.
   */
  readonly apiKey?: string;
  /** Text, thinking and tool-input JSON are streamed in deltas of this many characters. Default 8. */
  readonly chunkSize?: number;
  /** Pause between SSE events, so deltas arrive apart. Default 0. */
  readonly eventDelayMs?: number;
  /** A batch reports `ended` on its Nth `GET` (N ≥ 1). Default 2. */
  readonly batchPollsUntilEnded?: number;
  /** Awaited before each batch `GET` is answered: a test holds a poll to act while the client waits on the batch. */
  readonly beforeBatchPoll?: (batchId: string) => Promise<void>;
}

/** A running scripted server; see {@link startScriptedServer}. */
export interface ScriptedServer {
  /** `http://127.0.0.1:<port>`: give it to the SDK as `baseURL` (the SDK appends `/v1/...`). */
  readonly baseURL: string;
  /** Every request received, in arrival order. */
  readonly requests: readonly RecordedRequest[];
  /** Adds turns to the script: one FIFO queue shared by all callers and batches. */
  enqueue(...turns: ScriptedTurn[]): void;
  /** Answers requests that find the queue empty. `index` counts the turns drawn before, from 0. */
  setResponder(responder: Responder): void;
  /** Turns enqueued and not yet served. */
  pendingTurns(): number;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}
