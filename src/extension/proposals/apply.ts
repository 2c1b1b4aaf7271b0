/**
 * Accepting a proposal: every hunk is applied to the file as it is now — the open editor's text,
 * unsaved edits included — with exact context checks (src/core/edits). If any hunk no longer
 * matches, nothing is applied and the person is told which; otherwise one WorkspaceEdit makes the
 * whole change, so a single Undo takes it back.
 */
import * as vscode from 'vscode';
import { applyHunks } from '../../core/edits/lineHunks';
import type { StoredProposal } from '../../protocol/proposals';

/** Why a proposal could not be applied, one line per conflict. */
export class ProposalConflict extends Error {
  constructor(readonly conflicts: readonly string[]) {
    super(`The proposal no longer matches the files: ${conflicts.join('; ')}`);
  }
}

/** The file a proposal's workspace path names: `folder-name/rest` in a multi-root workspace, else relative to the first folder. */
export function proposalUri(path: string): vscode.Uri {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const [first, ...rest] = path.split('/');
  const named = folders.length > 1 ? folders.find((folder) => folder.name === first) : undefined;
  if (named) return vscode.Uri.joinPath(named.uri, ...rest);
  const root = folders[0];
  if (!root) throw new Error('Open the workspace folder the proposal belongs to first.');
  return vscode.Uri.joinPath(root.uri, ...path.split('/'));
}

/** Applies a whole proposal as one undoable edit; throws ProposalConflict (and changes nothing) when a hunk does not match. */
export async function applyProposal(stored: StoredProposal): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  const conflicts: string[] = [];
  for (const file of stored.proposal.files) {
    const uri = proposalUri(file.path);
    const document = await vscode.workspace.openTextDocument(uri);
    const result = applyHunks(document.getText(), file.hunks);
    for (const conflict of result.conflicts) conflicts.push(`${file.path}, hunk ${conflict.hunk + 1}: ${conflict.reason}`);
    edit.replace(uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), result.text);
  }
  if (conflicts.length > 0) throw new ProposalConflict(conflicts);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error('VS Code did not apply the edit (was a file closed or changed meanwhile?).');
}
