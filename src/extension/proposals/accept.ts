/**
 * Accepting hunks: each is placed in its file as it is now — the open editor's text, unsaved edits
 * included — exactly, rebased, found already applied, or in conflict (src/core/edits/placement.ts).
 * Hunks that no longer match are recorded as conflicts and change nothing; the rest are applied as
 * range edits of one WorkspaceEdit (the undo stack and the cursor kept: one Undo takes them back),
 * after a checkpoint of the files they touch, and only then recorded as accepted.
 */
import * as vscode from 'vscode';
import { isOpen, type HunkStatus } from '../../core/edits/changeSetState';
import { placeHunks, type HunkConflict } from '../../core/edits/placement';
import type { ChangeSet } from '../../protocol/proposals';
import type { ChangeSets, HunkDecision } from './changeSets';
import { resolveTargets } from './targets';

/** What accepting came to: the hunks applied, those in conflict (and why), those the files already held. */
export interface AcceptOutcome {
  readonly accepted: readonly string[];
  readonly conflicts: readonly HunkConflict[];
  readonly superseded: readonly string[];
}

/** Stores the files' current content before hunks are applied (a checkpoint); given workspace paths and texts. */
export type TakeCheckpoint = (files: readonly { readonly path: string; readonly uri: vscode.Uri; readonly text: string | undefined }[], label: string) => Promise<void>;

/**
 * Accepts the given hunks of a change set (all its open ones when `hunkIds` is undefined). Throws
 * ProposalPathRefused when a path may not be changed (nothing is applied then).
 */
export async function acceptHunks(changeSets: ChangeSets, set: ChangeSet, hunkIds: readonly string[] | undefined, checkpoint: TakeCheckpoint | undefined): Promise<AcceptOutcome> {
  // Only open hunks are accepted: one accepted (or rejected) before stays as it is.
  const wanted = (id: string, status: HunkStatus) => isOpen(status) && (hunkIds === undefined || hunkIds.includes(id));
  const files = set.files.filter((file) => file.hunks.some((hunk) => wanted(hunk.id, hunk.status)));
  const targets = await resolveTargets(files.map((file) => file.path));
  const edit = new vscode.WorkspaceEdit();
  const decisions: HunkDecision[] = [];
  const accepted: string[] = [];
  const superseded: string[] = [];
  const conflicts: HunkConflict[] = [];
  const touched: { path: string; uri: vscode.Uri; text: string | undefined }[] = [];
  for (const [index, file] of files.entries()) {
    const uri = targets[index] as vscode.Uri;
    const document = await vscode.workspace.openTextDocument(uri).then(
      (opened) => opened,
      () => undefined,
    );
    const hunks = file.hunks.filter((hunk) => wanted(hunk.id, hunk.status));
    const placement = placeHunks(document?.getText(), { path: file.path, baseHash: file.baseHash, hunks });
    for (const conflict of placement.conflicts) {
      conflicts.push(conflict);
      decisions.push({ id: hunks[conflict.hunk]?.id as string, status: 'conflict', reason: conflict.reason });
    }
    for (const index of placement.superseded) {
      superseded.push(hunks[index]?.id as string);
      decisions.push({ id: hunks[index]?.id as string, status: 'superseded', reason: 'the file already holds this change' });
    }
    if (placement.placed.length === 0 || !document) continue;
    touched.push({ path: file.path, uri, text: document.getText() });
    for (const placed of placement.placed) {
      edit.replace(uri, new vscode.Range(document.positionAt(placed.edit.start), document.positionAt(placed.edit.end)), placed.edit.text);
      accepted.push(hunks[placed.hunk]?.id as string);
    }
  }
  if (accepted.length > 0) {
    await checkpoint?.(touched, `before accepting “${set.summary}”`);
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error('VS Code did not apply the edit (was a file closed or changed meanwhile?).');
    for (const id of accepted) decisions.push({ id, status: 'accepted' });
  }
  if (decisions.length > 0) await changeSets.decide(set.id, decisions);
  return { accepted, conflicts, superseded };
}

/** Rejects hunks of a change set (all its open ones when `hunkIds` is undefined), with the person's optional reason. */
export async function rejectHunks(changeSets: ChangeSets, set: ChangeSet, hunkIds: readonly string[] | undefined, reason: string | undefined): Promise<readonly string[]> {
  const ids = set.files.flatMap((file) => file.hunks.filter((hunk) => isOpen(hunk.status) && (hunkIds === undefined || hunkIds.includes(hunk.id))).map((hunk) => hunk.id));
  if (ids.length > 0) await changeSets.decide(set.id, ids.map((id) => ({ id, status: 'rejected', ...(reason ? { reason } : {}) })));
  return ids;
}
