/**
 * The Proposals view's commands, each taking the row it was invoked on (or asking which change set,
 * from the command palette): accept or reject a change set, a file or a hunk; Recompute a stale
 * one; Reopen a rejected or superseded one; Try again with the authoring agent after rejecting.
 * Each returns what the person was told, so Nova's tests in a real VS Code can read it.
 */
import * as vscode from 'vscode';
import { hasRejectedHunks } from '../../core/edits/changeFeedback';
import { allHunks } from '../../core/edits/changeSetState';
import type { ChangeSet } from '../../protocol/proposals';
import { commandIds } from '../contributions';
import type { LazyServer } from '../lazyServer';
import { acceptHunks, rejectHunks, type TakeCheckpoint } from './accept';
import type { ChangeSets } from './changeSets';
import { askAuthorAgain, recomputeFix } from './recompute';
import type { Staleness } from './staleness';
import { ProposalPathRefused } from './targets';
import { canReopen, type ProposalNode } from './treeItems';

/** What a command came to, and the message the person was shown. */
export interface ResolveOutcome {
  readonly resolved: boolean;
  readonly message: string;
  /** Shown as a warning even though something was resolved (some hunks no longer match). */
  readonly warn?: boolean;
}

export interface ProposalCommandDeps {
  readonly changeSets: ChangeSets;
  readonly staleness: Staleness;
  readonly server: LazyServer;
  readonly checkpoint: TakeCheckpoint | undefined;
  /** Asks about workspace agent files before a run loads them (see AgentFileReview). */
  readonly beforeRun: () => Promise<unknown>;
  readonly log: vscode.LogOutputChannel;
}

/** Registers the commands; returns their registrations for the view to own. */
export function registerProposalCommands(deps: ProposalCommandDeps): vscode.Disposable[] {
  const { changeSets, log } = deps;

  /** Runs one command on a change set, showing (and returning) what came of it; a failure is shown, never thrown. */
  async function run(node: ProposalNode | undefined, title: string, candidates: () => readonly ChangeSet[], action: (set: ChangeSet, node: ProposalNode | undefined) => Promise<ResolveOutcome>): Promise<ResolveOutcome | undefined> {
    const set = node && node.kind !== 'history' ? node.set : await pick(candidates(), title);
    if (!set) return undefined;
    let outcome: ResolveOutcome;
    try {
      outcome = await action(changeSets.get(set.id) ?? set, node);
      void (outcome.resolved && !outcome.warn ? vscode.window.showInformationMessage(outcome.message) : vscode.window.showWarningMessage(outcome.message));
    } catch (error) {
      const reason = error instanceof ProposalPathRefused ? `${error.message}. Nothing was applied.` : error instanceof Error ? error.message : String(error);
      log.error(`${title} (${set.id}) failed: ${reason}`);
      outcome = { resolved: false, message: `Nova: ${reason}` };
      void vscode.window.showErrorMessage(outcome.message);
    }
    return outcome;
  }

  const hunkIdsOf = (set: ChangeSet, node: ProposalNode | undefined) =>
    node?.kind === 'hunk' ? [node.hunk.id] : node?.kind === 'file' ? set.files.find((file) => file.path === node.path)?.hunks.map((hunk) => hunk.id) : undefined;

  return [
    vscode.commands.registerCommand(commandIds.refreshProposals, () => changeSets.refresh()),
    vscode.commands.registerCommand(commandIds.acceptProposal, (node?: ProposalNode) =>
      run(node, 'Accept', () => changeSets.open, async (set, chosen) => {
        const result = await acceptHunks(changeSets, set, hunkIdsOf(set, chosen), deps.checkpoint);
        const parts = [`applied ${result.accepted.length} hunk(s) of “${set.summary}”`];
        if (result.superseded.length > 0) parts.push(`${result.superseded.length} already in the file`);
        if (result.conflicts.length > 0) parts.push(`${result.conflicts.length} no longer match (${result.conflicts.map((conflict) => `${conflict.path}:${conflict.startLine}: ${conflict.reason}`).join('; ')})`);
        const message = `Nova: ${parts.join('; ')}.${result.accepted.length > 0 ? ' Review and save the files; Undo takes it back.' : ''}`;
        return { resolved: result.accepted.length > 0 || result.superseded.length > 0, message, warn: result.conflicts.length > 0 };
      }),
    ),
    vscode.commands.registerCommand(commandIds.rejectProposal, (node?: ProposalNode, reason?: string) =>
      run(node, 'Reject', () => changeSets.open, async (set, chosen) => {
        const rejected = await rejectHunks(changeSets, set, hunkIdsOf(set, chosen), reason);
        return { resolved: rejected.length > 0, message: `Nova: rejected ${rejected.length} hunk(s) of “${set.summary}”.` };
      }),
    ),
    vscode.commands.registerCommand(commandIds.recomputeProposal, (node?: ProposalNode) =>
      run(node, 'Recompute', () => changeSets.open.filter((set) => deps.staleness.isStale(set.id)), async (set) => {
        const outcome = set.source.kind === 'fix' ? await recomputeFix(deps, set) : await askAuthorAgain(deps, set, undefined, deps.staleness.conflicts(set.id));
        return { resolved: true, message: outcome.message };
      }),
    ),
    vscode.commands.registerCommand(commandIds.reopenProposal, (node?: ProposalNode) =>
      run(node, 'Reopen', () => changeSets.history.filter(canReopen), async (set) => {
        const reopened = allHunks(set).filter(({ hunk }) => hunk.status === 'rejected' || hunk.status === 'superseded');
        if (reopened.length === 0) return { resolved: false, message: `Nova: “${set.summary}” has no rejected or superseded hunk to reopen.` };
        await changeSets.decide(set.id, reopened.map(({ hunk }) => ({ id: hunk.id, status: 'pending' })));
        return { resolved: true, message: `Nova: reopened ${reopened.length} hunk(s) of “${set.summary}”; they are pending again.` };
      }),
    ),
    vscode.commands.registerCommand(commandIds.retryProposal, (node?: ProposalNode, task?: string) =>
      run(node, 'Try Again', () => [...changeSets.open, ...changeSets.history].filter((set) => set.source.kind === 'agent' && hasRejectedHunks(set)), async (set) => {
        if (!hasRejectedHunks(set)) return { resolved: false, message: `Nova: nothing of “${set.summary}” was rejected; there is no feedback to try again with.` };
        const asked =
          task ??
          (await vscode.window.showInputBox({
            title: `Nova: try “${set.summary}” again`,
            prompt: `What should ${set.source.kind === 'agent' ? set.source.agent : 'the agent'} do differently? (optional — your reasons for rejecting go along)`,
          }));
        if (asked === undefined) return { resolved: false, message: 'Nova: not tried again.' };
        const outcome = await askAuthorAgain(deps, set, asked);
        return { resolved: true, message: outcome.message };
      }),
    ),
  ];
}

/** From the command palette: choose which change set. */
async function pick(sets: readonly ChangeSet[], title: string): Promise<ChangeSet | undefined> {
  if (sets.length === 0) {
    void vscode.window.showInformationMessage(`Nova: no proposal to ${title.toLowerCase()}.`);
    return undefined;
  }
  const chosen = await vscode.window.showQuickPick(
    sets.map((set) => ({ label: set.summary, description: set.files.map((file) => file.path).join(', '), set })),
    { title: `Nova: ${title} which proposal?` },
  );
  return chosen?.set;
}
