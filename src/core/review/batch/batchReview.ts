/**
 * A large workspace review checked by the team through the Message Batches API (half the price of
 * one call per file, and nobody waits on it interactively). The offline review's findings go in; one
 * request per file goes to the reviewer, who owns a verdict on each finding, and one per file with
 * security findings to the security reviewer, who advises (teamRequests.ts). Results are validated
 * (fileVerdict.ts) and merged (mergeVerdicts.ts); whatever is not accepted leaves the analyzer
 * findings standing, and says why.
 *
 * Progress is each poll's request counts; an abort cancels the batch on the API and stops polling;
 * and the state folder keeps every submitted batch with its manifest, so a new BatchReview — after a
 * restart — finds a batch it has not collected and collects it without submitting it again.
 */
import { join } from 'node:path';
import type { BatchItem, BatchOutcome, BatchProgress, BatchRecord, MessageBatches } from '../../model/anthropic/batches';
import type { ModelResponse } from '../../model/client';
import type { TokenUsage } from '../../trace/spans';
import { contentHash } from '../lastReview';
import { BatchManifests, requestsHash, type BatchManifest, type ManifestFile } from './batchManifest';
import { readFileReview, readSecurityAdvice, submitFileReview, submitSecurityAdvice, type ReadResult } from './fileVerdict';
import { mergeVerdicts, type AgentOutcome, type TeamReviewedFile } from './mergeVerdicts';
import { findingId, reviewerRequest, securityAdvisor, securityFindingIds, securityRequest, verdictOwner, type BatchFile } from './teamRequests';

/** Where Message Batches come from: AnthropicModel.batches. */
export interface BatchSource {
  batches(stateFolder: string): MessageBatches;
}

export interface BatchReviewProgress extends BatchProgress {
  readonly batchId: string;
}

export interface BatchReviewOptions {
  /** The model every request names. */
  readonly model: string;
  /** Between polls of the batch (default 30 s: a batch takes minutes to hours). */
  readonly pollIntervalMs?: number;
  readonly onProgress?: (progress: BatchReviewProgress) => void;
}

/** A file as the team left it, with the hash of the text it saw (lastReview's contentHash). */
export type BatchReviewedFile = TeamReviewedFile & { readonly textHash: string };

/** What a batched review changed, file by file. */
export interface BatchReviewResult {
  /** The batch; undefined when no file had a finding to review (nothing was sent). */
  readonly batchId: string | undefined;
  /** Whether the batch was one submitted before (by an earlier BatchReview) and collected now. */
  readonly resumed: boolean;
  /** Every file sent, merged or standing unchanged. */
  readonly files: readonly BatchReviewedFile[];
  readonly problems: readonly string[];
  /** Each reply the batch returned: which agent's, and what it used (billed at the batch price). */
  readonly calls: readonly BatchCall[];
}

/** One request's reply in a batch, as a trace records a model call. */
export interface BatchCall {
  readonly agent: string;
  readonly model: string;
  readonly usage: TokenUsage;
  readonly stopReason: string;
}

const reviewerId = (index: number) => `reviewer-${index}`;
const securityId = (index: number) => `security-${index}`;

export class BatchReview {
  private readonly batches: MessageBatches;
  private readonly manifests: BatchManifests;

  constructor(
    source: BatchSource,
    stateFolder: string,
    private readonly options: BatchReviewOptions,
  ) {
    this.batches = source.batches(join(stateFolder, 'batches'));
    this.manifests = new BatchManifests(join(stateFolder, 'manifests'));
  }

  /**
   * Reviews the files with findings among `files`. A batch submitted earlier for exactly these
   * requests and not yet collected is resumed instead of submitting another. Rejects with the
   * signal's reason when it aborts, after canceling the batch.
   */
  async review(files: readonly BatchFile[], signal: AbortSignal): Promise<BatchReviewResult> {
    const { items, manifestFiles } = this.requestsOf(files.filter((file) => file.findings.length > 0));
    if (items.length === 0) return { batchId: undefined, resumed: false, files: [], problems: [], calls: [] };
    const hash = requestsHash(items);
    for (const record of await this.batches.pending()) {
      const read = await this.manifests.read(record.batchId);
      if (read.ok && read.manifest.requestsHash === hash) return this.finish(record, read.manifest, signal, true);
    }
    signal.throwIfAborted();
    const record = await this.batches.submit(items);
    const manifest: BatchManifest = { batchId: record.batchId, requestsHash: hash, model: this.options.model, files: manifestFiles };
    await this.manifests.save(manifest);
    return this.finish(record, manifest, signal, false);
  }

