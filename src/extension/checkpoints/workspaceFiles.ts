/**
 * Checkpoint paths in the editor's workspace. A path as a change set names it (`src/a.ts`, or
 * `api/src/a.ts` in a multi-root workspace) is resolved through the workspace sandbox — real
 * paths, symbolic links followed, protected paths refused — to the workspace folder it lies in and
 * its path inside that folder, which is how that folder's checkpoint store names it.
 */
import * as vscode from 'vscode';
import { CheckpointRefused } from '../../core/checkpoints';
import { nodeWorkspaceFiles } from '../../core/host/nodeFiles';
import { resolveProposablePath } from '../../core/workspace/proposablePath';
import { WorkspaceSandbox } from '../../core/workspace/sandbox';

/** One file a checkpoint covers: the folder whose store keeps it, its path there, and its URI. */
export interface CheckpointTarget {
  readonly folder: vscode.WorkspaceFolder;
  /** Relative to the folder's real path, `/` separators. */
  readonly relative: string;
  readonly uri: vscode.Uri;
}

/** The workspace folders on disk (a checkpoint store is a folder on disk). */
export function diskFolders(): readonly vscode.WorkspaceFolder[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file');
}

/** Each path's target, in order; throws `CheckpointRefused` naming every path the sandbox refuses. */
export async function resolveTargets(paths: readonly string[]): Promise<CheckpointTarget[]> {
  const folders = diskFolders();
  if (folders.length === 0) throw new CheckpointRefused('Open the workspace folder first: checkpoints are kept per workspace folder.');
  const sandbox = await WorkspaceSandbox.create(
    folders.map((folder) => folder.uri.fsPath),
    nodeWorkspaceFiles,
  );
  const targets: CheckpointTarget[] = [];
  const refusals: string[] = [];
  for (const path of paths) {
    const resolved = await resolveProposablePath(sandbox, path);
    const folder = resolved.ok ? folders[sandbox.folders.indexOf(resolved.folder)] : undefined;
    if (!resolved.ok) refusals.push(resolved.reason);
    else if (!folder) refusals.push(`${JSON.stringify(path)} is in no workspace folder`);
    else targets.push({ folder, relative: resolved.relative, uri: vscode.Uri.joinPath(folder.uri, ...resolved.relative.split('/')) });
  }
  if (refusals.length > 0) throw new CheckpointRefused(`${refusals.join('; ')}.`);
  return targets;
}

/** The targets of paths a folder's checkpoint holds (relative to that folder), checked the same way; throws `CheckpointRefused` naming every refused path. */
export async function resolveInFolder(folder: vscode.WorkspaceFolder, relatives: readonly string[]): Promise<CheckpointTarget[]> {
  const sandbox = await WorkspaceSandbox.create([folder.uri.fsPath], nodeWorkspaceFiles);
  const targets: CheckpointTarget[] = [];
  const refusals: string[] = [];
  for (const relative of relatives) {
    const resolved = await resolveProposablePath(sandbox, relative);
    if (resolved.ok) targets.push({ folder, relative: resolved.relative, uri: vscode.Uri.joinPath(folder.uri, ...resolved.relative.split('/')) });
    else refusals.push(resolved.reason);
  }
  if (refusals.length > 0) throw new CheckpointRefused(`${refusals.join('; ')}.`);
  return targets;
}
