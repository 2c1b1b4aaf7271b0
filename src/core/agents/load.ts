import * as path from 'node:path';
import type { WorkspaceAgentPolicy } from './consent';
import { listWorkspaceAgentFiles, readShippedAgents, readWorkspaceAgents } from './files';
import type { AgentLoadProblem } from './spec';
import { readConstitution } from './constitution';
import { assembleTeam, Team, type TeamLoad } from './team';

/** Where a team's workspace agents come from, and what the person allowed them. */
export interface WorkspaceAgents extends WorkspaceAgentPolicy {
  readonly folder: string;
}

/**
 * Loads the team for a workspace: Nova's shipped agents from `shippedFolder`, then the workspace's
 * `.claude/agents` and `.nova/agents` (workspace files override shipped agents of the same name),
 * within what `workspace`'s policy allows, and the workspace's constitution (`.nova/constitution.md`).
 * Without `workspace`, the shipped team alone; in Restricted Mode, without the workspace's files
 * and without its constitution.
 */
export async function loadTeam(options: { readonly shippedFolder: string; readonly workspace?: WorkspaceAgents; readonly toolNames: Iterable<string> }): Promise<TeamLoad> {
  const shipped = await readShippedAgents(path.resolve(options.shippedFolder));
  if (shipped.length === 0) throw new Error(`No agent files in ${options.shippedFolder}: Nova's installation is incomplete.`);
  const knownTools = new Set(options.toolNames);
  const { workspace } = options;
  if (!workspace) return assembleTeam(shipped, [], knownTools, { trusted: true, acceptedFiles: [], allowedEndpoints: [] });
  if (!workspace.trusted) {
    // Not even read: an untrusted workspace's files are no input to the team at all.
    const files = await listWorkspaceAgentFiles(workspace.folder);
    const load = assembleTeam(shipped, [], knownTools, workspace);
    return files.length === 0 ? load : { ...load, problems: [restrictedModeProblem(files)] };
  }
  const [read, rules] = await Promise.all([readWorkspaceAgents(workspace.folder), readConstitution(workspace.folder)]);
  const load = assembleTeam(shipped, read.sources, knownTools, workspace);
  const team = rules.constitution ? new Team(load.team.agents, rules.constitution) : load.team;
  return { ...load, team, problems: [...rules.problems, ...read.problems, ...load.problems] };
}

function restrictedModeProblem(files: readonly string[]): AgentLoadProblem {
  const shown = files.length > 3 ? `${files.slice(0, 3).join(', ')} and ${files.length - 3} more` : files.join(', ');
  return {
    path: files[0]?.split('/').slice(0, 2).join('/') ?? '.nova/agents',
    severity: 'error',
    message: `Restricted Mode: no workspace agent file is loaded (${files.length}: ${shown}); the shipped team runs. Trust this workspace to use them.`,
  };
}
