/**
 * The team's pass over a large workspace review, when the person has set a key: the offline
 * review's findings (already published) go to the reviewer and the security reviewer through the
 * Message Batches API (core/review/batch), and each file's findings are replaced by what the team
 * left — confirmed ones keep their fingerprints, added ones get theirs. The batch is kept in
 * `.nova/review/batches/`, so a restarted server asked for the same review collects the batch it
 * submitted instead of paying for it again. Whatever goes wrong here — a cancel, the network, a
 * malformed reply — leaves the analyzer findings standing, with a problem that says why. Each
 * collected batch is also a trace (core/review/batch/teamTrace.ts): every verdict as a decision the
 * reviewer owns, with the security reviewer's opinion and, where they differ, its dissent.
 */
import { join } from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import { AnthropicModel } from '../core/model/anthropic/anthropicModel';
import { batchFilesOf } from '../core/review/batch/batchFiles';
import { BatchReview, type BatchReviewResult } from '../core/review/batch/batchReview';
import type { TeamReviewedFile } from '../core/review/batch/mergeVerdicts';
import { verdictOwner, type BatchFile } from '../core/review/batch/teamRequests';
import { disagreementsOf, writeTeamTrace } from '../core/review/batch/teamTrace';
import { isLargeReview } from '../core/review/batch/threshold';
import { fingerprints, flaggedText } from '../core/review/fingerprint';
import { contentHash, reviewStateFolder, type FingerprintedFinding } from '../core/review/lastReview';
import { scrubSecrets } from '../core/secretScrub';
import type { ScopeFile } from '../core/typescript/sourceScope';
import type { WorkspaceSandbox } from '../core/workspace/sandbox';
import type { ResultOf } from '../protocol/message';
import { reviewTeamProgress, type reviewRun } from '../protocol/review';
import { traceWritten } from '../protocol/trace';
import { notify } from './handlers';
import type { ServerSession } from './session';

/** One file of the offline review, as published: its text and its fingerprinted findings. */
export interface OfflineFile {
  readonly file: ScopeFile;
  readonly text: string;
  readonly found: readonly FingerprintedFinding[];
}

/** What the team is to check, prepared in the review queue: the files, and the text each was reviewed in. */
export interface PreparedTeamReview {
  readonly files: readonly BatchFile[];
  readonly texts: ReadonlyMap<string, string>;
  /** Why the files could not be prepared; the team's review then does not run. */
  readonly failed?: string;
}

/** One file's findings after the team, and the hash of the text they are about. */
export interface TeamFindings {
  readonly hash: string;
  readonly findings: FingerprintedFinding[];
}

/** What the team changed: the new findings of each file it reviewed (by workspace path), and a summary. */
export interface TeamPass {
  readonly findings: ReadonlyMap<string, TeamFindings>;
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

  /**
   * Whether a review of `fileCount` files goes to the team: a key is set, the workspace is trusted
   * (a folder the person has not trusted does not get to spend on their key), and it is above the threshold.
   */
  applies(fileCount: number): boolean {
    const keyed = this.session.model.client instanceof AnthropicModel;
    return keyed && this.session.trusted && this.workspaceFolder() !== undefined && isLargeReview(fileCount, this.session.reviewBatchThreshold);
  }

  /**
   * The team's requests' files: each file with findings, with its repository context. Built while
   * the caller holds the review queue (it reads the TypeScript projects); a failure is the team's
   * review not running, told by `review`.
   */
  async prepare(sandbox: WorkspaceSandbox, files: readonly OfflineFile[], signal: AbortSignal, trusted: boolean): Promise<PreparedTeamReview> {
    const texts = new Map(files.map((file) => [file.file.display, file.text]));
    try {
      return { files: await batchFilesOf(sandbox, files.map((file) => file.file), files.flatMap((file) => file.found), signal, trusted), texts };
    } catch (error) {
      return { files: [], texts, failed: describe(error) };
    }
  }

