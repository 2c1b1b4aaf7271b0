/**
 * Message Batches for large non-interactive work (a workspace-wide review): submit many requests
 * at half the price, poll with progress, collect the results. Each submitted batch is written to a
 * state folder, so a restarted Nova finds the batches it has not collected yet and resumes them.
 */
import type Anthropic from '@anthropic-ai/sdk';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { abortableDelay } from '../../abortableDelay';
import { scrubDeep } from '../../secretScrub';
import type { ModelRequest, ModelResponse } from '../client';
import { fromMessage, toMessageParams } from './messagesRequest';

export interface BatchItem {
  readonly customId: string;
  readonly request: ModelRequest;
}

/** What Nova remembers of a submitted batch. */
export interface BatchRecord {
  readonly batchId: string;
  readonly customIds: readonly string[];
  readonly submittedAt: string;
  readonly collected: boolean;
  /** Canceled by Nova: nothing is left to collect or resume. */
  readonly canceled?: true;
}

export interface BatchProgress {
  readonly status: string;
  readonly processing: number;
  readonly succeeded: number;
  readonly errored: number;
  readonly canceled: number;
  readonly expired: number;
}

export type BatchOutcome =
  | { readonly customId: string; readonly ok: true; readonly response: ModelResponse }
  | { readonly customId: string; readonly ok: false; readonly error: string };

export class MessageBatches {
  constructor(
    private readonly client: Anthropic,
    private readonly stateFolder: string,
  ) {}

  async submit(items: readonly BatchItem[]): Promise<BatchRecord> {
    if (items.length === 0) throw new Error('A batch needs at least one request.');
    const batch = await this.client.messages.batches.create({
      requests: items.map((item) => {
        const { stream: _stream, ...params } = toMessageParams(item.request);
        return { custom_id: item.customId, params };
      }),
    });
    const record: BatchRecord = { batchId: batch.id, customIds: items.map((item) => item.customId), submittedAt: new Date().toISOString(), collected: false };
    await this.save(record);
    return record;
  }

  /** Batches submitted but not yet collected, oldest first: what to resume after a restart. */
  async pending(): Promise<BatchRecord[]> {
    let names: string[];
    try {
      names = (await fs.readdir(this.stateFolder)).filter((name) => name.endsWith('.json'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const records = await Promise.all(names.map(async (name) => JSON.parse(await fs.readFile(path.join(this.stateFolder, name), 'utf8')) as BatchRecord));
    return records.filter((record) => !record.collected).sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
  }

  /** Polls until the batch has ended, reporting progress after each poll. */
  async wait(batchId: string, options: { readonly signal?: AbortSignal; readonly intervalMs?: number; readonly onProgress?: (progress: BatchProgress) => void } = {}): Promise<BatchProgress> {
    for (;;) {
      const batch = await this.client.messages.batches.retrieve(batchId, {}, options.signal ? { signal: options.signal } : {});
      const progress: BatchProgress = { status: batch.processing_status, ...batch.request_counts };
      options.onProgress?.(progress);
      if (batch.processing_status === 'ended') return progress;
      await abortableDelay(options.intervalMs ?? 30_000, options.signal);
    }
  }

  /**
   * Asks the API to cancel the batch (requests not yet processed end `canceled`) and forgets it, so
   * it is never resumed. Not abortable: it is what runs when the caller has already aborted.
   */
  async cancel(record: BatchRecord): Promise<void> {
    await this.client.messages.batches.cancel(record.batchId);
    await this.save({ ...record, collected: true, canceled: true });
  }

  /**
   * Gives a batch up: asks the API to cancel it, in case it still runs, and forgets it either way,
   * so it is never resumed. For a batch whose results nothing can read. Says why a cancel failed
   * (an ended batch cannot be canceled; the API may be unreachable), or undefined when it was asked.
   */
  async abandon(record: BatchRecord): Promise<string | undefined> {
    const failed = await this.client.messages.batches.cancel(record.batchId).then(
      () => undefined,
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
    await this.save({ ...record, collected: true, canceled: true });
    return failed;
  }

  /** The results of an ended batch, in submission order; marks the batch collected. */
  async collect(record: BatchRecord): Promise<BatchOutcome[]> {
    const byId = new Map<string, BatchOutcome>();
    for await (const item of await this.client.messages.batches.results(record.batchId)) {
      const { result } = item;
      byId.set(item.custom_id, result.type === 'succeeded'
        ? { customId: item.custom_id, ok: true, response: fromMessage(result.message) }
        : { customId: item.custom_id, ok: false, error: result.type === 'errored' ? `errored: ${result.error.error.message}` : result.type });
    }
    await this.save({ ...record, collected: true });
    // Results are what the endpoint sent back: scrubbed like every other reply, whatever it echoed.
    return scrubDeep(record.customIds.map((customId) => byId.get(customId) ?? { customId, ok: false, error: 'no result returned for this request' }));
  }

  private async save(record: BatchRecord): Promise<void> {
    await fs.mkdir(this.stateFolder, { recursive: true });
    await fs.writeFile(path.join(this.stateFolder, `${record.batchId}.json`), `${JSON.stringify(record, null, 2)}\n`);
  }
}
