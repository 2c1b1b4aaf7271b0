/**
 * chat/openLocation: opens a workspace file at a line. The path comes from the page — often from a
 * model's output — so it is checked as text (locationPath.ts), then resolved through the workspace
 * sandbox (real paths, every symbolic link followed) and must stay inside a workspace folder.
 */
import * as vscode from 'vscode';
import { nodeWorkspaceFiles } from '../../../core/host/nodeFiles';
import { WorkspaceSandbox } from '../../../core/workspace/sandbox';
import { locationPathProblem } from './locationPath';

/** The workspace file `requested` names, or why it may not be opened. */
export async function resolveLocation(requested: string): Promise<{ ok: true; uri: vscode.Uri } | { ok: false; reason: string }> {
  const problem = locationPathProblem(requested);
  if (problem) return { ok: false, reason: problem };
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file');
  if (folders.length === 0) return { ok: false, reason: 'No workspace folder is open.' };
  const sandbox = await WorkspaceSandbox.create(
    folders.map((folder) => folder.uri.fsPath),
    nodeWorkspaceFiles,
  );
  const resolved = await sandbox.resolve(requested);
  if (!resolved.ok) return { ok: false, reason: `${resolved.reason}.` };
  const folder = folders[sandbox.folders.indexOf(resolved.folder)];
  if (!folder) return { ok: false, reason: `${JSON.stringify(requested)} is in no workspace folder.` };
  return { ok: true, uri: vscode.Uri.joinPath(folder.uri, ...resolved.relative.split('/')) };
}

/** Opens the file at `line` (1-based), or throws with the reason it may not be opened. */
export async function openLocation(requested: string, line: number | undefined): Promise<void> {
  const target = await resolveLocation(requested);
  if (!target.ok) throw new Error(`Nova opens only files inside the workspace: ${target.reason}`);
  const document = await vscode.workspace.openTextDocument(target.uri);
  const at = Math.min(Math.max((line ?? 1) - 1, 0), Math.max(document.lineCount - 1, 0));
  const position = new vscode.Position(at, 0);
  await vscode.window.showTextDocument(document, { selection: new vscode.Range(position, position), preview: true });
}
