/**
 * The one place that decides where a workspace folder's checkpoints are kept: on private refs in
 * the git repository the folder belongs to, or — when it belongs to none, or git cannot be run —
 * as file snapshots in `snapshotFolder`, which the caller names (the extension: its workspace
 * storage; the command line: `.nova/checkpoints`). Callers never choose a store themselves.
 */
import { join } from 'node:path';
import { GitCommand } from './gitCommand';
import { GitCheckpointStore } from './gitStore';
import { SnapshotCheckpointStore } from './snapshotStore';
import type { CheckpointStore, CheckpointStoreOptions } from './store';

/** Where the command line keeps a folder's snapshots when it has no git (the editor uses its workspace storage instead). */
export function commandLineSnapshotFolder(workspaceFolder: string): string {
  return join(workspaceFolder, '.nova', 'checkpoints');
}

/** Where snapshots go when the folder has no git, and the store's clock. */
export interface OpenCheckpointsOptions extends CheckpointStoreOptions {
  readonly snapshotFolder: string;
}

/**
 * The checkpoint store of `folder` (an absolute path). Checkpoint paths are relative to `folder`
 * in either store, even when the repository's top folder is above it.
 */
export async function openCheckpoints(folder: string, options: OpenCheckpointsOptions): Promise<CheckpointStore> {
  const topFolder = await repositoryTop(folder);
  if (topFolder !== undefined) return new GitCheckpointStore(new GitCommand(topFolder), options);
  return new SnapshotCheckpointStore(options.snapshotFolder, options);
}

/** The top folder of the work tree `folder` is in, or `undefined` (no repository, a bare one, no git). */
async function repositoryTop(folder: string): Promise<string | undefined> {
  try {
    const top = (await new GitCommand(folder).text(['rev-parse', '--show-toplevel'])).trim();
    return top === '' ? undefined : top;
  } catch {
    return undefined;
  }
}
