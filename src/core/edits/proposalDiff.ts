import { createTwoFilesPatch } from 'diff';
import type { ChangeProposal } from '../contracts';
import { applyHunks, type HunkConflict } from './lineHunks';

export interface ProposalFileDiff {
  readonly path: string;
  /** A unified diff of the file as it is against the file with the proposal applied. */
  readonly patch: string;
  readonly conflicts: readonly HunkConflict[];
}

/**
 * A proposal as unified diffs, computed against each file's current text. Nothing is written:
 * showing a proposal and applying it are different acts, and only a person does the second.
 */
export async function proposalDiffs(proposal: ChangeProposal, readText: (path: string) => Promise<string | undefined>): Promise<ProposalFileDiff[]> {
  const diffs: ProposalFileDiff[] = [];
  for (const file of proposal.files) {
    const current = (await readText(file.path)) ?? '';
    const result = applyHunks(current, file.hunks);
    diffs.push({ path: file.path, patch: createTwoFilesPatch(`a/${file.path}`, `b/${file.path}`, current, result.text, undefined, undefined, { context: 3 }).replace(/^=+\n/, ''), conflicts: result.conflicts });
  }
  return diffs;
}
