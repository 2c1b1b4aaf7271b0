/** A real team and workspace for orchestrator tests: the shipped agents, real tools, a temp folder. */
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadTeam } from '../../src/core/agents/load';
import type { Team } from '../../src/core/agents/team';
import { nodeWorkspaceFiles } from '../../src/core/host/nodeFiles';
import type { ModelClient } from '../../src/core/model/client';
import { Orchestrator, type OrchestratorOptions } from '../../src/core/orchestrator/run';
import { createWorkspaceTools } from '../../src/core/tools/registry';
import { WorkspaceSandbox } from '../../src/core/workspace/sandbox';
import { InMemorySpanProcessor } from '../../src/core/trace/memory';
import { repoRoot } from '../../tools/paths';

export const shippedAgents = path.join(repoRoot, 'agents');

export async function shippedTeam(): Promise<Team> {
  const { team, problems } = await loadTeam({ shippedFolder: shippedAgents, toolNames: createWorkspaceTools().names() });
  if (problems.length > 0) throw new Error(problems.map((p) => p.message).join('\n'));
  return team;
}

/** A temp workspace with the given files; removed by the returned cleanup. */
export async function tempWorkspace(files: Record<string, string> = {}): Promise<{ folder: string; cleanup: () => Promise<void> }> {
  const folder = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'nova-ws-')));
  for (const [name, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(folder, name)), { recursive: true });
    await fs.writeFile(path.join(folder, name), text);
  }
  return { folder, cleanup: () => fs.rm(folder, { recursive: true, force: true }) };
}

/** An orchestrator over a real team, real tools and a sandbox on `folder`, recording spans in memory. */
export async function teamOrchestrator(
  model: ModelClient,
  folder: string,
  overrides: Partial<OrchestratorOptions> = {},
): Promise<{ orchestrator: Orchestrator; spans: InMemorySpanProcessor }> {
  const spans = new InMemorySpanProcessor();
  const orchestrator = new Orchestrator({
    team: await shippedTeam(),
    model,
    defaultModel: 'claude-sonnet-5-5',
    tools: createWorkspaceTools(),
    sandbox: await WorkspaceSandbox.create([folder], nodeWorkspaceFiles),
    processors: [spans],
    ...overrides,
  });
  return { orchestrator, spans };
}
