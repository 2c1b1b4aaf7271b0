/**
 * Checkpoints in the editor — a bundle of its own (dist/checkpoints/main.js), loaded the first
 * time a checkpoint is taken or listed, so activation does not pay for git, zod and the stores.
 * One store per workspace folder (`openCheckpoints` decides: the folder's git repository, or file
 * snapshots in Nova's workspace storage); paths a change set names are mapped to the folder they
 * lie in through the sandbox.
 */
import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import { openCheckpoints, restoreCheckpoint, type CheckpointStore, type CheckpointSummary } from '../../core/checkpoints';
import { editorCheckpointFiles } from './editorFiles';
import { relativeTime } from './relativeTime';
import { diskFolders, type WorkspaceTarget } from '../workspaceTargets';
import { resolveTargets } from './workspaceFiles';

/** A file to keep: its workspace path alone (its text is read from the editor), or with the text the caller has (`undefined`: it does not exist). */
export type CheckpointEntry = string | { readonly path: string; readonly text: string | undefined };

/** A checkpoint and the workspace folder whose store keeps it. */
export interface FolderCheckpoint extends CheckpointSummary {
  readonly folder: vscode.WorkspaceFolder;
}

/** What a restore came to, and the message the person was shown. */
export interface RestoreReport {
  readonly restored: boolean;
  readonly message: string;
  /** The paths whose content the restore changed (relative to the checkpoint's folder). */
  readonly changed: readonly string[];
  /** The checkpoint of the content the restore replaced: restoring it undoes the restore. */
  readonly before?: string;
}

