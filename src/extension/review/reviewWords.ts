/**
 * How the review commands word what they show: the team's batch progress in the review's progress
 * notification, and the review's outcome in its final message — the analyzers' findings, what the
 * team did with them (confirmed, dismissed, added, the security reviewer's disagreements) and the
 * problems, if any. Pure and vscode-free (type imports only), so Node tests read what the person reads.
 */
import type { ParamsOf, ResultOf } from '../../protocol/message';
import type { reviewRun, reviewTeamProgress } from '../../protocol/review';

export type ReviewResult = ResultOf<typeof reviewRun>;
export type TeamProgress = ParamsOf<typeof reviewTeamProgress>;

/** How many of the batch's requests have ended (any way) and how many there are. */
export function teamRequestCounts(progress: TeamProgress): { readonly done: number; readonly failed: number; readonly total: number } {
  const failed = progress.errored + progress.canceled + progress.expired;
  const done = progress.succeeded + failed;
  return { done, failed, total: done + progress.processing };
}

/**
 * The progress line while the team's batch runs. It says the wait can be long, and what Cancel does,
 * because a batch takes minutes to hours and the person should know the analyzer findings are already there.
 */
export function teamProgressText(progress: TeamProgress): string {
  const { done, failed, total } = teamRequestCounts(progress);
  const counts = `${done} of ${total} request(s) done${failed > 0 ? ` (${failed} failed)` : ''}`;
  if (progress.status === 'canceling') return `the team's batch is being canceled (${counts}); the analyzer findings stand.`;
  if (progress.status === 'ended') return `the team's batch has ended (${counts}); collecting its verdicts…`;
  return `the team is checking the analyzers' findings: ${counts}. A batch can take minutes to hours; Cancel stops it (the analyzer findings stay).`;
}

/** What the person is told when they cancel; `teamStarted`: the team's batch had reported progress. */
export function cancelledText(teamStarted: boolean): string {
  return teamStarted
    ? "Review cancelled while the team checked the findings: its batch is canceled too, and the analyzer findings stand."
    : 'Review cancelled; the files reviewed so far keep their findings.';
}

/** The review's final message: what was found, what the team did, and the problems. */
export function reviewSummary(result: ReviewResult): string {
  if (result.files === 0) return `Nova found nothing to review: ${result.problems[0] ?? 'no TypeScript file in scope'}`;
  const dismissed = result.dismissed ? ` (${result.dismissed} you dismissed left out)` : '';
  const found = `Nova reviewed ${result.files} file(s): ${result.findings === 0 ? 'no findings' : `${result.findings} finding(s)`}${dismissed}.`;
  return [found, ...(result.team ? [teamSentence(result.team)] : []), ...problemSentence(result.problems)].join(' ');
}

function teamSentence(team: NonNullable<ReviewResult['team']>): string {
  const resumed = team.resumed ? " (its batch from an earlier session, collected now rather than sent again)" : '';
  const verdicts = `The team${resumed} checked them: the reviewer confirmed ${team.confirmed}, dismissed ${team.dismissed} and added ${team.added}.`;
  if (team.disagreements === 0) return verdicts;
  const where = team.traceRunId === undefined ? '' : ', and both opinions are in the team\'s trace';
  return `${verdicts} The security reviewer disagreed on ${team.disagreements}: the reviewer owns those verdicts, so they stand${where}.`;
}

function problemSentence(problems: readonly string[]): string[] {
  if (problems.length === 0) return [];
  if (problems.length === 1) return [`Problem: ${problems[0]}`];
  return [`${problems.length} problems (all in Nova's output), the first: ${problems[0]}`];
}
