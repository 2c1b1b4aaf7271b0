/**
 * "Open diff": a proposal's file in VS Code's own diff editor — the file as it is on the left, the
 * proposed text on the right (./proposedFiles.ts), editable. Accept and Reject sit in the diff's
 * title bar. Accept lands exactly what the right side shows: the proposal as it is, or — when the
 * person changed it — their version, recorded as their own hunks (the store's `revise`), which are
 * then applied like any other (one undoable edit, after a checkpoint).
 */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { isOpen } from '../../core/edits/changeSetState';
import type { ChangeSet } from '../../protocol/proposals';
import { commandIds } from '../contributions';
import { acceptHunks, rejectHunks, type AcceptOutcome, type TakeCheckpoint } from './accept';
import type { ChangeSets } from './changeSets';
import { ProposedFiles } from './proposedFiles';
import { isProposedUri, MalformedProposedUri, parseProposedUri, proposedFileProblem, proposedUri, type ProposedFile } from './proposedUri';
import type { ResolveOutcome } from './view';

/** At most this many diffs open for one change set at once (the rest are in the Proposals view). */
export const maxDiffs = 5;

/** What opening diffs came to: the proposed sides opened, and what could not be shown or was left out. */
export interface DiffOutcome {
  readonly opened: readonly string[];
  readonly problems: readonly string[];
}

/**
 * Registers the proposed file system and the diff's commands. `reviewing` is told of each change set
 * whose diff opened ("before accepting": the trace panel opens its trace beside it).
 */
export function registerProposalDiff(
  context: vscode.ExtensionContext,
  changeSets: ChangeSets,
  checkpoint: TakeCheckpoint | undefined,
  log: vscode.LogOutputChannel,
  reviewing: (set: ChangeSet) => Promise<unknown> = () => Promise.resolve(),
): ProposedFiles {
  const proposed = new ProposedFiles(changeSets, context.workspaceState, log);
  const diff = new ProposalDiff(changeSets, proposed, checkpoint, log, reviewing);
  context.subscriptions.push(
    proposed,
    vscode.commands.registerCommand(commandIds.openProposalDiff, (target?: unknown) => diff.open(target)),
    vscode.commands.registerCommand(commandIds.acceptProposalDiff, (resource?: unknown) => diff.accept(resource)),
    vscode.commands.registerCommand(commandIds.rejectProposalDiff, (resource?: unknown, options?: unknown) => diff.reject(resource, options)),
  );
  return proposed;
}

class ProposalDiff {
  constructor(
    private readonly changeSets: ChangeSets,
    private readonly proposed: ProposedFiles,
    private readonly checkpoint: TakeCheckpoint | undefined,
    private readonly log: vscode.LogOutputChannel,
    private readonly reviewing: (set: ChangeSet) => Promise<unknown>,
  ) {}

  /**
   * Opens the diff of one file (`{changeSetId, path}`, or a Proposals view file or hunk), of a
   * change set's files (a change set node, or `{changeSetId}`), or of what the person picks.
   */
  async open(target: unknown): Promise<DiffOutcome | undefined> {
    const asked = target === undefined ? await this.pick() : openTarget(target);
    if (!asked) return undefined;
    if ('problem' in asked) return this.told({ opened: [], problems: [asked.problem] });
    const set = await this.changeSet(asked.changeSetId);
    if (!set) return this.told({ opened: [], problems: [`Nova has no proposal "${asked.changeSetId}".`] });
    const paths = asked.path === undefined ? set.files.map((file) => file.path) : [asked.path];
    const opened: string[] = [];
    const problems: string[] = [];
    for (const path of paths.slice(0, maxDiffs)) {
      const file = { changeSetId: set.id, path };
      const uri = proposedUri(file);
      try {
        const shown = await this.proposed.shown(uri);
        if (!shown.exists) {
          problems.push(`${path} does not exist yet; a proposal that creates a file is reviewed in the Proposals view.`);
          continue;
        }
        await vscode.commands.executeCommand('vscode.diff', shown.target, uri, `${basename(path)} ↔ proposed: ${clip(set.summary, 50)}`, { preview: false });
        opened.push(uri.toString());
        if (shown.conflicts.length > 0) {
          problems.push(`${shown.conflicts.length} hunk(s) of ${path} no longer match the file and are left out of the proposed side (${shown.conflicts.map((conflict) => `line ${conflict.startLine}: ${conflict.reason}`).join('; ')}).`);
        }
      } catch (error) {
        problems.push(`${path}: ${messageOf(error)}`);
      }
    }
    if (paths.length > maxDiffs) problems.push(`${paths.length - maxDiffs} more file(s) are listed in the Proposals view.`);
    if (opened.length > 0) await this.reviewing(set).catch((error: unknown) => this.log.warn(`The trace beside the review could not open: ${messageOf(error)}`));
    return this.told({ opened, problems });
  }

