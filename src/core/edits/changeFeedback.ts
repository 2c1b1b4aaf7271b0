/**
 * The person's feedback on a change set, read from the store's record of it: every hunk with its
 * status and reason, so the author's next attempt sees exactly what was taken and what was turned
 * down (and why). Schema-free, for the editor's bundle; the server validates it (ChangeFeedback).
 */
import type { ChangeFeedback } from '../contracts';
import type { ChangeSet } from './changeSet';
import { allHunks } from './changeSetState';

/** Whether "Try again" means anything: the person rejected at least one hunk. */
export function hasRejectedHunks(set: ChangeSet): boolean {
  return allHunks(set).some(({ hunk }) => hunk.status === 'rejected');
}

/** The feedback for `set`'s author; `task`: what the person asks now, if they said. */
export function changeFeedback(set: ChangeSet, task?: string): ChangeFeedback {
  const asked = task?.trim();
  return {
    changeSetId: set.id,
    summary: set.summary,
    ...(asked ? { task: asked } : {}),
    hunks: allHunks(set).map(({ path, hunk }) => ({ path, startLine: hunk.startLine, before: hunk.before, after: hunk.after, status: hunk.status, ...(hunk.reason ? { reason: hunk.reason } : {}) })),
  };
}
