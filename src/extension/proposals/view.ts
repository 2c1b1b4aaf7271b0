/**
 * The Proposals view: change sets waiting for the person — from agent runs, Nova's quick fixes and
 * the person's own proposals from the chat — then their files, then each hunk with its status,
 * listed from the server's store, so they are still there after the server (or VS Code) restarts.
 * A change set, a file or a single hunk can be accepted (applied exactly, one undoable edit) or
 * rejected; nothing is applied otherwise.
 */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { Hunk } from '../../core/edits/changeSet';
import { isOpen } from '../../core/edits/changeSetState';
import type { ChangeSet } from '../../protocol/proposals';
import { commandIds, viewIds } from '../contributions';
import { acceptHunks, rejectHunks, type TakeCheckpoint } from './accept';
import type { ChangeSets } from './changeSets';
import { ProposalPathRefused, proposalUri } from './targets';

/** What accepting or rejecting came to, and the message the person was shown. */
export interface ResolveOutcome {
  readonly resolved: boolean;
  readonly message: string;
}

/** A row of the view: a change set, one of its files, or one hunk. */
export type ProposalNode =
  | { readonly kind: 'changeSet'; readonly set: ChangeSet }
  | { readonly kind: 'file'; readonly set: ChangeSet; readonly path: string }
  | { readonly kind: 'hunk'; readonly set: ChangeSet; readonly path: string; readonly hunk: Hunk };

const statusIcons: Record<Hunk['status'], string> = { pending: 'circle-outline', accepted: 'pass', rejected: 'circle-slash', conflict: 'warning', superseded: 'check-all' };

class ProposalsTree implements vscode.TreeDataProvider<ProposalNode> {
  readonly onDidChangeTreeData: vscode.Event<void>;

  constructor(private readonly changeSets: ChangeSets) {
    this.onDidChangeTreeData = changeSets.onDidChange;
  }

