/**
 * The proposed side of a proposal's diff, as a file system VS Code edits like any other: each file
 * of a change set reads as the file as it is now — the open editor's text, unsaved edits included —
 * with the change set's open hunks applied (src/core/edits/placement.ts); hunks that no longer
 * match are left out and named. The person may edit it; saving (Ctrl+S) keeps their text here and
 * never touches the real file — only Accept does (./proposalDiff.ts).
 *
 * The side follows the proposal and the real file as they change, but never replaces what the
 * person typed: while they have an edit (saved here or not), it stays, and a file that moved under
 * it is reported instead.
 */
import * as vscode from 'vscode';
import { isOpen } from '../../core/edits/changeSetState';
import { applyHunks, type HunkConflict } from '../../core/edits/placement';
import type { ChangeSet } from '../../protocol/proposals';
import type { ChangeSets } from './changeSets';
import { MalformedProposedUri, parseProposedUri, proposedScheme, type ProposedFile } from './proposedUri';
import { ProposalPathRefused, resolveTargets } from './targets';

/** One file of a change set as proposed now. */
export interface ProposedText {
  readonly set: ChangeSet;
  /** The real file. */
  readonly target: vscode.Uri;
  /** The real file's text it was computed from (undefined: there is no such file). */
  readonly base: string | undefined;
  /** The real file with the open hunks applied. */
  readonly text: string;
  /** Open hunks that no longer match, left out of `text`. */
  readonly conflicts: readonly HunkConflict[];
}

/** What the right side of one diff shows, and what it was made from. */
interface Entry {
  readonly file: ProposedFile;
  target: vscode.Uri;
  /** The real file's text when `proposal` was computed (while the person edits: when they began). */
  base: string | undefined;
  /** The proposal as computed from `base`. */
  proposal: string;
  /** What the side shows: the proposal, or the person's saved edit of it. */
  text: string;
  conflicts: readonly HunkConflict[];
  ctime: number;
  mtime: number;
  /** The person was told that the real file changed under their edit. */
  baseMoved: boolean;
}

/** A saved edit of a proposed side, and the real file's text it was made against. */
interface SavedEdit {
  readonly text: string;
  readonly base: string | undefined;
}

const savedEditsKey = 'nova.proposedEdits';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

