/**
 * A change set's state, read from its hunks' statuses. Schema-free (no zod), so the editor's
 * activation bundle can use it; the schemas are in ./changeSet.ts.
 */
import type { ChangeSet, Hunk } from './changeSet';

/**
 * A hunk's state. `pending`: waiting for the person. `accepted`/`rejected`: they decided.
 * `conflict`: it no longer matches the file (the person or another change edited those lines).
 * `superseded`: the file already holds its result (the same fix, accepted from another change set).
 */
export const hunkStatuses = ['pending', 'accepted', 'rejected', 'conflict', 'superseded'] as const;
export type HunkStatus = (typeof hunkStatuses)[number];

/** Statuses that still wait for the person: a conflict can be recomputed or rejected. */
export function isOpen(status: HunkStatus): boolean {
  return status === 'pending' || status === 'conflict';
}

/** Whether a change set still waits for the person: some hunk is pending or in conflict. */
export function isPending(set: ChangeSet): boolean {
  return set.files.some((file) => file.hunks.some((hunk) => isOpen(hunk.status)));
}

/** The hunks of a change set, each with its file's path. */
export function allHunks(set: ChangeSet): { readonly path: string; readonly hunk: Hunk }[] {
  return set.files.flatMap((file) => file.hunks.map((hunk) => ({ path: file.path, hunk })));
}

/** One word for a whole change set, as the Proposals view and the CLI show it. */
export function changeSetStatus(set: ChangeSet): 'pending' | 'accepted' | 'rejected' | 'partly accepted' | 'superseded' {
  if (isPending(set)) return 'pending';
  const statuses = new Set(set.files.flatMap((file) => file.hunks.map((hunk) => hunk.status)));
  if (statuses.has('accepted')) return statuses.has('rejected') ? 'partly accepted' : 'accepted';
  return statuses.has('rejected') ? 'rejected' : 'superseded';
}

/** The latest `resolvedAt` of a change set no longer pending; undefined while it is. */
export function resolvedAt(set: ChangeSet): number | undefined {
  if (isPending(set)) return undefined;
  return Math.max(...set.files.flatMap((file) => file.hunks.map((hunk) => hunk.resolvedAt ?? set.createdAt)));
}
