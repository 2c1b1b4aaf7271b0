import { describeProvenance } from '../core/contracts/provenance';
import { describeProblem, provenanceOf } from '../core/agents/spec';
import { loadWorkspaceTeam, workspaceFolder, type AgentAllowances } from './setup';
import type { TerminalOutput } from './terminalOutput';

/** `nova agents`: the loaded team with each agent's provenance, what failed to load, and what waits for the person. */
export async function agentsCommand(options: { workspace?: string | undefined } & AgentAllowances, out: TerminalOutput): Promise<number> {
  const folder = workspaceFolder(options.workspace);
  const { team, problems, pending, pendingEndpoints } = await loadWorkspaceTeam(folder, options);
  const rows = team.agents.map((agent) => {
    const provenance = provenanceOf(agent);
    return [agent.name, agent.role, agent.owns.join(', ') || '—', provenance.origin === 'shipped' ? `shipped: ${provenance.file}` : describeProvenance(provenance)];
  });
  const header = ['agent', 'role', 'owns', 'source'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)));
  const line = (cells: readonly string[]) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  out.write(`${line(header)}\n${rows.map(line).join('\n')}\n`);
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
