/**
 * One recorded eval replayed: an Orchestrator run of the eval's task with the person's model over a
 * checkout (the base's, or the worktree's) and the team as it is there. Read-only: the run's
 * proposals are values in its result, stored nowhere; commands run only from the allowlist, since a
 * replay never stops to ask the person.
 */
import type { Team } from '../../agents/team';
import { nodeWorkspaceFiles } from '../../host/nodeFiles';
import { Orchestrator } from '../../orchestrator/run';
import { createWorkspaceTools } from '../../tools/registry';
import { WorkspaceSandbox } from '../../workspace/sandbox';
import { judgeOutcome, type LoadedEval } from '../evals';
import type { GateContext } from '../gate';

/** How one replay went: whether it met the expected outcome (as a table cell reads it) and what it cost. */
export interface Replay {
  readonly met: boolean;
  readonly shown: string;
  readonly tokens: number;
  readonly usd: number;
}

/** Replays `loaded` with `team` over `folder`. Rejects only when the gate is cancelled. */
export async function replayEval(context: Pick<GateContext, 'model' | 'commands' | 'trusted' | 'signal'>, folder: string, team: Team, loaded: LoadedEval): Promise<Replay> {
  const { task, expect } = loaded.eval;
  const orchestrator = new Orchestrator({
    team,
    model: context.model.client,
    defaultModel: context.model.defaultModel,
    ...(context.model.override ? { modelOverride: context.model.override } : {}),
    tools: createWorkspaceTools(),
    sandbox: await WorkspaceSandbox.create([folder], nodeWorkspaceFiles),
    commands: { allowlist: context.commands.allowlist, ...(context.commands.timeoutMs !== undefined ? { timeoutMs: context.commands.timeoutMs } : {}) },
    trusted: context.trusted,
  });
  try {
    const result = await orchestrator.run({ text: task.text, ...(task.files ? { files: task.files } : {}), ...(task.agent ? { agent: task.agent } : {}) }, { signal: context.signal });
    context.signal.throwIfAborted();
    return { ...judgeOutcome(expect, result), tokens: result.usage.tokens, usd: result.usage.costUsd };
  } catch (error) {
    context.signal.throwIfAborted();
    // The request could not start with this team (say, the addressed agent is gone): the outcome is missed.
    return { met: false, shown: `missed: could not start (${(error as Error).message})`, tokens: 0, usd: 0 };
  }
}
