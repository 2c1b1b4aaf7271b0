/**
 * Which changed paths are the team's own definitions: the workspace's agent files
 * (`.nova/agents/**`, `.claude/agents/**`) and, when the workspace is Nova's own repository, the
 * shipped agents it builds (`agents/*.md`). A change to any of them changes how the team behaves,
 * so the evals gate replays the recorded tasks.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';

const workspaceAgentFiles = picomatch(['.nova/agents/**', '.claude/agents/**'], { dot: true });
const shippedAgentFiles = picomatch('agents/*.md');

/**
 * Nova's own repository: its package.json is named `nova` and it holds the shipped front door,
 * `agents/concierge.md` (what shippedAgentsFolder looks for) — so a project that merely has an
 * `agents/` folder of its own is not mistaken for it.
 */
export async function isNovaRepository(root: string): Promise<boolean> {
  const manifest = await fs.readFile(path.join(root, 'package.json'), 'utf8').catch(() => undefined);
  if (manifest === undefined) return false;
  let name: unknown;
  try {
    name = (JSON.parse(manifest) as { name?: unknown }).name;
  } catch {
    return false;
  }
  return name === 'nova' && (await fs.stat(path.join(root, 'agents', 'concierge.md')).catch(() => undefined))?.isFile() === true;
}

/** The changed paths (relative to `root`, `/` separators) that are agent definitions, in their order. */
export async function changedAgentDefinitions(root: string, changedPaths: readonly string[]): Promise<string[]> {
  const shipped = changedPaths.some((changed) => shippedAgentFiles(changed)) && (await isNovaRepository(root));
  return changedPaths.filter((changed) => workspaceAgentFiles(changed) || (shipped && shippedAgentFiles(changed)));
}
