/**
 * The team as the server runs it for a workspace: loaded under what the session says the person
 * allowed (trust, accepted agent files, allowed endpoints), so a run and nova/agents.list always
 * agree on who is in the team and what waits for the person.
 */
import { loadTeam } from '../core/agents/load';
import { shippedAgentsFolder } from '../core/agents/shippedFolder';
import { describeProblem, provenanceOf } from '../core/agents/spec';
import type { TeamLoad } from '../core/agents/team';
import { createWorkspaceTools } from '../core/tools/registry';
import type { AgentsListResult } from '../protocol/agents';
import type { ServerSession } from './session';

/** Loads the workspace's team under the session's agent policy. */
export function loadSessionTeam(folder: string | undefined, session: ServerSession): Promise<TeamLoad> {
  return loadTeam({
    shippedFolder: shippedAgentsFolder(),
    ...(folder ? { workspace: { folder, ...session.agentPolicy } } : {}),
    toolNames: createWorkspaceTools().names(),
  });
}

/** nova/agents.list's answer: the team with provenance, and what waits for the person. */
export async function listSessionAgents(folder: string | undefined, session: ServerSession): Promise<AgentsListResult> {
  const { team, problems, pending, pendingEndpoints } = await loadSessionTeam(folder, session);
  return {
    agents: team.agents.map((agent) => ({ name: agent.name, role: agent.role, owns: [...agent.owns], advises: [...agent.advises], provenance: provenanceOf(agent) })),
    pending: pending.map((file) => ({ ...file, reasons: [...file.reasons] })),
    pendingEndpoints: [...pendingEndpoints],
    problems: problems.map(describeProblem),
  };
}
