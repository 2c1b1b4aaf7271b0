import * as path from 'node:path';
import { readAgentFolder, readWorkspaceAgents } from './files';
import { assembleTeam, type TeamLoad } from './team';

/**
 * Loads the team for a workspace: Nova's shipped agents from `shippedFolder`, then the workspace's
 * `.claude/agents` and `.nova/agents` (workspace files override shipped agents of the same name).
 */
export async function loadTeam(options: { readonly shippedFolder: string; readonly workspaceFolder?: string; readonly toolNames: Iterable<string> }): Promise<TeamLoad> {
  const shipped = await readAgentFolder(path.resolve(options.shippedFolder), 'shipped');
  if (shipped.length === 0) throw new Error(`No agent files in ${options.shippedFolder}: Nova's installation is incomplete.`);
  const workspace = options.workspaceFolder ? await readWorkspaceAgents(options.workspaceFolder) : [];
  return assembleTeam(shipped, workspace, new Set(options.toolNames));
}
