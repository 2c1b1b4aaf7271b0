/**
 * The files a change set names, as VS Code opens them. Every path is resolved through the workspace
 * sandbox before a hunk is applied (real paths, symbolic links followed, compared with each
 * folder's real path; protected paths refused) — this check is the extension's own, whatever the
 * server stored.
 */
import * as vscode from 'vscode';
import { proposablePathProblem } from '../../core/workspace/proposablePath';
import { diskFolders, resolveWorkspaceTargets } from '../workspaceTargets';

/** Why a change may not be applied at all: a path it names leaves the workspace or is protected. */
export class ProposalPathRefused extends Error {
  constructor(readonly refusals: readonly string[]) {
    super(`The proposal names a file Nova will not change: ${refusals.join('; ')}`);
  }
}

/**
 * The file a proposal's path names, for showing it in a view: `folder-name/rest` in a multi-root
 * workspace, else relative to the first folder; `undefined` for a path no proposal may name.
 * Applying resolves the path again, through the sandbox (`resolveTargets`).
 */
export function proposalUri(path: string): vscode.Uri | undefined {
  if (proposablePathProblem(path)) return undefined;
  const folders = vscode.workspace.workspaceFolders ?? [];
  const [first, ...rest] = path.split('/');
  const named = folders.length > 1 ? folders.find((folder) => folder.name === first) : undefined;
  if (named) return vscode.Uri.joinPath(named.uri, ...rest);
  const root = folders[0];
  return root ? vscode.Uri.joinPath(root.uri, ...path.split('/')) : undefined;
}

/** The workspace path of a file VS Code has open (the form change sets use), or undefined outside the workspace. */
export function workspacePathOf(uri: vscode.Uri): string | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) return undefined;
  const relative = vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders ?? []).length > 1);
  return relative === uri.fsPath ? undefined : relative.split('\\').join('/');
}

/** Each path's file inside its workspace folder, in order; throws ProposalPathRefused naming every refused path. */
export async function resolveTargets(paths: readonly string[]): Promise<vscode.Uri[]> {
  if (diskFolders().length === 0) throw new Error('Open the workspace folder the proposal belongs to first.');
  const { targets, refusals } = await resolveWorkspaceTargets(paths);
  if (refusals.length > 0) throw new ProposalPathRefused(refusals);
  return targets.map((target) => target.uri);
}
