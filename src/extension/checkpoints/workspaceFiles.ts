/**
 * Checkpoint paths in the editor's workspace, resolved through the workspace sandbox
 * (../workspaceTargets.ts): a path as a change set names it (`src/a.ts`, or `api/src/a.ts` in a
 * multi-root workspace) to the folder it lies in and its path there — how that folder's
 * checkpoint store names it — and a path a folder's checkpoint holds back to its file.
 */
import type * as vscode from 'vscode';
import { CheckpointRefused } from '../../core/checkpoints';
import { diskFolders, resolveWorkspaceTargets, type WorkspaceTarget } from '../workspaceTargets';

/** Each path's target, in order; throws `CheckpointRefused` naming every path the sandbox refuses. */
export async function resolveTargets(paths: readonly string[]): Promise<WorkspaceTarget[]> {
  if (diskFolders().length === 0) throw new CheckpointRefused('Open the workspace folder first: checkpoints are kept per workspace folder.');
  return refusedOrTargets(await resolveWorkspaceTargets(paths));
}

/** The targets of paths a folder's checkpoint holds (relative to that folder), checked the same way. */
export async function resolveInFolder(folder: vscode.WorkspaceFolder, relatives: readonly string[]): Promise<WorkspaceTarget[]> {
  return refusedOrTargets(await resolveWorkspaceTargets(relatives, [folder]));
}

function refusedOrTargets(resolved: { readonly targets: WorkspaceTarget[]; readonly refusals: string[] }): WorkspaceTarget[] {
  if (resolved.refusals.length > 0) throw new CheckpointRefused(`${resolved.refusals.join('; ')}.`);
  return resolved.targets;
}
