/**
 * The Proposals view: change sets waiting for the person — from agent runs, Nova's quick fixes and
 * the person's own proposals from the chat — then their files, then each hunk with its status,
 * listed from the server's store, so they are still there after the server (or VS Code) restarts.
 * A change set that no longer matches its files is marked stale, with Recompute; resolved ones are
 * under History, from where a rejected or superseded one can be reopened. Nothing is applied
 * unless the person accepts it.
 */
import * as vscode from 'vscode';
import { resolvedAt } from '../../core/edits/changeSetState';
import { changeSetIdentity } from '../../core/edits/newChangeSet';
import type { ChangeSet } from '../../protocol/proposals';
import { viewIds } from '../contributions';
import type { TakeCheckpoint } from './accept';
import type { ChangeSets } from './changeSets';
import { registerProposalCommands, type ProposalCommandDeps } from './proposalCommands';
import { Staleness } from './staleness';
import { changeSetItem, fileItem, historyItem, hunkItem, type ProposalNode } from './treeItems';

export type { ProposalNode } from './treeItems';
export type { ResolveOutcome } from './proposalCommands';

class ProposalsTree implements vscode.TreeDataProvider<ProposalNode> {
  readonly onDidChangeTreeData: vscode.Event<void>;

  constructor(
    private readonly changeSets: ChangeSets,
    private readonly staleness: Staleness,
    onDidChange: vscode.EventEmitter<void>,
  ) {
    this.onDidChangeTreeData = onDidChange.event;
  }

  getTreeItem(node: ProposalNode): vscode.TreeItem {
    if (node.kind === 'history') return historyItem(node.sets.length);
    if (node.kind === 'file') return fileItem(node.set, node.path);
    if (node.kind === 'hunk') return hunkItem(node.set, node.path, node.hunk, this.staleness.conflicts(node.set.id).find((conflict) => conflict.hunkId === node.hunk.id));
    return changeSetItem(node.set, this.staleness.conflicts(node.set.id), Date.now());
  }

  async getChildren(node?: ProposalNode): Promise<ProposalNode[]> {
    if (node?.kind === 'history') return node.sets.map((set) => ({ kind: 'changeSet', set }));
    if (node?.kind === 'changeSet') return node.set.files.map((file) => ({ kind: 'file', set: node.set, path: file.path }));
    if (node?.kind === 'file') return (node.set.files.find((file) => file.path === node.path)?.hunks ?? []).map((hunk) => ({ kind: 'hunk', set: node.set, path: node.path, hunk }));
    if (node) return [];
    // Showing this view is using a Nova feature: the first time, this starts the server.
    if (!this.changeSets.hasListed) await this.changeSets.refresh();
    const open: ProposalNode[] = distinct(this.changeSets.open).map((set) => ({ kind: 'changeSet', set }));
    const history = newestFirst(this.changeSets.history);
    return history.length > 0 ? [...open, { kind: 'history', sets: history }] : open;
  }
}

/**
 * One change set per identical proposal (the store already refuses a second; this keeps a copy
 * planted on disk, or written by another Nova, from showing twice): the oldest is kept.
 */
function distinct(sets: readonly ChangeSet[]): ChangeSet[] {
  const seen = new Set<string>();
  return [...sets]
    .sort((a, b) => a.createdAt - b.createdAt)
    .filter((set) => {
      const identity = changeSetIdentity(set);
      if (seen.has(identity)) return false;
      seen.add(identity);
      return true;
    });
}

function newestFirst(sets: readonly ChangeSet[]): ChangeSet[] {
  return [...sets].sort((a, b) => (resolvedAt(b) ?? b.createdAt) - (resolvedAt(a) ?? a.createdAt));
}

/** The view's rows as a test reads them: each node with the item VS Code would draw. */
export interface ProposalsViewTesting {
  children(node?: ProposalNode): Promise<ProposalNode[]>;
  item(node: ProposalNode): vscode.TreeItem;
  /** Resolves once staleness has been computed for the files as they are now. */
  settled(): Promise<void>;
}

/** The Proposals view and its commands; returns how to list what it shows, for Nova's API. */
export function registerProposals(context: vscode.ExtensionContext, deps: Omit<ProposalCommandDeps, 'staleness'> & { readonly checkpoint: TakeCheckpoint | undefined }): { proposals(): Promise<readonly ChangeSet[]>; readonly testing: ProposalsViewTesting } {
  const staleness = new Staleness(deps.changeSets);
  const changed = new vscode.EventEmitter<void>();
  const tree = new ProposalsTree(deps.changeSets, staleness, changed);
  context.subscriptions.push(
    staleness,
    changed,
    deps.changeSets.onDidChange(() => changed.fire()),
    staleness.onDidChange(() => changed.fire()),
    vscode.window.registerTreeDataProvider(viewIds.proposals, tree),
    ...registerProposalCommands({ ...deps, staleness }),
  );
  return {
    proposals: () => deps.changeSets.refresh(),
    testing: { children: (node) => tree.getChildren(node), item: (node) => tree.getTreeItem(node), settled: () => staleness.settled() },
  };
}
