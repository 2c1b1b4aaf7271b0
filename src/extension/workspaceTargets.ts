/**
 * Paths a change set or a checkpoint names, resolved to files of the open workspace: through the
 * workspace sandbox (real paths, symbolic links followed, compared with each folder's real path;
 * protected paths refused) to the workspace folder each lies in. Used wherever the extension is
 * about to write what a path names — accepting a proposal, taking or restoring a checkpoint.
 */
import * as vscode from 'vscode';
import { nodeWorkspaceFiles } from '../core/host/nodeFiles';
import { resolveProposablePath } from '../core/workspace/proposablePath';
import { WorkspaceSandbox } from '../core/workspace/sandbox';

/** One file of the workspace: its folder, its path inside the folder's real path, and its URI. */
export interface WorkspaceTarget {
  readonly folder: vscode.WorkspaceFolder;
  /** Relative to the folder's real path, `/` separators. */
  readonly relative: string;
  /**
   * From the folder as VS Code names it (so an open editor's buffer is the one edited) and the
   * path relative to its real path, which the sandbox computed: no "..", no link left to follow.
   */
  readonly uri: vscode.Uri;
}

/** The workspace folders on disk, in the workspace's order. */
export function diskFolders(): readonly vscode.WorkspaceFolder[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file');
}

/**
 * Each path's target, in order, and one reason per refused path. `folders` (default: every folder
 * on disk) is where paths resolve: relative to the first, or `<folder name>/…` in a multi-root one.
 */
export async function resolveWorkspaceTargets(
  paths: readonly string[],
  folders: readonly vscode.WorkspaceFolder[] = diskFolders(),
): Promise<{ readonly targets: WorkspaceTarget[]; readonly refusals: string[] }> {
  const sandbox = await WorkspaceSandbox.create(
    folders.map((folder) => folder.uri.fsPath),
    nodeWorkspaceFiles,
  );
  const targets: WorkspaceTarget[] = [];
  const refusals: string[] = [];
  for (const path of paths) {
    const resolved = await resolveProposablePath(sandbox, path);
    const folder = resolved.ok ? folders[sandbox.folders.indexOf(resolved.folder)] : undefined;
    if (!resolved.ok) refusals.push(resolved.reason);
    else if (!folder) refusals.push(`${JSON.stringify(path)} is in no workspace folder`);
    else targets.push({ folder, relative: resolved.relative, uri: vscode.Uri.joinPath(folder.uri, ...resolved.relative.split('/')) });
  }
  return { targets, refusals };
}
