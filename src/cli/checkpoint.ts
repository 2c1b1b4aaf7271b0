/**
 * The checkpoint `nova proposals accept` takes before it writes a file: the one place the command
 * line decides where checkpoints go.
 */
import type { TakeCheckpoint } from '../core/proposals/acceptOnDisk';

/** What `nova proposals accept` prints as the checkpoint while none is kept. */
export const noCheckpointKept = 'none kept (checkpoints are not wired into the command line yet)';

/**
 * The checkpoint of `folder`'s files before accepted hunks are written.
 *
 * TODO(checkpoints): wire the checkpoint store of branch `ckpt` here — `openCheckpoints(folder,
 * { snapshotFolder: <folder>/.nova/checkpoints })`, then `create(label, files)` and return its id.
 * Until then nothing is kept, and the id returned says so (accept prints it).
 */
export function takeCheckpointIn(_folder: string): TakeCheckpoint {
  return () => Promise.resolve(noCheckpointKept);
}
