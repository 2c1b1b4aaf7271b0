/**
 * What a gate is given and what it returns. The loop (loop.ts) runs the gates in order
 * (`gateNames`), records each returned GateRecord in the trace and the report as it is, and offers
 * the change only when every gate passed. A gate never throws for a failing project: a test run
 * that fails is a `failed` record, one that cannot run is `error`; only a cancelled run rejects.
 */
import type { ChangeProposal } from '../contracts';
import type { Team } from '../agents/team';
import type { ModelClient } from '../model/client';
import type { RunResult } from '../orchestrator/result';
import type { CommandPolicy } from '../tools/commandPolicy';
import type { GateName, GateRecord } from './record';
import type { ImproveSettings } from './settings';

/** An agent activation inside the improve run's own trace (under the gate's phase span). */
export interface StageInput {
  readonly agent: string;
  readonly contract: string;
  readonly payload: unknown;
  /** Why the agent is handed this, as a handoff's reason reads ("review gate: the worktree's diff"). */
  readonly reason: string;
}

/** The model the team plays with: the person's choice, the same for every stage and eval. */
export interface ImproveModel {
  readonly client: ModelClient;
  readonly defaultModel: string;
  readonly override?: string;
}

export interface GateContext {
  /** The worktree's folder that corresponds to the workspace folder (the worktree's root when the folder is the repository's root). */
  readonly root: string;
  /** The commit the worktree started from. */
  readonly base: string;
  /** Paths the change touches, relative to `root`, `/` separators, sorted. */
  readonly changedPaths: readonly string[];
  /** The change as a proposal, built from the worktree's real diff against `base` (not from what an agent said it did). */
  readonly proposal: ChangeProposal;
  readonly settings: ImproveSettings;
  /** Commands the person allowed (the test gate's command goes through it like any command). */
  readonly commands: CommandPolicy;
  /** False in Restricted Mode: no command runs, so the test gate is `error`. */
  readonly trusted: boolean;
  readonly signal: AbortSignal;
  readonly model: ImproveModel;
  /** Runs one agent in the improve run's trace and returns the run's result (the reviewer for the review gate). */
  runAgent(input: StageInput): Promise<RunResult>;
  /** Loads the team as it is in `folder` (the worktree after the change, or `checkoutBase`'s before it), for the eval replay. */
  loadTeam(folder: string): Promise<Team>;
  /** A detached checkout of `base` (the team and code before the change), removed by `dispose`. */
  checkoutBase(): Promise<{ readonly root: string; dispose(): Promise<void> }>;
  /** Where a gate keeps a whole log (`tests.log`), absolute; the record names it relative to the workspace folder. */
  readonly logFolder: string;
}

/** A gate: what it checks, given the change, as its own record. */
export interface Gate {
  readonly name: GateName;
  run(context: GateContext): Promise<GateRecord>;
}
