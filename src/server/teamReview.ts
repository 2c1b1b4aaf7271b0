/**
 * The team's pass over a large workspace review, when the person has set a key: the offline
 * review's findings (already published) go to the reviewer and the security reviewer through the
 * Message Batches API (core/review/batch), and each file's findings are replaced by what the team
 * left — confirmed ones keep their fingerprints, added ones get theirs. The batch is kept in
 * `.nova/review/batches/`, so a restarted server asked for the same review collects the batch it
 * submitted instead of paying for it again. Whatever goes wrong here — a cancel, the network, a
 * malformed reply — leaves the analyzer findings standing, with a problem that says why.
 */
import { join } from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import { AnthropicModel } from '../core/model/anthropic/anthropicModel';
import { batchFilesOf } from '../core/review/batch/batchFiles';
import { BatchReview } from '../core/review/batch/batchReview';
import type { TeamReviewedFile } from '../core/review/batch/mergeVerdicts';
import { isLargeReview } from '../core/review/batch/threshold';
import { fingerprints, flaggedText } from '../core/review/fingerprint';
import { reviewStateFolder, type FingerprintedFinding } from '../core/review/lastReview';
import { scrubSecrets } from '../core/secretScrub';
import type { ScopeFile } from '../core/typescript/sourceScope';
import type { WorkspaceSandbox } from '../core/workspace/sandbox';
import type { ResultOf } from '../protocol/message';
import { reviewTeamProgress, type reviewRun } from '../protocol/review';
import { notify } from './handlers';
import type { ServerSession } from './session';

/** One file of the offline review, as published: its text and its fingerprinted findings. */
export interface OfflineFile {
  readonly file: ScopeFile;
  readonly text: string;
  readonly found: readonly FingerprintedFinding[];
}

/** What the team changed: the new findings of each file it reviewed (by workspace path), and a summary. */
export interface TeamPass {
  readonly findings: ReadonlyMap<string, FingerprintedFinding[]>;
  readonly summary: NonNullable<ResultOf<typeof reviewRun>['team']> | undefined;
  readonly problems: readonly string[];
}

/** Between polls of a batch: it takes minutes to hours, and each poll is a request. */
const pollIntervalMs = 30_000;

export class TeamReview {
  constructor(
    private readonly connection: Connection,
    private readonly session: ServerSession,
    /** Where the review state is kept (the primary workspace folder); undefined: no batch is kept, so none is sent. */
    private readonly workspaceFolder: () => string | undefined,
    private readonly intervalMs = pollIntervalMs,
  ) {}

  /** Whether a review of `fileCount` files goes to the team: a key is set, and it is above the threshold. */
  applies(fileCount: number): boolean {
    return this.session.model.client instanceof AnthropicModel && this.workspaceFolder() !== undefined && isLargeReview(fileCount, this.session.reviewBatchThreshold);
  }

  async review(sandbox: WorkspaceSandbox, files: readonly OfflineFile[], signal: AbortSignal, trusted: boolean): Promise<TeamPass> {
    const choice = this.session.model;
    const folder = this.workspaceFolder();
    if (!(choice.client instanceof AnthropicModel) || folder === undefined) return { findings: new Map(), summary: undefined, problems: [] };
    const found = files.flatMap((file) => file.found);
    const review = new BatchReview(choice.client, join(reviewStateFolder(folder), 'batches'), {
      model: choice.override ?? choice.defaultModel,
      pollIntervalMs: this.intervalMs,
      onProgress: (progress) => notify(this.connection, reviewTeamProgress, progress),
    });
    try {
      const batchFiles = await batchFilesOf(sandbox, files.map((file) => file.file), found, signal, trusted);
      const result = await review.review(batchFiles, signal);
      const texts = new Map(files.map((file) => [file.file.display, file.text]));
      const findings = new Map(result.files.filter((file) => file.reviewed).map((file) => [file.path, fingerprinted(file, texts.get(file.path) ?? '')]));
      const reviewed = result.files.filter((file) => file.reviewed);
      const summary = result.batchId === undefined ? undefined : {
        batchId: result.batchId,
        resumed: result.resumed,
        confirmed: reviewed.reduce((sum, file) => sum + file.decisions.filter((decision) => decision.outcome === 'confirm').length, 0),
        dismissed: reviewed.reduce((sum, file) => sum + file.dismissed.length, 0),
        added: reviewed.reduce((sum, file) => sum + file.findings.filter((item) => item.analyzer === 'reviewer').length, 0),
      };
      return { findings, summary, problems: result.problems };
    } catch (error) {
      const why = signal.aborted ? 'it was canceled (its batch too)' : `it failed: ${scrubSecrets(error instanceof Error ? error.message : String(error))}`;
      return { findings: new Map(), summary: undefined, problems: [`The team's review of the analyzer findings did not finish: ${why}. The analyzer findings stand.`] };
    }
  }
}

/** A file's findings after the team: confirmed ones keep their fingerprints; the reviewer's get theirs from the text. */
function fingerprinted(file: TeamReviewedFile, text: string): FingerprintedFinding[] {
  const lines = text.split(/\r\n|\r|\n/);
  const prints = fingerprints(file.findings.map((item) => ({ path: item.path, rule: item.rule, text: flaggedText(lines, item.range) })));
  return file.findings.map((item, index) => {
    const known = (item as Partial<FingerprintedFinding>).fingerprint;
    return { ...item, fingerprint: known ?? prints[index] ?? '' };
  });
}
