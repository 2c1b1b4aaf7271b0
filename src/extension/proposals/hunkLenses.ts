/**
 * CodeLens over each open hunk — Accept · Reject · Why? (an agent's also opens its trace) — and, at the top of the file, one row per
 * change set that proposes hunks there: Accept all · Reject all · Open diff. A hunk that no longer
 * applies says so first; its Accept records the conflict (and says why) rather than applying.
 */
import * as vscode from 'vscode';
import { commandIds } from '../contributions';
import type { EditorHunks } from './editorHunks';
import { coveredLines, type ProposedHunk } from './proposedHunks';

/** What a hunk's lenses pass to their command. */
export interface HunkTarget {
  readonly changeSetId: string;
  readonly hunkId: string;
}

/** What a file's lenses pass to their command (Open diff too: the diff editor's command takes the same). */
export interface FileTarget {
  readonly changeSetId: string;
  readonly path: string;
}

/** The command the native diff editor registers (another part of Nova): the change set's proposed text of one file beside the current one. */
export const openProposalDiffCommand = 'nova.openProposalDiff';

export class HunkLenses implements vscode.CodeLensProvider {
  readonly onDidChangeCodeLenses: vscode.Event<void>;

  constructor(private readonly hunks: EditorHunks) {
    this.onDidChangeCodeLenses = (listener, thisArgs, disposables) => hunks.onDidChange(() => listener.call(thisArgs, undefined), undefined, disposables);
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const hunks = this.hunks.hunksOf(document);
    if (hunks.length === 0) return [];
    const lenses: vscode.CodeLens[] = [];
    const top = new vscode.Range(0, 0, 0, 0);
    const perSet = new Map<string, { proposed: ProposedHunk; count: number }>();
    for (const proposed of hunks) {
      const entry = perSet.get(proposed.set.id);
      perSet.set(proposed.set.id, { proposed: entry?.proposed ?? proposed, count: (entry?.count ?? 0) + 1 });
    }
    for (const { proposed, count } of perSet.values()) {
      const file: FileTarget = { changeSetId: proposed.set.id, path: proposed.path };
      lenses.push(
        new vscode.CodeLens(top, { title: `Nova: ${proposed.set.summary} — ${count} proposed change${count === 1 ? '' : 's'} here`, command: '', tooltip: proposed.set.rationale }),
        new vscode.CodeLens(top, { title: 'Accept all', command: commandIds.acceptFileHunks, arguments: [file], tooltip: 'Apply every proposed change of this change set in this file (one Undo takes them back)' }),
        new vscode.CodeLens(top, { title: 'Reject all', command: commandIds.rejectFileHunks, arguments: [file], tooltip: 'Reject every proposed change of this change set in this file' }),
        new vscode.CodeLens(top, { title: 'Open diff', command: openProposalDiffCommand, arguments: [file], tooltip: 'Show the proposed file beside the current one' }),
      );
    }
    for (const proposed of hunks) {
      const { start } = coveredLines(proposed, document.lineCount);
      const range = new vscode.Range(start, 0, start, 0);
      const target: HunkTarget = { changeSetId: proposed.set.id, hunkId: proposed.hunk.id };
      if (proposed.kind === 'conflict') lenses.push(new vscode.CodeLens(range, { title: '$(warning) No longer applies', command: commandIds.explainHunk, arguments: [target], tooltip: proposed.reason }));
      // An agent's "Why?" also opens its run's trace beside, at the handoff that carried the change (hunkCommands.ts).
      const why = proposed.set.source.kind === 'agent' ? 'Who proposed this and why, and the trace at the handoff that produced it' : 'Who proposed this and why';
      lenses.push(
        new vscode.CodeLens(range, { title: 'Accept', command: commandIds.acceptHunk, arguments: [target], tooltip: `Apply this change by ${proposed.hunk.author}` }),
        new vscode.CodeLens(range, { title: 'Reject', command: commandIds.rejectHunk, arguments: [target], tooltip: 'Reject this change, with an optional reason for its author' }),
        new vscode.CodeLens(range, { title: 'Why?', command: commandIds.explainHunk, arguments: [target], tooltip: why }),
      );
    }
    return lenses;
  }
}
