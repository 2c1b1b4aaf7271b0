/**
 * Undo after Accept takes the decision back. An accept is one WorkspaceEdit, so one Ctrl+Z removes
 * its hunks from the file; VS Code says a change came from Undo or Redo (`reason`), not which edit
 * it undid, so the document is checked: for each hunk applied, is its `before` back at its place
 * and its `after` gone? Then the hunk is pending again. Redo, the other way round: accepted again.
 *
 * "At its place": the text is exactly the text the accept started from (its hash), or — the person
 * typed elsewhere and undid several steps — the hunk's `before` with its context lines is found
 * exactly once (the core's placement rules). An Undo of the person's own typing after an accept
 * leaves the hunk's `after` in place, so nothing is taken back.
 */
import * as vscode from 'vscode';
import type { HunkStatus } from '../../core/edits/changeSetState';
import { placeHunks, type PlaceableHunk } from '../../core/edits/placement';
import { textHash } from '../../core/edits/textHash';
import type { AppliedFile } from './accept';
import type { AppliedHunks, ChangeSets } from './changeSets';

/** Accepts remembered per document (the undo stack VS Code keeps is deeper, but a person rarely undoes further). */
const rememberedPerDocument = 20;

interface Applied {
  readonly changeSetId: string;
  readonly recorded: Promise<void>;
  readonly file: AppliedFile;
  /** Each hunk's state in the document as last seen: applied, or taken back by an Undo. */
  readonly states: Map<string, 'applied' | 'undone'>;
}

export class AcceptUndo implements vscode.Disposable {
  private readonly applied = new Map<string, Applied[]>();
  private readonly subscriptions: vscode.Disposable[];
  /** Decisions go to the server one after another, in the order the person undid and redid. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly changeSets: ChangeSets,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions = [
      changeSets.onDidApply((event) => this.remember(event)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.reason === vscode.TextDocumentChangeReason.Undo) this.check(event.document, 'undo');
        else if (event.reason === vscode.TextDocumentChangeReason.Redo) this.check(event.document, 'redo');
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.applied.delete(document.uri.toString())),
    ];
  }

  /** Resolves once every decision an Undo or Redo so far called for is recorded (for tests and benchmarks). */
  settled(): Promise<void> {
    return this.queue;
  }

  private remember(event: AppliedHunks): void {
    for (const file of event.files) {
      const key = file.uri.toString();
      const list = [...(this.applied.get(key) ?? []), { changeSetId: event.changeSetId, recorded: event.recorded, file, states: new Map(file.hunks.map((hunk) => [hunk.id, 'applied' as const])) }];
      this.applied.set(key, list.slice(-rememberedPerDocument));
    }
  }

  private check(document: vscode.TextDocument, reason: 'undo' | 'redo'): void {
    const list = this.applied.get(document.uri.toString());
    if (!list) return;
    const text = document.getText();
    const hash = textHash(text);
    for (const entry of [...list].reverse()) {
      const from = reason === 'undo' ? 'applied' : 'undone';
      const candidates = entry.file.hunks.filter((hunk) => entry.states.get(hunk.id) === from);
      if (candidates.length === 0) continue;
      const whole = hash === (reason === 'undo' ? entry.file.hashBefore : entry.file.hashAfter);
      const moved = whole ? candidates : candidates.filter((hunk) => (reason === 'undo' ? isBack(text, entry.file, hunk) : isApplied(text, entry.file, hunk)));
      if (moved.length === 0) continue;
      for (const hunk of moved) entry.states.set(hunk.id, reason === 'undo' ? 'undone' : 'applied');
      this.record(entry, moved.map((hunk) => hunk.id), reason === 'undo' ? 'pending' : 'accepted');
    }
  }

  /** Records the new statuses of hunks whose status is still what the edit left (another decision since wins). */
  private record(entry: Applied, hunkIds: readonly string[], status: HunkStatus): void {
    const expected: HunkStatus = status === 'pending' ? 'accepted' : 'pending';
    const { changeSetId } = entry;
    this.queue = this.queue.then(async () => {
      // An Undo pressed before the server recorded the accept waits for that record.
      await entry.recorded;
      const set = this.changeSets.get(changeSetId);
      const ids = hunkIds.filter((id) => set?.files.some((file) => file.hunks.some((hunk) => hunk.id === id && hunk.status === expected)));
      if (ids.length === 0) return;
      try {
        await this.changeSets.decide(changeSetId, ids.map((id) => ({ id, status })));
        this.log.info(`${status === 'pending' ? 'Undo' : 'Redo'}: ${ids.length} hunk(s) of ${changeSetId} are ${status} again.`);
      } catch (error) {
        this.log.error(`Recording the ${status === 'pending' ? 'Undo' : 'Redo'} of ${changeSetId} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.applied.clear();
  }
}

/** The hunk's `before` is back where the accept found it: placing the hunk again would apply it there. */
function isBack(text: string, file: AppliedFile, hunk: PlaceableHunk): boolean {
  return placeHunks(text, { path: file.path, baseHash: file.hashBefore, hunks: [hunk] }).placed.length === 1;
}

/** The hunk's `after` is in place again (placing it finds its result there, exactly once). */
function isApplied(text: string, file: AppliedFile, hunk: PlaceableHunk): boolean {
  return placeHunks(text, { path: file.path, baseHash: file.hashBefore, hunks: [hunk] }).superseded.length === 1;
}
