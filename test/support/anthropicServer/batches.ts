/**
 * The Message Batches API: batches live as long as the server, so a client can be replaced and resume
 * by batch id. A batch is processed when a `GET` of it first reports `ended` (its Nth poll): each
 * request then draws a turn from the script, as a `POST /v1/messages` would.
 */
import type Anthropic from '@anthropic-ai/sdk';
import { ApiRequestError, errorMessageFor, errorTypeFor, newId } from './exchange';
import { replyFor } from './messageShape';
import type { PromptCache } from './promptCache';
import type { TurnSource } from './turnSource';
import type { ScriptedTurn } from './types';
import { validateMessagesBody } from './validate';

type MessageBatch = Anthropic.Messages.MessageBatch;
type BatchResult = Anthropic.Messages.MessageBatchIndividualResponse;

interface StoredBatch {
  readonly id: string;
  readonly createdAt: Date;
  readonly requests: readonly { readonly custom_id: string; readonly params: unknown }[];
  polls: number;
  cancelInitiatedAt?: Date;
  endedAt?: Date;
  results?: BatchResult[];
}

const day = 24 * 60 * 60 * 1000;

function notFound(id: string): never {
  throw new ApiRequestError(404, 'not_found_error', `The requested resource was not found: ${id}`);
}

export class BatchStore {
  private readonly batches = new Map<string, StoredBatch>();

  constructor(
    private readonly turns: TurnSource,
    private readonly cache: PromptCache,
    private readonly pollsUntilEnded: number,
    private readonly baseURL: () => string,
  ) {}

  /** `POST /v1/messages/batches`. Params are checked when processed, as the API does. */
  create(raw: unknown): MessageBatch {
    const requests = (raw as { requests?: unknown } | null)?.requests;
    if (!Array.isArray(requests)) throw new ApiRequestError(400, 'invalid_request_error', 'requests: Field required');
    if (requests.length === 0) throw new ApiRequestError(400, 'invalid_request_error', 'requests: List should have at least 1 item');
    const seen = new Set<string>();
    for (const [index, request] of requests.entries()) {
      const customId = (request as { custom_id?: unknown } | null)?.custom_id;
      if (typeof customId !== 'string') throw new ApiRequestError(400, 'invalid_request_error', `requests.${index}.custom_id: Field required`);
      if (seen.has(customId)) throw new ApiRequestError(400, 'invalid_request_error', `Duplicate custom_id: ${customId}`);
      seen.add(customId);
    }
    const batch: StoredBatch = { id: newId('msgbatch_'), createdAt: new Date(), requests, polls: 0 };
    this.batches.set(batch.id, batch);
    return this.view(batch);
  }

  /** `GET /v1/messages/batches/:id`: a poll, which ends the batch on the Nth. */
  retrieve(id: string): MessageBatch {
    const batch = this.batches.get(id) ?? notFound(id);
    batch.polls++;
    if (!batch.endedAt && (batch.polls >= this.pollsUntilEnded || batch.cancelInitiatedAt)) this.process(batch);
    return this.view(batch);
  }

  /** `GET /v1/messages/batches`: newest first, paged by `limit` and `after_id`/`before_id`. */
  list(query: Readonly<Record<string, string>>): Anthropic.PageResponse<MessageBatch> {
    const all = [...this.batches.values()].reverse();
    const limit = Math.min(Math.max(Number(query['limit'] ?? 20) || 20, 1), 1000);
    let from = 0;
    let to = all.length;
    if (query['after_id']) from = all.findIndex((b) => b.id === query['after_id']) + 1;
    if (query['before_id']) to = Math.max(all.findIndex((b) => b.id === query['before_id']), 0);
    const page = query['before_id'] ? all.slice(Math.max(to - limit, from), to) : all.slice(from, Math.min(from + limit, to));
    const has_more = query['before_id'] ? to - limit > from : from + limit < to;
    return { data: page.map((b) => this.view(b)), has_more, first_id: page[0]?.id ?? null, last_id: page.at(-1)?.id ?? null };
  }

  /** `POST /v1/messages/batches/:id/cancel`: unprocessed requests end `canceled` on the next poll. */
  cancel(id: string): MessageBatch {
    const batch = this.batches.get(id) ?? notFound(id);
    if (!batch.endedAt) batch.cancelInitiatedAt ??= new Date();
    return this.view(batch);
  }

  /** `DELETE /v1/messages/batches/:id`: only an ended batch. */
  delete(id: string): Anthropic.Messages.DeletedMessageBatch {
    const batch = this.batches.get(id) ?? notFound(id);
    if (!batch.endedAt) throw new ApiRequestError(400, 'invalid_request_error', `Batch ${id} cannot be deleted: it has not ended. Cancel it first.`);
    this.batches.delete(id);
    return { id, type: 'message_batch_deleted' };
  }

  /** `GET /v1/messages/batches/:id/results`: JSONL, one result per request in request order. */
  results(id: string): string {
    const batch = this.batches.get(id) ?? notFound(id);
    if (!batch.results) throw new ApiRequestError(400, 'invalid_request_error', `Batch ${id} has not ended: its results are not available yet.`);
    return batch.results.map((result) => JSON.stringify(result) + '\n').join('');
  }

  private process(batch: StoredBatch): void {
    batch.results = batch.requests.map(({ custom_id, params }): BatchResult => {
      if (batch.cancelInitiatedAt) return { custom_id, result: { type: 'canceled' } };
      return { custom_id, result: this.answer(params) };
    });
    batch.endedAt = new Date();
  }

  private answer(params: unknown): Anthropic.Messages.MessageBatchResult {
    const errored = (type: string, message: string): Anthropic.Messages.MessageBatchResult => ({
      type: 'errored',
      error: { type: 'error', error: { type, message } as Anthropic.ErrorObject, request_id: newId('req_') },
    });
    try {
      const body = validateMessagesBody(params, 'messages');
      if (body.stream) return errored('invalid_request_error', 'stream: Streaming is not supported in batches');
      const turn: ScriptedTurn | undefined = this.turns.draw(body);
      if (!turn) return errored('api_error', 'The scripted server has no turn queued and no responder for this request.');
      const fault = turn.fault;
      if (fault?.kind === 'status') return errored(errorTypeFor(fault.status), errorMessageFor(errorTypeFor(fault.status)));
      if (fault?.kind === 'error_event') return errored(fault.errorType, errorMessageFor(fault.errorType));
      return { type: 'succeeded', message: replyFor(turn, body, this.cache.admit(body)).message };
    } catch (error) {
      if (error instanceof ApiRequestError) return errored(error.type, error.message);
      throw error;
    }
  }

  private view(batch: StoredBatch): MessageBatch {
    const counts = { processing: 0, succeeded: 0, errored: 0, canceled: 0, expired: 0 };
    if (batch.results) for (const { result } of batch.results) counts[result.type]++;
    else counts.processing = batch.requests.length;
    const status = batch.endedAt ? 'ended' : batch.cancelInitiatedAt ? 'canceling' : 'in_progress';
    return {
      id: batch.id,
      type: 'message_batch',
      processing_status: status,
      request_counts: counts,
      created_at: batch.createdAt.toISOString(),
      expires_at: new Date(batch.createdAt.getTime() + day).toISOString(),
      ended_at: batch.endedAt?.toISOString() ?? null,
      cancel_initiated_at: batch.cancelInitiatedAt?.toISOString() ?? null,
      archived_at: null,
      results_url: batch.endedAt ? `${this.baseURL()}/v1/messages/batches/${batch.id}/results` : null,
    };
  }
}
