/**
 * The editor's hunk commands, from a CodeLens (which names the hunk) or the keyboard and the palette
 * (the hunk at the cursor of the active editor): accept, reject with an optional reason, "Why?",
 * all of one change set's hunks in a file, and moving to the next or previous hunk.
 */
import * as vscode from 'vscode';
import type { ChangeSet } from '../../protocol/proposals';
import { isOpen } from '../../core/edits/changeSetState';
import { commandIds } from '../contributions';
import { acceptHunks, rejectHunks, type AcceptOutcome, type TakeCheckpoint } from './accept';
import type { ChangeSets } from './changeSets';
import type { EditorHunks } from './editorHunks';
import { whyMarkdown } from './hunkHover';
import type { FileTarget, HunkTarget } from './hunkLenses';
import { coveredLines, neighbourHunk, proposedHunkAt, type ProposedHunk } from './proposedHunks';
import { ProposalPathRefused } from './targets';

/** A reject's arguments: `reason` given (even empty) means the person is not asked. */
export type RejectTarget = HunkTarget & { readonly reason?: string };
export type RejectFileTarget = FileTarget & { readonly reason?: string };

/** What "Why?" showed, for Nova's tests in a real VS Code. */
export interface ExplainOutcome {
  readonly markdown: string;
}

export function registerHunkCommands(context: vscode.ExtensionContext, changeSets: ChangeSets, hunks: EditorHunks, checkpoint: TakeCheckpoint | undefined, log: vscode.LogOutputChannel): void {
  /** The change set a lens named (from the cache: its hunks' statuses are the latest the server sent). */
  const changeSet = (id: string): ChangeSet | undefined => {
    const set = changeSets.get(id);
    if (!set) void vscode.window.showWarningMessage('Nova: that proposal is gone (decided elsewhere, or its file was removed).');
    return set;
  };

  /** The hunk at the cursor of the active editor, or undefined (said to the person). */
  const atCursor = (): ProposedHunk | undefined => {
    const editor = vscode.window.activeTextEditor;
    const found = editor ? proposedHunkAt(hunks.place(editor.document), editor.selection.active.line, editor.document.lineCount) : undefined;
    if (!found) void vscode.window.showInformationMessage('Nova: no proposed change at the cursor. Alt+] moves to the next one.');
    return found;
  };

  const accept = async (ids: readonly string[] | undefined, set: ChangeSet): Promise<AcceptOutcome | undefined> => {
    try {
      const outcome = await acceptHunks(changeSets, set, ids, checkpoint);
      if (outcome.conflicts.length > 0) {
        const reasons = outcome.conflicts.map((conflict) => `line ${conflict.startLine}: ${conflict.reason}`).join('; ');
        void vscode.window.showWarningMessage(`Nova: ${outcome.conflicts.length} proposed change(s) no longer apply and were not applied (${reasons}).${outcome.accepted.length > 0 ? ` ${outcome.accepted.length} applied.` : ''}`);
      } else if (outcome.accepted.length > 0) {
        vscode.window.setStatusBarMessage(`$(check) Nova: applied ${outcome.accepted.length} change(s) — Undo takes ${outcome.accepted.length === 1 ? 'it' : 'them'} back`, 5_000);
      } else if (outcome.superseded.length > 0) {
        void vscode.window.showInformationMessage('Nova: the file already holds this change.');
      }
      return outcome;
    } catch (error) {
      const reason = error instanceof ProposalPathRefused ? `${error.message}. Nothing was applied.` : error instanceof Error ? error.message : String(error);
      log.error(`Accepting hunks of ${set.id} failed: ${reason}`);
      void vscode.window.showErrorMessage(`Nova: ${reason}`);
      return undefined;
    }
  };

  const reject = async (ids: readonly string[], set: ChangeSet, given: string | undefined): Promise<readonly string[] | undefined> => {
    // Escape is "no reason", not "cancel": the person chose Reject already.
    const reason =
      given ??
      (await vscode.window.showInputBox({
        title: `Nova: reject ${ids.length === 1 ? 'this change' : `${ids.length} changes`} of “${set.summary}”`,
        prompt: 'Why? (optional — the author gets it for its next attempt; Escape rejects without a reason)',
        ignoreFocusOut: false,
      }));
    try {
      const rejected = await rejectHunks(changeSets, set, ids, reason?.trim() || undefined);
      vscode.window.setStatusBarMessage(`Nova: rejected ${rejected.length} change(s)`, 5_000);
      return rejected;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log.error(`Rejecting hunks of ${set.id} failed: ${message}`);
      void vscode.window.showErrorMessage(`Nova: ${message}`);
      return undefined;
    }
  };

  const openIdsInFile = (set: ChangeSet, path: string) => set.files.filter((file) => file.path === path).flatMap((file) => file.hunks.filter((hunk) => isOpen(hunk.status)).map((hunk) => hunk.id));

  const move = (direction: 'next' | 'previous') => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return undefined;
    const found = neighbourHunk(hunks.place(editor.document), editor.selection.active.line, editor.document.lineCount, direction);
    if (!found) return undefined;
    const line = coveredLines(found, editor.document.lineCount).start;
    const position = new vscode.Position(line, editor.document.lineAt(line).firstNonWhitespaceCharacterIndex);
    editor.selection = new vscode.Selection(position, position);
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return { changeSetId: found.set.id, hunkId: found.hunk.id, line };
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(commandIds.acceptHunk, async (target?: HunkTarget) => {
      const chosen = target ?? hunkTarget(atCursor());
      const set = chosen && changeSet(chosen.changeSetId);
      return set && chosen ? accept([chosen.hunkId], set) : undefined;
    }),
    vscode.commands.registerCommand(commandIds.rejectHunk, async (target?: RejectTarget) => {
      const chosen = target ?? hunkTarget(atCursor());
      const set = chosen && changeSet(chosen.changeSetId);
      return set && chosen ? reject([chosen.hunkId], set, target?.reason) : undefined;
    }),
    vscode.commands.registerCommand(commandIds.acceptFileHunks, async (target?: FileTarget) => {
      const chosen = target ?? fileTarget(atCursor());
      const set = chosen && changeSet(chosen.changeSetId);
      return set && chosen ? accept(openIdsInFile(set, chosen.path), set) : undefined;
    }),
    vscode.commands.registerCommand(commandIds.rejectFileHunks, async (target?: RejectFileTarget) => {
      const chosen = target ?? fileTarget(atCursor());
      const set = chosen && changeSet(chosen.changeSetId);
      return set && chosen ? reject(openIdsInFile(set, chosen.path), set, target?.reason) : undefined;
    }),
    vscode.commands.registerCommand(commandIds.explainHunk, async (target?: HunkTarget): Promise<ExplainOutcome | undefined> => {
      const editor = vscode.window.activeTextEditor;
      const here = editor ? hunks.place(editor.document) : [];
      const found = target ? here.find((proposed) => proposed.set.id === target.changeSetId && proposed.hunk.id === target.hunkId) : atCursor();
      if (!found || !editor) {
        // Not in this editor (a lens of another one, or the file is closed): the same text, as a message.
        const set = target && changeSets.get(target.changeSetId);
        const hunk = set?.files.flatMap((file) => file.hunks).find((candidate) => candidate.id === target?.hunkId);
        if (!set || !hunk) return undefined;
        const markdown = whyMarkdown(set, hunk, undefined).value;
        void vscode.window.showInformationMessage(`Nova: ${hunk.author} proposed this: ${hunk.rationale}`);
        return { markdown };
      }
      // The hover at the hunk's first line shows the author, the source, the reasons and the lines.
      const line = coveredLines(found, editor.document.lineCount).start;
      const position = new vscode.Position(line, 0);
      editor.selection = new vscode.Selection(position, position);
      editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      await vscode.commands.executeCommand('editor.action.showHover');
      // An agent's change: its run's trace opens beside, at the handoff that produced it (the trace panel's nova.traceHunk).
      if (found.set.source.kind === 'agent') void vscode.commands.executeCommand(commandIds.traceHunk, hunkTarget(found), { beside: true });
      return { markdown: whyMarkdown(found.set, found.hunk, found.kind === 'conflict' ? found.reason : undefined).value };
    }),
    vscode.commands.registerCommand(commandIds.nextHunk, () => move('next')),
    vscode.commands.registerCommand(commandIds.previousHunk, () => move('previous')),
  );
}

function hunkTarget(proposed: ProposedHunk | undefined): HunkTarget | undefined {
  return proposed && { changeSetId: proposed.set.id, hunkId: proposed.hunk.id };
}

function fileTarget(proposed: ProposedHunk | undefined): FileTarget | undefined {
  return proposed && { changeSetId: proposed.set.id, path: proposed.path };
}
