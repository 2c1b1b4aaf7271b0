/**
 * Finds and reads agent files. Shipped agents come from Nova's own folder; workspace agents are
 * untrusted data and are reached only through the workspace sandbox (every symbolic link resolved
 * and required to stay inside the workspace) and read with `readAgentFileSafely`. A file that fails
 * any check becomes a load problem naming it; it never stops the others from loading.
 */
import { promises as fs, type Dirent } from 'node:fs';
import * as path from 'node:path';
import { mapInParallel } from '../mapInParallel';
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

/**
 * The workspace's agent folders, in override order: .claude/agents, then .nova/agents. Claude Code
 * reads subfolders of .claude/agents too, so Nova does; .nova/agents is flat.
 */
export const workspaceAgentFolders: readonly { readonly relative: string; readonly origin: Exclude<AgentOrigin, 'shipped'>; readonly subfolders: boolean }[] = [
  { relative: '.claude/agents', origin: 'claude', subfolders: true },
  { relative: '.nova/agents', origin: 'workspace', subfolders: false },
];

/** How deep subfolders are read, and how many agent files one folder tree may bring: more is no agent collection, it is a trap. */
export const agentFolderLimits = { depth: 8, files: 2_000 } as const;

/** The `*.md` names in a folder, sorted; a missing folder (or a path that is no folder) has none. */
async function markdownNames(folder: string): Promise<string[]> {
  return (await folderEntries(folder)).filter((entry) => entry.name.endsWith('.md')).map((entry) => entry.name).sort();
}

async function folderEntries(folder: string): Promise<Dirent[]> {
  try {
    return await fs.readdir(folder, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw error;
  }
}

/**
 * The workspace-relative paths of the `*.md` files under an agent folder, sorted. Each subfolder is
 * resolved through the sandbox first (a link that leaves the workspace is a problem, not a path),
 * each real folder is read once (a link loop ends), and the limits bound what a hostile tree costs.
 */
async function agentFilePaths(sandbox: WorkspaceSandbox, relative: string, subfolders: boolean, problems: AgentLoadProblem[]): Promise<string[]> {
  const found: string[] = [];
  const visited = new Set<string>();
  let full = false;
  const visit = async (folder: string, depth: number): Promise<void> => {
    const resolved = await sandbox.resolve(folder);
    if (!resolved.ok) {
      problems.push({ path: folder, severity: 'error', message: `is not read: ${resolved.reason}` });
      return;
    }
    if (visited.has(resolved.path)) return;
    visited.add(resolved.path);
    // Code-unit order, as for shipped files: the same on every machine, whatever its locale.
    const entries = (await folderEntries(resolved.path)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const child = `${folder}/${entry.name}`;
      if (entry.name.endsWith('.md') && !entry.isDirectory()) {
        if (found.length === agentFolderLimits.files) {
          if (!full) problems.push({ path: relative, severity: 'error', message: `holds more than ${agentFolderLimits.files.toLocaleString('en-US')} agent files; the rest are not read` });
          full = true;
          return;
        }
        found.push(child);
      } else if (subfolders && (entry.isDirectory() || entry.isSymbolicLink()) && (await isFolder(path.join(resolved.path, entry.name)))) {
        if (depth === agentFolderLimits.depth) problems.push({ path: child, severity: 'error', message: `is not read: agent folders are read ${agentFolderLimits.depth} levels deep` });
        else await visit(child, depth + 1);
      }
      if (full) return;
    }
  };
  const top = await sandbox.resolve(relative);
  if (!top.ok) {
    problems.push({ path: relative, severity: 'error', message: `is not read: ${top.reason}` });
    return [];
  }
  if (!(await isFolder(top.path))) return [];
  await visit(relative, 0);
  return found;
}

async function isFolder(at: string): Promise<boolean> {
  return fs.stat(at).then((stats) => stats.isDirectory(), () => false);
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
  for (const { relative, subfolders } of workspaceAgentFolders) found.push(...(await agentFilePaths(sandbox, relative, subfolders, [])));
  return found;
}

/** Reads the workspace's agent files through the sandbox; each refused or unreadable file is a problem. */
export async function readWorkspaceAgents(workspaceFolder: string): Promise<AgentFolderRead> {
  const sandbox = await WorkspaceSandbox.create([workspaceFolder], nodeWorkspaceFiles);
  const found: { file: string; origin: Exclude<AgentOrigin, 'shipped'> }[] = [];
  const problems: AgentLoadProblem[] = [];
  for (const { relative: folder, origin, subfolders } of workspaceAgentFolders) {
    for (const file of await agentFilePaths(sandbox, folder, subfolders, problems)) found.push({ file, origin });
  }
  const reads = await mapInParallel(found, async ({ file, origin }): Promise<AgentSource | AgentLoadProblem> => {
    const resolved = await sandbox.resolve(file);
    if (!resolved.ok) return { path: file, severity: 'error', message: `is not read: ${resolved.reason}` };
    const read = await readAgentFileSafely(resolved.path);
    return read.ok ? { path: resolved.path, file, origin, text: read.text, sha256: read.sha256 } : { path: file, severity: 'error', message: read.message };
  });
  const sources = reads.filter((read): read is AgentSource => 'text' in read);
  return { sources, problems: [...problems, ...reads.filter((read): read is AgentLoadProblem => !('text' in read))] };
}
