/**
 * Token counting and prompt caching as the API reports them in `usage`.
 *
 * A request is a sequence of pieces in the API's prefix order: tool definitions, system blocks, then
 * each message's content blocks. A piece costs ceil(chars / 4) tokens of its JSON (without its
 * `cache_control`, which is not content). A `cache_control` breakpoint closes a cacheable prefix; the
 * cache keeps each such prefix by a hash of the model and the pieces up to it.
 *
 * Like the API, a request reads the longest cached prefix ending at one of its block boundaries up to
 * 20 blocks before one of its breakpoints, writes the prefixes of its breakpoints beyond that, and
 * bills the rest after its last breakpoint as plain input. Not modelled: the minimum cacheable length
 * (1024+ tokens on the real API: here any prefix is cached), cache expiry (5 minutes / 1 hour), and
 * invalidation by changed `tool_choice`, `thinking` or images.
 */
import { createHash } from 'node:crypto';
import { ApiRequestError } from './exchange';
import type { MessagesRequestBody } from './types';

/** How the API splits a request's input tokens. */
export interface InputUsage {
  readonly input_tokens: number;
  readonly cache_creation_input_tokens: number;
  readonly cache_read_input_tokens: number;
  readonly cache_creation: { readonly ephemeral_5m_input_tokens: number; readonly ephemeral_1h_input_tokens: number };
}

/** The API's limit on `cache_control` blocks in one request. */
const maxBreakpoints = 4;
/** How far before a breakpoint the API looks for an earlier cached prefix, in blocks. */
const lookbackBlocks = 20;

interface Piece {
  readonly json: string;
  readonly tokens: number;
  /** The breakpoint's TTL if the piece carries `cache_control`. */
  readonly breakpoint: '5m' | '1h' | undefined;
}

/** Approximate tokens of a text: a quarter of its characters, rounded up. */
export function tokensOf(text: string): number {
  return Math.ceil(text.length / 4);
}

function piece(block: unknown, role?: string): Piece {
  const { cache_control, ...content } = block as { cache_control?: { ttl?: string } | null; [key: string]: unknown };
  const json = JSON.stringify(role === undefined ? content : { role, ...content });
  const breakpoint = cache_control ? (cache_control.ttl === '1h' ? '1h' : '5m') : undefined;
  return { json, tokens: tokensOf(json), breakpoint };
}

/** The request's pieces in prefix order; a top-level `cache_control` marks the last one. */
function piecesOf(body: MessagesRequestBody): Piece[] {
  const pieces: Piece[] = [];
  for (const tool of body.tools ?? []) pieces.push(piece(tool));
  if (typeof body.system === 'string') pieces.push(piece({ type: 'text', text: body.system }));
  else for (const block of body.system ?? []) pieces.push(piece(block));
  for (const message of body.messages) {
    const blocks = typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content;
    for (const block of blocks) pieces.push(piece(block, message.role));
  }
  const last = pieces.at(-1);
  if (body.cache_control && last && !last.breakpoint) {
    pieces[pieces.length - 1] = { ...last, breakpoint: body.cache_control.ttl === '1h' ? '1h' : '5m' };
  }
  const breakpoints = pieces.filter((p) => p.breakpoint).length;
  if (breakpoints > maxBreakpoints) {
    throw new ApiRequestError(400, 'invalid_request_error', `A maximum of ${maxBreakpoints} blocks with cache_control may be provided. Found ${breakpoints}.`);
  }
  return pieces;
}

/** The request's input tokens, as `count_tokens` reports them. */
export function countInputTokens(body: MessagesRequestBody): number {
  return piecesOf(body).reduce((sum, p) => sum + p.tokens, 0);
}

/** The prompt cache of one server: prefixes written by earlier requests. */
export class PromptCache {
  /** Prefix hash → tokens up to and including its breakpoint. */
  private readonly prefixes = new Map<string, number>();

  /** The usage of a request, remembering the prefixes it writes. */
  admit(body: MessagesRequestBody): InputUsage {
    const pieces = piecesOf(body);
    const hash = createHash('sha256').update(body.model);
    let total = 0;
    const boundaries = pieces.map((p) => {
      hash.update(p.json).update('\n');
      total += p.tokens;
      return { hash: hash.copy().digest('hex'), tokens: total, breakpoint: p.breakpoint };
    });
    const breakpoints = boundaries.flatMap((b, index) => (b.breakpoint ? [index] : []));
    let read = 0;
    for (const at of breakpoints) {
      for (let index = at; index >= 0 && index > at - lookbackBlocks; index--) {
        const cached = this.prefixes.get(boundaries[index]!.hash);
        if (cached !== undefined) {
          read = Math.max(read, cached);
          break;
        }
      }
    }
    const creation = { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 };
    let covered = read;
    for (const at of breakpoints) {
      const { hash: key, tokens, breakpoint } = boundaries[at]!;
      if (tokens > covered) {
        creation[breakpoint === '1h' ? 'ephemeral_1h_input_tokens' : 'ephemeral_5m_input_tokens'] += tokens - covered;
        covered = tokens;
      }
      this.prefixes.set(key, tokens);
    }
    return {
      input_tokens: total - covered,
      cache_creation_input_tokens: creation.ephemeral_5m_input_tokens + creation.ephemeral_1h_input_tokens,
      cache_read_input_tokens: read,
      cache_creation: creation,
    };
  }
}
