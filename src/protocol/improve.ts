/**
 * The self-improvement loop over the wire: start an improve run, follow its phases, read its change
 * report, and accept (the worktree's diff becomes a change set) or reject it (the worktree is
 * removed, the branch deleted unless kept). The run's spans also stream as `nova/run.span` under
 * the same run id, so its trace can be followed live like any run's.
 */
import { z } from 'zod';
import { notification, request } from './message';
import { RunId } from './run';
import { GateRecord, ImprovePhase, ImproveRecord, ImproveReport, ImproveRequest, ImproveState } from '../core/improve/record';

export { GateRecord, ImprovePhase, ImproveRecord, ImproveReport, ImproveState };

/**
 * The person's improve settings (VS Code `nova.improve.*`), carried by nova/session.configure's
 * `improve`. Each one absent keeps its default (core/improve/settings.ts). No agent ever sets them.
 */
export const ImproveConfiguration = z.strictObject({
  /** The project's test command, run in the worktree; it asks like any command unless it is on the allowlist. */
  testCommand: z.string().trim().min(1).optional(),
  testTimeoutSeconds: z.number().positive().max(24 * 60 * 60).optional(),
  /** The reviewer's least confidence (0..1) for its `approve` to pass the review gate. */
  reviewerConfidence: z.number().min(0).max(1).optional(),
  /** How much more an evaluation may cost after an agent-definition change (0.1 = 10 %). */
  evalCostTolerance: z.number().min(0).optional(),
  /** Globs (workspace-relative) no agent may write, on top of the built-in protected paths. */
  protectedPaths: z.array(z.string().trim().min(1)).optional(),
});
export type ImproveConfiguration = z.infer<typeof ImproveConfiguration>;

export const ImproveStartParams = ImproveRequest;
export type ImproveStartParams = z.infer<typeof ImproveStartParams>;

/**
 * nova/improve.preflight: what starting would mean, before anything starts — the files inside the
 * scope with uncommitted work (the worktree starts from HEAD, without them), and `problem` when the
 * loop cannot run here (not a git repository, no commit yet, Restricted Mode).
 */
export const improvePreflight = request(
  'nova/improve.preflight',
  z.strictObject({ scope: ImproveRequest.shape.scope, target: ImproveRequest.shape.target }),
  z.strictObject({ dirtyInScope: z.array(z.string()), problem: z.string().optional() }),
);

/**
 * nova/improve.start: checks the workspace (a git repository with a HEAD) and answers at once with
 * the run's id and the files inside the scope with uncommitted work (the worktree starts from HEAD
 * without them); the run goes on in the background. A folder that is not a git repository, or a
 * repository without a commit, is a conflict error and nothing starts.
 */
export const improveStart = request('nova/improve.start', ImproveStartParams, z.strictObject({ runId: RunId, dirtyInScope: z.array(z.string()) }));

/** nova/improve.cancel: cancels a running improve run (its worktree is removed); false when it was not running. */
export const improveCancel = request('nova/improve.cancel', z.strictObject({ runId: RunId }), z.strictObject({ cancelled: z.boolean() }));

/** nova/improve.get: one improvement's record (its report once written); notFound when there is none. */
export const improveGet = request('nova/improve.get', z.strictObject({ runId: RunId }), ImproveRecord);

/** nova/improve.list: every recorded improvement, newest first, without their reports. */
export const improveList = request(
  'nova/improve.list',
  z.strictObject({}),
  z.strictObject({ improvements: z.array(ImproveRecord.omit({ report: true }).extend({ title: z.string().optional(), offered: z.boolean().optional() })) }),
);

/**
 * nova/improve.accept: the worktree's diff becomes a change set in the working tree, to accept or
 * reject hunk by hunk like any other (the diffs issue); the worktree is then removed and the branch
 * deleted. Refused (conflict) unless the improvement is `ready` (every gate passed).
 */
export const improveAccept = request('nova/improve.accept', z.strictObject({ runId: RunId }), z.strictObject({ changeSetId: z.string().min(1) }));

/** nova/improve.reject: removes the worktree and deletes the branch, or keeps both for inspection (`keepBranch`). */
export const improveReject = request(
  'nova/improve.reject',
  z.strictObject({ runId: RunId, keepBranch: z.boolean().default(false) }),
  z.strictObject({ branch: z.string(), worktree: z.string(), kept: z.boolean() }),
);

/** nova/improve.phase (server → client): a phase started or ended; an ended gate phase carries its record. */
export const improvePhase = notification(
  'nova/improve.phase',
  z.strictObject({ runId: RunId, phase: ImprovePhase, status: z.enum(['started', 'ended']), gate: GateRecord.optional(), message: z.string().optional() }),
);

/** nova/improve.ended (server → client): the run ended; its state, and its report when one was written. */
export const improveEnded = notification(
  'nova/improve.ended',
  z.strictObject({ runId: RunId, state: ImproveState, report: ImproveReport.optional(), error: z.string().optional() }),
);
