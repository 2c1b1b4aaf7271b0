/**
 * The change report panel's messages (the `nova.improvement` webview panel, one per improvement).
 * The extension tells the page the improvement's record — its report once written, and again each
 * time its state changes (accepted, rejected) — and the page asks for what its buttons do: accept,
 * reject (keeping the branch or not), open a changed file's diff, open the trace. The page never
 * names a run or a file on disk: a file goes by its path in the report, which the extension checks
 * is one of the report's files before it opens anything.
 */
import { z } from 'zod';
import { ImproveRecord, type GateRecord, type ImprovePhase, type ImproveState } from '../../core/improve/record';
import { toWebview, webviewRequest } from './message';

const Nothing = z.null();

/** An improvement's state as a person reads it: the report page's header, the editor's list of improvements. */
export const improveStateWords: Record<ImproveState, string> = {
  running: 'Running',
  ready: 'Ready to accept',
  blocked: 'Blocked by a gate',
  nothing: 'No change',
  failed: 'Failed',
  cancelled: 'Cancelled',
  accepted: 'Accepted',
  rejected: 'Rejected',
};

/** What the run is doing while a phase runs: the progress notification, the chat's card. */
export const improvePhaseWords: Record<ImprovePhase, string> = {
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

/** A gate's status as its badge says it. */
export const gateStatusWords: Record<GateRecord['status'], string> = { passed: 'Passed', failed: 'Failed', skipped: 'Skipped', error: 'Could not run' };

/** A gate's outcome in one line: "Type-check: Passed — 0 errors". */
export function gateLine(gate: Pick<GateRecord, 'title' | 'status' | 'summary'>): string {
  return `${gate.title}: ${gateStatusWords[gate.status]} — ${gate.summary}`;
}

/** improve/load: the improvement as recorded (its report once written); sent on every load of the page and after each decision. */
export const improveLoad = toWebview('improve/load', z.strictObject({ record: ImproveRecord }));

/** improve/accept: the change becomes a change set in the working tree, opened for review hunk by hunk. Refused unless the report offers it. */
export const improveAcceptChange = webviewRequest('improve/accept', z.strictObject({}), z.strictObject({ changeSetId: z.string().min(1) }));

/** improve/reject: the worktree is removed and the branch deleted, or both are kept for inspection. */
export const improveRejectChange = webviewRequest(
  'improve/reject',
  z.strictObject({ keepBranch: z.boolean() }),
  z.strictObject({ branch: z.string(), worktree: z.string(), kept: z.boolean() }),
);

/** improve/openFile: one reported file — its diff base..branch while the branch exists, else the file itself. */
export const improveOpenFile = webviewRequest('improve/openFile', z.strictObject({ path: z.string().min(1).max(4096) }), Nothing);

/** improve/openTrace: the improvement's trace, in the trace panel. */
export const improveOpenTrace = webviewRequest('improve/openTrace', z.strictObject({}), Nothing);

/** Every request the report page may send: the extension answers each. */
export const improveRequests = [improveAcceptChange, improveRejectChange, improveOpenFile, improveOpenTrace] as const;
