/**
 * The change an improve run made, read from the worktree's real diff (base..branch), never from
 * what an agent said it did: one ChangeProposal file per changed file, its hunks found by the same
 * line diff the proposal store uses (so Accept offers exactly these hunks), each hunk's rationale
 * the agent's where the agent proposed those lines, else the proposal's own rationale.
 */
import { structuredPatch } from 'diff';
import type { ChangeProposal } from '../contracts';
import { hunksBetween } from '../edits/lineDiff';
import { hunkLines } from '../edits/lines';
import type { ImproveWorktree } from './worktree';

type ProposedHunk = ChangeProposal['files'][number]['hunks'][number];

/** One changed file as the diff says, with the lines it added and removed. */
export interface ChangedFile {
  /** Relative to the workspace folder, `/` separators. */
  readonly path: string;
  readonly change: 'added' | 'modified' | 'deleted';
  readonly added: number;
  readonly removed: number;
  /** The rationale of its hunks, each once, in order. */
  readonly rationale: string;
}

/** The change set base..branch: as a proposal (for the gates, the reporter and Accept) and per file (for the report). */
export interface WorktreeChange {
  readonly proposal: ChangeProposal;
  readonly files: readonly ChangedFile[];
}

/** Why a change was made when no agent gave a reason for it: a command the team ran in the worktree made it. */
const commandRationale = 'Changed by a command the team ran in the worktree.';

/**
 * The change on the worktree's branch since its base, limited to the workspace folder; undefined
 * when the branch changes nothing there. `agentProposal` lends its rationale to the hunks it made.
 */
export async function worktreeChange(worktree: ImproveWorktree, agentProposal: ChangeProposal | undefined): Promise<WorktreeChange | undefined> {
  const prefix = worktree.place.folderPrefix === '' ? '' : `${worktree.place.folderPrefix}/`;
  const files: { file: ChangeProposal['files'][number]; changed: ChangedFile }[] = [];
  for (const { path: topPath, change } of await worktree.changedFiles()) {
    if (!topPath.startsWith(prefix)) continue;
    const path = topPath.slice(prefix.length);
    const before = (await worktree.textAt(worktree.base, topPath)) ?? '';
    const after = (await worktree.textAt('HEAD', topPath)) ?? '';
    const proposed = agentProposal?.files.find((file) => file.path === path)?.hunks ?? [];
    const fallback = agentProposal?.rationale ?? commandRationale;
    const hunks: ProposedHunk[] = hunksBetween(before, after).map((hunk) => ({ ...hunk, rationale: rationaleOf(hunk, proposed) ?? fallback }));
    if (hunks.length === 0) continue; // a change of mode or line endings only: nothing to review line by line
    const counts = lineCounts(path, before, after);
    files.push({
      file: { path, hunks },
      changed: { path, change, ...counts, rationale: [...new Set(hunks.map((hunk) => hunk.rationale))].join(' ') },
    });
  }
  const [first] = files;
  if (!first) return undefined;
  const proposal: ChangeProposal = {
    summary: agentProposal?.summary ?? `Changes to ${files.map(({ file }) => file.path).join(', ')}`,
    rationale: agentProposal?.rationale ?? commandRationale,
    files: files.map(({ file }) => file),
    risks: [...(agentProposal?.risks ?? [])],
  };
  return { proposal, files: files.map(({ changed }) => changed) };
}

/** The rationale of the agent's hunk whose lines overlap this one's (both numbered against the base), if any. */
function rationaleOf(hunk: Omit<ProposedHunk, 'rationale'>, proposed: readonly ProposedHunk[]): string | undefined {
  const span = (startLine: number, before: string) => ({ from: startLine, to: startLine + Math.max(hunkLines(before).length, 1) - 1 });
  const mine = span(hunk.startLine, hunk.before);
  const match = proposed.find((candidate) => {
    const theirs = span(candidate.startLine, candidate.before);
    return theirs.from <= mine.to && mine.from <= theirs.to;
  });
  return match?.rationale;
}

/** Lines added and removed, as `git diff --stat` counts them. */
function lineCounts(path: string, before: string, after: string): { added: number; removed: number } {
  const patch = structuredPatch(path, path, before, after, '', '', { context: 0 });
  let added = 0;
  let removed = 0;
  for (const hunk of patch.hunks) {
    for (const line of hunk.lines) {
      if (line.startsWith('+')) added++;
      else if (line.startsWith('-')) removed++;
    }
  }
  return { added, removed };
}