export class EditorCheckpoints {
  constructor(
    /** Nova's workspace storage: file snapshots of folders without git go under it. */
    private readonly storage: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** See `takeCheckpoint` in ../checkpoints.ts. */
  async take(entries: readonly CheckpointEntry[], label: string): Promise<FolderCheckpoint[]> {
    const given = entries.map((entry) => (typeof entry === 'string' ? { path: entry } : entry));
    const byFolder = new Map<vscode.WorkspaceFolder, { target: WorkspaceTarget; given: { text?: string | undefined } }[]>();
    for (const [index, target] of (await resolveTargets(given.map((entry) => entry.path))).entries()) {
      byFolder.set(target.folder, [...(byFolder.get(target.folder) ?? []), { target, given: given[index] as { text?: string | undefined } }]);
    }
    const taken: FolderCheckpoint[] = [];
    for (const [folder, files] of byFolder) {
      const store = await this.store(folder);
      const unread = files.filter((file) => !('text' in file.given)).map((file) => file.target.relative);
      const read = new Map((await editorCheckpointFiles(folder).read(unread)).map((file) => [file.path, file.text]));
      const contents = files.map(({ target, given: entry }) => ({ path: target.relative, text: 'text' in entry ? entry.text : read.get(target.relative) }));
      const summary = await store.create(label, contents);
      this.log.info(`Checkpoint ${summary.id} (“${summary.label}”, ${summary.paths.length} file(s)) kept in ${store.where}`);
      taken.push({ ...summary, folder });
    }
    return taken;
  }

  /** Every checkpoint of every workspace folder, newest first; damaged entries are logged and left out. */
  async list(): Promise<FolderCheckpoint[]> {
    const all: FolderCheckpoint[] = [];
    for (const folder of diskFolders()) {
      const store = await this.store(folder);
      const listing = await store.list();
      for (const problem of listing.problems) this.log.warn(`A checkpoint in ${store.where} cannot be used: ${problem}`);
      all.push(...listing.checkpoints.map((summary) => ({ ...summary, folder })));
    }
    return all.sort((a, b) => b.createdAt - a.createdAt);
  }

  /** Restores one checkpoint without asking (the command asks first); the message is shown as well as returned. */
  async restore(folder: vscode.WorkspaceFolder, id: string): Promise<RestoreReport> {
    let report: RestoreReport;
    try {
      if (!vscode.workspace.isTrusted) throw new Error('this workspace is in Restricted Mode, where Nova writes no file. Trust the workspace first.');
      const store = await this.store(folder);
      const outcome = await restoreCheckpoint(store, id, editorCheckpointFiles(folder));
      const label = `“${outcome.restored.label}” (${relativeTime(outcome.restored.createdAt, Date.now())})`;
      const message =
        outcome.changed.length === 0
          ? `Nova: the files already have the content of the checkpoint ${label}; nothing was changed.`
          : `Nova: restored ${outcome.changed.length} file(s) from the checkpoint ${label}: ${outcome.changed.join(', ')}. Undo takes it back, and so does restoring the checkpoint “${outcome.before.label}”.`;
      this.log.info(`${message} (checkpoint ${id} in ${store.where}; the content it replaced is checkpoint ${outcome.before.id})`);
      void vscode.window.showInformationMessage(message);
      report = { restored: true, message, changed: outcome.changed, before: outcome.before.id };
    } catch (error) {
      const message = `Nova: the checkpoint was not restored: ${error instanceof Error ? error.message : String(error)}`;
      this.log.error(message);
      void vscode.window.showErrorMessage(message);
      report = { restored: false, message, changed: [] };
    }
    return report;
  }

  /** "Nova: Restore Checkpoint": pick one, confirm, restore. `undefined` when the person chose nothing. */
  async pickAndRestore(): Promise<RestoreReport | undefined> {
    const checkpoints = await this.list();
    if (checkpoints.length === 0) {
      void vscode.window.showInformationMessage('Nova: there is no checkpoint yet. Nova takes one of the files it is about to change each time you accept a change.');
      return undefined;
    }
    const now = Date.now();
    const several = diskFolders().length > 1;
    const chosen = await vscode.window.showQuickPick(
      checkpoints.map((checkpoint) => ({
        label: checkpoint.label,
        description: [relativeTime(checkpoint.createdAt, now), `${checkpoint.paths.length} file${checkpoint.paths.length === 1 ? '' : 's'}`, ...(several ? [checkpoint.folder.name] : [])].join(' · '),
        detail: filesLine(checkpoint.paths),
        checkpoint,
      })),
      { title: 'Nova: Restore Checkpoint', placeHolder: 'Which checkpoint? The files it holds go back to the content they had then.', matchOnDescription: true, matchOnDetail: true },
    );
    if (!chosen) return undefined;
    const { checkpoint } = chosen;
    const answer = await vscode.window.showWarningMessage(
      `Restore ${checkpoint.paths.length} file(s) to their content of ${new Date(checkpoint.createdAt).toLocaleString()} (“${checkpoint.label}”)?`,
      { modal: true, detail: `${filesLine(checkpoint.paths)}\n\nNova first keeps a checkpoint of their current content, unsaved edits included, so this restore can be taken back.` },
      'Restore',
    );
    if (answer !== 'Restore') return undefined;
    return this.restore(checkpoint.folder, checkpoint.id);
  }

  private store(folder: vscode.WorkspaceFolder): Promise<CheckpointStore> {
    // Opened each time: a folder that became a repository (git init) since is seen at once.
    const key = createHash('sha256').update(folder.uri.toString()).digest('hex').slice(0, 16);
    return openCheckpoints(folder.uri.fsPath, { snapshotFolder: vscode.Uri.joinPath(this.storage, 'checkpoints', key).fsPath });
  }
}

/** The files of a checkpoint on one line: the first few, then how many more. */
function filesLine(paths: readonly string[]): string {
  const shown = paths.slice(0, 4).join(', ');
  return paths.length > 4 ? `${shown} and ${paths.length - 4} more` : shown;
}

/** The type of `createEditorCheckpoints`, for the lazy `require` in ../checkpoints.ts. */
export type CreateEditorCheckpoints = typeof createEditorCheckpoints;

/** The bundle's entry (see ../checkpoints.ts). */
export function createEditorCheckpoints(storage: vscode.Uri, log: vscode.LogOutputChannel): EditorCheckpoints {
  return new EditorCheckpoints(storage, log);
}
