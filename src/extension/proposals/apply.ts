/**
 * Accepting a proposal: every path it names is resolved through the workspace sandbox first (real
 * paths, symbolic links followed, compared with each folder's real path; protected paths refused)
 * — this check is the extension's own, whatever the server stored. Then every hunk is applied to the
 * file as it is now — the open editor's text, unsaved edits included — with exact context checks
 * (src/core/edits). If any path is refused or any hunk no longer matches, nothing is applied and the
 * person is told which; otherwise one WorkspaceEdit makes the whole change, so a single Undo takes it back.
 */
import * as vscode from 'vscode';
import { applyHunks } from '../../core/edits/lineHunks';
import { proposablePathProblem } from '../../core/workspace/proposablePath';
import type { StoredProposal } from '../../protocol/proposals';
import { diskFolders, resolveWorkspaceTargets } from '../workspaceTargets';

/** Why a proposal could not be applied, one line per conflict. */
export class ProposalConflict extends Error {
  constructor(readonly conflicts: readonly string[]) {
    super(`The proposal no longer matches the files: ${conflicts.join('; ')}`);
  }
}

/** Why a proposal may not be applied at all: a path it names leaves the workspace or is protected. */
export class ProposalPathRefused extends Error {
  constructor(readonly refusals: readonly string[]) {
    super(`The proposal names a file Nova will not change: ${refusals.join('; ')}`);
  }
}

/**
 * The file a proposal's path names, for showing it in a view: `folder-name/rest` in a multi-root
 * workspace, else relative to the first folder; `undefined` for a path no proposal may name.
 * Applying resolves the path again, through the sandbox (`applyProposal`).
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

/**
 * Applies a whole proposal as one undoable edit. Throws ProposalPathRefused when a path may not be
 * changed and ProposalConflict when a hunk does not match; either way nothing is written.
 */
export async function applyProposal(stored: StoredProposal): Promise<void> {
  const targets = await resolveTargets(stored.proposal.files.map((file) => file.path));
  const edit = new vscode.WorkspaceEdit();
  const conflicts: string[] = [];
  for (const [index, file] of stored.proposal.files.entries()) {
    const uri = targets[index] as vscode.Uri;
    const document = await vscode.workspace.openTextDocument(uri);
    const result = applyHunks(document.getText(), file.hunks);
    for (const conflict of result.conflicts) conflicts.push(`${file.path}, hunk ${conflict.hunk + 1}: ${conflict.reason}`);
    edit.replace(uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), result.text);
  }
  if (conflicts.length > 0) throw new ProposalConflict(conflicts);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error('VS Code did not apply the edit (was a file closed or changed meanwhile?).');
}

/** Each path's file inside its workspace folder, in order; throws ProposalPathRefused naming every refused path. */
async function resolveTargets(paths: readonly string[]): Promise<vscode.Uri[]> {
  if (diskFolders().length === 0) throw new Error('Open the workspace folder the proposal belongs to first.');
  const { targets, refusals } = await resolveWorkspaceTargets(paths);
  if (refusals.length > 0) throw new ProposalPathRefused(refusals);
  return targets.map((target) => target.uri);
}