  /** Accepts what the diff's right side shows, the person's unsaved edits included; then closes the diff. */
  async accept(resource: unknown): Promise<ResolveOutcome> {
    return this.resolving(resource, 'accept', async (uri, file, set) => {
      const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === uri.toString());
      const right = document?.getText() ?? (await this.proposed.shown(uri)).text;
      const fresh = await this.proposed.compute(file);
      if (fresh.base === undefined) throw new Error(`${file.path} does not exist; nothing was applied.`);
      let outcome: AcceptOutcome;
      let yours = 0;
      if (right === fresh.text) {
        outcome = await acceptHunks(this.changeSets, fresh.set, openHunkIds(fresh.set, file.path), this.checkpoint);
      } else {
        // The person's version: the store turns it into hunks against the file as it is now (theirs
        // where they differ from the agent's), and exactly those are applied.
        const hunkIds = await this.changeSets.revise(set.id, file.path, fresh.base, right);
        const revised = this.changeSets.get(set.id) ?? fresh.set;
        yours = revised.files.find((candidate) => candidate.path === file.path)?.hunks.filter((hunk) => hunkIds.includes(hunk.id) && hunk.author === 'person').length ?? 0;
        outcome = hunkIds.length > 0 ? await acceptHunks(this.changeSets, revised, hunkIds, this.checkpoint) : { accepted: [], conflicts: [], superseded: [], applied: [] };
      }
      const parts = [
        outcome.accepted.length === 0 && right === fresh.base ? `your edit leaves ${file.path} as it is: nothing applied, the proposal's hunks for it are replaced` : `applied ${outcome.accepted.length} hunk(s) of “${set.summary}” to ${file.path}${yours > 0 ? ` (${yours} of them your edit)` : ''}`,
      ];
      if (outcome.superseded.length > 0) parts.push(`${outcome.superseded.length} already in the file`);
      if (outcome.conflicts.length > 0) parts.push(`${outcome.conflicts.length} no longer match (${outcome.conflicts.map((conflict) => `line ${conflict.startLine}: ${conflict.reason}`).join('; ')})`);
      const message = `Nova: ${parts.join('; ')}.${outcome.accepted.length > 0 ? ' Review and save the file; Undo takes it back.' : ''}`;
      return { resolved: outcome.accepted.length > 0 || outcome.superseded.length > 0 || right === fresh.base, message, warn: outcome.conflicts.length > 0, show: fresh.target };
    });
  }

  /** Rejects the file's open hunks, with the person's optional reason (asked for unless `options.reason` is given); then closes the diff. */
  async reject(resource: unknown, options: unknown): Promise<ResolveOutcome> {
    return this.resolving(resource, 'reject', async (_uri, file, set) => {
      const given = typeof options === 'object' && options !== null && typeof (options as { reason?: unknown }).reason === 'string' ? (options as { reason: string }).reason : undefined;
      const reason =
        given ??
        (await vscode.window.showInputBox({
          title: `Reject the proposed change to ${file.path}`,
          prompt: 'Why? (optional — the agent is told on its next attempt)',
          placeHolder: 'e.g. keep the public name; rename only the private helper',
        }));
      if (reason === undefined) return { resolved: false, message: 'Nova: nothing was rejected.', cancelled: true };
      const rejected = await rejectHunks(this.changeSets, set, openHunkIds(set, file.path), reason.trim() === '' ? undefined : reason.trim());
      return { resolved: rejected.length > 0, message: `Nova: rejected ${rejected.length} hunk(s) of “${set.summary}” in ${file.path}.` };
    });
  }

  /**
   * The common part of Accept and Reject: find the diff and its change set, keep its right side as
   * it is meanwhile, run `resolve`, then close the diff — and say what happened, errors included.
   */
  private async resolving(
    resource: unknown,
    verb: 'accept' | 'reject',
    resolve: (uri: vscode.Uri, file: ProposedFile, set: ChangeSet) => Promise<ResolveOutcome & { readonly warn?: boolean; readonly show?: vscode.Uri; readonly cancelled?: boolean }>,
  ): Promise<ResolveOutcome> {
    let uri: vscode.Uri;
    let file: ProposedFile;
    let set: ChangeSet | undefined;
    try {
      uri = proposedSideOf(resource);
      file = parseProposedUri(uri);
      set = await this.changeSet(file.changeSetId);
      if (!set) throw new Error(`Nova has no proposal "${file.changeSetId}" (it was removed, or the Nova server is not running).`);
      if (!set.files.some((candidate) => candidate.path === file.path)) throw new Error(`the proposal “${set.summary}” does not change ${file.path}.`);
    } catch (error) {
      return this.failed(verb, error);
    }
    await this.proposed.whenRefreshed();
    const settling = this.proposed.settle(uri);
    try {
      const outcome = await resolve(uri, file, set);
      if (outcome.cancelled) {
        settling.cancel();
        return outcome;
      }
      // Saved into the proposal's own file system (never the real file), so closing asks nothing.
      const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === uri.toString());
      if (document?.isDirty) await document.save();
      await closeDiffs(uri);
      settling.done();
      if (outcome.show) await vscode.window.showTextDocument(outcome.show, { preview: false });
      if (outcome.warn) void vscode.window.showWarningMessage(outcome.message);
      else void vscode.window.showInformationMessage(outcome.message);
      return { resolved: outcome.resolved, message: outcome.message };
    } catch (error) {
      settling.cancel();
      return this.failed(verb, error);
    }
  }

  private failed(verb: string, error: unknown): ResolveOutcome {
    const message = `Nova: could not ${verb} from the diff: ${messageOf(error)}`;
    this.log.error(message);
    void vscode.window.showErrorMessage(message);
    return { resolved: false, message };
  }

  private async changeSet(id: string): Promise<ChangeSet | undefined> {
    if (!this.changeSets.get(id)) await this.changeSets.refresh();
    return this.changeSets.get(id);
  }

  /** From the command palette: one file of a pending change set. */
  private async pick(): Promise<{ changeSetId: string; path: string } | undefined> {
    if (!this.changeSets.hasListed) await this.changeSets.refresh();
    const files = this.changeSets.open.flatMap((set) => set.files.filter((file) => file.hunks.some((hunk) => isOpen(hunk.status))).map((file) => ({ set, path: file.path })));
    if (files.length === 0) {
      void vscode.window.showInformationMessage('Nova: no proposal is pending.');
      return undefined;
    }
    const chosen = await vscode.window.showQuickPick(
      files.map(({ set, path }) => ({ label: basename(path), description: path, detail: set.summary, set, path })),
      { title: 'Nova: open the diff of which proposed file?', matchOnDescription: true, matchOnDetail: true },
    );
    return chosen ? { changeSetId: chosen.set.id, path: chosen.path } : undefined;
  }

  private told(outcome: DiffOutcome): DiffOutcome {
    if (outcome.problems.length > 0) void vscode.window.showWarningMessage(`Nova: ${outcome.problems.join(' ')}`);
    return outcome;
  }
}