  /** Sends the prepared files to the team and waits for its batch (network only: the review queue is free meanwhile). */
  async review(prepared: PreparedTeamReview, signal: AbortSignal): Promise<TeamPass> {
    const skipped = (why: string): TeamPass => ({ findings: new Map(), summary: undefined, problems: [`The team's review of the analyzer findings did not finish: ${why}. The analyzer findings stand.`] });
    if (prepared.failed !== undefined) return skipped(`it failed: ${prepared.failed}`);
    const review = this.batchReview(false);
    if (!review) return skipped('no API key is set any more');
    try {
      return await this.passOf(await review.review(prepared.files, signal), async (path) => prepared.texts.get(path));
    } catch (error) {
      return skipped(signal.aborted ? 'it was canceled (its batch too)' : `it failed: ${describe(error)}`);
    }
  }

  /** Whether batches a previous server left can be collected now: a key is set and the workspace is trusted. */
  canResume(): boolean {
    return this.session.model.client instanceof AnthropicModel && this.session.trusted && this.workspaceFolder() !== undefined;
  }

  /**
   * Collects every batch a previous server submitted and did not collect (it stopped while waiting).
   * `textOf` gives a file's text now: a file whose text is not the one the team saw is left out.
   */
  async resume(textOf: (path: string) => Promise<string | undefined>, signal: AbortSignal): Promise<TeamPass[]> {
    const review = this.batchReview(true);
    if (!review) return [];
    try {
      return await Promise.all((await review.resume(signal)).map((result) => this.passOf(result, textOf)));
    } catch (error) {
      return [{ findings: new Map(), summary: undefined, problems: [`The team's review left by the last session could not be collected: ${describe(error)}.`] }];
    }
  }

  /** A collected batch as the server publishes it, its verdicts written to a trace first. */
  private async passOf(result: BatchReviewResult, textOf: (path: string) => Promise<string | undefined>): Promise<TeamPass> {
    const folder = this.workspaceFolder();
    let traced: { readonly runId?: string; readonly problem?: string } = {};
    try {
      const written = folder === undefined ? undefined : await writeTeamTrace(folder, result);
      if (written) {
        traced = { runId: written.runId };
        notify(this.connection, traceWritten, { runId: written.runId });
      }
    } catch (error) {
      // The verdicts still count: only the record of who decided what is missing, and the person is told.
      traced = { problem: `The team's verdicts could not be written to a trace: ${describe(error)}.` };
    }
    const pass = await publishedPass(result, textOf, traced.runId);
    return traced.problem === undefined ? pass : { ...pass, problems: [...pass.problems, traced.problem] };
  }

  /** `resumed`: for batches an earlier server left, whose progress no review now waiting should show as its own. */
  private batchReview(resumed: boolean): BatchReview | undefined {
    const choice = this.session.model;
    const folder = this.workspaceFolder();
    if (!(choice.client instanceof AnthropicModel) || folder === undefined) return undefined;
    return new BatchReview(choice.client, join(reviewStateFolder(folder), 'batches'), {
      model: choice.override ?? choice.defaultModel,
      pollIntervalMs: this.intervalMs,
      onProgress: (progress) => notify(this.connection, reviewTeamProgress, { ...progress, resumed }),
    });
  }
}

/** A batch's result as the server publishes it: each reviewed file whose text is still the one the team saw, fingerprinted. */
async function publishedPass(result: BatchReviewResult, textOf: (path: string) => Promise<string | undefined>, traceRunId: string | undefined): Promise<TeamPass> {
  const reviewed = result.files.filter((file) => file.reviewed);
  const findings = new Map<string, TeamFindings>();
  for (const file of reviewed) {
    const text = await textOf(file.path);
    if (text !== undefined && contentHash(text) === file.textHash) findings.set(file.path, { hash: file.textHash, findings: fingerprinted(file, text) });
  }
  const summary = result.batchId === undefined ? undefined : {
    batchId: result.batchId,
    resumed: result.resumed,
    confirmed: reviewed.reduce((sum, file) => sum + file.decisions.filter((decision) => decision.outcome === 'confirm').length, 0),
    dismissed: reviewed.reduce((sum, file) => sum + file.dismissed.length, 0),
    added: reviewed.reduce((sum, file) => sum + file.findings.filter((item) => item.analyzer === verdictOwner).length, 0),
    disagreements: disagreementsOf(result),
    ...(traceRunId === undefined ? {} : { traceRunId }),
  };
  return { findings, summary, problems: result.problems };
}

function describe(error: unknown): string {
  return scrubSecrets(error instanceof Error ? error.message : String(error));
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
