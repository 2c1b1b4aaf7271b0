import type { Team } from '../agents/team';
import type { ModelClient } from '../model/client';
import type { CommandPolicy } from '../tools/commandPolicy';
import type { ToolRegistry } from '../tools/registry';
import type { WorkspaceSandbox } from '../workspace/sandbox';
import type { TraceRecorder } from '../trace/recorder';
import type { DecisionRecord } from '../contracts/decision';
import type { RunEvents } from './events';
import type { Governor } from './governor';
import type { AskPerson } from './personAnswer';
import type { Artifact } from './result';

/** The team's rules for contracts and disagreements. */
export interface TeamPolicy {
  /** How often a malformed result or handoff is bounced back before the branch stops. */
  readonly maxBounces: number;
  /** Rounds in which the owner answers dissent before the arbiter is asked. */
  readonly ownerRounds: number;
}

export const defaultPolicy: TeamPolicy = { maxBounces: 2, ownerRounds: 1 };

/** Everything the activations of one run share. */
export interface RunContext {
  readonly runId: string;
  readonly team: Team;
  readonly model: ModelClient;
  readonly defaultModel: string;
  /** The person's model for every agent; beats the agent file's `model:`. */
  readonly modelOverride?: string;
  readonly tools: ToolRegistry;
  readonly sandbox: WorkspaceSandbox;
  readonly commands: CommandPolicy;
  readonly trusted: boolean;
  readonly trace: TraceRecorder;
  readonly events: RunEvents;
  readonly governor: Governor;
  readonly policy: TeamPolicy;
  readonly signal: AbortSignal;
  readonly artifacts: Artifact[];
  readonly decisions: DecisionRecord[];
  /** Puts an escalation to the person and waits for the answer; absent: an escalation ends the run. */
  readonly askPerson?: AskPerson;
  /** Stops the run's wall clock while it waits for the person; call the returned function to restart it. */
  readonly pauseWallClock: () => () => void;
  /** The run's write guard (an improve run's protection): why a ChangeProposal may not name a path; absent: only the built-in rules. */
  readonly protectedPath?: ProtectedPathGuard;
}

/**
 * Why a run may not change a path (workspace-relative, `/` separators), as a person reads it, or
 * `undefined` when it may. It is on top of the built-in protected paths the contract checks anyway.
 */
export type ProtectedPathGuard = (path: string) => string | undefined;
