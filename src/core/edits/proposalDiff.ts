import { createTwoFilesPatch } from 'diff';
import type { ChangeProposal } from '../contracts';
import { applyHunks, type HunkConflict } from './placement';

export interface ProposalFileDiff {
  readonly path: string;
  /** A unified diff of the file as it is against the file with the proposal applied. */
  readonly patch: string;
  readonly conflicts: readonly HunkConflict[];
}

/** A unified diff (jsdiff) of `current` against `proposed`, as `git diff` shows one file. */
export function unifiedDiff(path: string, current: string, proposed: string): string {
  return createTwoFilesPatch(`a/${path}`, `b/${path}`, current, proposed, undefined, undefined, { context: 3 }).replace(/^=+\n/, '');
}

/**
 * A proposal as unified diffs, computed against each file's current text. Nothing is written:
 * showing a proposal and applying it are different acts, and only a person does the second.
 */
export async function proposalDiffs(proposal: Pick<ChangeProposal, 'files'>, readText: (path: string) => Promise<string | undefined>): Promise<ProposalFileDiff[]> {
  const diffs: ProposalFileDiff[] = [];
  for (const file of proposal.files) {
    const current = (await readText(file.path)) ?? '';
    const result = applyHunks(current, file);
    diffs.push({ path: file.path, patch: unifiedDiff(file.path, current, result.text), conflicts: result.conflicts });
  }
  return diffs;
}
