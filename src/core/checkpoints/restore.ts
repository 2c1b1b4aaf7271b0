/**
 * Restoring a checkpoint, undoably: before a single file is written, the current content of the
 * same files is kept as a new checkpoint ("before restoring <label>"), so going back is itself a
 * checkpoint the person can restore. Only files whose content differs are written.
 */
import type { Checkpoint, CheckpointSummary } from './checkpoint';
import type { CheckpointFiles } from './files';
import type { CheckpointStore } from './store';

/** What a restore did. */
export interface RestoreOutcome {
  /** The checkpoint that was restored. */
  readonly restored: Checkpoint;
  /** The checkpoint of the content the restore replaced (restore it to undo). */
  readonly before: CheckpointSummary;
  /** The paths whose content changed (written or deleted), in the checkpoint's order. */
  readonly changed: readonly string[];
}

/** The label of the checkpoint a restore takes first (stores shorten it to fit). */
export function beforeRestoringLabel(label: string): string {
  return `before restoring ${label}`;
}

/**
 * Restores checkpoint `id` of `store` through `files`. Throws (and writes nothing) when the
 * checkpoint is missing or damaged, when the checkpoint of the current content cannot be taken,
 * or when `files` refuses a path.
 */
export async function restoreCheckpoint(store: CheckpointStore, id: string, files: CheckpointFiles): Promise<RestoreOutcome> {
  const restored = await store.read(id);
  const current = await files.read(restored.files.map((file) => file.path));
  const before = await store.create(beforeRestoringLabel(restored.label), current);
  const changed = restored.files.filter((file, index) => current[index]?.text !== file.text);
  if (changed.length > 0) await files.write(changed);
  return { restored, before, changed: changed.map((file) => file.path) };
}
