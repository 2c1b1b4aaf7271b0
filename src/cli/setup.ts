import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { loadTeam } from '../core/agents/load';
import { shippedAgentsFolder } from '../core/agents/shippedFolder';
import type { TeamLoad } from '../core/agents/team';
import { createWorkspaceTools } from '../core/tools/registry';
import { UsageError } from './usage';

/** The workspace folder a command works on; a missing or non-folder path is a usage error. */
export function workspaceFolder(option: string | undefined): string {
  const folder = path.resolve(option ?? process.cwd());
  if (!existsSync(folder)) throw new UsageError(`No such folder: ${folder}`);
  if (!statSync(folder).isDirectory()) throw new UsageError(`Not a folder: ${folder}`);
  return folder;
}

export function loadWorkspaceTeam(folder: string): Promise<TeamLoad> {
  return loadTeam({ shippedFolder: shippedAgentsFolder(), workspaceFolder: folder, toolNames: createWorkspaceTools().names() });
}