export class ProposedFiles implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly _onDidChangeFile = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this._onDidChangeFile.event;
  private readonly entries = new Map<string, Entry>();
  /** Files being accepted or rejected: their side stays as it is until the diff closes. */
  private readonly settling = new Set<string>();
  private refreshing: Promise<void> = Promise.resolve();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly changeSets: ChangeSets,
    /** Where saved edits of the proposed side outlive a reload of the window (the workspace's state). */
    private readonly saved: vscode.Memento,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions = [
      vscode.workspace.registerFileSystemProvider(proposedScheme, this, { isCaseSensitive: true }),
      changeSets.onDidChange(() => this.refresh(() => true)),
      vscode.workspace.onDidChangeTextDocument(({ document }) => {
        if (document.uri.scheme !== proposedScheme) this.refresh((entry) => entry.target.toString() === document.uri.toString());
      }),
      // A closed side that holds no edit of the person's is computed afresh when it is opened again.
      vscode.workspace.onDidCloseTextDocument((document) => {
        const entry = this.entries.get(document.uri.toString());
        if (entry && entry.text === entry.proposal && !this.settling.has(document.uri.toString())) this.entries.delete(document.uri.toString());
      }),
    ];
  }

  /** The file of a change set as proposed now: the real file with its open hunks applied. */
  async compute(file: ProposedFile, listIfUnknown = true): Promise<ProposedText> {
    let set = this.changeSets.get(file.changeSetId);
    if (!set && listIfUnknown) {
      await this.changeSets.refresh();
      set = this.changeSets.get(file.changeSetId);
    }
    if (!set) throw unreadable(`Nova has no proposal "${file.changeSetId}" (it was removed, or the Nova server is not running).`);
    const change = set.files.find((candidate) => candidate.path === file.path);
    if (!change) throw unreadable(`Nova's proposal “${set.summary}” does not change ${file.path}.`);
    let target: vscode.Uri;
    try {
      [target] = (await resolveTargets([file.path])) as [vscode.Uri];
    } catch (error) {
      throw error instanceof ProposalPathRefused ? unreadable(error.message) : error;
    }
    const document = await vscode.workspace.openTextDocument(target).then(
      (opened) => opened,
      () => undefined,
    );
    const base = document?.getText();
    const open = change.hunks.filter((hunk) => isOpen(hunk.status));
    const applied = applyHunks(base, { path: change.path, ...(change.baseHash === undefined ? {} : { baseHash: change.baseHash }), hunks: open });
    return { set, target, base, text: applied.text, conflicts: applied.conflicts };
  }

  /**
   * What the right side of this file's diff holds now (the person's unsaved edits are in its open
   * document, not here), and the real file it is compared with.
   */
  async shown(uri: vscode.Uri): Promise<{ readonly text: string; readonly target: vscode.Uri; readonly exists: boolean; readonly conflicts: readonly HunkConflict[]; readonly baseMoved: boolean }> {
    const entry = await this.entry(uri);
    return { text: entry.text, target: entry.target, exists: entry.base !== undefined, conflicts: entry.conflicts, baseMoved: entry.baseMoved };
  }

  /** Keeps the side as it is while it is accepted or rejected (the real file changes under it meanwhile); `done` forgets it. */
  settle(uri: vscode.Uri): { done(): void; cancel(): void } {
    const key = uri.toString();
    this.settling.add(key);
    return {
      done: () => {
        this.settling.delete(key);
        this.entries.delete(key);
        void this.keep(key, undefined);
      },
      cancel: () => void this.settling.delete(key),
    };
  }

  /** Resolves once every refresh asked for so far has run (for tests, and for commands that must see the latest side). */
  whenRefreshed(): Promise<void> {
    return this.refreshing;
  }

  // --- vscode.FileSystemProvider ---

  watch(): vscode.Disposable {
    // Every change is announced to every watcher already (onDidChangeFile).
    return new vscode.Disposable(() => undefined);
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const entry = await this.entry(uri);
    return { type: vscode.FileType.File, ctime: entry.ctime, mtime: entry.mtime, size: encoder.encode(entry.text).byteLength };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return encoder.encode((await this.entry(uri)).text);
  }

  /** Ctrl+S on the proposed side: the person's edit is kept here; the real file is not touched. */
  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const entry = await this.entry(uri);
    entry.text = decoder.decode(content);
    await this.keep(uri.toString(), entry.text === entry.proposal ? undefined : { text: entry.text, base: entry.base });
    // No change event: VS Code made this write itself, and an event while it saves could read as a conflict.
    entry.mtime = nextTime(entry.mtime);
  }

  readDirectory(): [string, vscode.FileType][] {
    throw vscode.FileSystemError.NoPermissions('Nova proposals are single files; they have no folders to list.');
  }

  createDirectory(): void {
    throw vscode.FileSystemError.NoPermissions('Nova proposals cannot hold folders.');
  }

  delete(): void {
    throw vscode.FileSystemError.NoPermissions('A Nova proposal is not deleted as a file: reject it from the diff or the Proposals view.');
  }

  rename(): void {
    throw vscode.FileSystemError.NoPermissions('A Nova proposal cannot be renamed.');
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this._onDidChangeFile.dispose();
    this.entries.clear();
  }

  // ---

  /** The entry of a uri, computed on first use; throws a FileSystemError that says what is wrong. */
  private async entry(uri: vscode.Uri): Promise<Entry> {
    const key = uri.toString();
    const known = this.entries.get(key);
    if (known) return known;
    let file: ProposedFile;
    try {
      file = parseProposedUri(uri);
    } catch (error) {
      throw unreadable(error instanceof MalformedProposedUri ? error.message : String(error));
    }
    const fresh = await this.compute(file);
    const raced = this.entries.get(key);
    if (raced) return raced;
    const now = Date.now();
    // An edit the person saved before the window was reloaded is what the side shows again, made from the file as it was then.
    const kept = this.saved.get<Record<string, SavedEdit>>(savedEditsKey)?.[key];
    const edit = kept && typeof kept.text === 'string' && (kept.base === undefined || typeof kept.base === 'string') ? kept : undefined;
    const entry: Entry = { file, target: fresh.target, base: edit ? edit.base : fresh.base, proposal: fresh.text, text: edit?.text ?? fresh.text, conflicts: fresh.conflicts, ctime: now, mtime: now, baseMoved: false };
    this.entries.set(key, entry);
    return entry;
  }

  /** Keeps (or, with `undefined`, forgets) the person's saved edit of a proposed side in the workspace's state. */
  private async keep(key: string, edit: SavedEdit | undefined): Promise<void> {
    const all = { ...this.saved.get<Record<string, SavedEdit>>(savedEditsKey) };
    if (edit) all[key] = edit;
    else if (key in all) delete all[key];
    else return;
    await this.saved.update(savedEditsKey, Object.keys(all).length > 0 ? all : undefined);
  }

  /** Computes again the entries `which` selects, one refresh after another. */
  private refresh(which: (entry: Entry) => boolean): void {
    const keys = [...this.entries].filter(([key, entry]) => which(entry) && !this.settling.has(key)).map(([key]) => key);
    if (keys.length === 0) return;
    this.refreshing = this.refreshing.then(async () => {
      for (const key of keys) await this.refreshEntry(key).catch((error: unknown) => this.log.warn(`Nova: the proposed side ${key} could not be refreshed: ${error instanceof Error ? error.message : String(error)}`));
    });
  }

  private async refreshEntry(key: string): Promise<void> {
    const entry = this.entries.get(key);
    if (!entry || this.settling.has(key)) return;
    const fresh = await this.compute(entry.file, false);
    if (this.settling.has(key) || this.entries.get(key) !== entry) return;
    const editing = entry.text !== entry.proposal || vscode.workspace.textDocuments.some((document) => document.uri.toString() === key && document.isDirty);
    if (editing) {
      // The person's text stays; they are told once that the file it was made from has changed.
      if (fresh.base !== entry.base && !entry.baseMoved) {
        entry.baseMoved = true;
        void vscode.window.showWarningMessage(
          `Nova: ${entry.file.path} changed since you began editing its proposed side. Your edit is kept; Accept makes the file exactly what the right side shows (Undo takes it back).`,
        );
      }
      return;
    }
    entry.target = fresh.target;
    entry.base = fresh.base;
    entry.conflicts = fresh.conflicts;
    entry.baseMoved = false;
    if (fresh.text === entry.text) return;
    entry.proposal = entry.text = fresh.text;
    entry.mtime = nextTime(entry.mtime);
    this._onDidChangeFile.fire([{ type: vscode.FileChangeType.Changed, uri: vscode.Uri.parse(key) }]);
  }
}

/**
 * Why a proposed file cannot be read, as VS Code shows it. Not `FileNotFound`: VS Code replaces
 * that one's message with its own ("Unable to resolve nonexistent file"), and the person would not
 * learn what is wrong with the uri.
 */
function unreadable(message: string): vscode.FileSystemError {
  return new vscode.FileSystemError(message);
}

/** A modification time later than `previous`, so VS Code sees every change (two can fall in one millisecond). */
function nextTime(previous: number): number {
  return Math.max(Date.now(), previous + 1);
}
