/**
 * chat/reviewChanges: until the diff review exists, what there is today — the Proposals view is
 * shown, and each file of the stored proposal opens as a diff of the file as it is now against the
 * text the proposal would make of it (its hunks applied to the current text, in memory). A file
 * whose hunks no longer apply opens as it is, with the reason.
 */
import * as vscode from 'vscode';
import { applyHunks } from '../../../core/edits/placement';
import { isOpen } from '../../../core/edits/changeSetState';
import type { ChangeSet } from '../../../protocol/proposals';
import { proposalUri } from '../../proposals/targets';
import { viewIds } from '../../contributions';
import type { Disposable } from '../../disposableStore';

/** The scheme of the proposed side of a diff (read-only documents held in memory). */
export const proposedScheme = 'nova-proposed';

/** At most this many diffs open for one proposal. */
const maxDiffs = 5;

export class ProposalReview implements Disposable {
  private readonly texts = new Map<string, string>();
  private readonly registration: vscode.Disposable;

  constructor() {
    const texts = this.texts;
    this.registration = vscode.workspace.registerTextDocumentContentProvider(proposedScheme, { provideTextDocumentContent: (uri) => texts.get(uri.toString()) ?? '' });
  }

  /** Shows the Proposals view and opens the proposal's diffs; returns what could not be shown. */
  async open(stored: ChangeSet): Promise<string[]> {
    await vscode.commands.executeCommand(`${viewIds.proposals}.focus`);
    const problems: string[] = [];
    for (const file of stored.files.slice(0, maxDiffs)) {
      const uri = proposalUri(file.path);
      if (!uri) {
        problems.push(`${file.path} is not a file Nova opens.`);
        continue;
      }
      const current = await vscode.workspace.openTextDocument(uri).then(
        (document) => document.getText(),
        () => undefined,
      );
      const applied = applyHunks(current, { ...file, hunks: file.hunks.filter((hunk) => isOpen(hunk.status)) });
      if (current === undefined || applied.conflicts.length > 0) {
        if (current !== undefined) await vscode.window.showTextDocument(uri, { preview: false });
        problems.push(`${file.path}: ${current === undefined ? 'the file cannot be read' : applied.conflicts.map((conflict) => `hunk ${conflict.hunk + 1}: ${conflict.reason}`).join('; ')}`);
        continue;
      }
      const proposed = vscode.Uri.from({ scheme: proposedScheme, path: `/${stored.id}/${file.path}` });
      this.texts.set(proposed.toString(), applied.text);
      await vscode.commands.executeCommand('vscode.diff', uri, proposed, `${file.path} ↔ proposed (${stored.summary})`, { preview: false });
    }
    if (stored.files.length > maxDiffs) problems.push(`${stored.files.length - maxDiffs} more file(s) are listed in the Proposals view.`);
    return problems;
  }

  dispose(): void {
    this.registration.dispose();
    this.texts.clear();
  }
}
