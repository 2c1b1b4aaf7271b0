/**
 * The task a batched team review's trace names on its run span: what the Runs view lists, and how it
 * tells such a run from a request to the team — it was a review, so there is nothing to "run again".
 * Its own tiny file, so the extension's activation bundle can read it without the trace store.
 */
export const teamReviewTaskPrefix = 'Team review: ';

/** Whether a run's task is a batched team review's. */
export function isTeamReviewTask(task: string): boolean {
  return task.startsWith(teamReviewTaskPrefix);
}
