/**
 * chat/reviewChanges: the chat card's "Review changes" shows the Proposals view and opens each file
 * of the proposal (at most five) in Nova's proposal diff — VS Code's diff editor with the proposed
 * text on the right, editable, Accept and Reject in its title bar (src/extension/proposals/proposalDiff.ts).
 */
import * as vscode from 'vscode';
import type { ChangeSet } from '../../../protocol/proposals';
import { commandIds, viewIds } from '../../contributions';
import type { DiffOutcome } from '../../proposals/proposalDiff';

/** Shows the Proposals view and opens the change set's diffs; returns what could not be shown. */
export async function reviewProposal(changeSet: ChangeSet): Promise<readonly string[]> {
  await vscode.commands.executeCommand(`${viewIds.proposals}.focus`);
  // The command warns about what it could not show; the caller is told it too, without a second warning.
  const outcome = await vscode.commands.executeCommand<DiffOutcome | undefined>(commandIds.openProposalDiff, { changeSetId: changeSet.id });
  return outcome?.problems ?? [];
}
