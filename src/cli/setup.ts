import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { loadTeam } from '../core/agents/load';
import type { TeamLoad } from '../core/agents/team';
import { createWorkspaceTools } from '../core/tools/registry';
import { UsageError } from './usage';

/** The shipped agents: beside the bundle (dist/cli.js → agents/), or from the compiled tree in development. */
export function shippedAgentsFolder(): string {
  const candidates = [process.env.NOVA_AGENTS_DIR, path.join(__dirname, '..', 'agents'), path.join(__dirname, '..', '..', '..', 'agents')];
  const found = candidates.find((candidate): candidate is string => candidate !== undefined && existsSync(path.join(candidate, 'concierge.md')));
  if (!found) throw new Error('Nova\'s agent files were not found next to the program; set NOVA_AGENTS_DIR to the folder that holds concierge.md.');
  return found;
}

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
