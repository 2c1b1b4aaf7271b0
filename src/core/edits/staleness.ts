/**
 * Whether a change set still matches the files as they are now: each open hunk is placed against
 * the current text (src/core/edits/placement.ts); one that would conflict makes the change set
 * stale — accepting it would apply nothing there — so the person sees it before trying, and can
 * have it recomputed. Already-applied hunks (superseded) are not stale: there is nothing to redo.
 */
import type { ChangeSet } from './changeSet';
import { isOpen } from './changeSetState';
import { placeHunks, type HunkConflict } from './placement';

/** The current text of a workspace path: `undefined` when the file does not exist. */
export type CurrentText = (path: string) => string | undefined;

/** The open hunks of `set` that no longer match the current text, and why (empty: it still applies). */
export function staleHunks(set: ChangeSet, current: CurrentText): HunkConflict[] {
  const conflicts: HunkConflict[] = [];
  for (const file of set.files) {
    const open = file.hunks.filter((hunk) => isOpen(hunk.status));
    if (open.length === 0) continue;
    conflicts.push(...placeHunks(current(file.path), { path: file.path, baseHash: file.baseHash, hunks: open }).conflicts);
  }
  return conflicts;
}
