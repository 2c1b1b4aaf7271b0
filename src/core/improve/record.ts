/**
 * What an improve run leaves behind, as values: each gate's own record, each refused write to a
 * protected path, the change report a person reads before accepting, and the improvement's state
 * (kept in `.nova/improve/<runId>.json`, so it outlives the server). One model of each: the loop,
 * the server, the CLI and the editor all use these.
 *
 * Honest by construction: `gates` in a report are the gates' own records (GateRecord, written by
 * the code that ran the gate), never an agent's account; `offered` is true only when every gate passed.
 */
import { z } from 'zod';

/** The gates, in the order they run. */
export const gateNames = ['typecheck', 'tests', 'review', 'evals'] as const;
export const GateName = z.enum(gateNames);
export type GateName = z.infer<typeof GateName>;

/** The phases of an improve run, in order; each gate is a phase of its own. */
export const improvePhases = ['preflight', 'worktree', 'agents', 'apply', ...gateNames, 'report'] as const;
export const ImprovePhase = z.enum(improvePhases);
export type ImprovePhase = z.infer<typeof ImprovePhase>;

/** A gate's result as the gate itself recorded it. `skipped` says why in `summary` (no TypeScript, no agent file changed). */
export const GateRecord = z.strictObject({
  gate: GateName,
  /** As a person reads it: "Type-check", "Tests (npm test)", "Reviewer verdict", "Evaluation replay". */
  title: z.string().min(1),
  status: z.enum(['passed', 'failed', 'skipped', 'error']),
  /** One line: why this status ("exit code 1", "approve, confidence 0.82 ≥ 0.7", "2 evals, no regression"). */
  summary: z.string().min(1),
  /** The command as run, for command gates. */
  command: z.string().optional(),
  exitCode: z.int().optional(),
  durationMs: z.number().min(0),
  /**
   * The captured evidence: the command's own output (its decisive part; `trimmed` says so), the
   * compiler's diagnostics, the reviewer's verdict as given, the replay table. Never an agent's account.
   */
  evidence: z.string(),
  trimmed: z.boolean().default(false),
  /** Where the whole output is kept, relative to the workspace folder (`.nova/improve/<run>/tests.log`). */
  logFile: z.string().optional(),
});
export type GateRecord = z.infer<typeof GateRecord>;

/** A write to a protected path, refused where it was attempted; a highlighted problem in the trace and the report. */
export const ProtectedAttempt = z.strictObject({
  /** The agent that attempted it, or `command` for a change a command made in the worktree. */
  agent: z.string().min(1),
  /** Worktree-relative, `/` separators. */
  path: z.string().min(1),
  /** Why it is protected, as protectedPathReason or the improve rules say it. */
  reason: z.string().min(1),
  via: z.enum(['proposal', 'command']),
});
export type ProtectedAttempt = z.infer<typeof ProtectedAttempt>;

/** One changed file in the report: what the diff says, and why (the agent's reason for it). */
export const ReportedFile = z.strictObject({
  path: z.string().min(1),
  change: z.enum(['added', 'modified', 'deleted']),
  added: z.int().min(0),
  removed: z.int().min(0),
  /** What changed and why, from the reporter (or the proposal's rationale when the reporter said nothing of it). */
  why: z.string().min(1),
});
export type ReportedFile = z.infer<typeof ReportedFile>;

/** What an improve run was asked to do. */
export const ImproveTarget = z.enum(['code', 'agents']);
export const improvePresets = ['remove-dead-code', 'simplify', 'tighten-types', 'fix-review-findings'] as const;
export const ImprovePreset = z.enum(improvePresets);
export type ImprovePreset = z.infer<typeof ImprovePreset>;

/** What the person asked the loop for: the same from the editor, the chat and `nova improve`. */
export const ImproveRequest = z.strictObject({
  /** Workspace-relative globs (`src/**`, `src/board.ts`); the run changes nothing outside them. */
  scope: z.array(z.string().trim().min(1)).min(1, 'the scope is empty'),
  goal: z.string().trim().min(1, 'the goal is empty'),
  preset: ImprovePreset.optional(),
  /** `agents`: the team's own definitions (`.nova/agents/`, and `agents/` in Nova's own repository). */
  target: ImproveTarget.default('code'),
});
export type ImproveRequest = z.infer<typeof ImproveRequest>;

/** The change report, shown before anything can be accepted. */
export const ImproveReport = z.strictObject({
  version: z.literal(1),
  runId: z.string().min(1),
  goal: z.string().min(1),
  preset: ImprovePreset.optional(),
  target: ImproveTarget,
  /** The globs the run was limited to, workspace-relative. */
  scope: z.array(z.string().min(1)).min(1),
  /** The branch and worktree the change lives on, and the commit both started from. */
  branch: z.string().min(1),
  worktree: z.string().min(1),
  base: z.string().min(1),
  title: z.string().min(1),
  /** What changed and why, in a few sentences (the reporter's, from what it was given). */
  summary: z.string().min(1),
  files: z.array(ReportedFile),
  /** Every gate, in order, as its own record. */
  gates: z.array(GateRecord),
  protectedAttempts: z.array(ProtectedAttempt),
  /** Risks: the reporter's, every gate that did not pass, each protected attempt, each claim of the reporter the records contradict. */
  risks: z.array(z.string()),
  /** What no gate checked (no TypeScript project, no test command, a skipped gate…). */
  notChecked: z.array(z.string()),
  /** Files inside the scope with uncommitted work when the run started (the worktree started from HEAD without them). */
  dirtyInScope: z.array(z.string()),
  /** Wall time of each phase, in order. */
  phases: z.array(z.strictObject({ phase: ImprovePhase, ms: z.number().min(0) })),
  /** The run's trace, relative to the workspace folder (`.nova/traces/<run>.jsonl`). */
  trace: z.string().min(1),
  /** True exactly when there is a change and every gate passed (skipped gates say why): only then can it be accepted. */
  offered: z.boolean(),
});
export type ImproveReport = z.infer<typeof ImproveReport>;

/**
 * Where an improvement stands. `ready`: the report is written and it can be accepted; `blocked`: a
 * gate did not pass (nothing is offered); `nothing`: the team proposed no change; `failed`: the run
 * could not finish (the reason in `error`); then what the person decided.
 */
export const ImproveState = z.enum(['running', 'ready', 'blocked', 'nothing', 'failed', 'cancelled', 'accepted', 'rejected']);
export type ImproveState = z.infer<typeof ImproveState>;

/** One improvement as `.nova/improve/<runId>.json` keeps it. */
export const ImproveRecord = z.strictObject({
  runId: z.string().min(1),
  state: ImproveState,
  goal: z.string().min(1),
  scope: z.array(z.string().min(1)).min(1),
  target: ImproveTarget,
  startedAt: z.number(),
  endedAt: z.number().optional(),
  report: ImproveReport.optional(),
  error: z.string().optional(),
  /** After Accept: the change set the worktree's diff became in the working tree. */
  changeSetId: z.string().optional(),
  /** After Reject: whether the branch (and its worktree) were kept for inspection. */
  keptBranch: z.boolean().optional(),
});
export type ImproveRecord = z.infer<typeof ImproveRecord>;
