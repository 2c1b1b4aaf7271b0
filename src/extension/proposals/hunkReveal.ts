/**
 * Opens a hunk's file in the editor at the hunk (the trace panel's "produced hunks" list, the
 * Proposals view): an open hunk where it is in the file now — placed like the editor's review draws
 * it, so the CodeLens and decorations are right there — a decided one at the line it was proposed at;
 * in the group already showing the file (see fileColumn).
 */
import * as vscode from 'vscode';
import type { ChangeSets } from './changeSets';
import type { EditorHunks } from './editorHunks';
import type { HunkTarget } from './hunkLenses';
import { coveredLines } from './proposedHunks';
import { proposalUri } from './targets';
import { fileColumn } from '../fileColumn';

/** Where the hunk was shown (0-based line), for the callers' tests. */
export interface RevealedHunk {
  readonly uri: vscode.Uri;
  readonly line: number;
}

/** Shows the hunk's file with the cursor on the hunk's first line; throws, saying why, for a hunk that is gone or names no workspace file. */
export async function revealHunk(changeSets: ChangeSets, hunks: EditorHunks, target: HunkTarget): Promise<RevealedHunk> {
  const set = changeSets.get(target.changeSetId);
  const file = set?.files.find((candidate) => candidate.hunks.some((hunk) => hunk.id === target.hunkId));
  const hunk = file?.hunks.find((candidate) => candidate.id === target.hunkId);
  if (!set || !file || !hunk) throw new Error('That proposed change is no longer stored (decided and cleaned up, or its file was removed).');
  const uri = proposalUri(file.path);
  if (!uri) throw new Error(`${file.path} is not a file Nova shows from a proposal.`);
  const editor = await vscode.window.showTextDocument(uri, { preview: true, viewColumn: fileColumn(uri) });
  const placed = hunks.place(editor.document).find((proposed) => proposed.set.id === set.id && proposed.hunk.id === hunk.id);
  const lastLine = Math.max(0, editor.document.lineCount - 1);
  const line = placed ? coveredLines(placed, editor.document.lineCount).start : Math.min(hunk.startLine - 1, lastLine);
  const position = new vscode.Position(line, editor.document.lineAt(line).firstNonWhitespaceCharacterIndex);
  editor.selection = new vscode.Selection(position, position);
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return { uri, line };
}