  getTreeItem(node: ProposalNode): vscode.TreeItem {
    if (node.kind === 'hunk') {
      const { hunk } = node;
      const item = new vscode.TreeItem(`line ${hunk.startLine}: ${hunkSummary(hunk)}`, vscode.TreeItemCollapsibleState.None);
      item.id = `${node.set.id}/${hunk.id}`;
      item.description = hunk.status;
      item.iconPath = new vscode.ThemeIcon(statusIcons[hunk.status]);
      item.contextValue = isOpen(hunk.status) ? 'nova.proposalHunk' : 'nova.proposalHunkDecided';
      item.tooltip = new vscode.MarkdownString([`**${hunk.author}** · ${hunk.status}`, '', hunk.rationale, ...(hunk.reason ? ['', `_${hunk.reason}_`] : [])].join('\n'));
      const uri = proposalUri(node.path);
      if (uri) item.command = { title: 'Show Hunk', command: 'vscode.open', arguments: [uri, { selection: new vscode.Range(hunk.startLine - 1, 0, hunk.startLine - 1, 0) }] };
      return item;
    }
    if (node.kind === 'file') {
      const file = node.set.files.find((candidate) => candidate.path === node.path);
      const open = file?.hunks.filter((hunk) => isOpen(hunk.status)).length ?? 0;
      const item = new vscode.TreeItem(basename(node.path), vscode.TreeItemCollapsibleState.Expanded);
      item.id = `${node.set.id}:${node.path}`;
      item.description = `${node.path.includes('/') ? `${node.path.slice(0, node.path.lastIndexOf('/'))} · ` : ''}${open} open of ${file?.hunks.length ?? 0}`;
      item.contextValue = open > 0 ? 'nova.proposalFile' : 'nova.proposalFileDecided';
      const uri = proposalUri(node.path);
      if (uri) {
        item.resourceUri = uri;
        item.command = { title: 'Open File', command: 'vscode.open', arguments: [uri] };
      }
      return item;
    }
    const { set } = node;
    const files = set.files.map((file) => basename(file.path));
    const item = new vscode.TreeItem(`${files.slice(0, 2).join(', ')}${files.length > 2 ? ` +${files.length - 2}` : ''} — ${set.summary}`, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = set.id;
    item.contextValue = 'nova.proposal';
    item.iconPath = new vscode.ThemeIcon('git-pull-request');
    item.description = set.source.kind === 'fix' ? `quick fix · ${set.source.rule}` : set.source.kind === 'agent' ? `run · ${set.source.agent}` : 'yours';
    item.tooltip = new vscode.MarkdownString([`**${set.summary}**`, '', set.rationale, ...(set.risks.length > 0 ? ['', '**Risks**', ...set.risks.map((risk) => `- ${risk}`)] : [])].join('\n'));
    return item;
  }

  async getChildren(node?: ProposalNode): Promise<ProposalNode[]> {
    if (node?.kind === 'changeSet') return node.set.files.map((file) => ({ kind: 'file', set: node.set, path: file.path }));
    if (node?.kind === 'file') return (node.set.files.find((file) => file.path === node.path)?.hunks ?? []).map((hunk) => ({ kind: 'hunk', set: node.set, path: node.path, hunk }));
    if (node) return [];
    // Showing this view is using a Nova feature: the first time, this starts the server.
    if (!this.changeSets.hasListed) await this.changeSets.refresh();
    return this.changeSets.open.map((set) => ({ kind: 'changeSet', set }));
  }
}

/** A hunk in a few words: its first changed line. */
function hunkSummary(hunk: Hunk): string {
  const before = hunk.before.split('\n');
  const after = hunk.after.split('\n');
  const changed = after.find((line) => !before.includes(line)) ?? before.find((line) => !after.includes(line)) ?? after[0] ?? '';
  const text = changed.trim();
  return text.length > 60 ? `${text.slice(0, 57)}…` : text || '(blank lines)';
}

/** The Proposals view and its commands; returns how to list what it shows, for Nova's API. */
export function registerProposals(context: vscode.ExtensionContext, changeSets: ChangeSets, checkpoint: TakeCheckpoint | undefined, log: vscode.LogOutputChannel): { proposals(): Promise<readonly ChangeSet[]> } {
  const tree = new ProposalsTree(changeSets);
  context.subscriptions.push(
    vscode.window.registerTreeDataProvider(viewIds.proposals, tree),
    vscode.commands.registerCommand(commandIds.refreshProposals, () => changeSets.refresh()),
    vscode.commands.registerCommand(commandIds.acceptProposal, (node?: ProposalNode) => resolve(node, 'accepted')),
    vscode.commands.registerCommand(commandIds.rejectProposal, (node?: ProposalNode) => resolve(node, 'rejected')),
  );

  /** Accepts or rejects a change set, a file or a hunk; returns what the person was told (for Nova's tests in a real VS Code). */
  async function resolve(node: ProposalNode | undefined, resolution: 'accepted' | 'rejected'): Promise<ResolveOutcome | undefined> {
    const chosen = node ?? (await pick(changeSets.open, resolution));
    if (!chosen) return undefined;
    const { set } = chosen;
    const hunkIds = chosen.kind === 'hunk' ? [chosen.hunk.id] : chosen.kind === 'file' ? set.files.find((file) => file.path === chosen.path)?.hunks.map((hunk) => hunk.id) : undefined;
    let outcome: ResolveOutcome;
    try {
      if (resolution === 'accepted') {
        const result = await acceptHunks(changeSets, set, hunkIds, checkpoint);
        const parts = [`applied ${result.accepted.length} hunk(s) of “${set.summary}”`];
        if (result.superseded.length > 0) parts.push(`${result.superseded.length} already in the file`);
        if (result.conflicts.length > 0) parts.push(`${result.conflicts.length} no longer match (${result.conflicts.map((conflict) => `${conflict.path}:${conflict.startLine}: ${conflict.reason}`).join('; ')})`);
        const message = `Nova: ${parts.join('; ')}.${result.accepted.length > 0 ? ' Review and save the files; Undo takes it back.' : ''}`;
        if (result.conflicts.length > 0) void vscode.window.showWarningMessage(message);
        else void vscode.window.showInformationMessage(message);
        outcome = { resolved: result.accepted.length > 0 || result.superseded.length > 0, message };
      } else {
        const rejected = await rejectHunks(changeSets, set, hunkIds, undefined);
        const message = `Nova: rejected ${rejected.length} hunk(s) of “${set.summary}”.`;
        void vscode.window.showInformationMessage(message);
        outcome = { resolved: rejected.length > 0, message };
      }
    } catch (error) {
      const reason = error instanceof ProposalPathRefused ? `${error.message}. Nothing was applied.` : error instanceof Error ? error.message : String(error);
      log.error(`Resolving proposal ${set.id} failed: ${reason}`);
      const message = `Nova: ${reason}`;
      void vscode.window.showErrorMessage(message);
      outcome = { resolved: false, message };
    }
    return outcome;
  }

  return { proposals: () => changeSets.refresh() };
}

/** From the command palette: choose which pending change set. */
async function pick(open: readonly ChangeSet[], resolution: string): Promise<ProposalNode | undefined> {
  if (open.length === 0) {
    void vscode.window.showInformationMessage('Nova: no proposal is pending.');
    return undefined;
  }
  const chosen = await vscode.window.showQuickPick(
    open.map((set) => ({ label: set.summary, description: set.files.map((file) => file.path).join(', '), set })),
    { title: `Nova: which proposal is ${resolution}?` },
  );
  return chosen ? { kind: 'changeSet', set: chosen.set } : undefined;
}
