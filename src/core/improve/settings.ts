/**
 * The person's settings for the improve loop (VS Code `nova.improve.*`, `nova improve` flags). They
 * configure the gates; no agent can change them (the gates' configuration is a protected path, and
 * these values never come from a model).
 */
export interface ImproveSettings {
  /** The project's test command, run in the worktree (`npm test`); none: the test gate is skipped and the report says tests were not run. */
  readonly testCommand?: string;
  /** The test command's time limit; past it the gate is `error` and its output so far is the evidence. */
  readonly testTimeoutMs: number;
  /** The reviewer's verdict passes only as `approve` with at least this confidence (0..1). */
  readonly reviewerMinConfidence: number;
  /** How much more an evaluation may cost after an agent-definition change than before (0.1 = 10 %) before the replay gate blocks it. */
  readonly evalCostTolerance: number;
  /** The person's own protected globs (workspace-relative), on top of the built-in ones. */
  readonly protectedPaths: readonly string[];
}

export const defaultImproveSettings: ImproveSettings = {
  testTimeoutMs: 10 * 60_000,
  reviewerMinConfidence: 0.7,
  evalCostTolerance: 0.1,
  protectedPaths: [],
};
