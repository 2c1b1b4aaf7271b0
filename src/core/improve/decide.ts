/**
 * What the person decides on an improvement. Accept: the branch's diff (base..branch) becomes a
 * change set in the working tree through the ProposalStore, to accept or reject hunk by hunk like
 * any agent's (the diffs machinery places hunks in a working tree that moved since); then the
 * worktree and branch go. Reject: the worktree and branch go, or both stay for inspection.
 * Accept is refused unless every gate passed — the record says so, and only the loop writes it.
 */
import type { ProposalStore } from '../proposals/store';
import { worktreeChange } from './changes';
import { ImproveRefused } from './loop';
import type { ImproveRecord } from './record';
import { ImproveRecords } from './records';
import { ImproveWorktree, repositoryPlace } from './worktree';

/** The states a decision can be made in: the run ended and nothing was decided yet. */
const undecided: readonly ImproveRecord['state'][] = ['ready', 'blocked', 'nothing', 'failed'];

/** The improvement's branch diff as a change set in `store` (the working tree's); refused unless it is `ready`. */
export async function acceptImprovement(folder: string, runId: string, store: ProposalStore): Promise<{ changeSetId: string }> {
  const records = new ImproveRecords(folder);
  const record = await records.get(runId);
  const report = record.report;
  if (record.state !== 'ready' || !report?.offered) {
    throw new ImproveRefused(`Improvement ${runId} is ${record.state}${report && !report.offered ? ' (not every gate passed)' : ''}: there is nothing to accept.`);
  }
  const worktree = await keptWorktree(folder, runId, report.base);
  const change = await worktreeChange(worktree, undefined);
  if (!change) throw new ImproveRefused(`The branch ${report.branch} no longer changes anything.`);
  // The hunks carry the report's reasons: what the person read is what they decide on.
  const why = new Map(report.files.map((file) => [file.path, file.why]));
  const proposal = {
    summary: report.title,
    rationale: report.summary,
    files: change.proposal.files.map((file) => ({ ...file, hunks: file.hunks.map((hunk) => ({ ...hunk, rationale: why.get(file.path) ?? hunk.rationale })) })),
    risks: report.risks,
  };
  const trailers = trailersOf(await worktree.headMessage());
  const { changeSet } = await store.add({ kind: 'agent', runId, agent: trailers.get('Nova-Agent') ?? 'nova', ...(trailers.has('Nova-Span') ? { spanId: trailers.get('Nova-Span') } : {}) }, proposal);
  await worktree.remove();
  await records.save({ ...record, state: 'accepted', changeSetId: changeSet.id });
  return { changeSetId: changeSet.id };
}

/** Removes the improvement's worktree and deletes its branch, or keeps both (`keepBranch`) for inspection. */
export async function rejectImprovement(folder: string, runId: string, options: { readonly keepBranch: boolean }): Promise<{ branch: string; worktree: string; kept: boolean }> {
  const records = new ImproveRecords(folder);
  const record = await records.get(runId);
  if (!undecided.includes(record.state)) throw new ImproveRefused(`Improvement ${runId} is ${record.state}: there is nothing to reject.`);
  const worktree = await keptWorktree(folder, runId, record.report?.base ?? 'HEAD');
  if (!options.keepBranch) await worktree.remove();
  await records.save({ ...record, state: 'rejected', keptBranch: options.keepBranch });
  return { branch: worktree.branch ?? '', worktree: worktree.path, kept: options.keepBranch };
}

async function keptWorktree(folder: string, runId: string, base: string): Promise<ImproveWorktree> {
  const place = await repositoryPlace(folder);
  if ('problem' in place) throw new ImproveRefused(place.problem);
  return ImproveWorktree.existing(place, runId, base);
}

/** `Key: value` trailer lines of a commit message. */
function trailersOf(message: string): Map<string, string> {
  return new Map([...message.matchAll(/^(Nova-[A-Za-z]+): (.+)$/gm)].map((match) => [match[1] ?? '', (match[2] ?? '').trim()]));
}
