/**
 * Which open change sets no longer match the files: computed against the open editors' text
 * (unsaved edits included) or the file on disk, again a moment after any of their files changes
 * (debounced, so typing does not recompute on every key), and whenever the change sets change.
 */
import * as vscode from 'vscode';
import type { HunkConflict } from '../../core/edits/placement';
import { staleHunks } from '../../core/edits/staleness';
import type { ChangeSet } from '../../protocol/proposals';
import type { ChangeSets } from './changeSets';
import { proposalUri, workspacePathOf } from './targets';

/** How long the files must be still before staleness is computed again. */
const settleMs = 300;

export class Staleness implements vscode.Disposable {
  private readonly _onDidChange = new vscode.EventEmitter<void>();
  readonly onDidChange = this._onDidChange.event;
  private stale = new Map<string, readonly HunkConflict[]>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private computing: Promise<void> = Promise.resolve();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly changeSets: ChangeSets) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    const touched = (uri: vscode.Uri) => {
      const path = workspacePathOf(uri);
      if (path && this.changeSets.open.some((set) => set.files.some((file) => file.path === path))) this.schedule();
    };
    this.subscriptions = [
      changeSets.onDidChange(() => this.schedule()),
      vscode.workspace.onDidChangeTextDocument((event) => touched(event.document.uri)),
      vscode.workspace.onDidCloseTextDocument((document) => touched(document.uri)),
      watcher,
      watcher.onDidChange(touched),
      watcher.onDidCreate(touched),
      watcher.onDidDelete(touched),
    ];
  }

  /** The open hunks of a change set that would conflict now (empty or undefined: it still applies). */
  conflicts(id: string): readonly HunkConflict[] {
    return this.stale.get(id) ?? [];
  }

  isStale(id: string): boolean {
    return this.conflicts(id).length > 0;
  }

  /** Computes staleness now (after any computation under way); resolves when the view has been told. */
  settled(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.computing = this.computing.then(() => this.compute());
    }
    return this.computing;
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.computing = this.computing.then(() => this.compute());
    }, settleMs);
  }

  private async compute(): Promise<void> {
    const open = this.changeSets.open;
    const texts = await currentTexts(open);
    const stale = new Map<string, readonly HunkConflict[]>();
    for (const set of open) {
      const conflicts = staleHunks(set, (path) => texts.get(path));
      if (conflicts.length > 0) stale.set(set.id, conflicts);
    }
    const changed = stale.size !== this.stale.size || [...stale].some(([id, conflicts]) => JSON.stringify(conflicts) !== JSON.stringify(this.stale.get(id)));
    this.stale = stale;
    if (changed) this._onDidChange.fire();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const subscription of this.subscriptions) subscription.dispose();
    this._onDidChange.dispose();
  }
}

/** Each path's text now: the open editor's (unsaved edits included), else the file on disk; absent when it does not exist. */
async function currentTexts(sets: readonly ChangeSet[]): Promise<Map<string, string | undefined>> {
  const texts = new Map<string, string | undefined>();
  const paths = new Set(sets.flatMap((set) => set.files.map((file) => file.path)));
  const decoder = new TextDecoder();
  for (const path of paths) {
    const uri = proposalUri(path);
    if (!uri) continue;
    const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === uri.toString());
    if (document) texts.set(path, document.getText());
    else
      texts.set(
        path,
        await vscode.workspace.fs.readFile(uri).then(
          (bytes) => decoder.decode(bytes),
          () => undefined,
        ),
      );
  }
  return texts;
}
