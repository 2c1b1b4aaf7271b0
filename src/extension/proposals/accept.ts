/**
 * Accepting hunks: each is placed in its file as it is now — the open editor's text, unsaved edits
 * included — exactly, rebased, found already applied, or in conflict (src/core/edits/placement.ts).
 * Hunks that no longer match are recorded as conflicts and change nothing; the rest are applied as
 * range edits of one WorkspaceEdit (the undo stack and the cursor kept: one Undo takes them back),
 * after a checkpoint of the files they touch, and only then recorded as accepted. Where each hunk
 * went is announced (ChangeSets.onDidApply), so an Undo of the edit can return the hunks to pending.
 */
import * as vscode from 'vscode';
import { isOpen, type HunkStatus } from '../../core/edits/changeSetState';
import { applyEdits, placeHunks, type HunkConflict, type PlaceableHunk } from '../../core/edits/placement';
import { settleSuperseded } from '../../core/edits/superseded';
import { textHash } from '../../core/edits/textHash';
import type { FileChange } from '../../core/edits/changeSet';
import type { ChangeSet } from '../../protocol/proposals';
import type { ChangeSets, HunkDecision } from './changeSets';
import { resolveTargets } from './targets';

/** What accepting came to: the hunks applied, those in conflict (and why), those the files already held. */
export interface AcceptOutcome {
  readonly accepted: readonly string[];
  readonly conflicts: readonly HunkConflict[];
  readonly superseded: readonly string[];
  /** Each file edited: its text's hash before and after, and where each hunk went — what recognises an Undo of it (./acceptUndo.ts). */
  readonly applied: readonly AppliedFile[];
}

/** One file the accept edited. */
export interface AppliedFile {
  readonly uri: vscode.Uri;
  readonly path: string;
  readonly hashBefore: string;
  readonly hashAfter: string;
  /** The hunks applied, each at the line (1-based) where it was placed in the text before. */
  readonly hunks: readonly (PlaceableHunk & { readonly id: string })[];
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
  // The edit is planned against the documents as they are; if the person types while the checkpoint
  // is taken, the plan is stale (its ranges would land on the wrong characters) and is made again.
  for (let attempt = 1; ; attempt++) {
    const plan = await planAccept(files, targets, wanted);
    if (plan.touched.length > 0) await checkpoint?.(plan.touched, `before accepting “${set.summary}”`);
    if (plan.edited.some((file) => file.document.version !== file.version)) {
      if (attempt < 3) continue;
      throw new Error('The file kept changing while Nova prepared the edit; nothing was applied. Accept again.');
    }
    const applied: AppliedFile[] = [];
    if (plan.edited.length > 0 || plan.created.length > 0) {
      if (!(await vscode.workspace.applyEdit(plan.edit))) throw new Error('VS Code did not apply the edit (was a file closed or changed meanwhile?).');
      for (const file of plan.edited) applied.push({ uri: file.document.uri, path: file.path, hashBefore: file.hashBefore, hashAfter: textHash(file.document.getText()), hunks: file.hunks });
    }
    const decisions: HunkDecision[] = [
      ...plan.conflicts.map((conflict) => ({ id: conflict.hunkId as string, status: 'conflict' as const, reason: conflict.reason })),
      ...plan.superseded.map((id) => ({ id, status: 'superseded' as const, reason: 'the file already holds this change' })),
      ...applied.flatMap((file) => file.hunks.map((hunk) => ({ id: hunk.id, status: 'accepted' as const }))),
      ...plan.created.flatMap((file) => file.hunkIds.map((id) => ({ id, status: 'accepted' as const }))),
    ];
    const recorded = decisions.length > 0 ? changeSets.decide(set.id, decisions) : Promise.resolve(undefined);
    // Said at once (an Undo may come before the server answers), with the record to wait for.
    if (applied.length > 0) changeSets.noteApplied({ changeSetId: set.id, files: applied, recorded: recorded.then(() => undefined, () => undefined) });
    await recorded;
    // The same change waiting in another change set is settled, not left as a conflict.
    const written = [...plan.edited.map((file) => ({ path: file.path, text: file.document.getText() })), ...plan.created.map((file) => ({ path: file.path, text: file.text }))];
    if (written.length > 0) await settleSuperseded(changeSets.open, written, set, (id, settled) => changeSets.decide(id, settled.map((hunk) => ({ id: hunk.hunkId, status: hunk.status, reason: hunk.reason }))));
    return { accepted: [...applied.flatMap((file) => file.hunks.map((hunk) => hunk.id)), ...plan.created.flatMap((file) => file.hunkIds)], conflicts: plan.conflicts, superseded: plan.superseded, applied };
  }
}

