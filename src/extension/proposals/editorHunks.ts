/**
 * The open hunks of each file VS Code has open, placed against the document's current text (see
 * ./proposedHunks.ts), kept up to date: at once when a change set changes or a file is opened, and
 * shortly after the person stops typing (placing is cheap, but not on every keystroke of a large
 * file). Decorations, CodeLens, the hover and the keyboard commands all read this one copy, so they
 * never disagree; the `nova.hasProposedHunks` context key says whether the active editor has any.
 */
import * as vscode from 'vscode';
import type { ChangeSets } from './changeSets';
import { proposedHunks, type ProposedHunk } from './proposedHunks';
import { workspacePathOf } from './targets';

/** The context key the keybindings' when-clauses read: the active editor shows at least one open hunk. */
export const hasProposedHunksKey = 'nova.hasProposedHunks';

/** How long after the last keystroke hunks are placed again. */
const typingPauseMs = 150;

export class EditorHunks implements vscode.Disposable {
  private readonly _onDidChange = new vscode.EventEmitter<vscode.Uri>();
  /** The hunks of this document were placed again. */
  readonly onDidChange = this._onDidChange.event;
  private readonly placed = new Map<string, { readonly version: number; readonly hunks: readonly ProposedHunk[]; readonly proposedFor: boolean }>();
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subscriptions: vscode.Disposable[];
  private shownKey: boolean | undefined;

  constructor(private readonly changeSets: ChangeSets) {
    this.subscriptions = [
      changeSets.onDidChange(() => this.placeAll()),
      vscode.workspace.onDidOpenTextDocument((document) => this.place(document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)),
      vscode.workspace.onDidChangeTextDocument((event) => this.placeSoon(event.document)),
      vscode.window.onDidChangeActiveTextEditor(() => this.updateContextKey()),
    ];
    this.placeAll();
  }

  /** The open hunks of `document` as last placed (placing them now when its text changed since). */
  hunksOf(document: vscode.TextDocument): readonly ProposedHunk[] {
    const known = this.placed.get(document.uri.toString());
    if (known && known.version === document.version) return known.hunks;
    return this.place(document);
  }

  /** Places the hunks of `document` against its text now, e.g. before a command acts on them. */
  place(document: vscode.TextDocument): readonly ProposedHunk[] {
    const key = document.uri.toString();
    const timer = this.pending.get(key);
    if (timer) clearTimeout(timer);
    this.pending.delete(key);
    const path = document.uri.scheme === 'file' ? workspacePathOf(document.uri) : undefined;
    const open = path === undefined ? [] : this.changeSets.open.filter((set) => set.files.some((file) => file.path === path));
    const hunks = path === undefined || open.length === 0 ? [] : proposedHunks(document.getText(), open, path);
    const before = this.placed.get(key);
    this.placed.set(key, { version: document.version, hunks, proposedFor: open.length > 0 });
    // Nothing to draw before or after: no event (most files have no proposal).
    if (hunks.length > 0 || (before?.hunks.length ?? 0) > 0) this._onDidChange.fire(document.uri);
    if (vscode.window.activeTextEditor?.document === document) this.updateContextKey();
    return hunks;
  }

  private placeSoon(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    // A file no open change set names stays without hunks as the person types (most files).
    if (this.placed.get(key)?.proposedFor === false) return;
    const timer = this.pending.get(key);
    if (timer) clearTimeout(timer);
    this.pending.set(key, setTimeout(() => this.place(document), typingPauseMs));
  }

  private placeAll(): void {
    for (const document of vscode.workspace.textDocuments) this.place(document);
    this.updateContextKey();
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    const timer = this.pending.get(key);
    if (timer) clearTimeout(timer);
    this.pending.delete(key);
    this.placed.delete(key);
  }

  private updateContextKey(): void {
    const document = vscode.window.activeTextEditor?.document;
    const shown = document ? (this.placed.get(document.uri.toString())?.hunks.length ?? 0) > 0 : false;
    if (shown === this.shownKey) return;
    this.shownKey = shown;
    void vscode.commands.executeCommand('setContext', hasProposedHunksKey, shown);
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    for (const subscription of this.subscriptions) subscription.dispose();
    this._onDidChange.dispose();
  }
}
