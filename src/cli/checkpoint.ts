/**
 * The checkpoint `nova proposals accept` takes before it writes a file: the one place the command
 * line decides where checkpoints go — the folder's git repository (private refs), or, without git,
 * `.nova/checkpoints/` in the folder (`openCheckpoints` decides; see src/core/checkpoints).
 */
import { commandLineSnapshotFolder, openCheckpoints } from '../core/checkpoints';
import type { TakeCheckpoint } from '../core/proposals/acceptOnDisk';

/** The checkpoint of `folder`'s files before accepted hunks are written; returns what accept prints: its id and where it is kept. */
export function takeCheckpointIn(folder: string): TakeCheckpoint {
  return async (files, label) => {
    const store = await openCheckpoints(folder, { snapshotFolder: commandLineSnapshotFolder(folder) });
    const taken = await store.create(label, files);
    return `${taken.id} (${store.where})`;
  };
}
