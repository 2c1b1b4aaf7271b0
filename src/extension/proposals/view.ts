/**
 * The Proposals view: changes waiting for the person — from agent runs and from Nova's quick fixes
 * — listed from the server's store, so they are still there after the server (or VS Code) restarts.
 * Each can be accepted (applied as one undoable edit) or rejected; nothing is applied otherwise.
 */
import * as vscode from 'vscode';
import type { StoredProposal } from '../../protocol/proposals';
import { commandIds, viewIds } from '../contributions';
import type { LazyServer } from '../lazyServer';
import { applyProposal, ProposalConflict, ProposalPathRefused, proposalUri } from './apply';

/** What accepting or rejecting a proposal came to, and the message the person was shown. */
export interface ResolveOutcome {
  readonly resolved: boolean;
  readonly message: string;
}

type Node = { readonly kind: 'proposal'; readonly stored: StoredProposal } | { readonly kind: 'file'; readonly stored: StoredProposal; readonly index: number };

class ProposalsTree implements vscode.TreeDataProvider<Node> {
  private readonly _onDidChangeTreeData = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;
  private pending: readonly StoredProposal[] = [];

  constructor(
    private readonly server: LazyServer,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** What the view lists now (the pending proposals, oldest first). */
  get proposals(): readonly StoredProposal[] {
    return this.pending;
  }

  /** Lists the pending proposals again from the server (starting it if needed). */
  async refresh(): Promise<readonly StoredProposal[]> {
    const { proposals, problems } = await this.server.features.request('nova/proposals.list', { status: 'pending' });
    for (const problem of problems) this.log.warn(`A stored proposal could not be read: ${problem}`);
    this.pending = proposals;
    this._onDidChangeTreeData.fire();
    return proposals;
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const { proposal, source } = node.stored;
    if (node.kind === 'file') {
      const file = proposal.files[node.index];
      const item = new vscode.TreeItem(file?.path ?? '?', vscode.TreeItemCollapsibleState.None);
      item.description = `${file?.hunks.length ?? 0} hunk(s)`;
      const uri = file ? proposalUri(file.path) : undefined;
      if (uri) {
        item.resourceUri = uri;
        item.command = { title: 'Open File', command: 'vscode.open', arguments: [uri] };
      }
      return item;
    }
    const item = new vscode.TreeItem(proposal.summary, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = node.stored.id;
    item.contextValue = 'nova.proposal';
    item.iconPath = new vscode.ThemeIcon('git-pull-request');
    item.description = source.kind === 'fix' ? `quick fix · ${source.rule}` : `run · ${source.agent}`;
    item.tooltip = new vscode.MarkdownString(
      [`**${proposal.summary}**`, '', proposal.rationale, ...(proposal.risks.length > 0 ? ['', '**Risks**', ...proposal.risks.map((risk) => `- ${risk}`)] : [])].join('\n'),
    );
    return item;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (node) return node.kind === 'proposal' ? node.stored.proposal.files.map((_, index) => ({ kind: 'file', stored: node.stored, index })) : [];
    // Showing this view is using a Nova feature: the first time, this starts the server.
    if (!this.server.started) await this.refresh().catch((error: unknown) => this.log.error(`Listing proposals failed: ${String(error)}`));
    return this.pending.map((stored) => ({ kind: 'proposal', stored }));
  }
}

/** The Proposals view and its commands; returns a function that lists again what the view shows, for Nova's API. */
export function registerProposals(context: vscode.ExtensionContext, server: LazyServer, log: vscode.LogOutputChannel): { proposals(): Promise<readonly StoredProposal[]> } {
  const tree = new ProposalsTree(server, log);
  const refresh = () => tree.refresh().catch((error: unknown) => log.error(`Listing proposals failed: ${error instanceof Error ? error.message : String(error)}`));
  context.subscriptions.push(
    server.onDidChangeProposals(() => void refresh()),
    server.onDidStart(() => void refresh()),
    vscode.window.registerTreeDataProvider(viewIds.proposals, tree),
    vscode.commands.registerCommand(commandIds.refreshProposals, refresh),
    vscode.commands.registerCommand(commandIds.acceptProposal, (node?: Node) => resolve(node, 'accepted')),
    vscode.commands.registerCommand(commandIds.rejectProposal, (node?: Node) => resolve(node, 'rejected')),
  );

  /** Accepts or rejects a proposal; returns what the person was told (for Nova's tests in a real VS Code). */
  async function resolve(node: Node | undefined, resolution: 'accepted' | 'rejected'): Promise<ResolveOutcome | undefined> {
    const stored = node?.stored ?? (await pick(tree.proposals, resolution));
    if (!stored) return undefined;
    let outcome: ResolveOutcome;
    try {
      if (resolution === 'accepted') await applyProposal(stored);
      await server.features.request('nova/proposals.resolve', { id: stored.id, resolution });
      const message = resolution === 'accepted' ? `Nova: applied “${stored.proposal.summary}”. Review and save the files; Undo takes it back.` : `Nova: rejected “${stored.proposal.summary}”.`;
      void vscode.window.showInformationMessage(message);
      outcome = { resolved: true, message };
    } catch (error) {
      const reason = error instanceof ProposalConflict || error instanceof ProposalPathRefused ? `${error.message}. Nothing was applied.` : error instanceof Error ? error.message : String(error);
      log.error(`Resolving proposal ${stored.id} failed: ${reason}`);
      const message = `Nova: ${reason}`;
      void vscode.window.showErrorMessage(message);
      outcome = { resolved: false, message };
    }
    await refresh();
    return outcome;
  }

  return { proposals: () => tree.refresh() };
}

/** From the command palette: choose which pending proposal. */
async function pick(proposals: readonly StoredProposal[], resolution: string): Promise<StoredProposal | undefined> {
  if (proposals.length === 0) {
    void vscode.window.showInformationMessage('Nova: no proposal is pending.');
    return undefined;
  }
  const chosen = await vscode.window.showQuickPick(
    proposals.map((stored) => ({ label: stored.proposal.summary, description: stored.proposal.files.map((file) => file.path).join(', '), stored })),
    { title: `Nova: which proposal is ${resolution}?` },
  );
  return chosen?.stored;
}
