/**
 * How an improve run's phases read in the progress notification and the chat: what is happening
 * while a phase runs, and a gate's outcome once it ended. Keyed by the loop's phases, so a new
 * phase is a type error here until it has its words. No `vscode` import: Node tests read it.
 */
import type { GateRecord, ImprovePhase } from '../../../core/improve/record';

/** What the run is doing while `phase` runs. */
export const phaseWords: Record<ImprovePhase, string> = {
  preflight: 'Checking the repository',
  worktree: 'Creating the worktree',
  agents: 'The team is working in the worktree',
  apply: 'Applying the change in the worktree',
  typecheck: 'Type-checking',
  tests: 'Running the tests',
  review: 'The reviewer is reading the change',
  evals: 'Replaying the recorded evaluations',
  report: 'Writing the change report',
};

const statusWords: Record<GateRecord['status'], string> = { passed: 'passed', failed: 'FAILED', skipped: 'skipped', error: 'could not run' };

/** A gate's outcome in one line: "Type-check passed — 0 errors". */
export function gateLine(gate: Pick<GateRecord, 'title' | 'status' | 'summary'>): string {
  return `${gate.title} ${statusWords[gate.status]} — ${gate.summary}`;
}
