/**
 * The extension's copy of the server's change sets: listed again whenever the server says one
 * changed (or restarts), so every part of the editor — the Proposals view, CodeLens, decorations,
 * the diff editor — shows the same state. Decisions go to the server, which keeps the record.
 */
import * as vscode from 'vscode';
import { isPending, type HunkStatus } from '../../core/edits/changeSetState';
import type { ChangeSet } from '../../protocol/proposals';
import type { LazyServer } from '../lazyServer';
import type { AppliedFile } from './accept';

/** A decision on one hunk, as the server records it. */
export interface HunkDecision {
  readonly id: string;
  readonly status: HunkStatus;
  readonly reason?: string;
}

/** Hunks of one change set the editor just applied, and where (see AppliedFile in ./accept.ts). */
export interface AppliedHunks {
  readonly changeSetId: string;
  readonly files: readonly AppliedFile[];
  /** Settles once the accept is recorded (or failed to be): a decision taken back must come after it. */
  readonly recorded: Promise<void>;
}

export class ChangeSets implements vscode.Disposable {
  private readonly _onDidChange = new vscode.EventEmitter<void>();
  readonly onDidChange = this._onDidChange.event;
  private readonly _onDidApply = new vscode.EventEmitter<AppliedHunks>();
  /** Hunks were applied to the editor's documents (fired as the decision is sent to the server). */
  readonly onDidApply = this._onDidApply.event;
  private all: readonly ChangeSet[] = [];
  private listed = false;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly server: LazyServer,
    private readonly log: vscode.LogOutputChannel,
  ) {
    // `nova run` and `nova proposals` in a terminal write the same store: a change there is listed too.
    const written = vscode.workspace.createFileSystemWatcher('**/.nova/proposals/*.json');
    const relist = debounced(() => void this.refresh(), 300);
    this.subscriptions = [
      server.onDidChangeProposals(() => void this.refresh()),
      server.onDidStart(() => void this.refresh()),
      written,
      written.onDidCreate(() => this.listed && relist()),
      written.onDidChange(() => this.listed && relist()),
      written.onDidDelete(() => this.listed && relist()),
    ];
  }

  /** Whether the server was asked at least once (views that list before that start the server). */
  get hasListed(): boolean {
    return this.listed;
  }

  /** Change sets with a hunk still pending or in conflict, oldest first. */
  get open(): readonly ChangeSet[] {
    return this.all.filter(isPending);
  }

  /** Change sets decided in full, newest first. */
  get history(): readonly ChangeSet[] {
    return this.all.filter((set) => !isPending(set)).reverse();
  }

  get(id: string): ChangeSet | undefined {
    return this.all.find((set) => set.id === id);
  }

  /** Lists every change set again from the server (starting it if needed); a failure is logged, never thrown. */
  async refresh(): Promise<readonly ChangeSet[]> {
    try {
      const { changeSets, problems } = await this.server.features.request('nova/proposals.list', {});
      for (const problem of problems) this.log.warn(`A stored proposal could not be read: ${problem}`);
      this.all = changeSets;
      this.listed = true;
      this._onDidChange.fire();
    } catch (error) {
      this.log.error(`Listing proposals failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    return this.open;
  }

  /** Records decisions on hunks of one change set (all or none) and takes the server's record as the new state. */
  async decide(id: string, hunks: readonly HunkDecision[]): Promise<ChangeSet> {
    const { changeSet } = await this.server.features.request('nova/proposals.decide', { id, hunks: [...hunks] });
    this.replace(changeSet);
    return changeSet;
  }

  /** The person's own version of one file of a change set; returns the ids of its open hunks now. */
  async revise(id: string, path: string, current: string, edited: string): Promise<readonly string[]> {
    const { changeSet, hunkIds } = await this.server.features.request('nova/proposals.revise', { id, path, current, edited });
    this.replace(changeSet);
    return hunkIds;
  }

  /** Says that hunks of a change set were just applied (acceptHunks calls it), so an Undo of them can be recognised. */
  noteApplied(applied: AppliedHunks): void {
    this._onDidApply.fire(applied);
  }

  private replace(changeSet: ChangeSet): void {
    this.all = this.all.some((set) => set.id === changeSet.id) ? this.all.map((set) => (set.id === changeSet.id ? changeSet : set)) : [...this.all, changeSet];
    this._onDidChange.fire();
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this._onDidChange.dispose();
    this._onDidApply.dispose();
  }
}

/** `action`, run once `wait` ms after the last of a burst of calls. */
function debounced(action: () => void, wait: number): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(action, wait);
  };
}