interface AcceptPlan {
  readonly edit: vscode.WorkspaceEdit;
  readonly conflicts: HunkConflict[];
  readonly superseded: string[];
  /** What the checkpoint stores: each file to be edited as it is now. */
  readonly touched: { path: string; uri: vscode.Uri; text: string | undefined }[];
  readonly edited: { document: vscode.TextDocument; version: number; path: string; hashBefore: string; hunks: (PlaceableHunk & { id: string })[] }[];
  /** Files the hunks create (no such file yet): made by the same WorkspaceEdit. */
  readonly created: { path: string; text: string; hunkIds: string[] }[];
}

/** Places the wanted hunks of each file in its document as it is now: one WorkspaceEdit for all that apply. */
async function planAccept(files: readonly FileChange[], targets: readonly vscode.Uri[], wanted: (id: string, status: HunkStatus) => boolean): Promise<AcceptPlan> {
  const plan: AcceptPlan = { edit: new vscode.WorkspaceEdit(), conflicts: [], superseded: [], touched: [], edited: [], created: [] };
  for (const [index, file] of files.entries()) {
    const uri = targets[index] as vscode.Uri;
    const document = await vscode.workspace.openTextDocument(uri).then(
      (opened) => opened,
      () => undefined,
    );
    const hunks = file.hunks.filter((hunk) => wanted(hunk.id, hunk.status));
    const text = document?.getText();
    const placement = placeHunks(text, { path: file.path, baseHash: file.baseHash, hunks });
    for (const conflict of placement.conflicts) plan.conflicts.push({ ...conflict, hunkId: hunks[conflict.hunk]?.id as string });
    for (const index of placement.superseded) plan.superseded.push(hunks[index]?.id as string);
    if (placement.placed.length === 0) continue;
    if (!document || text === undefined) {
      // The file does not exist (placement only places hunks in a missing file that creates it).
      const created = applyEdits('', placement.placed.map((placed) => placed.edit));
      plan.touched.push({ path: file.path, uri, text: undefined });
      plan.created.push({ path: file.path, text: created, hunkIds: placement.placed.map((placed) => hunks[placed.hunk]?.id as string) });
      plan.edit.createFile(uri, { ignoreIfExists: false, contents: new TextEncoder().encode(created) });
      continue;
    }
    plan.touched.push({ path: file.path, uri, text });
    const record = { document, version: document.version, path: file.path, hashBefore: textHash(text), hunks: [] as (PlaceableHunk & { id: string })[] };
    plan.edited.push(record);
    for (const placed of placement.placed) {
      const hunk = hunks[placed.hunk] as (typeof hunks)[number];
      plan.edit.replace(uri, new vscode.Range(document.positionAt(placed.edit.start), document.positionAt(placed.edit.end)), placed.edit.text);
      record.hunks.push({ id: hunk.id, startLine: placed.startLine, before: hunk.before, after: hunk.after, context: hunk.context });
    }
  }
  return plan;
}

/** Rejects hunks of a change set (all its open ones when `hunkIds` is undefined), with the person's optional reason. */
export async function rejectHunks(changeSets: ChangeSets, set: ChangeSet, hunkIds: readonly string[] | undefined, reason: string | undefined): Promise<readonly string[]> {
  const ids = set.files.flatMap((file) => file.hunks.filter((hunk) => isOpen(hunk.status) && (hunkIds === undefined || hunkIds.includes(hunk.id))).map((hunk) => hunk.id));
  if (ids.length > 0) await changeSets.decide(set.id, ids.map((id) => ({ id, status: 'rejected', ...(reason ? { reason } : {}) })));
  return ids;
}