  /**
   * Collects every batch submitted and not collected (after a restart), oldest first. A batch
   * without a readable manifest cannot be merged with any findings: it is canceled and forgotten,
   * so it costs no more and is not reported again at every start.
   */
  async resume(signal: AbortSignal): Promise<BatchReviewResult[]> {
    const results: BatchReviewResult[] = [];
    for (const record of await this.batches.pending()) {
      const read = await this.manifests.read(record.batchId);
      if (read.ok) {
        results.push(await this.finish(record, read.manifest, signal, true));
        continue;
      }
      const failed = await this.batches.abandon(record);
      const outcome = failed === undefined ? 'it was canceled and will not be collected' : `it will not be collected (canceling it failed: ${failed})`;
      results.push({ batchId: record.batchId, resumed: true, files: [], problems: [`${read.reason}: ${outcome}; the analyzer findings stand`], calls: [] });
    }
    return results;
  }

  private requestsOf(files: readonly BatchFile[]): { items: BatchItem[]; manifestFiles: ManifestFile[] } {
    const items: BatchItem[] = [];
    const manifestFiles = files.map((file, index): ManifestFile => {
      items.push({ customId: reviewerId(index), request: reviewerRequest(file, this.options.model) });
      const security = securityRequest(file, this.options.model);
      if (security) items.push({ customId: securityId(index), request: security });
      const lineLengths = file.text.split(/\r\n|\r|\n/).map((line) => line.length);
      return { path: file.path, findings: file.findings, lineLengths, textHash: contentHash(file.text), advised: security !== undefined };
    });
    return { items, manifestFiles };
  }

  private async finish(record: BatchRecord, manifest: BatchManifest, signal: AbortSignal, resumed: boolean): Promise<BatchReviewResult> {
    const { onProgress } = this.options;
    try {
      await this.batches.wait(record.batchId, {
        signal,
        intervalMs: this.options.pollIntervalMs ?? 30_000,
        ...(onProgress ? { onProgress: (progress: BatchProgress) => onProgress({ batchId: record.batchId, ...progress }) } : {}),
      });
    } catch (error) {
      if (!signal.aborted) throw error;
      // Stop paying for a review nobody waits for; the record is then never resumed.
      await this.batches.cancel(record);
      throw signal.reason;
    }
    const outcomes = new Map((await this.batches.collect(record)).map((outcome) => [outcome.customId, outcome]));
    const problems: string[] = [];
    const files: BatchReviewedFile[] = [];
    const calls: BatchCall[] = [];
    manifest.files.forEach((file, index) => {
      const reviewer = outcomes.get(reviewerId(index));
      const security = file.advised ? outcomes.get(securityId(index)) : undefined;
      for (const [agent, outcome] of [[verdictOwner, reviewer], [securityAdvisor, security]] as const) {
        if (outcome?.ok) calls.push({ agent, model: outcome.response.model, usage: outcome.response.usage, stopReason: outcome.response.stopReason });
      }
      const ids = file.findings.map((_, at) => findingId(at));
      const merged = mergeVerdicts({
        path: file.path,
        findings: file.findings,
        lineLengths: file.lineLengths,
        reviewer: outcomeOf(reviewer, submitFileReview, (input) => readFileReview(input, ids, file.lineLengths.length)),
        ...(file.advised ? { security: outcomeOf(security, submitSecurityAdvice, (input) => readSecurityAdvice(input, securityFindingIds(file.findings))) } : {}),
      });
      files.push({ ...merged.file, textHash: file.textHash });
      problems.push(...merged.problems);
    });
    return { batchId: record.batchId, resumed, files, problems, calls };
  }
}

/** One request's result read through its contract, or why there is none. */
function outcomeOf<T>(outcome: BatchOutcome | undefined, tool: string, read: (input: unknown) => ReadResult<T>): AgentOutcome<T> {
  if (!outcome) return { ok: false, failed: 'the batch returned no result for it' };
  if (!outcome.ok) return { ok: false, failed: `its request ${outcome.error}` };
  const submitted = submissionOf(outcome.response, tool);
  if (submitted === undefined) return { ok: false, failed: `it replied without calling ${tool}` };
  return read(submitted);
}

function submissionOf(response: ModelResponse, tool: string): unknown {
  for (const block of response.content) if (block.type === 'tool_use' && block.name === tool) return block.input;
  return undefined;
}