/** What the command was given: `{changeSetId, path?}` or a Proposals view node; a shape it cannot be is named. */
function openTarget(target: unknown): { changeSetId: string; path?: string } | { problem: string } {
  if (typeof target !== 'object' || target === null) return { problem: 'Open Proposal Diff needs a change set id and a path, or a proposal from the Proposals view.' };
  const given = target as { changeSetId?: unknown; path?: unknown; kind?: unknown; set?: { id?: unknown } };
  const changeSetId = typeof given.changeSetId === 'string' ? given.changeSetId : typeof given.set?.id === 'string' ? given.set.id : undefined;
  if (changeSetId === undefined) return { problem: 'Open Proposal Diff was given no change set.' };
  if (given.path !== undefined && typeof given.path !== 'string') return { problem: 'Open Proposal Diff was given a path that is not text.' };
  const problem = proposedFileProblem(changeSetId, given.path);
  if (problem) return { problem: `Open Proposal Diff: ${problem}.` };
  return given.path === undefined ? { changeSetId } : { changeSetId, path: given.path };
}

/**
 * The proposed side the command is about: the uri VS Code's title bar passes (the diff's right
 * side — or its left side, the real file, in some versions), else the active diff's.
 */
function proposedSideOf(resource: unknown): vscode.Uri {
  const diffs = vscode.window.tabGroups.all.flatMap((group) => group.tabs).map((tab) => tab.input).filter((input): input is vscode.TabInputTextDiff => input instanceof vscode.TabInputTextDiff && isProposedUri(input.modified));
  if (resource instanceof vscode.Uri) {
    if (isProposedUri(resource)) return resource;
    const active = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    const paired = active instanceof vscode.TabInputTextDiff && isProposedUri(active.modified) && active.original.toString() === resource.toString() ? active : diffs.find((input) => input.original.toString() === resource.toString());
    if (paired) return paired.modified;
    throw new MalformedProposedUri(resource, 'it is not the proposed side of a Nova diff');
  }
  if (resource !== undefined && !(typeof resource === 'object' && resource !== null && 'groupId' in resource)) throw new Error('the command needs the proposed side of a Nova diff (a nova-proposed uri).');
  const active = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (active instanceof vscode.TabInputTextDiff && isProposedUri(active.modified)) return active.modified;
  if (active instanceof vscode.TabInputText && isProposedUri(active.uri)) return active.uri;
  throw new Error('open a proposal’s diff first (Nova: Open Proposal Diff).');
}

/** Closes every tab that shows this proposed side (its diff, or the side on its own). */
async function closeDiffs(uri: vscode.Uri): Promise<void> {
  const key = uri.toString();
  const tabs = vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => (tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === key) || (tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === key));
  if (tabs.length > 0) await vscode.window.tabGroups.close(tabs);
}

function openHunkIds(set: ChangeSet, path: string): string[] {
  return set.files.find((file) => file.path === path)?.hunks.filter((hunk) => isOpen(hunk.status)).map((hunk) => hunk.id) ?? [];
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function clip(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
