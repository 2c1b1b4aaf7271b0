import { describeProvenance } from '../core/contracts/provenance';
import { describeProblem, provenanceOf, type AgentSpec } from '../core/agents/spec';
import { defaultAnthropicModel, readModelField } from '../core/model/aliases';
import { loadWorkspaceTeam, workspaceFolder, type AgentAllowances } from './setup';
import type { TerminalOutput } from './terminalOutput';

/**
 * `nova agents`: the loaded team — a line per agent (role, owned decisions, provenance) and an
 * indented one with its tools and the model it would call with a key — then what failed to load,
 * what loaded with changes, and what waits for the person. The constitution, when the workspace
 * has one, is named with its hash: the rules every agent's prompt carries.
 */
export async function agentsCommand(options: { workspace?: string | undefined; model?: string | undefined } & AgentAllowances, out: TerminalOutput): Promise<number> {
  const folder = workspaceFolder(options.workspace);
  const { team, problems, pending, pendingEndpoints } = await loadWorkspaceTeam(folder, options);
  const named = readModelField(options.model, true);
  const override = named.kind === 'id' ? named.id : undefined;
  const rows = team.agents.map((agent) => {
    const provenance = provenanceOf(agent);
    return [agent.name, agent.role, agent.owns.join(', ') || '—', provenance.origin === 'shipped' ? `shipped: ${provenance.file}` : describeProvenance(provenance)];
  });
  const header = ['agent', 'role', 'owns', 'source'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)));
  const line = (cells: readonly string[]) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  out.write(`${line(header)}\n`);
  team.agents.forEach((agent, index) => out.write(`${line(rows[index] ?? [])}\n    tools: ${agent.tools.join(', ') || 'none'} · model: ${modelOf(agent, override)}\n`));
  const { constitution } = team;
  if (constitution) out.write(`constitution: ${constitution.path} (${constitution.bytes.toLocaleString('en-US')} bytes, sha256 ${constitution.sha256.slice(0, 12)}…), in every agent's prompt\n`);
  for (const problem of problems) out.write(`${problem.severity === 'error' ? 'not loaded' : 'warning'}: ${describeProblem(problem)}\n`);
  if (pending.length > 0) {
    out.write('\nWorkspace agent files waiting for your acceptance (each flag accepts the file as it is now; a changed file asks again):\n');
    for (const file of pending) out.write(`  ${file.path} (${file.name}, sha256 ${file.sha256.slice(0, 12)}…): ${file.reasons.join('; ')}\n    accept: --accept-agent ${file.path}\n`);
  }
  if (pendingEndpoints.length > 0) {
    out.write('\nAgent files that would send your API key to their own endpoint:\n');
    for (const endpoint of pendingEndpoints) out.write(`  ${endpoint.path} (${endpoint.name}): ${endpoint.baseURL}\n    allow: --allow-endpoint ${endpoint.baseURL}\n`);
  }
  return problems.some((problem) => problem.severity === 'error') ? 1 : 0;
}

/** The model an agent calls with a key, and why: the person's choice, its file's, or the team's default. */
function modelOf(agent: AgentSpec, override: string | undefined): string {
  if (override) return `${override} (--model, for every agent)`;
  return agent.model ? `${agent.model} (its file)` : `${defaultAnthropicModel} (the team's default)`;
}
