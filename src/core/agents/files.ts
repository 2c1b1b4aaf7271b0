/**
 * Finds and reads agent files. Shipped agents come from Nova's own folder; workspace agents are
 * untrusted data and are reached only through the workspace sandbox (every symbolic link resolved
 * and required to stay inside the workspace) and read with `readAgentFileSafely`. A file that fails
 * any check becomes a load problem naming it; it never stops the others from loading.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { nodeWorkspaceFiles } from '../host/nodeFiles';
import { WorkspaceSandbox } from '../workspace/sandbox';
import { readAgentFileSafely } from './fileRead';
import type { AgentSource } from './parse';
import type { AgentLoadProblem, AgentOrigin } from './spec';

/** The agent files found in a set of folders, and the files that could not be read. */
export interface AgentFolderRead {
  readonly sources: readonly AgentSource[];
  readonly problems: readonly AgentLoadProblem[];
}

/** The workspace's agent folders, in override order: .claude/agents, then .nova/agents. */
export const workspaceAgentFolders: readonly { readonly relative: string; readonly origin: Exclude<AgentOrigin, 'shipped'> }[] = [
  { relative: '.claude/agents', origin: 'claude' },
  { relative: '.nova/agents', origin: 'workspace' },
];

/** The `*.md` names in a folder, sorted; a missing folder (or a path that is no folder) has none. */
async function markdownNames(folder: string): Promise<string[]> {
  try {
    return (await fs.readdir(folder)).filter((name) => name.endsWith('.md')).sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw error;
  }
}

/** Nova's shipped agents: every `*.md` in its folder, read with the same checks as any other. */
export async function readShippedAgents(folder: string): Promise<AgentSource[]> {
  const sources: AgentSource[] = [];
  for (const name of await markdownNames(folder)) {
    const file = path.join(folder, name);
    const read = await readAgentFileSafely(await fs.realpath(file));
    if (!read.ok) throw new Error(`Nova's shipped agent file ${file} ${read.message}: Nova's installation is damaged.`);
    sources.push({ path: file, file: `agents/${name}`, origin: 'shipped', text: read.text, sha256: read.sha256 });
  }
  return sources;
}

/** The workspace-relative paths of the agent files a workspace has, without reading any of them (folders outside it are not listed). */
export async function listWorkspaceAgentFiles(workspaceFolder: string): Promise<string[]> {
  const sandbox = await WorkspaceSandbox.create([workspaceFolder], nodeWorkspaceFiles);
  const found: string[] = [];
  for (const { relative } of workspaceAgentFolders) {
    const folder = await sandbox.resolve(relative);
    if (!folder.ok) continue;
    for (const name of await markdownNames(folder.path)) found.push(`${relative}/${name}`);
  }
  return found;
}

/** Reads the workspace's agent files through the sandbox; each refused or unreadable file is a problem. */
export async function readWorkspaceAgents(workspaceFolder: string): Promise<AgentFolderRead> {
  const sandbox = await WorkspaceSandbox.create([workspaceFolder], nodeWorkspaceFiles);
  const sources: AgentSource[] = [];
  const problems: AgentLoadProblem[] = [];
  const problem = (file: string, message: string) => problems.push({ path: file, message, severity: 'error' });
  for (const { relative: folder, origin } of workspaceAgentFolders) {
    const resolvedFolder = await sandbox.resolve(folder);
    if (!resolvedFolder.ok) {
      problem(folder, `is not read: ${resolvedFolder.reason}`);
      continue;
    }
    for (const name of await markdownNames(resolvedFolder.path)) {
      const file = `${folder}/${name}`;
      const resolved = await sandbox.resolve(file);
      if (!resolved.ok) {
        problem(file, `is not read: ${resolved.reason}`);
        continue;
      }
      const read = await readAgentFileSafely(resolved.path);
      if (!read.ok) {
        problem(file, read.message);
        continue;
      }
      sources.push({ path: resolved.path, file, origin, text: read.text, sha256: read.sha256 });
    }
  }
  return { sources, problems };
}
