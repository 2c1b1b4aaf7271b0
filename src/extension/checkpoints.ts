/**
 * Checkpoints, as the rest of the extension reaches them: `takeCheckpoint` before Nova writes to
 * the person's files, and the "Nova: Restore Checkpoint" command. The work itself is in a bundle
 * of its own (./checkpoints/main.ts, dist/checkpoints/main.js), loaded on first use, so activation
 * stays small; this file only registers the command and forwards.
 */
import * as vscode from 'vscode';
import type { CheckpointEntry, CreateEditorCheckpoints, EditorCheckpoints, FolderCheckpoint, RestoreReport } from './checkpoints/main';
import { commandIds } from './contributions';

export type { CheckpointEntry, FolderCheckpoint, RestoreReport } from './checkpoints/main';

let registered: { readonly storage: vscode.Uri; readonly log: vscode.LogOutputChannel } | undefined;
let loaded: EditorCheckpoints | undefined;

/**
 * Keeps the current content of files as a checkpoint, so the person can go back to it with "Nova:
 * Restore Checkpoint". Call it before applying an accepted change, and apply nothing when it throws.
 *
 * @param files Each a path as a change set names it — relative to the workspace folder
 *   (`src/a.ts`), or `<folder name>/…` in a multi-root workspace — alone or with its text:
 *   - `{ path, text }`: the text the caller is about to change (the accept flow passes the document
 *     text it planned its edit against); `text: undefined` for a file that does not exist yet,
 *     which restoring deletes;
 *   - a path alone: what the person sees is read — an open document's text when it has unsaved
 *     edits, the file on disk otherwise (untracked files included; absent if there is none).
 *   Each path is resolved through the workspace sandbox (symbolic links followed); one outside the
 *   workspace or protected (`.git/…`) is refused.
 * @param label What the checkpoint is taken before, as the person will read it in the picker
 *   ("before accepting “Remove unused import”"); made one line, and shortened past 200 characters.
 * @returns One checkpoint per workspace folder the paths lie in (usually one).
 * @throws `CheckpointRefused` (a path is refused, or no file was given) or git's error; nothing is kept then.
 *
 * In a git repository the checkpoint is a commit on `refs/nova/checkpoints/<id>` (HEAD, the index,
 * branches and the stash untouched); in a folder without git, a file snapshot in Nova's workspace storage.
 */
export function takeCheckpoint(files: readonly CheckpointEntry[], label: string): Promise<readonly FolderCheckpoint[]> {
  return checkpoints().take(files, label);
}

/** What the checkpoints offer Nova's API (its tests in a real VS Code drive them without the picker). */
export interface CheckpointsRegistration {
  /** Every checkpoint of every workspace folder, newest first. */
  list(): Promise<readonly FolderCheckpoint[]>;
  /** Restores checkpoint `id` (of whichever folder keeps it) without the picker or the confirmation. */
  restore(id: string): Promise<RestoreReport>;
}

/** Registers "Nova: Restore Checkpoint" and the storage `takeCheckpoint` uses for folders without git. */
export function registerCheckpoints(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): CheckpointsRegistration {
  registered = { storage: context.storageUri ?? context.globalStorageUri, log };
  context.subscriptions.push(
    vscode.commands.registerCommand(commandIds.restoreCheckpoint, () => checkpoints().pickAndRestore()),
    { dispose: () => ((registered = undefined), (loaded = undefined)) },
  );
  return {
    list: () => checkpoints().list(),
    async restore(id) {
      const found = (await checkpoints().list()).find((checkpoint) => checkpoint.id === id);
      if (!found) return { restored: false, message: `Nova: there is no checkpoint "${id}" in this workspace.`, changed: [] };
      return checkpoints().restore(found.folder, id);
    },
  };
}

function checkpoints(): EditorCheckpoints {
  if (!registered) throw new Error("Nova's checkpoints are not registered (the extension is not active).");
  if (!loaded) {
    // Left outside dist/extension.js on purpose (tools/bundle.ts): dist/checkpoints/main.js, or out/src/extension/checkpoints/main.js.
    const { createEditorCheckpoints } = require('./checkpoints/main') as { createEditorCheckpoints: CreateEditorCheckpoints };
    loaded = createEditorCheckpoints(registered.storage, registered.log);
  }
  return loaded;
}
