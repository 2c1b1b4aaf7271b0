import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { AgentSource } from './parse';
import type { AgentOrigin } from './spec';

/** Reads every `*.md` in a folder as agent sources, sorted by name; a missing folder has none. */
export async function readAgentFolder(folder: string, origin: AgentOrigin): Promise<AgentSource[]> {
  let names: string[];
  try {
    names = (await fs.readdir(folder)).filter((name) => name.endsWith('.md')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return Promise.all(
    names.map(async (name) => {
      const file = path.join(folder, name);
      return { path: file, text: await fs.readFile(file, 'utf8'), origin };
    }),
  );
}

/** The workspace's agent folders, in override order: .claude/agents, then .nova/agents. */
export async function readWorkspaceAgents(workspaceFolder: string): Promise<AgentSource[]> {
  return [
    ...(await readAgentFolder(path.join(workspaceFolder, '.claude', 'agents'), 'claude')),
    ...(await readAgentFolder(path.join(workspaceFolder, '.nova', 'agents'), 'workspace')),
  ];
}
