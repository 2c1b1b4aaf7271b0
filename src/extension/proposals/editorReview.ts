/**
 * Reviewing proposed hunks where the code is: each open hunk placed in the editor's current text,
 * drawn in place, with CodeLens and a hover, commands for the keyboard, and Undo after Accept taking
 * the decision back. The Proposals view (./view.ts) and the diff editor act on the same change sets.
 */
import * as vscode from 'vscode';
import type { TakeCheckpoint } from './accept';
import { AcceptUndo } from './acceptUndo';
import type { ChangeSets } from './changeSets';
import { EditorHunks } from './editorHunks';
import { HunkDecorations, type DrawnHunk } from './hunkDecorations';
import { registerHunkCommands } from './hunkCommands';
import { HunkHover } from './hunkHover';
import { HunkLenses, type HunkTarget } from './hunkLenses';
import { revealHunk, type RevealedHunk } from './hunkReveal';
import { proposedHunkAt } from './proposedHunks';

/** Seams for Nova's tests in a real VS Code: what is drawn (decorations cannot be read back), and when Undo's decisions are recorded. */
export interface EditorReviewTesting {
  drawnIn(uri: vscode.Uri): readonly DrawnHunk[];
  undoSettled(): Promise<void>;
}

/** The editor's review, as other parts of Nova reach it (the trace panel reveals the hunks a handoff produced). */
export interface EditorReview {
  revealHunk(target: HunkTarget): Promise<RevealedHunk>;
  /** The open hunk at the cursor of the active editor, if any. */
  hunkAtCursor(): HunkTarget | undefined;
  readonly testing: EditorReviewTesting;
}

/** Files on disk only: a proposal names a workspace file, never an untitled buffer or a diff's virtual side. */
const files: vscode.DocumentSelector = { scheme: 'file' };

export function registerEditorReview(context: vscode.ExtensionContext, changeSets: ChangeSets, checkpoint: TakeCheckpoint | undefined, log: vscode.LogOutputChannel): EditorReview {
  const hunks = new EditorHunks(changeSets);
  const decorations = new HunkDecorations(hunks);
  const undo = new AcceptUndo(changeSets, log);
  context.subscriptions.push(
    hunks,
    decorations,
    undo,
    vscode.languages.registerCodeLensProvider(files, new HunkLenses(hunks)),
    vscode.languages.registerHoverProvider(files, new HunkHover(hunks)),
  );
  registerHunkCommands(context, changeSets, hunks, checkpoint, log);
  return {
    revealHunk: (target) => revealHunk(changeSets, hunks, target),
    hunkAtCursor: () => {
      const editor = vscode.window.activeTextEditor;
      const found = editor ? proposedHunkAt(hunks.place(editor.document), editor.selection.active.line, editor.document.lineCount) : undefined;
      return found && { changeSetId: found.set.id, hunkId: found.hunk.id };
    },
    testing: { drawnIn: (uri) => decorations.drawnIn(uri), undoSettled: () => undo.settled() },
  };
}
